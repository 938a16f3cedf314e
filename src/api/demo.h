/* demo: what the modules' demo loaders share — writing one record through
 * the same validation, hooks and audit as any user's input, so that demo data
 * is valid by construction. */
#ifndef JICENG_DEMO_H
#define JICENG_DEMO_H

#include <jansson.h>

#include "http/request.h"
#include "schema/resource.h"

/* Creates a record from `in` (stolen; values as an import would take them)
 * in the caller's transaction; returns its id, or 0 with err saying why. */
long long demo_create(struct request_ctx *ctx, const struct resource *res, json_t *in,
		      struct buf *err);

/* Runs workflow action `name` of record `id` of res with `body` (stolen: the
 * action's fields) as its user would, in the caller's transaction: 0, or -1
 * with err saying which action failed and why. */
int demo_action(struct request_ctx *ctx, const struct resource *res, long long id,
		const char *name, json_t *body, struct buf *err);

#endif
