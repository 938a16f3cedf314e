/* search: keeping the search terms of indexed resources (RES_SEARCH_INDEX). */
#ifndef JICENG_SEARCH_H
#define JICENG_SEARCH_H

#include <jansson.h>

#include "schema/resource.h"
#include "http/request.h"

/* The texts a record is found by: its F_SEARCH fields that hold text. */
int search_texts(const struct resource *res, json_t *rec, const char **texts, int max);
/* Re-indexes record `id` from `rec` (plain values) when it is new or a searchable
 * field changed; inside the caller's transaction. */
int search_reindex(struct request_ctx *ctx, const struct resource *res, long long id,
		   json_t *rec, json_t *before, struct buf *err);
/* Indexes every live record of indexed resources that have no terms yet (after
 * the migration that added the index, or an old database). */
int search_rebuild_missing(struct db *db, struct buf *err);

#endif
