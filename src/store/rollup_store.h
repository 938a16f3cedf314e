/* rollup_store: the rollup tables (schema/rollup.h) — adding to one key,
 * recounting a month from the rows, and the FROM clause that reads one in
 * place of its ledger. */
#ifndef JICENG_ROLLUP_STORE_H
#define JICENG_ROLLUP_STORE_H

#include "schema/rollup.h"
#include "store/sqlw.h"

/* The most key columns and measures a rollup may declare; keeping or
 * recounting one with more fails with an error naming its table. */
#define ROLLUP_MAX_KEYS 16
#define ROLLUP_MAX_MEASURES 48

/* Key columns of a rollup: the division, the month, then `keys`. */
int rollup_key_count(const struct rollup *ru);
/* Measure columns. */
int rollup_measure_count(const struct rollup *ru);

/*
 * Adds `dn` to the count and dm[i] to each measure of the row whose key
 * columns hold `key` (rollup_key_count values in that order, NULL for SQL
 * NULL), creating it at zero first. `division_column` is the rollup's division
 * column (the ledger's division way). 0, or -1 with err.
 */
int rollup_add(struct db *db, struct arena *a, const struct rollup *ru,
	       const char *division_column, const char *const *key, long long dn,
	       const long long *dm, struct buf *err);

/* Deletes every row of the rollup. 0, or -1 with err. */
int rollup_clear(struct db *db, struct arena *a, const struct rollup *ru, struct buf *err);

/*
 * Adds to the rollup the live rows of `table` (alias t; `division_column` its
 * division way) whose period lies in [lo, hi) — local month `month`
 * ("YYYY-MM") as the period column holds it — counted under that month.
 * `measures` is the select list of the measures over t, each
 * ", SUM(CASE WHEN … END)" in the rollup's order, with its bound values. In
 * the caller's transaction; identifiers come from declarations. 0, or -1
 * with err.
 */
int rollup_recount_month(struct db *db, struct arena *a, const struct rollup *ru,
			 const char *table, const char *division_column, const char *month,
			 const char *lo, const char *hi, const struct sqlw *measures,
			 struct buf *err);

/* 1 when the rollup has no row, 0 when it has, -1 on error. */
int rollup_empty(struct db *db, struct arena *a, const struct rollup *ru, struct buf *err);

/* Appends " FROM <rollup> t WHERE 1 = 1" and `where` (conditions over the
 * alias t on the key columns, which carry the ledger's field names). */
void rollup_from(struct sqlw *w, const struct rollup *ru, const struct sqlw *where);

#endif
