/* conn_guard: deadlines for every connection, whatever the client sends —
 * its headers, its body and the reading of our answer each have one — kept
 * by one thread that shuts down the sockets of those that pass them.
 * libmicrohttpd's own timeout only ends connections that are silent; a client
 * that sends one byte every few seconds would otherwise hold one forever. */
#ifndef JICENG_CONN_GUARD_H
#define JICENG_CONN_GUARD_H

#include <stddef.h>

struct guard;

enum guard_phase {
	GUARD_HEADERS,  /* waiting for a request's headers (also idle keep-alive) */
	GUARD_BODY,     /* receiving a request body */
	GUARD_BUSY,     /* the handler runs: no deadline */
	GUARD_SENDING,  /* the answer is being sent */
};

/* Starts the watching thread; `tick` (may be NULL) runs on it about four
 * times a second. 0, or -1 when the thread cannot start. */
int conn_guard_start(void (*tick)(void));
/* Stops the thread (connections are no longer watched). */
void conn_guard_stop(void);

/* A new connection on socket fd, in GUARD_HEADERS with the header deadline;
 * owned by the guard until conn_guard_close. */
struct guard *conn_guard_open(int fd, double header_deadline_s);
/* Forgets the connection: call before its socket is closed (libmicrohttpd's
 * MHD_CONNECTION_NOTIFY_CLOSED comes before it closes the socket). */
void conn_guard_close(struct guard *g);
/* Enters `phase` with a deadline `seconds` from now (ignored for GUARD_BUSY).
 * g may be NULL (a request without a watched connection). */
void conn_guard_phase(struct guard *g, enum guard_phase phase, double seconds);
/* Connections whose deadline passed and were shut down, since start. */
unsigned long conn_guard_reaped(void);

#endif
