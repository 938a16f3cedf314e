/* migrate: schema_migrations records what is applied; each script (and the
 * program step it may name, store/migrate_steps.h) runs in one transaction so
 * a failed migration leaves the database as it was. */
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "domain/date.h"
#include "store/audit_store.h"
#include "store/migrate_steps.h"
#include "store/migrations.h"

static const char create_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/* Runs a migration's script: its SQL, and where a line names a program step
 * (migrate_steps.h) the SQL before it, the step, then the rest. */
static int run_script(struct db *db, const char *sql, struct buf *err)
{
	const char *mark = strstr(sql, "\n" MIGRATE_STEP_MARK), *name, *end;
	char *before;
	int rc;

	if (!mark)
		return db->be->exec_script(db, sql, err);
	name = mark + 1 + strlen(MIGRATE_STEP_MARK);
	end = name + strcspn(name, "\r\n");
	before = xstrndup(sql, (size_t)(mark - sql) + 1);
	rc = db->be->exec_script(db, before, err) || migrate_step_run(db, name, (size_t)(end - name), err) ||
	     run_script(db, end, err);
	free(before);
	return rc ? -1 : 0;
}

/* How many of the embedded migrations the database lacks (each is applied by
 * its own number, so that a migration of a lower number added later — from a
 * mechanism developed beside another — is applied too). */
static int missing(struct db *db, struct arena *a, int *out, unsigned char *have,
		   struct buf *err)
{
	struct db_result r;
	size_t i;
	int k;

	if (db_query(db, a, "SELECT version FROM schema_migrations", NULL, 0, &r, err))
		return -1;
	memset(have, 0, (size_t)migrations_count);
	for (i = 0; i < r.nrows; i++) {
		long v = strtol(db_cell(&r, i, 0), NULL, 10);

		for (k = 0; k < migrations_count; k++)
			if (migrations[k].version == v)
				have[k] = 1;
	}
	*out = 0;
	for (k = 0; k < migrations_count; k++)
		*out += !have[k];
	return 0;
}

int migrate_apply(struct db *db, int verbose, struct buf *err)
{
	struct arena *a = arena_new();
	unsigned char *have = arena_alloc(a, (size_t)migrations_count + 1);
	int i, lacking, applied = 0, ret = -1;
	char now[21];

	if (db->be->exec_script(db, create_sql, err) || missing(db, a, &lacking, have, err))
		goto out;
	for (i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		struct db_param p[3];

		if (have[i])
			continue;
		if (db_begin(db, 1, err))
			goto out;
		if (run_script(db, db_is_pg(db) ? m->pg : m->sqlite, err)) {
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
		applied++;
		if (verbose)
			fprintf(stderr, "已应用数据库迁移 %s\n", m->name);
	}
	/* SQLite: what a migration moved or dropped (plaintext a step sealed) leaves
	 * the WAL too, not only the tables (secure_delete zeroes those) */
	if (applied && !db_is_pg(db) &&
	    db->be->exec_script(db, "PRAGMA wal_checkpoint(TRUNCATE)", err))
		goto out;
	/* audit rows from before the hash chain (0015) join it once */
	if (audit_chain_seal(db, a, err))
		goto out;
	ret = 0;
out:
	arena_free(a);
	return ret;
}

int migrate_check(struct db *db, struct buf *err)
{
	struct arena *a = arena_new();
	struct buf ignored = BUF_INIT;
	unsigned char *have = arena_alloc(a, (size_t)migrations_count + 1);
	struct db_result r;
	int lacking = migrations_count, newer = 0;
	struct db_param last = db_int(migrations_count ? migrations[migrations_count - 1].version : 0);
	int ret = -1;

	if (missing(db, a, &lacking, have, &ignored))
		lacking = migrations_count;
	else if (!db_query(db, a, "SELECT COUNT(*) FROM schema_migrations WHERE version > ?", &last,
			   1, &r, &ignored))
		newer = atoi(db_cell(&r, 0, 0));
	if (newer) {
		buf_setf(err, "数据库结构比本程序新（有 %d 个本程序不认识的迁移），请升级 jiceng", newer);
		goto out;
	}
	if (lacking) {
		buf_setf(err, "数据库结构不是最新（缺少 %d 个迁移），请先运行 jiceng migrate", lacking);
		goto out;
	}
	ret = 0;
out:
	buf_release(&ignored);
	arena_free(a);
	return ret;
}
