/* mhd_errors: libmicrohttpd's own error answers as the contract's JSON.
 *
 * libmicrohttpd 0.9.75 (Debian 12) answers some requests itself, before any
 * handler sees them — a request line or headers too big for the connection's
 * memory (414, 431), a malformed request or Content-Length (400, 413), an
 * unsupported HTTP version (505) — with fixed HTML bodies and no way to
 * replace them. It queues those answers through its exported
 * MHD_queue_response(), and calls it through the symbol table, so this
 * binary's definition below is the one it calls: an error answer without a
 * Content-Type (ours always have one) is replaced by the JSON error of API.md
 * before the real function queues it. tests/api/18-bad-requests checks each
 * kind on the wire, so a library that stopped calling through here would be
 * noticed. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include <dlfcn.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "http/server.h"

typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int,
				    struct MHD_Response *);

static const struct {
	unsigned status;
	const char *message;
} library_errors[] = {
	{ 400, "请求格式不正确" },
	{ 413, "请求内容超过大小上限" },
	{ 414, "请求地址过长" },
	{ 431, "请求头过大" },
	{ 500, "服务器内部错误" },
	{ 505, "不支持该 HTTP 版本" },
};

#define NERRORS (sizeof(library_errors) / sizeof(library_errors[0]))

static queue_fn real_queue;
static char *bodies[NERRORS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
	size_t i;

	real_queue = (queue_fn)dlsym(RTLD_NEXT, "MHD_queue_response");
	for (i = 0; i < NERRORS; i++) {
		unsigned s = library_errors[i].status;
		json_t *e = json_pack("{s:{s:s, s:s}}", "error", "code",
				      reply_code_for(s == 505 ? 400 : (int)s), "message",
				      library_errors[i].message);

		bodies[i] = json_dumps(e, JSON_COMPACT);
		json_decref(e);
	}
}

static const char *body_for(unsigned status)
{
	size_t i;

	for (i = 0; i < NERRORS; i++)
		if (library_errors[i].status == status)
			return bodies[i];
	return bodies[0];
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *conn, unsigned int status,
				   struct MHD_Response *r)
{
	struct MHD_Response *json;
	const char *body;
	enum MHD_Result ret;

	pthread_once(&once, init);
	if (!real_queue)
		abort(); /* the library is not linked: nothing could be served */
	if (status < 400 || !r || MHD_get_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE))
		return real_queue(conn, status, r);
	body = body_for(status);
	json = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
	if (!json)
		return real_queue(conn, status, r);
	server_add_headers(json);
	MHD_add_response_header(json, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json; charset=utf-8");
	MHD_add_response_header(json, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ret = real_queue(conn, status, json);
	MHD_destroy_response(json);
	return ret;
}
