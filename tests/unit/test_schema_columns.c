/* test_schema_columns: every declared resource's fields are columns of its
 * table after the migrations, on SQLite and (when JICENG_TEST_PG_URL names a
 * server) on PostgreSQL, and both dialects' tables have the same columns —
 * so that the declaration and the two migrations cannot drift apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schema/resource.h"
#include "store/db.h"
#include "store/migrate.h"

static struct db *sqlite_db, *pg_db;
static char sqlite_path[64];

/* The columns of `table` (an arena array of names) and how many. */
static int columns(struct db *db, struct arena *a, const char *table, const char ***out)
{
	static const char sqlite_sql[] = "SELECT name FROM pragma_table_info(?)";
	static const char pg_sql[] =
		"SELECT column_name FROM information_schema.columns"
		" WHERE table_name = ? AND table_schema = current_schema()";
	struct db_param p = db_text(table);
	struct db_result r;
	struct buf err = BUF_INIT;
	size_t i;

	if (db_query(db, a, db_is_pg(db) ? pg_sql : sqlite_sql, &p, 1, &r, &err)) {
		fprintf(stderr, "columns of %s: %s\n", table, err.ptr);
		buf_release(&err);
		return -1;
	}
	*out = arena_alloc(a, sizeof(char *) * (r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		(*out)[i] = db_cell(&r, i, 0);
	buf_release(&err);
	return (int)r.nrows;
}

static int has(const char **cols, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(cols[i], name))
			return 1;
	return 0;
}

/* A rollup's columns: k, the division way, the period, n, its keys and measures. */
static void check_rollup(struct db *db, struct arena *a, const struct resource *res,
			 const struct rollup *ru, const char *backend)
{
	const struct rollup_measure *m;
	const struct scope_way *w;
	const char *const *c;
	const char **cols;
	int n = columns(db, a, ru->table, &cols);

	if (n <= 0)
		fail_msg("%s: rollup table %s of %s is missing", backend, ru->table, res->name);
	if (!has(cols, n, "k") || !has(cols, n, "n") || !has(cols, n, ru->period))
		fail_msg("%s: %s lacks k, n or %s", backend, ru->table, ru->period);
	for (w = res->scope; w && w->kind; w++)
		if (w->kind == WAY_DIVISION && !has(cols, n, w->column))
			fail_msg("%s: %s lacks the division column %s", backend, ru->table, w->column);
	for (c = ru->keys; c && *c; c++)
		if (!has(cols, n, *c) || !resource_field(res, *c))
			fail_msg("%s: key %s is no column of %s or no field of %s", backend, *c,
				 ru->table, res->name);
	for (m = ru->measures; m && m->column; m++)
		if (!has(cols, n, m->column) || (m->sum && !resource_field(res, m->sum)))
			fail_msg("%s: measure %s of %s has no column or no field", backend, m->column,
				 ru->table);
}

/* The columns a declaration promises: the standard ones and one per stored
 * field (three for an ID number or a phone), and its rollup's. */
static void check_declared(struct db *db, const char *backend)
{
	static const char *const standard[] = { "id", "version", "created_at", "updated_at",
						"deleted_at" };
	const struct resource *const *r;
	struct arena *a = arena_new();

	for (r = resources_all(); *r; r++) {
		const struct field *f;
		const char **cols;
		int n = columns(db, a, (*r)->table, &cols);
		size_t k;

		const struct rollup *const *ru;

		for (ru = (*r)->rollups; ru && *ru; ru++)
			check_rollup(db, a, *r, *ru, backend);
		if (n <= 0)
			fail_msg("%s: table %s of %s is missing", backend, (*r)->table, (*r)->name);
		for (k = 0; k < sizeof(standard) / sizeof(standard[0]); k++)
			if (!has(cols, n, standard[k]))
				fail_msg("%s: %s.%s is missing", backend, (*r)->table, standard[k]);
		for (f = (*r)->fields; f->name; f++) {
			if (f->flags & F_VIRTUAL)
				continue;
			if (field_secret(f)) {
				static const char *const parts[] = { "_enc", "_hash", "_mask" };

				for (k = 0; k < 3; k++)
					if (!has(cols, n, arena_printf(a, "%s%s", f->name, parts[k])))
						fail_msg("%s: %s.%s%s is missing", backend, (*r)->table,
							 f->name, parts[k]);
				continue;
			}
			if (!has(cols, n, f->name))
				fail_msg("%s: field %s of %s has no column in %s", backend, f->name,
					 (*r)->name, (*r)->table);
		}
	}
	arena_free(a);
}

static void test_sqlite_declared(void **state)
{
	check_declared(sqlite_db, "sqlite");
}

static void test_pg_declared(void **state)
{
	if (!pg_db)
		skip();
	check_declared(pg_db, "postgresql");
}

/* Both dialects' tables have the same columns. */
static void test_dialects_agree(void **state)
{
	const struct resource *const *r;
	struct arena *a = arena_new();

	if (!pg_db) {
		arena_free(a);
		skip();
	}
	for (r = resources_all(); *r; r++) {
		const char **sc, **pc;
		int ns = columns(sqlite_db, a, (*r)->table, &sc);
		int np = columns(pg_db, a, (*r)->table, &pc);
		int i;

		for (i = 0; i < ns; i++)
			if (!has(pc, np, sc[i]))
				fail_msg("%s.%s is in SQLite only", (*r)->table, sc[i]);
		for (i = 0; i < np; i++)
			if (!has(sc, ns, pc[i]))
				fail_msg("%s.%s is in PostgreSQL only", (*r)->table, pc[i]);
	}
	arena_free(a);
}

static int open_migrated(const char *url, struct db **db)
{
	struct buf err = BUF_INIT;
	int ret = -1;

	if (db_open(url, db, &err) || migrate_apply(*db, 0, &err))
		fprintf(stderr, "test_schema_columns: %s: %s\n", url, err.ptr);
	else
		ret = 0;
	buf_release(&err);
	return ret;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite_declared),
		cmocka_unit_test(test_pg_declared),
		cmocka_unit_test(test_dialects_agree),
	};
	const char *pg_url = getenv("JICENG_TEST_PG_URL");
	char url[96];
	int failed;

	snprintf(sqlite_path, sizeof(sqlite_path), "/tmp/jiceng-test-cols-%ld.db", (long)getpid());
	snprintf(url, sizeof(url), "sqlite:%s", sqlite_path);
	if (open_migrated(url, &sqlite_db))
		return 1;
	if (pg_url && *pg_url && open_migrated(pg_url, &pg_db))
		return 1;
	failed = cmocka_run_group_tests_name("schema_columns", tests, NULL, NULL);
	db_close(sqlite_db);
	if (pg_db)
		db_close(pg_db);
	unlink(sqlite_path);
	printf("%zu passed, %d failed\n", sizeof(tests) / sizeof(tests[0]) - (size_t)failed, failed);
	return failed ? 1 : 0;
}
