/* rollup_store: upserts, recounts and the FROM clause of the rollup tables. */
#include "store/rollup_store.h"

#include <jansson.h>
#include <stdlib.h>

#include "domain/division.h"

static int count(const char *const *list)
{
	int n = 0;

	while (list && list[n])
		n++;
	return n;
}

int rollup_key_count(const struct rollup *ru)
{
	return 2 + count(ru->exact) + count(ru->present);
}

int rollup_sum_count(const struct rollup *ru)
{
	return count(ru->sums);
}

/* "division_code, submitted_at, kind, …, dispatched_at, …" — the key columns */
static void key_columns(struct sqlw *w, const struct rollup *ru, const char *division_column)
{
	const char *const *c;

	sqlw_addf(w, "%s, %s", division_column, ru->period);
	for (c = ru->exact; c && *c; c++)
		sqlw_addf(w, ", %s", *c);
	for (c = ru->present; c && *c; c++)
		sqlw_addf(w, ", %s", *c);
}

/* The primary key `k`: the key columns as a JSON array of strings and nulls,
 * one text that both backends compare exactly (NULLs are never equal in a
 * UNIQUE constraint, so the columns themselves cannot be the key). */
static char *key_text(struct arena *a, const char *const *key, int n)
{
	json_t *arr = json_array();
	char *s, *out;
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, key[i] ? json_string(key[i]) : json_null());
	s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	out = arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

int rollup_add(struct db *db, struct arena *a, const struct rollup *ru,
	       const char *division_column, const char *const *key, long long dn,
	       const long long *dsums, struct buf *err)
{
	int nk = rollup_key_count(ru), ns = rollup_sum_count(ru), i, ret;
	const char *const *c;
	struct sqlw w;

	sqlw_init(&w, a);
	sqlw_addf(&w, "INSERT INTO %s (k, ", ru->table);
	key_columns(&w, ru, division_column);
	sqlw_add(&w, ", n");
	for (c = ru->sums; c && *c; c++)
		sqlw_addf(&w, ", %s", *c);
	sqlw_add(&w, ") VALUES (");
	sqlw_param(&w, db_text(key_text(a, key, nk)));
	for (i = 0; i < nk; i++) {
		sqlw_add(&w, ", ");
		sqlw_param(&w, db_text(key[i]));
	}
	sqlw_add(&w, ", ");
	sqlw_param(&w, db_int(dn));
	for (i = 0; i < ns; i++) {
		sqlw_add(&w, ", ");
		sqlw_param(&w, db_int(dsums[i]));
	}
	sqlw_addf(&w, ") ON CONFLICT (k) DO UPDATE SET n = %s.n + excluded.n", ru->table);
	for (c = ru->sums; c && *c; c++)
		sqlw_addf(&w, ", %s = %s.%s + excluded.%s", *c, ru->table, *c, *c);
	ret = sqlw_run(&w, db, NULL, err);
	sqlw_release(&w);
	return ret;
}

int rollup_clear(struct db *db, struct arena *a, const struct rollup *ru, struct buf *err)
{
	return db_query(db, a, arena_printf(a, "DELETE FROM %s", ru->table), NULL, 0, NULL, err);
}

int rollup_recount_month(struct db *db, struct arena *a, const struct rollup *ru,
			 const char *table, const char *division_column, const char *month,
			 const char *lo, const char *hi, struct buf *err)
{
	int nk = rollup_key_count(ru), ns = rollup_sum_count(ru), width = division_width(ru->level);
	const char *const *c;
	struct db_result r;
	struct sqlw w;
	size_t row;
	int i, ret;

	if (nk > 64 || ns > 16) {
		buf_setf(err, "rollup %s: too many columns", ru->table);
		return -1;
	}
	sqlw_init(&w, a);
	/* the key as api/rollups.c makes it from a record: the division cut to its
	 * level, the exact values, 1 or NULL for the present ones */
	sqlw_addf(&w, "SELECT substr(%s, 1, %d) || '%.*s'", division_column, width, 12 - width,
		  "000000000000");
	for (c = ru->exact; c && *c; c++)
		sqlw_addf(&w, ", %s", *c);
	for (c = ru->present; c && *c; c++)
		sqlw_addf(&w, ", CASE WHEN %s IS NULL THEN NULL ELSE 1 END", *c);
	sqlw_add(&w, ", COUNT(*)");
	for (c = ru->sums; c && *c; c++)
		sqlw_addf(&w, ", COALESCE(SUM(%s), 0)", *c);
	sqlw_addf(&w, " FROM %s WHERE deleted_at IS NULL AND %s >= ", table, ru->period);
	sqlw_param(&w, db_text(lo));
	sqlw_addf(&w, " AND %s < ", ru->period);
	sqlw_param(&w, db_text(hi));
	sqlw_add(&w, " GROUP BY ");
	for (i = 0; i < nk - 1; i++)
		sqlw_addf(&w, "%s%d", i ? ", " : "", i + 1);
	ret = sqlw_run(&w, db, &r, err);
	sqlw_release(&w);
	for (row = 0; !ret && row < r.nrows; row++) {
		const char *key[64];
		long long sums[16];

		/* the row's columns are the key without the month, which goes second */
		key[0] = db_cell(&r, row, 0);
		key[1] = month;
		for (i = 2; i < nk; i++)
			key[i] = db_cell(&r, row, i - 1);
		for (i = 0; i < ns; i++)
			sums[i] = strtoll(db_cell(&r, row, nk + i), NULL, 10);
		ret = rollup_add(db, a, ru, division_column, key,
				 strtoll(db_cell(&r, row, nk - 1), NULL, 10), sums, err);
	}
	return ret;
}

int rollup_empty(struct db *db, struct arena *a, const struct rollup *ru, struct buf *err)
{
	struct db_result r;

	if (db_query(db, a, arena_printf(a, "SELECT 1 FROM %s LIMIT 1", ru->table), NULL, 0, &r,
		     err))
		return -1;
	return r.nrows == 0;
}

void rollup_from(struct sqlw *w, const struct rollup *ru, const struct sqlw *where)
{
	sqlw_addf(w, " FROM %s t WHERE 1 = 1", ru->table);
	if (where && where->sql.len)
		sqlw_append(w, where);
}
