/* server: libmicrohttpd glue only. A request is judged on its headers first —
 * route, session, CSRF, role and body size (route.c) — and refused then,
 * before a byte of its body is read; only an admitted request's body is
 * received (into memory, or a temporary file for uploads), then the handler
 * runs and its reply is sent. Connections have deadlines (conn_guard.c) and a
 * per-address limit; every message is a JSON line (core/log.c). */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdatomic.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/xmalloc.h"
#include "http/conn_guard.h"
#include "http/query.h"
#include "http/request.h"
#include "http/route.h"
#include "http/server.h"
#include "http/upload.h"
#include "schema/module.h"

struct server_config server_config = {
	.listen = "127.0.0.1:8080",
	.db_url = "sqlite:var/jiceng.db",
	.threads = 2,
	.json_max = 1u << 20,
	.import_max = 32u << 20,
	.session_idle_s = 30 * 60,
	.session_max_s = 12 * 3600,
	.max_conns = 1000,
	.max_conns_per_ip = 64,
	.header_timeout_s = 10,
	.body_timeout_s = 30,
	.body_min_rate = 64u << 10,
	.tmp_dir = NULL,
	/* an import accepted before the signal is worth finishing: well beyond
	 * the longest one seen, and within systemd's 90 s before SIGKILL */
	.shutdown_grace_s = 80,
	.public_per_minute = 120,
};

/* A refused request's body up to this size is read and dropped before the
 * answer; a larger one is answered at once and the connection closed. */
#define DRAIN_MAX ((unsigned long long)64 << 20)

/* A request from its URI (on_uri) to its completion. */
struct conn_state {
	struct request_ctx ctx;
	struct upload body;
	const char *query;     /* the raw query string, decoded by query.c */
	size_t query_len;
	int has_body;          /* Content-Length > 0 or chunked */
	unsigned long long declared; /* Content-Length; ULLONG_MAX when chunked */
	unsigned long long received; /* body bytes that arrived, kept or not */
	int judged;            /* the header checks ran */
	int refused;           /* they queued an error in ctx */
	int dispatched;
	struct timespec start;
};

/* One connection per worker thread; all are closed when the daemon stops. */
static _Thread_local struct db *thread_db;
static _Atomic int in_flight; /* requests between first call and completion */
static atomic_int big_freed;  /* a large body was freed since the last trim */
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **all_dbs;
static size_t nr_dbs, alloc_dbs;

static struct db *worker_db(struct buf *err)
{
	if (thread_db)
		return thread_db;
	if (db_open(server_config.db_url, &thread_db, err))
		return NULL;
	pthread_mutex_lock(&dbs_lock);
	ALLOC_GROW(all_dbs, nr_dbs + 1, alloc_dbs);
	all_dbs[nr_dbs++] = thread_db;
	pthread_mutex_unlock(&dbs_lock);
	return thread_db;
}

const char *request_header(const struct request_ctx *ctx, const char *name)
{
	int i;

	if (ctx->conn)
		return MHD_lookup_connection_value(ctx->conn, MHD_HEADER_KIND, name);
	for (i = 0; i < ctx->nin_headers; i++)
		if (!strcasecmp(ctx->in_headers[i].name, name))
			return ctx->in_headers[i].value;
	return NULL;
}

static void client_ip(struct MHD_Connection *conn, struct request_ctx *ctx)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "";

	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  ip, sizeof(ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				  ip, sizeof(ip));
	}
	ctx->ip = arena_strdup(ctx->a, ip);
}

void server_add_headers(void *response)
{
	struct MHD_Response *r = response;

	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
				" frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
}

