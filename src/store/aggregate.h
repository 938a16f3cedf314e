/* aggregate: counts, sums, distinct counts and groupings of the rows a list
 * with the same filters shows the caller (records_from), so that a figure and
 * its list never disagree. Keys and sums come from declarations only. */
#ifndef JICENG_AGGREGATE_H
#define JICENG_AGGREGATE_H

#include "schema/rollup.h"
#include "store/records.h"

/* One grouping key: a field, rolled up for divisions (to a level) and dates
 * (to a year or a month). */
struct aggregate_key {
	const struct field *field;
	int level;     /* FT_DIVISION: 1..5 to roll up to that level; 0 = as stored */
	int chars;     /* FT_DATE / FT_DATETIME: 4 = year, 7 = month; 0 = as stored */
};

/* aggregate_scan, aggregate_group_scan and aggregate_group read, with `ru`
 * non-NULL, the rollup of res (schema/rollup.h) instead of its rows: each of
 * its rows counts as its `n` rows and sums as kept. The caller's scope is not
 * applied there: the caller has checked that `where` holds the area, within
 * the caller's scope, at a level the rollup keeps. */

/* Rows matching `where` (may be NULL) in who's scope: their number in *count
 * and, with `sum` (an FT_INT or FT_MONEY field, may be NULL), its total in
 * *total (0 without rows). 0 or -1 with err. */
int aggregate_count(struct db *db, struct arena *a, const struct principal *who,
		    const struct resource *res, const struct sqlw *where, const struct field *sum,
		    long long *count, long long *total, struct buf *err);

/*
 * Several figures of the rows under `where` in who's scope, in one scan:
 * out[i] = SUM(CASE WHEN <conds[i]> THEN <sums[i] or 1> ELSE 0 END) — the
 * number of rows meeting conds[i] (" AND …" conditions, empty for all), or
 * the total of field sums[i] over them. 0 or -1 with err.
 */
int aggregate_scan(struct db *db, struct arena *a, const struct principal *who,
		   const struct resource *res, const struct rollup *ru, const struct sqlw *where, const struct sqlw *conds,
		   const struct field *const *sums, int n, long long *out, struct buf *err);

/* The figures of aggregate_scan per value of one key, in one grouped scan:
 * result columns key, label, out_1 … out_n, largest first by out_1. */
int aggregate_group_scan(struct db *db, struct arena *a, const struct principal *who,
			 const struct resource *res, const struct rollup *ru,
			 const struct sqlw *where, const struct aggregate_key *key, const struct sqlw *conds,
			 const struct field *const *sums, int n, struct db_result *out,
			 struct buf *err);

/* How many distinct non-NULL values `field` takes over those rows. */
int aggregate_distinct(struct db *db, struct arena *a, const struct principal *who,
		       const struct resource *res, const struct sqlw *where,
		       const struct field *field, long long *n, struct buf *err);

/* Those rows grouped by 1 or 2 keys: result columns key1[, key2], label1[,
 * label2], count, sum (NULL without `sum`), largest count first. A label is
 * the referenced record's label or the division's short name (NULL for
 * other types: the caller labels enums, bools and dates). */
int aggregate_group(struct db *db, struct arena *a, const struct principal *who,
		    const struct resource *res, const struct rollup *ru, const struct sqlw *where,
		    const struct aggregate_key *keys, int nkeys, const struct field *sum,
		    struct db_result *out, struct buf *err);

#endif
