/* rollup_store: upserts, recounts and the FROM clause of the rollup tables. */
#include "store/rollup_store.h"

#include <jansson.h>
#include <stdlib.h>

#include "domain/division.h"

int rollup_key_count(const struct rollup *ru)
{
	int n = 2;

	while (ru->keys && ru->keys[n - 2])
		n++;
	return n;
}

int rollup_measure_count(const struct rollup *ru)
{
	int n = 0;

	while (ru->measures && ru->measures[n].column)
		n++;
	return n;
}

/* The primary key `k`: the key columns as a JSON array of strings and nulls,
 * one text both backends compare exactly (NULLs never match in a UNIQUE
 * constraint, so the columns themselves cannot be the key). */
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
	       const long long *dm, struct buf *err)
{
	int nk = rollup_key_count(ru), nm = rollup_measure_count(ru), i, ret;
	const char *const *c;
	struct sqlw w;

	sqlw_init(&w, a);
	sqlw_addf(&w, "INSERT INTO %s (k, %s, %s", ru->table, division_column, ru->period);
	for (c = ru->keys; c && *c; c++)
		sqlw_addf(&w, ", %s", *c);
	sqlw_add(&w, ", n");
	for (i = 0; i < nm; i++)
		sqlw_addf(&w, ", %s", ru->measures[i].column);
	sqlw_add(&w, ") VALUES (");
	sqlw_param(&w, db_text(key_text(a, key, nk)));
	for (i = 0; i < nk; i++) {
		sqlw_add(&w, ", ");
		sqlw_param(&w, db_text(key[i]));
	}
	sqlw_add(&w, ", ");
	sqlw_param(&w, db_int(dn));
	for (i = 0; i < nm; i++) {
		sqlw_add(&w, ", ");
		sqlw_param(&w, db_int(dm[i]));
	}
	sqlw_addf(&w, ") ON CONFLICT (k) DO UPDATE SET n = %s.n + excluded.n", ru->table);
	for (i = 0; i < nm; i++)
		sqlw_addf(&w, ", %s = %s.%s + excluded.%s", ru->measures[i].column, ru->table,
			  ru->measures[i].column, ru->measures[i].column);
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
			 const char *lo, const char *hi, const struct sqlw *measures,
			 struct buf *err)
{
	int nk = rollup_key_count(ru), nm = rollup_measure_count(ru);
	int width = division_width(ru->level), i, ret;
	const char *const *c;
	struct db_result r;
	struct sqlw w;
	size_t row;

	if (nk > ROLLUP_MAX_KEYS || nm > ROLLUP_MAX_MEASURES) {
		buf_setf(err, "rollup %s: too many columns", ru->table);
		return -1;
	}
	sqlw_init(&w, a);
	/* the key as api/rollups.c makes it from a record: the division cut to its level */
	sqlw_addf(&w, "SELECT substr(t.%s, 1, %d) || '%.*s'", division_column, width, 12 - width,
		  "000000000000");
	for (c = ru->keys; c && *c; c++)
		sqlw_addf(&w, ", t.%s", *c);
	sqlw_add(&w, ", COUNT(*)");
	sqlw_append(&w, measures);
	sqlw_addf(&w, " FROM %s t WHERE t.deleted_at IS NULL AND t.%s >= ", table, ru->period);
	sqlw_param(&w, db_text(lo));
	sqlw_addf(&w, " AND t.%s < ", ru->period);
	sqlw_param(&w, db_text(hi));
	sqlw_add(&w, " GROUP BY ");
	for (i = 0; i < nk - 1; i++)
		sqlw_addf(&w, "%s%d", i ? ", " : "", i + 1);
	ret = sqlw_run(&w, db, &r, err);
	sqlw_release(&w);
	for (row = 0; !ret && row < r.nrows; row++) {
		const char *key[ROLLUP_MAX_KEYS];
		long long dm[ROLLUP_MAX_MEASURES];

		/* the row: the division, the keys, the count, the measures; the month goes second */
		key[0] = db_cell(&r, row, 0);
		key[1] = month;
		for (i = 2; i < nk; i++)
			key[i] = db_cell(&r, row, i - 1);
		for (i = 0; i < nm; i++)
			dm[i] = db_cell(&r, row, nk + i) ? strtoll(db_cell(&r, row, nk + i), NULL, 10) : 0;
		ret = rollup_add(db, a, ru, division_column, key,
				 strtoll(db_cell(&r, row, nk - 1), NULL, 10), dm, err);
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
