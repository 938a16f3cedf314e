/* rollups: the rollup tables of schema/rollup.h kept by every write, recounted
 * from the rows, and what a statistic needs to read one. */
#ifndef JICENG_ROLLUPS_H
#define JICENG_ROLLUPS_H

#include <jansson.h>

#include "http/request.h"
#include "schema/resource.h"
#include "schema/stats.h"

/* Moves the record's count and measures in each of its resource's rollups
 * from the record as it was (`before`, NULL when new) to the record as it is
 * (`after`, NULL when deleted); nothing for a resource without one. Records
 * as record_from_row() makes them. 0, or -1 with err. */
int rollups_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err);

/* Recounts every rollup from its ledger's live rows, month by local month
 * (`missing_only`: only rollups that are empty while their ledger has rows),
 * each in a transaction of its own. 0, or -1 with err. */
int rollups_rebuild(struct db *db, int missing_only, struct buf *err);

/* Splits list filters in query-string form ("a=1&b__gte=2") into at most
 * `max` arguments (copies in ctx's arena). Returns how many, or -1 when a
 * filter has no '=' or there are more. */
int rollups_split(struct request_ctx *ctx, const char *filters, struct query_arg *out,
		  int max);

/* 1 when `field` is one of the rollup's keys. */
int rollups_key(const struct rollup *ru, const char *field);

/*
 * The months the period args->from .. args->to covers whole, as "YYYY-MM" in
 * lo and hi: 1 when from is the first day of a month and to the last day of
 * one, or today or later (no row's period lies after today); 0 when the
 * period begins or ends inside a month.
 */
int rollups_months(const struct stats_args *args, char lo[8], char hi[8]);

#endif