static struct guard *guard_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* How long an answer of `len` bytes may take to leave, or a body to arrive. */
static double transfer_deadline(size_t len)
{
	return (double)server_config.body_timeout_s +
	       (double)len / (double)(server_config.body_min_rate ? server_config.body_min_rate : 1);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct conn_state *st)
{
	struct request_ctx *ctx = &st->ctx;
	struct MHD_Response *r;
	enum MHD_Result ret;
	int i;

	/* a refusal or failure while the database was away is the database's,
	 * not the request's: 503, to be retried (safely, with an Idempotency-Key) */
	if (ctx->db && ctx->db->lost && ctx->status >= 400 && ctx->status != 503) {
		log_warn("数据库连接中断，答复 503 (%s %s, 原为 %d)", ctx->method, ctx->path,
			 ctx->status);
		ctx->static_body = NULL;
		reply_error(ctx, 503, "internal",
			    "数据库暂时不可用，请求没有完成；请稍后重试（带 Idempotency-Key 的写入可放心重试）",
			    NULL);
		reply_header(ctx, "Retry-After", "1");
	}
	if (ctx->static_body)
		r = MHD_create_response_from_buffer(ctx->static_len, (void *)ctx->static_body,
						    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(ctx->out.len, ctx->out.ptr,
						    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	server_add_headers(r);
	if (ctx->content_type)
		MHD_add_response_header(r, "Content-Type", ctx->content_type);
	for (i = 0; i < ctx->nheaders; i++)
		MHD_add_response_header(r, ctx->headers[i].name, ctx->headers[i].value);
	if (!strncmp(ctx->path, "/api/", 5) || ctx->status >= 400)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	/* how long to keep reusing this connection: half the header deadline, so
	 * that a client's next request has the other half to arrive (and a busy
	 * worker to read it) before the deadline ends the connection; a client
	 * that knows opens a new one rather than writing into one being closed */
	MHD_add_response_header(r, "Keep-Alive",
				arena_printf(ctx->a, "timeout=%d", server_config.header_timeout_s > 2
						 ? server_config.header_timeout_s / 2 : 1));
	if (ctx->out.cap > (256u << 10))
		atomic_store(&big_freed, 1);
	buf_release(&ctx->out); /* copied into the response */
	conn_guard_phase(guard_of(conn), GUARD_SENDING,
			 transfer_deadline(ctx->static_body ? ctx->static_len : 0));
	ret = MHD_queue_response(conn, (unsigned)ctx->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The URI as libmicrohttpd read it, before it splits the query: the raw query
 * is kept here and libmicrohttpd is left none to parse. Its own parser puts
 * each argument in the connection's fixed memory pool; when that runs out
 * (a few hundred arguments) 0.9.75 queues an error and then overwrites the
 * connection's state, so the request hangs unanswered. The byte after '?'
 * lies in libmicrohttpd's writable read buffer, which it cuts at '?' itself. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct conn_state *st = xcalloc(1, sizeof(*st));
	char *q = strchr(uri, '?');

	(void)cls;
	st->ctx.a = arena_new();
	st->body.fd = -1;
	if (q) {
		st->query_len = strlen(q + 1);
		st->query = arena_strndup(st->ctx.a, q + 1, st->query_len);
		q[1] = '\0';
	}
	atomic_fetch_add(&in_flight, 1);
	return st;
}

/* The checks made from the headers alone; 0 to go on and read the body, -1
 * with the refusal in ctx. */
static int judge_headers(struct MHD_Connection *conn, struct conn_state *st)
{
	struct request_ctx *ctx = &st->ctx;
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
	unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
	struct buf err = BUF_INIT;
	const char *bad = NULL;
	size_t max;
	int ret = -1;

	st->has_body = declared > 0 || (te && strcasecmp(te, "identity"));
	st->declared = te && strcasecmp(te, "identity") ? ULLONG_MAX : declared;
	switch (query_parse(ctx->a, st->query ? st->query : "", st->query_len, QUERY_MAX_ARGS,
			    &ctx->args, &ctx->nargs, &bad)) {
	case QUERY_OK:
		break;
	case QUERY_TOO_MANY:
		reply_error(ctx, 400, "bad_request",
			    arena_printf(ctx->a, "查询参数过多（最多 %d 个）", QUERY_MAX_ARGS), NULL);
		goto out;
	case QUERY_BAD_UTF8:
		reply_error(ctx, 400, "bad_request",
			    bad ? arena_printf(ctx->a, "查询参数 %s 的值不是有效的 UTF-8 文本", bad)
				: "查询参数不是有效的 UTF-8 文本",
			    bad ? json_pack("{s:s}", bad, "不是有效的 UTF-8 文本") : NULL);
		goto out;
	}
	if ((ctx->db = worker_db(&err)))
		ctx->db->lost = 0;
	if (!ctx->db) {
		log_error("数据库连接失败: %s", err.ptr);
		reply_error(ctx, 503, "internal", "数据库暂时不可用", NULL);
		goto out;
	}
	route_find(ctx);
	if (route_admit(ctx))
		goto out;
	max = route_body_max(ctx);
	if (st->has_body && declared > max) {
		reply_error(ctx, 413, "too_large",
			    max ? arena_printf(ctx->a, "请求内容超过大小上限（%zu KB）", max >> 10)
				: "该请求不接受请求内容",
			    NULL);
		goto out;
	}
	if (upload_init(&st->body, max, ctx->route && (ctx->route->flags & ROUTE_UPLOAD),
			server_config.tmp_dir, &err)) {
		log_error("%s", err.ptr);
		reply_error(ctx, 500, "internal", "服务器暂时无法接收文件", NULL);
		goto out;
	}
	ret = 0;
out:
	buf_release(&err);
	return ret;
}

static void run_request(struct conn_state *st)
{
	struct request_ctx *ctx = &st->ctx;
	struct buf err = BUF_INIT;

	if (st->body.too_large) {
		reply_error(ctx, 413, "too_large", "请求内容超过大小上限", NULL);
	} else if (upload_finish(&st->body, &ctx->body, &ctx->body_len, &err)) {
		log_error("%s", err.ptr);
		reply_error(ctx, 500, "internal", "服务器暂时无法接收文件", NULL);
	} else {
		if (!strcmp(ctx->method, "GET"))
			db_snapshot_begin(ctx->db);
		route_run(ctx);
		db_snapshot_end(ctx->db);
	}
	buf_release(&err);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct conn_state *st = *con_cls;

	if (!st) /* no URI callback ran: cannot happen, but never crash on it */
		*con_cls = st = on_uri(NULL, url, conn);
	if (!st->judged) {
		st->judged = 1;
		clock_gettime(CLOCK_MONOTONIC, &st->start);
		st->ctx.method = arena_strdup(st->ctx.a, method);
		st->ctx.path = arena_strdup(st->ctx.a, url);
		st->ctx.conn = conn;
		buf_init(&st->ctx.out, 0);
		client_ip(conn, &st->ctx);
		st->refused = judge_headers(conn, st) != 0;
		if (st->refused && st->has_body && st->declared > DRAIN_MAX) {
			/* answered now, before the body: libmicrohttpd then closes the
			 * connection instead of reading what we refused */
			st->dispatched = 1;
			return send_reply(conn, st);
		}
		/* a refused body of a sane size is read and dropped, never kept, so
		 * that the client (which may be sending it already) gets the answer */
		if (st->has_body)
			conn_guard_phase(guard_of(conn), GUARD_BODY,
					 transfer_deadline((size_t)st->declared));
		/* replying now would send Connection: close (libmicrohttpd quirk), so
		 * body-less requests are answered on the next call */
		return MHD_YES;
	}
	if (*upload_size) {
		st->received += *upload_size;
		if (!st->refused)
			upload_add(&st->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->dispatched)
		return MHD_YES;
	st->dispatched = 1;
	conn_guard_phase(guard_of(conn), GUARD_BUSY, 0);
	if (!st->refused)
		run_request(st);
	return send_reply(conn, st);
}

static void access_log(struct conn_state *st)
{
	struct timespec end;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - st->start.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - st->start.tv_nsec) / 1e6;
	log_line("info",
		 json_pack("{s:s, s:s, s:i, s:f, s:s, s:s}", "method", st->ctx.method, "path",
			   st->ctx.path, "status", st->ctx.status, "ms", (double)(long)(ms * 100) / 100,
			   "user", st->ctx.log_user ? st->ctx.log_user : "-", "ip", st->ctx.ip),
		 "request");
}

/* A request whose headers arrived but that ended before it was answered: the
 * client went away, its connection broke or ran out of time, or the server
 * stopped. (One whose headers never arrived is libmicrohttpd's to log.) */
static void unanswered_log(struct conn_state *st, enum MHD_RequestTerminationCode toe)
{
	static const char *const why[] = {
		[MHD_REQUEST_TERMINATED_WITH_ERROR] = "error",
		[MHD_REQUEST_TERMINATED_TIMEOUT_REACHED] = "timeout",
		[MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN] = "shutdown",
		[MHD_REQUEST_TERMINATED_READ_ERROR] = "read_error",
		[MHD_REQUEST_TERMINATED_CLIENT_ABORT] = "client_abort",
	};
	const char *reason = (unsigned)toe < sizeof(why) / sizeof(why[0]) && why[toe] ? why[toe]
										     : "other";

	log_line("info", json_pack("{s:s?, s:s?, s:s, s:I, s:s}", "method", st->ctx.method,
				   "path", st->ctx.path, "reason", reason,
				   "received", (json_int_t)st->received, "ip", st->ctx.ip ? st->ctx.ip : "-"),
		 "request unanswered");
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;

	if (!st)
		return;
	if (!server_config.quiet && st->dispatched)
		access_log(st);
	else if (!server_config.quiet && st->judged && toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		unanswered_log(st, toe);
	if (st->body.len > (256u << 10))
		atomic_store(&big_freed, 1);
	upload_release(&st->body);
	buf_release(&st->ctx.out);
	arena_free(st->ctx.a);
	free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
	conn_guard_phase(guard_of(conn), GUARD_HEADERS, server_config.header_timeout_s);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		*socket_context = ci ? conn_guard_open(ci->connect_fd,
						       server_config.header_timeout_s) : NULL;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conn_guard_close(*socket_context);
		*socket_context = NULL;
	}
}

/* After a burst of large bodies, gives the freed memory back to the system
 * once the server is quiet (glibc keeps freed heap for reuse otherwise). */
static void trim_when_idle(void)
{
	if (atomic_load(&in_flight) == 0 && atomic_exchange(&big_freed, 0))
		malloc_trim(0);
}

/* libmicrohttpd's own messages, as JSON lines like everything else we print. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	buf_vaddf(&msg, fmt, ap);
	while (msg.len && msg.ptr[msg.len - 1] == '\n')
		msg.ptr[--msg.len] = '\0';
	log_line("warn", json_pack("{s:s}", "source", "libmicrohttpd"), "%s", msg.ptr);
	buf_release(&msg);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	long port;
	char *end;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port <= 0 || port > 65535)
		return -1;
	if (!*host || !strcmp(host, "*"))
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!strcmp(host, "localhost"))
		sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	sa->sin_port = htons((unsigned short)port);
	return 0;
}

int server_run(void)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig = 0;
	size_t i;
	unsigned waited;

	if (!server_config.tmp_dir)
		server_config.tmp_dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
									 : "/tmp";
	if (parse_listen(server_config.listen, &sa)) {
		log_error("监听地址无效: %s（应为 地址:端口）", server_config.listen);
		return 2;
	}
	/* small blocks stay in the heap for the next request; anything of a
	 * body's size is its own mapping, returned to the system when freed */
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit the mask */
	signal(SIGPIPE, SIG_IGN);
	if (conn_guard_start(trim_when_idle)) {
		log_error("无法启动连接监视线程");
		return 1;
	}
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
			     NULL, NULL, on_request, NULL,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)server_config.threads,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
			     /* libmicrohttpd's idle timeout backs the guard's deadlines up */
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)(server_config.header_timeout_s + server_config.body_timeout_s),
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)server_config.max_conns,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)server_config.max_conns_per_ip,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64u << 10),
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
			     MHD_OPTION_END);
	if (!d) {
		log_error("无法在 %s 上监听: %s", server_config.listen, strerror(errno));
		conn_guard_stop();
		return 1;
	}
	log_line("info", json_pack("{s:s}", "listen", server_config.listen),
		 "服务已启动 http://%s/", server_config.listen);
	sigwait(&set, &sig);
	log_line("info", json_pack("{s:i, s:i}", "signal", sig, "in_flight", atomic_load(&in_flight)),
		 "收到信号，正在停止（完成进行中的请求）");
	/* stop accepting; requests in flight finish and are answered (an import
	 * may take a minute), for at most the grace; then stop */
	MHD_quiesce_daemon(d);
	for (waited = 0; waited < (unsigned)server_config.shutdown_grace_s * 10 &&
			 atomic_load(&in_flight) > 0; waited++)
		usleep(100 * 1000);
	if (atomic_load(&in_flight) > 0)
		log_line("warn", json_pack("{s:i}", "in_flight", atomic_load(&in_flight)),
			 "停止等待已超过 %d 秒，仍在接收内容的请求将被中断",
			 server_config.shutdown_grace_s);
	MHD_stop_daemon(d);
	conn_guard_stop();
	for (i = 0; i < nr_dbs; i++)
		db_close(all_dbs[i]);
	free(all_dbs);
	log_line("info", NULL, "已停止");
	return 0;
}
