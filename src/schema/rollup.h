/* rollup: a ledger's live rows kept counted by area, month and a few key
 * fields, with the figures its statistics ask for counted in each, so that a
 * named statistic for a county, a prefecture or a province reads tens of
 * thousands of counts instead of millions of rows.
 *
 * A rollup table has one row per (division cut to `level`, local month of
 * `period`, values of `keys`): the number `n` of the live rows with that key
 * and one column per measure — how many of those rows meet the measure's list
 * filters, or the total of a field over them. A statistic part is read from a
 * rollup when its filters are the period, filters on the keys, and exactly a
 * measure's filters (api/stats_parts.c); the measures are evaluated with the
 * same list filters (api/filters.c) as the parts, over each record a write
 * changes, in the write's transaction (api/rollups.c), and recounted month by
 * month from the rows by `jiceng migrate` and `jiceng gen`. */
#ifndef JICENG_SCHEMA_ROLLUP_H
#define JICENG_SCHEMA_ROLLUP_H

struct rollup_measure {
	const char *column; /* its column in the rollup table; NULL ends a list */
	const char *where;  /* list filters in query-string form, fixed values only ("" for all) */
	const char *sum;    /* NULL: how many rows meet `where`; else the total of this integer
			     * field over them (NULL as 0) */
};

struct rollup {
	const char *table;          /* e.g. "ticket_rollup"; its migration declares the columns */
	int level;                  /* enum division_level the division way is cut to (county) */
	const char *period;         /* the date or datetime field kept by local month ("YYYY-MM");
				     * its rows are never dated after today */
	const char *const *keys;    /* fields kept as they are; NULL ends */
	const struct rollup_measure *measures;
};

#endif
