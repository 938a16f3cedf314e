/* bare_mhd: the baseline of `make bench` — libmicrohttpd answering every request with the
 * same 300-byte JSON, in the configuration jiceng uses (epoll, internal thread pool), so
 * that jiceng's figures can be read as a fraction of what the HTTP layer alone can do.
 *
 *   bare_mhd PORT [THREADS]      serves 127.0.0.1:PORT until SIGINT/SIGTERM
 */
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char body[301];
static struct MHD_Response *reply;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	static int first_call_marker;

	(void)cls; (void)url; (void)method; (void)version; (void)upload_data;
	/* queuing on the first call (headers only) would send Connection: close */
	if (!*con_cls) {
		*con_cls = &first_call_marker;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, reply);
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig, n, port = argc > 1 ? atoi(argv[1]) : 0;
	unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : 2;

	if (port <= 0 || port > 65535 || threads < 1) {
		fprintf(stderr, "usage: bare_mhd PORT [THREADS]\n");
		return 2;
	}
	/* 300 bytes of JSON, shaped like a small record */
	n = snprintf(body, sizeof(body),
		     "{\"id\":123456,\"name\":\"bench\",\"gender\":\"female\",\"id_number\":"
		     "\"522726********0023\",\"birth_date\":\"1980-01-01\",\"phone\":\"139****0000\","
		     "\"education\":\"senior\",\"political_status\":\"masses\",\"division_code\":"
		     "\"522726111200\",\"version\":1,\"notes\":\"");
	while (n < 298)
		body[n++] = 'x';
	memcpy(body + n, "\"}", 3);
	reply = MHD_create_response_from_buffer(300, body, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(reply, "Content-Type", "application/json; charset=utf-8");

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, NULL, NULL,
			     on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bare_mhd: cannot listen on 127.0.0.1:%d\n", port);
		return 1;
	}
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(reply);
	return 0;
}
