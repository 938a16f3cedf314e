/* server: libmicrohttpd glue only. Builds a request_ctx per request (its arena
 * is created on the first access-handler call and freed in the completion
 * callback), hands it to route_dispatch(), and sends what the handler left. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include <errno.h>
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

#include "core/xmalloc.h"
#include "http/request.h"
#include "http/route.h"
#include "http/server.h"

struct server_config server_config = {
	.listen = "127.0.0.1:8080",
	.db_url = "sqlite:var/jiceng.db",
	.threads = 2,
	.json_max = 1u << 20,
	.import_max = 32u << 20,
	.session_idle_s = 30 * 60,
	.session_max_s = 12 * 3600,
	.public_per_minute = 120,
};

struct conn_state {
	struct request_ctx ctx;
	struct buf body;
	size_t body_max;
	int too_large;
	int dispatched;
	struct timespec start;
};

/* One connection per worker thread; all are closed when the daemon stops. */
static _Thread_local struct db *thread_db;
static _Atomic int in_flight; /* requests between first call and completion */
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
	if (!ctx->conn)
		return NULL;
	return MHD_lookup_connection_value(ctx->conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct request_ctx *ctx = cls;
	struct query_arg *args;

	if (!key)
		return MHD_YES;
	/* arena arrays cannot grow in place: copy into one twice the size */
	if ((ctx->nargs & (ctx->nargs - 1)) == 0) {
		args = arena_alloc(ctx->a, sizeof(*args) * (ctx->nargs ? ctx->nargs * 2 : 4));
		if (ctx->nargs)
			memcpy(args, ctx->args, sizeof(*args) * ctx->nargs);
		ctx->args = args;
	}
	ctx->args[ctx->nargs].key = arena_strdup(ctx->a, key);
	ctx->args[ctx->nargs].value = arena_strdup(ctx->a, value ? value : "");
	ctx->nargs++;
	return MHD_YES;
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

static void add_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
				" frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct conn_state *st)
{
	struct request_ctx *ctx = &st->ctx;
	struct MHD_Response *r;
	enum MHD_Result ret;
	int i;

	if (ctx->static_body)
		r = MHD_create_response_from_buffer(ctx->static_len, (void *)ctx->static_body,
						    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(ctx->out.len, ctx->out.ptr,
						    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	add_security_headers(r);
	if (ctx->content_type)
		MHD_add_response_header(r, "Content-Type", ctx->content_type);
	for (i = 0; i < ctx->nheaders; i++)
		MHD_add_response_header(r, ctx->headers[i].name, ctx->headers[i].value);
	if (!strncmp(ctx->path, "/api/", 5))
		MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, (unsigned)ctx->status, r);
	MHD_destroy_response(r);
	return ret;
}

static int is_import(const char *url)
{
	size_t n = strlen(url);

	return n > 7 && !strcmp(url + n - 7, "/import");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct conn_state *st = *con_cls;
	struct buf err = BUF_INIT;

	if (!st) {
		const char *cl;

		st = xcalloc(1, sizeof(*st));
		atomic_fetch_add(&in_flight, 1);
		clock_gettime(CLOCK_MONOTONIC, &st->start);
		st->ctx.a = arena_new();
		st->ctx.method = arena_strdup(st->ctx.a, method);
		st->ctx.path = arena_strdup(st->ctx.a, url);
		st->ctx.conn = conn;
		buf_init(&st->ctx.out, 0);
		st->body_max = is_import(url) ? server_config.import_max : server_config.json_max;
		buf_init(&st->body, st->body_max);
		client_ip(conn, &st->ctx);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > st->body_max)
			st->too_large = 1;
		*con_cls = st;
		/* replying now would send Connection: close (libmicrohttpd quirk), so
		 * even body-less requests are answered on the next call */
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large) {
			buf_add(&st->body, upload_data, *upload_size);
			if (st->body.err)
				st->too_large = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->dispatched)
		return MHD_YES;
	st->dispatched = 1;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &st->ctx);
	st->ctx.body = st->body.ptr;
	st->ctx.body_len = st->body.len;
	if (st->too_large) {
		reply_error(&st->ctx, 413, "too_large", "请求内容超过大小上限", NULL);
	} else if (!(st->ctx.db = worker_db(&err))) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		reply_error(&st->ctx, 500, "internal", "数据库暂时不可用", NULL);
	} else {
		if (!strcmp(method, "GET"))
			db_snapshot_begin(st->ctx.db);
		route_dispatch(&st->ctx);
		db_snapshot_end(st->ctx.db);
	}
	buf_release(&err);
	return send_reply(conn, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;
	struct timespec end;
	double ms;

	if (!st)
		return;
	if (!server_config.quiet && st->dispatched) {
		char now[32];
		time_t t = time(NULL);
		struct tm tm;

		clock_gettime(CLOCK_MONOTONIC, &end);
		ms = (double)(end.tv_sec - st->start.tv_sec) * 1e3 +
		     (double)(end.tv_nsec - st->start.tv_nsec) / 1e6;
		gmtime_r(&t, &tm);
		strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
		fprintf(stderr,
			"{\"t\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,\"ms\":%.2f,"
			"\"user\":\"%s\",\"ip\":\"%s\"}\n",
			now, st->ctx.method, st->ctx.path, st->ctx.status, ms,
			st->ctx.log_user ? st->ctx.log_user : "-", st->ctx.ip);
	}
	buf_release(&st->body);
	buf_release(&st->ctx.out);
	arena_free(st->ctx.a);
	free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
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

	if (parse_listen(server_config.listen, &sa)) {
		fprintf(stderr, "jiceng: 监听地址无效: %s（应为 地址:端口）\n", server_config.listen);
		return 2;
	}
	/* every request allocates and frees the same few blocks: keep the heap
	 * instead of returning it to the kernel and faulting it in again */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit the mask */
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
			     on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)server_config.threads,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "jiceng: 无法在 %s 上监听: %s\n", server_config.listen, strerror(errno));
		return 1;
	}
	fprintf(stderr, "jiceng: 服务已启动 http://%s/\n", server_config.listen);
	sigwait(&set, &sig);
	fprintf(stderr, "jiceng: 收到信号 %d，正在停止（完成进行中的请求）\n", sig);
	/* stop accepting, let in-flight requests finish (up to 10 s), then stop */
	MHD_quiesce_daemon(d);
	for (waited = 0; waited < 100 && atomic_load(&in_flight) > 0; waited++)
		usleep(100 * 1000);
	MHD_stop_daemon(d);
	for (i = 0; i < nr_dbs; i++)
		db_close(all_dbs[i]);
	free(all_dbs);
	fprintf(stderr, "jiceng: 已停止\n");
	return 0;
}
