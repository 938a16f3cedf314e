/* db: choosing a backend by URL, the transaction wrappers every caller uses,
 * and reading a single number. */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

static int has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

int db_open(const char *url, struct db **out, struct buf *err)
{
	if (has_prefix(url, "postgresql://") || has_prefix(url, "postgres://"))
		return db_pg_backend.open(url, out, err);
	if (has_prefix(url, "sqlite:"))
		url += strlen("sqlite:");
	if (!*url) {
		buf_setf(err, "数据库地址为空");
		return DB_ERR;
	}
	return db_sqlite_backend.open(url, out, err);
}

void db_close(struct db *db)
{
	if (db)
		db->be->close(db);
}

int db_is_pg(const struct db *db)
{
	return db->be == &db_pg_backend;
}

void db_snapshot_begin(struct db *db)
{
	if (db->be->snapshot && !db->in_tx && !db->in_snapshot && !db->be->snapshot(db, 1))
		db->in_snapshot = 1;
}

void db_snapshot_end(struct db *db)
{
	if (db->in_snapshot)
		db->be->snapshot(db, 0);
	db->in_snapshot = 0;
}

int db_begin(struct db *db, int write, struct buf *err)
{
	int ret;

	if (db->held) { /* the held write transaction goes on */
		db->held = 0;
		return DB_OK;
	}
	db_snapshot_end(db);
	ret = db->be->begin(db, write, err);

	if (ret == DB_OK) {
		db->in_tx = 1;
		db->tx_write = write;
	}
	return ret;
}

static void deferred_clear(struct db *db)
{
	db->before_commit = NULL;
	db->on_rollback = NULL;
	db->deferred = NULL;
}

int db_commit(struct db *db, struct buf *err)
{
	int ret;

	/* a held commit keeps its deferred work for the real one */
	if (db->hold_commit && db->in_tx && db->tx_write) {
		db->held = 1;
		return DB_OK;
	}
	if (db->before_commit && db->before_commit(db, err)) {
		db_rollback(db);
		return DB_ERR;
	}
	deferred_clear(db);
	ret = db->be->commit(db, err);
	db->in_tx = 0;
	db->tx_write = 0;
	return ret;
}

void db_rollback(struct db *db)
{
	if (db->on_rollback)
		db->on_rollback(db);
	deferred_clear(db);
	if (db->in_tx)
		db->be->rollback(db);
	db->in_tx = 0;
	db->tx_write = 0;
	db->held = 0;
}

void db_hold_commits(struct db *db)
{
	db->hold_commit = 1;
	db->held = 0;
}

int db_commit_is_held(const struct db *db)
{
	return db->held;
}

int db_release_commits(struct db *db, struct buf *err)
{
	int was_held = db->held;

	db->hold_commit = 0;
	db->held = 0;
	return was_held ? db_commit(db, err) : DB_OK;
}

void db_analyze(struct db *db)
{
	struct buf err = BUF_INIT;

	db_snapshot_end(db);
	/* SQLite's full ANALYZE of a large file took the write lock for ≈ 300 ms
	 * after a 100,000-row import; a sample of each index is enough for the
	 * planner (SQLite's own advice for PRAGMA optimize) */
	db->be->exec_script(db, db_is_pg(db) ? "ANALYZE"
			    : "PRAGMA analysis_limit=400; ANALYZE; PRAGMA analysis_limit=0", &err);
	buf_release(&err);
}

long long db_query_number(struct db *db, struct arena *a, const char *sql,
			  const struct db_param *params, int nparams, struct buf *err)
{
	struct db_result r;
	const char *c;

	if (db_query(db, a, sql, params, nparams, &r, err))
		return -1;
	if (!r.nrows || !(c = db_cell(&r, 0, 0)))
		return 0;
	return strtoll(c, NULL, 10);
}
