/* rollup: a ledger's live rows kept counted by area, month and the values its
 * statistics filter on, so that a named statistic for a county, a prefecture
 * or a province reads a few thousand counts instead of millions of rows.
 *
 * A rollup table has one row per (division at `level`, month of `period`,
 * values of `exact`, whether each of `present` holds a value): the count `n`
 * of the live rows with that key and the sums of `sums`. Its columns carry the
 * field names, so the list filters (api/filters.c) that read only those
 * columns compile to the same SQL over it. Every write keeps it in its own
 * transaction (api/rollups.c, beside the tallies); `jiceng migrate` and
 * `jiceng gen` recount it. */
#ifndef JICENG_SCHEMA_ROLLUP_H
#define JICENG_SCHEMA_ROLLUP_H

struct rollup {
	const char *table;          /* e.g. "ticket_rollup"; its migration declares the columns */
	int level;                  /* enum division_level the division way is kept at (county) */
	const char *period;         /* the date or datetime field kept by month ("YYYY-MM") */
	const char *const *exact;   /* fields kept as they are; NULL ends */
	const char *const *present; /* fields kept as 1 when they hold a value, else NULL; NULL ends */
	const char *const *sums;    /* integer fields summed (NULL as 0); NULL ends */
	/* virtual fields whose SQL reads only the columns above, so that their
	 * filters hold over the rollup too; NULL ends; may be NULL */
	const char *const *derived;
};

#endif
