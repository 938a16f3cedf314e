/* server: the libmicrohttpd daemon — request lifecycle, per-worker database
 * connections, security headers, access log, graceful shutdown. */
#ifndef JICENG_SERVER_H
#define JICENG_SERVER_H

struct server_config {
	const char *listen;       /* "127.0.0.1:8080" */
	const char *db_url;
	int threads;              /* worker threads in the epoll pool */
	int secure_cookies;
	size_t json_max;          /* request body limit for JSON, bytes */
	size_t import_max;        /* request body limit for imports */
	int session_idle_s;
	int session_max_s;
	int quiet;                /* no access log */
	int public_per_minute;    /* requests a client address may make to public routes a minute; 0 = no limit */
};

extern struct server_config server_config;

/* Runs until SIGTERM/SIGINT; returns the process exit status. */
int server_run(void);

#endif
