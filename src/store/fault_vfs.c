/* fault_vfs: a shim over SQLite's default VFS that fails chosen writes (full
 * disk, I/O error) and simulates a power cut at a chosen sync, keeping an undo
 * log of every write not yet synced so that the cut loses exactly those. */
#include "store/fault_vfs.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real; /* the default VFS's file, allocated right after this struct */
	char *path;         /* NULL for temporary files (never synced durably) */
};

/* What a write or a truncation replaced, to be put back if the power fails
 * before the file's next sync. */
struct undo {
	struct undo *prev;
	char *path;
	sqlite3_int64 off;    /* old bytes went here */
	void *old;
	size_t n;
	sqlite3_int64 size;   /* the file's size before the change */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_methods;
static long long write_at, write_every, power_at;
static int write_rc = SQLITE_FULL;
static atomic_llong writes, syncs;
static pthread_mutex_t undo_lock = PTHREAD_MUTEX_INITIALIZER;
static struct undo *undo_top;

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct fault_file *)f)->real;
}

static int write_fails(long long n)
{
	if (!write_at || n < write_at)
		return 0;
	if (n == write_at)
		return 1;
	return write_every > 0 && (n - write_at) % write_every == 0;
}

/* Remembers what [off, off+n) of the file holds now (and its size). */
static void remember(struct fault_file *ff, sqlite3_int64 off, sqlite3_int64 n)
{
	struct undo *u;
	sqlite3_int64 size = 0, keep;

	if (!power_at || !ff->path)
		return;
	ff->real->pMethods->xFileSize(ff->real, &size);
	u = xcalloc(1, sizeof(*u));
	u->path = xstrdup(ff->path);
	u->off = off;
	u->size = size;
	keep = off < size ? (off + n < size ? n : size - off) : 0;
	if (keep > 0) {
		u->old = xmalloc((size_t)keep);
		if (ff->real->pMethods->xRead(ff->real, u->old, (int)keep, off) != SQLITE_OK)
			memset(u->old, 0, (size_t)keep);
		u->n = (size_t)keep;
	}
	pthread_mutex_lock(&undo_lock);
	u->prev = undo_top;
	undo_top = u;
	pthread_mutex_unlock(&undo_lock);
}

/* A sync made the file's changes durable: they are no longer undone. */
static void forget(const char *path)
{
	struct undo **p, *u;

	pthread_mutex_lock(&undo_lock);
	for (p = &undo_top; (u = *p);) {
		if (!strcmp(u->path, path)) {
			*p = u->prev;
			free(u->old);
			free(u->path);
			free(u);
		} else
			p = &u->prev;
	}
	pthread_mutex_unlock(&undo_lock);
}

/* The power fails: every unsynced change is undone, newest first, straight
 * on the files, and the process dies as a machine would. */
static void power_cut(void)
{
	struct undo *u;
	int fd;

	pthread_mutex_lock(&undo_lock);
	for (u = undo_top; u; u = u->prev) {
		fd = open(u->path, O_WRONLY);
		if (fd < 0)
			continue;
		if (u->n && pwrite(fd, u->old, u->n, (off_t)u->off) < 0) {
			/* nothing more can be done on the way down */
		}
		if (ftruncate(fd, (off_t)u->size)) {
			/* idem */
		}
		close(fd);
	}
	raise(SIGKILL);
	pthread_mutex_unlock(&undo_lock); /* not reached */
}

static int f_close(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;
	int rc = ff->real->pMethods ? ff->real->pMethods->xClose(ff->real) : SQLITE_OK;

	free(ff->path);
	ff->path = NULL;
	return rc;
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return real_of(f)->pMethods->xRead(real_of(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	struct fault_file *ff = (struct fault_file *)f;

	if (write_fails(atomic_fetch_add(&writes, 1) + 1))
		return write_rc;
	remember(ff, off, n);
	return ff->real->pMethods->xWrite(ff->real, p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct fault_file *ff = (struct fault_file *)f;
	sqlite3_int64 now = 0;

	ff->real->pMethods->xFileSize(ff->real, &now);
	if (now > size)
		remember(ff, size, now - size);
	return ff->real->pMethods->xTruncate(ff->real, size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	int rc;

	if (power_at && atomic_fetch_add(&syncs, 1) + 1 == power_at)
		power_cut();
	rc = ff->real->pMethods->xSync(ff->real, flags);
	if (rc == SQLITE_OK && ff->path)
		forget(ff->path);
	return rc;
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xLock(real_of(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int f_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

/* The WAL index (-shm) is shared memory, rebuilt after a crash: passed on. */
static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return real_of(f)->pMethods->xShmLock(real_of(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	real_of(f)->pMethods->xShmBarrier(real_of(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), del);
}

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->path = NULL;
	f->pMethods = NULL;
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	if (rc != SQLITE_OK)
		return rc;
	if (name && !(flags & SQLITE_OPEN_DELETEONCLOSE))
		ff->path = xstrdup(name);
	f->pMethods = &fault_methods;
	return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	forget(name);
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static long long env_ll(const char *name)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (!v || !*v)
		return 0;
	n = strtoll(v, &end, 10);
	return *end || n < 0 ? 0 : n;
}

void fault_vfs_install(void)
{
	const char *kind = getenv("JICENG_FAULT_WRITE_KIND");

	write_at = env_ll("JICENG_FAULT_WRITE_AT");
	write_every = env_ll("JICENG_FAULT_WRITE_EVERY");
	power_at = env_ll("JICENG_FAULT_POWER_AT");
	if (!write_at && !power_at)
		return;
	if (kind && !strcmp(kind, "ioerr"))
		write_rc = SQLITE_IOERR_WRITE;
	if (!(real_vfs = sqlite3_vfs_find(NULL)))
		return;
	fault_methods = (sqlite3_io_methods){
		.iVersion = 2, /* not 3: no memory-mapped reads that would bypass xRead */
		.xClose = f_close,
		.xRead = f_read,
		.xWrite = f_write,
		.xTruncate = f_truncate,
		.xSync = f_sync,
		.xFileSize = f_file_size,
		.xLock = f_lock,
		.xUnlock = f_unlock,
		.xCheckReservedLock = f_check_reserved,
		.xFileControl = f_file_control,
		.xSectorSize = f_sector_size,
		.xDeviceCharacteristics = f_device,
		.xShmMap = f_shm_map,
		.xShmLock = f_shm_lock,
		.xShmBarrier = f_shm_barrier,
		.xShmUnmap = f_shm_unmap,
	};
	fault_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname,
		.zName = "jiceng-fault",
		.xOpen = v_open,
		.xDelete = v_delete,
		.xAccess = v_access,
		.xFullPathname = v_full_pathname,
		.xDlOpen = v_dlopen,
		.xDlError = v_dlerror,
		.xDlSym = v_dlsym,
		.xDlClose = v_dlclose,
		.xRandomness = v_randomness,
		.xSleep = v_sleep,
		.xCurrentTime = v_current_time,
		.xGetLastError = v_last_error,
		.xCurrentTimeInt64 = v_current_time64,
	};
	sqlite3_vfs_register(&fault_vfs, 1);
}
