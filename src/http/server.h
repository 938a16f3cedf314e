/* server: the libmicrohttpd daemon — request lifecycle, per-worker database
 * connections, connection limits and deadlines, security headers, access log,
 * graceful shutdown. */
#ifndef JICENG_SERVER_H
#define JICENG_SERVER_H

#include <stddef.h>

struct server_config {
	const char *listen;       /* "127.0.0.1:8080" */
	const char *db_url;
	int threads;              /* worker threads in the epoll pool */
	int secure_cookies;       /* Secure + __Host- cookie (TLS in front) */
	int trust_proxy;          /* X-Forwarded-Proto names the scheme of our origin */
	size_t json_max;          /* request body limit for JSON, bytes */
	size_t import_max;        /* request body limit for imports (a temporary file) */
	int session_idle_s;
	int session_max_s;
	int quiet;                /* no access log */
	unsigned max_conns;       /* connections at once, all addresses */
	unsigned max_conns_per_ip; /* connections at once from one address; 0 = no limit */
	int header_timeout_s;     /* a request's headers must arrive within this */
	int body_timeout_s;       /* a body (or an answer) gets this ... */
	size_t body_min_rate;     /* ... plus one second per this many bytes */
	const char *tmp_dir;      /* upload files; NULL: $TMPDIR or /tmp */
	int shutdown_grace_s;     /* on SIGTERM, how long requests in flight may take to finish */
	int public_per_minute;    /* requests a client address may make to public routes a minute; 0 = no limit */
};

extern struct server_config server_config;

/* Runs until SIGTERM/SIGINT; returns the process exit status. */
int server_run(void);
/* Adds the security headers every answer carries to a struct MHD_Response. */
void server_add_headers(void *response);

#endif
