/* migrate: schema_migrations records what is applied; each script runs in one
 * transaction so a failed migration leaves the database as it was. */
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>

#include "domain/date.h"
#include "store/migrations.h"

static const char create_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

static int current_version(struct db *db, struct arena *a, int *out, struct buf *err)
{
	struct db_result r;

	if (db_query(db, a, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
		     NULL, 0, &r, err))
		return -1;
	*out = r.nrows ? (int)strtol(db_cell(&r, 0, 0), NULL, 10) : 0;
	return 0;
}

int migrate_apply(struct db *db, int verbose, struct buf *err)
{
	struct arena *a = arena_new();
	int i, have, ret = -1;
	char now[21];

	if (db->be->exec_script(db, create_sql, err) || current_version(db, a, &have, err))
		goto out;
	for (i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		struct db_param p[3];

		if (m->version <= have)
			continue;
		if (db_begin(db, 1, err))
			goto out;
		if (db->be->exec_script(db, db_is_pg(db) ? m->pg : m->sqlite, err)) {
			db_rollback(db);
			goto out;
		}
		date_now_rfc3339(now);
		p[0] = db_int(m->version);
		p[1] = db_text(m->name);
		p[2] = db_text(now);
		if (db_query(db, a, "INSERT INTO schema_migrations (version, name, applied_at)"
				    " VALUES (?, ?, ?)", p, 3, NULL, err)) {
			db_rollback(db);
			goto out;
		}
		if (db_commit(db, err))
			goto out;
		if (verbose)
			fprintf(stderr, "已应用数据库迁移 %s\n", m->name);
	}
	ret = 0;
out:
	arena_free(a);
	return ret;
}

int migrate_check(struct db *db, struct buf *err)
{
	struct arena *a = arena_new();
	struct buf ignored = BUF_INIT;
	int have = 0, want = migrations_count ? migrations[migrations_count - 1].version : 0;
	int ret = -1;

	if (current_version(db, a, &have, &ignored))
		have = 0;
	if (have < want) {
		buf_setf(err, "数据库结构不是最新（版本 %d，需要 %d），请先运行 jiceng migrate", have, want);
		goto out;
	}
	if (have > want) {
		buf_setf(err, "数据库结构版本 %d 比本程序（%d）新，请升级 jiceng", have, want);
		goto out;
	}
	ret = 0;
out:
	buf_release(&ignored);
	arena_free(a);
	return ret;
}
