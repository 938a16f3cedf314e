/* checkpoint: the background WAL checkpointer of `jiceng serve` (see checkpoint.h). */
#include "store/checkpoint.h"

#include <pthread.h>
#include <stdatomic.h>

/* SQLite's own threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT) */
#define CHECKPOINT_PAGES 1000

static atomic_int enabled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static int pending, started;
static sqlite3 *own; /* the thread's connection, open for the process's life */

void checkpoint_background(void)
{
	atomic_store(&enabled, 1);
}

static void *checkpointer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (!pending)
			pthread_cond_wait(&wake, &lock);
		pending = 0;
		pthread_mutex_unlock(&lock);
		/* PASSIVE copies what no reader still needs and waits for nobody;
		 * what it leaves is copied by a later round */
		sqlite3_wal_checkpoint_v2(own, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return NULL;
}

/* Runs in the committing connection, after its commit: a signal, no I/O. */
static int wal_grew(void *arg, sqlite3 *h, const char *db, int pages)
{
	(void)arg;
	(void)h;
	(void)db;
	if (pages >= CHECKPOINT_PAGES) {
		pthread_mutex_lock(&lock);
		pending = 1;
		pthread_cond_signal(&wake);
		pthread_mutex_unlock(&lock);
	}
	return SQLITE_OK;
}

int checkpoint_attach(sqlite3 *h, const char *path)
{
	int rc = SQLITE_OK;

	if (!atomic_load(&enabled))
		return SQLITE_OK;
	pthread_mutex_lock(&lock);
	if (!started) {
		pthread_t t;

		rc = sqlite3_open_v2(path, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(own, 1000);
			if (pthread_create(&t, NULL, checkpointer, NULL) == 0) {
				pthread_detach(t);
				started = 1;
			} else {
				rc = SQLITE_ERROR;
			}
		}
		if (rc != SQLITE_OK) {
			sqlite3_close_v2(own);
			own = NULL;
		}
	}
	pthread_mutex_unlock(&lock);
	if (rc == SQLITE_OK)
		sqlite3_wal_hook(h, wal_grew, NULL);
	return rc;
}
