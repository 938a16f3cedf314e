/* tally_store: the tallies table — live rows counted per division and per value
 * of a field (store/0013_tallies.sql explains it). Kept in the transaction of
 * each write by api/tallies.c; read where a count of every live row would
 * otherwise be a scan. */
#ifndef JICENG_TALLY_STORE_H
#define JICENG_TALLY_STORE_H

#include "store/db.h"

/* Adds `delta` to the tally (entity, field, value, division); value "" for NULL. */
int tally_add(struct db *db, struct arena *a, const char *entity, const char *field,
	      const char *value, const char *division, long long delta, struct buf *err);

/* Replaces the tallies of `entity` for `field` ("*" for the rows themselves)
 * by a count of the live rows of `table`, `column` holding the division and
 * `value_column` the value (NULL for "*"). Identifiers come from declarations. */
int tally_recount(struct db *db, struct arena *a, const char *entity, const char *table,
		  const char *column, const char *field, const char *value_column,
		  struct buf *err);

/* The sum of the tallies of (entity, field) in divisions [lo, hi] (lo NULL:
 * all), grouped by value: rows value, n (value "" for NULL). */
int tally_read(struct db *db, struct arena *a, const char *entity, const char *field,
	       const char *lo, const char *hi, struct db_result *out, struct buf *err);

/* 1 when `entity` has any tally row, 0 when none, -1 on error. */
int tally_any(struct db *db, struct arena *a, const char *entity, struct buf *err);

#endif
