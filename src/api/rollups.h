/* rollups: the rollup tables of schema/rollup.h kept by every write, recounted
 * from the rows, and the rules that say when a statistic may read one. */
#ifndef JICENG_ROLLUPS_H
#define JICENG_ROLLUPS_H

#include <jansson.h>

#include "http/request.h"
#include "schema/resource.h"
#include "schema/stats.h"

/* Moves the record's count and sums in its resource's rollup from the record
 * as it was (`before`, NULL when new) to the record as it is (`after`, NULL
 * when deleted); nothing for a resource without one. Records as
 * record_from_row() makes them. 0, or -1 with err. */
int rollups_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err);

/* Recounts every rollup from its ledger's live rows, month by local month
 * (`missing_only`: only rollups that are empty while their ledger has rows),
 * each in a transaction of its own. 0, or -1 with err. */
int rollups_rebuild(struct db *db, int missing_only, struct buf *err);

/* 1 when the list filter `key` ("field" or "field__op") over `res` reads
 * only columns its rollup keeps: an exact field with any operator, a present
 * field with __null, a derived field. The period is not among them: it is
 * read by month (rollups_months). */
int rollups_filter(const struct resource *res, const char *key);

/*
 * The months the period args->from .. args->to covers whole, as "YYYY-MM" in
 * lo and hi: 1 when from is the first day of a month and to the last day of
 * one, or today or later (no row's period lies after today: the ledgers'
 * validation refuses it); 0 when the period begins or ends inside a month.
 */
int rollups_months(const struct stats_args *args, char lo[8], char hi[8]);

#endif
