/* group_sync: one WAL fsync for every commit that waited on it (see
 * group_sync.h). One process-wide counter, like the write lock in
 * db_sqlite.c: a server opens one SQLite database. */
#include "store/group_sync.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t synced_cond = PTHREAD_COND_INITIALIZER;
static unsigned long long written; /* commits numbered so far */
static unsigned long long synced;  /* every commit up to this one is on disk */
static int syncing;                /* a thread is inside xSync */

unsigned long long group_sync_committed(void)
{
	unsigned long long seq;

	pthread_mutex_lock(&lock);
	seq = ++written;
	pthread_mutex_unlock(&lock);
	return seq;
}

/* xSync of the WAL that connection h writes: the file SQLite's VFS opened. */
static int sync_wal(sqlite3 *h)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods)
		return SQLITE_IOERR_FSYNC;
	return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
}

int group_sync_wait(sqlite3 *h, unsigned long long seq)
{
	int rc = SQLITE_OK;

	pthread_mutex_lock(&lock);
	while (synced < seq) {
		unsigned long long target;

		if (syncing) {
			pthread_cond_wait(&synced_cond, &lock);
			continue;
		}
		/* lead: one sync covers every commit written before it starts */
		syncing = 1;
		target = written;
		pthread_mutex_unlock(&lock);
		rc = sync_wal(h);
		pthread_mutex_lock(&lock);
		syncing = 0;
		if (rc == SQLITE_OK && target > synced)
			synced = target;
		pthread_cond_broadcast(&synced_cond);
		if (rc != SQLITE_OK)
			break;
	}
	pthread_mutex_unlock(&lock);
	return rc;
}
