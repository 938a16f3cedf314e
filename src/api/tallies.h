/* tallies: the counts kept per division and per value of each enum and bool
 * field of every resource with a division way (store/tally_store.h), brought
 * up to date by each write in its own transaction. */
#ifndef JICENG_TALLIES_H
#define JICENG_TALLIES_H

#include <jansson.h>

#include "http/request.h"
#include "schema/resource.h"

/* The column tallies are kept by (the resource's division way), or NULL when
 * the resource has none. */
const char *tallies_column(const struct resource *res);
/* 1 when field f of a kept resource is tallied (a stored enum or bool). */
int tallies_field(const struct resource *res, const struct field *f);

/* Moves the tallies, and the resource's rollup (api/rollups.h), from the
 * record as it was (`before`, NULL for a new one) to the record as it is
 * (`after`, NULL when deleted). 0 or -1 with err. */
int tallies_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err);

/* Recounts every tally of every kept resource, then every rollup
 * (`missing_only`: only of resources that have rows but no tallies or rollup
 * rows yet). 0 or -1 with err. */
int tallies_rebuild(struct db *db, int missing_only, struct buf *err);

#endif
