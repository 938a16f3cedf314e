/* fsync_probe: what a durable write costs on this disk, for comparison with jiceng's POST.
 *
 *   fsync_probe DIR [SECONDS]
 *
 * 1. raw:    append 4 KiB to a file in DIR and fdatasync(), in a loop (one writer);
 * 2. sqlite: one connection, WAL, synchronous=FULL, autocommit INSERT of a ~300-byte row,
 *            in a loop — the floor for a single-row durable commit through SQLite.
 * Each prints one line:  FSYNC_RESULT <name> <ops/s> <p50 µs> <p99 µs>
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES 1000000

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, double *lat, size_t n, double elapsed_us)
{
	if (!n) {
		printf("FSYNC_RESULT %s 0 0 0\n", name);
		return;
	}
	qsort(lat, n, sizeof(*lat), cmp_double);
	printf("FSYNC_RESULT %s %.1f %.0f %.0f\n", name, (double)n / (elapsed_us / 1e6),
	       lat[n / 2], lat[(size_t)((double)n * 0.99)]);
}

static int raw(const char *dir, double seconds, double *lat)
{
	char path[4096], block[4096];
	double start, t0, end;
	size_t n = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/fsync-probe.dat", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
	if (fd < 0) {
		fprintf(stderr, "fsync_probe: %s: %s\n", path, strerror(errno));
		return -1;
	}
	memset(block, 'x', sizeof(block));
	start = now_us();
	end = start + seconds * 1e6;
	while (n < MAX_SAMPLES && (t0 = now_us()) < end) {
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block) || fdatasync(fd)) {
			fprintf(stderr, "fsync_probe: write: %s\n", strerror(errno));
			close(fd);
			return -1;
		}
		lat[n++] = now_us() - t0;
	}
	report("raw-fdatasync-4k", lat, n, now_us() - start);
	close(fd);
	unlink(path);
	return 0;
}

static int sqlite(const char *dir, double seconds, double *lat)
{
	char path[4096], wal[4200], shm[4200], pad[257];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	double start, t0, end;
	size_t n = 0;
	int ret = -1;

	snprintf(path, sizeof(path), "%s/fsync-probe.db", dir);
	unlink(path);
	memset(pad, 'p', 256);
	pad[256] = '\0';
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			     "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v TEXT);"
			     "CREATE INDEX t_k ON t(k);", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (k, v) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fsync_probe: sqlite: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	start = now_us();
	end = start + seconds * 1e6;
	while (n < MAX_SAMPLES && (t0 = now_us()) < end) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(n * 7919 % 100003));
		sqlite3_bind_text(st, 2, pad, 256, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "fsync_probe: sqlite: %s\n", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(st);
		lat[n++] = now_us() - t0;
	}
	report("sqlite-wal-full-insert", lat, n, now_us() - start);
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	unlink(path);
	unlink(wal);
	unlink(shm);
	return ret;
}

int main(int argc, char **argv)
{
	double seconds = argc > 2 ? atof(argv[2]) : 2.0;
	double *lat;
	int ret;

	if (argc < 2 || seconds <= 0) {
		fprintf(stderr, "usage: fsync_probe DIR [SECONDS]\n");
		return 2;
	}
	lat = malloc(sizeof(*lat) * MAX_SAMPLES);
	if (!lat)
		return 1;
	ret = raw(argv[1], seconds, lat) || sqlite(argv[1], seconds, lat);
	free(lat);
	return ret;
}
