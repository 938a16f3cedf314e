/* db: the storage backend interface. One `struct db` is one connection (one per
 * worker thread); SQLite (db_sqlite.c) and PostgreSQL (db_pg.c) implement it.
 * SQL is written once with `?` placeholders in the subset both dialects share;
 * the PostgreSQL backend renumbers them to $1..$n. Every value is bound. */
#ifndef JICENG_DB_H
#define JICENG_DB_H

#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"

enum db_status {
	DB_OK = 0,
	DB_ERR = -1,        /* anything else; err says what */
	DB_CONSTRAINT = -2, /* a UNIQUE / CHECK / FOREIGN KEY constraint refused the change */
};

enum db_param_type { DB_PNULL, DB_PINT, DB_PTEXT };

struct db_param {
	enum db_param_type type;
	long long i;      /* DB_PINT */
	const char *s;    /* DB_PTEXT: need not be NUL-terminated */
	size_t len;       /* DB_PTEXT */
};

static inline struct db_param db_int(long long v)
{
	struct db_param p = { DB_PINT, v, NULL, 0 };
	return p;
}

/* NULL text binds SQL NULL. */
static inline struct db_param db_text(const char *s)
{
	struct db_param p = { s ? DB_PTEXT : DB_PNULL, 0, s, s ? strlen(s) : 0 };
	return p;
}

static inline struct db_param db_null(void)
{
	struct db_param p = { DB_PNULL, 0, NULL, 0 };
	return p;
}

/* Rows of a query, every cell as text (NULL for SQL NULL; integers in decimal),
 * allocated in the arena given to db_query(). */
struct db_result {
	int ncols;
	size_t nrows;
	const char **names; /* ncols column names */
	char **cells;       /* nrows * ncols, row-major */
};

static inline const char *db_cell(const struct db_result *r, size_t row, int col)
{
	return r->cells[row * (size_t)r->ncols + (size_t)col];
}

struct db;

struct db_backend {
	const char *name; /* "sqlite" or "postgresql", as /healthz reports it */
	/* target: a path for SQLite, a libpq URL for PostgreSQL */
	int (*open)(const char *target, struct db **out, struct buf *err);
	void (*close)(struct db *db);
	/* Runs a script of several statements without parameters (migrations only). */
	int (*exec_script)(struct db *db, const char *sql, struct buf *err);
	/* Prepares (once per connection, cached by SQL text), binds and runs one
	 * statement; out may be NULL when no rows are wanted. */
	int (*query)(struct db *db, struct arena *a, const char *sql,
		     const struct db_param *params, int nparams,
		     struct db_result *out, struct buf *err);
	/* write=1 takes the write lock first (SQLite: process-wide mutex + BEGIN IMMEDIATE). */
	int (*begin)(struct db *db, int write, struct buf *err);
	int (*commit)(struct db *db, struct buf *err);
	void (*rollback)(struct db *db);
	/* A read snapshot over several statements (one lock instead of one per
	 * statement); NULL where statements are cheap on their own. */
	int (*snapshot)(struct db *db, int on);
	/* SQLite online backup to a file; NULL where the backend has none. */
	int (*backup)(struct db *db, const char *path, struct buf *err);
	/* SQLite: fills this database, which must be empty, with the backup at
	 * path after checking the backup's integrity; NULL where the backend has
	 * none (PostgreSQL: pg_restore). */
	int (*restore)(struct db *db, const char *path, struct buf *err);
};

/* Every backend's connection struct starts with this. */
struct db {
	const struct db_backend *be;
	int in_tx;
	int in_snapshot;
	/* work the open transaction defers to its commit, done inside it
	 * (store/audit_store.c queues the audit rows there, so that the audit
	 * chain's head is the last lock a transaction takes); all NULL when
	 * none. db_commit runs before_commit first and fails if it does;
	 * db_rollback runs on_rollback; both then clear the three. */
	int (*before_commit)(struct db *db, struct buf *err);
	void (*on_rollback)(struct db *db);
	void *deferred;
	int tx_write;    /* the open transaction took the write lock */
	int hold_commit; /* db_hold_commits(): write commits wait for db_commit_held() */
	int held;        /* a write commit is waiting */
	int lost;        /* the connection to the database was lost (or could not be
			  * made again) since the caller last cleared this: the
			  * failure is the database's absence, not the request's */
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

/* Chooses the backend by URL: "postgresql://" / "postgres://" → PostgreSQL,
 * "sqlite:PATH" or a bare path → SQLite. */
int db_open(const char *url, struct db **out, struct buf *err);
void db_close(struct db *db);
int db_is_pg(const struct db *db);

static inline int db_query(struct db *db, struct arena *a, const char *sql,
			   const struct db_param *params, int nparams,
			   struct db_result *out, struct buf *err)
{
	return db->be->query(db, a, sql, params, nparams, out, err);
}

/* The single integer `sql` answers (a COUNT or an id in its first cell), 0
 * when it answers no row or NULL, -1 with err on failure. */
long long db_query_number(struct db *db, struct arena *a, const char *sql,
			  const struct db_param *params, int nparams, struct buf *err);

/* Opens a read snapshot for the statements of one request; any db_begin()
 * ends it first, and db_snapshot_end() closes what is left. */
void db_snapshot_begin(struct db *db);
void db_snapshot_end(struct db *db);
int db_begin(struct db *db, int write, struct buf *err);
/* Refreshes the planner's statistics after bulk changes (without them SQLite
 * may walk a large index row by row where a scan is 15x faster). */
void db_analyze(struct db *db);
int db_commit(struct db *db, struct buf *err);
void db_rollback(struct db *db);

/*
 * Holds commits back, so that what a caller stores after a piece of code has
 * run lands in the same transaction as that code's writes (the answer to an
 * Idempotency-Key, api/idempotency.c). While on, db_commit() of a write
 * transaction commits nothing and returns DB_OK, leaving the transaction (and
 * SQLite's write lock) open; a later db_begin() continues it, db_rollback()
 * undoes all of it. Read transactions commit as usual.
 */
void db_hold_commits(struct db *db);
/* Whether a write commit is being held. */
int db_commit_is_held(const struct db *db);
/* Ends holding: commits what was held (DB_OK, or the commit's error with the
 * transaction rolled back), or does nothing when nothing was. */
int db_release_commits(struct db *db, struct buf *err);

#endif
