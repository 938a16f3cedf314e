/* conn_guard: the deadline list and the thread that enforces it. The thread
 * never closes a socket — libmicrohttpd owns it — but shuts it down, after
 * which libmicrohttpd reads end-of-file and closes the connection itself.
 * The list's mutex is held both while shutting down and while a closing
 * connection leaves the list, so a socket number is never used after
 * libmicrohttpd has closed (and maybe reused) it. */
#include "http/conn_guard.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "core/clock.h"
#include "core/xmalloc.h"

#define TICK_NS (250 * 1000 * 1000L)

struct guard {
	int fd;
	enum guard_phase phase;
	double deadline;   /* CLOCK_MONOTONIC seconds; 0 = none */
	int reaped;
	struct guard *prev, *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct guard *head;
static pthread_t thread;
static int running, stopping;
static void (*tick_fn)(void);
static atomic_ulong reaped_total;

static void reap_expired(void)
{
	double t = clock_monotonic_s();
	struct guard *g;

	pthread_mutex_lock(&lock);
	for (g = head; g; g = g->next) {
		if (g->reaped || !g->deadline || g->deadline > t || g->phase == GUARD_BUSY)
			continue;
		shutdown(g->fd, SHUT_RDWR);
		g->reaped = 1;
		atomic_fetch_add(&reaped_total, 1);
	}
	pthread_mutex_unlock(&lock);
}

static void *watch(void *unused)
{
	struct timespec ts;

	(void)unused;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += TICK_NS;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&wake, &lock, &ts);
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		reap_expired();
		if (tick_fn)
			tick_fn();
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int conn_guard_start(void (*tick)(void))
{
	tick_fn = tick;
	stopping = 0;
	if (pthread_create(&thread, NULL, watch, NULL))
		return -1;
	running = 1;
	return 0;
}

void conn_guard_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = 0;
}

struct guard *conn_guard_open(int fd, double header_deadline_s)
{
	struct guard *g = xcalloc(1, sizeof(*g));

	g->fd = fd;
	g->phase = GUARD_HEADERS;
	g->deadline = clock_monotonic_s() + header_deadline_s;
	pthread_mutex_lock(&lock);
	g->next = head;
	if (head)
		head->prev = g;
	head = g;
	pthread_mutex_unlock(&lock);
	return g;
}

void conn_guard_close(struct guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&lock);
	if (g->prev)
		g->prev->next = g->next;
	else
		head = g->next;
	if (g->next)
		g->next->prev = g->prev;
	pthread_mutex_unlock(&lock);
	free(g);
}

void conn_guard_phase(struct guard *g, enum guard_phase phase, double seconds)
{
	double deadline = phase == GUARD_BUSY ? 0 : clock_monotonic_s() + seconds;

	if (!g)
		return;
	pthread_mutex_lock(&lock);
	g->phase = phase;
	g->deadline = deadline;
	pthread_mutex_unlock(&lock);
}

unsigned long conn_guard_reaped(void)
{
	return atomic_load(&reaped_total);
}
