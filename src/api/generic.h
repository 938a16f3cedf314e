/* generic: list, get, create, patch, delete and workflow actions for every
 * declared resource (API.md "Generic resource endpoints"). */
#ifndef JICENG_GENERIC_H
#define JICENG_GENERIC_H

#include "api/resource.h"
#include "http/request.h"
#include "store/records.h"

void generic_list(struct request_ctx *ctx);
void generic_get(struct request_ctx *ctx);
void generic_create(struct request_ctx *ctx);
void generic_patch(struct request_ctx *ctx);
void generic_delete(struct request_ctx *ctx);
void generic_action(struct request_ctx *ctx);

/* The resource named by the first route parameter, or NULL after replying 404. */
const struct resource *generic_resource_or_reply(struct request_ctx *ctx);
/* 0 when the caller may change records of res; else replies 403 and returns -1. */
int generic_can_write_or_reply(struct request_ctx *ctx, const struct resource *res);
/* Parses the body as a JSON object, or replies 400 and returns NULL. */
json_t *generic_body_or_reply(struct request_ctx *ctx);

/* Builds the filters of a list request (everything but limit/cursor/sort) into
 * q->where; replies 400 and returns -1 on a bad filter. */
/* Reads `sort=field|-field` (default: the resource's) into q; replies 400 and
 * returns -1 on a field that cannot be sorted. */
int generic_sort_or_reply(struct request_ctx *ctx, const struct resource *res, const char *sort,
			  struct records_query *q);
int generic_filters_or_reply(struct request_ctx *ctx, const struct resource *res,
			     struct records_query *q);

/* Writes one record from validated values inside the caller's transaction:
 * unique checks, hooks, insert or update, audit. `rec` holds the new values
 * (plain); `before` the current record (plain) or NULL to create. On success
 * returns 0 and the new record (plain) in *after. Field errors go to `errors`;
 * other failures return the HTTP status to answer (404, 409, 500). */
int generic_write(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		  json_t *before, long long version, const char *audit_action, json_t *errors,
		  json_t **after, struct buf *err);

/* The record as stored (RECORD_REVEAL: plain), unscoped; NULL if missing. */
json_t *generic_load(struct request_ctx *ctx, const struct resource *res, long long id,
		     unsigned flags);

#endif
