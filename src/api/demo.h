/* demo: what the modules' demo loaders share — writing one record through
 * the same validation, hooks and audit as any user's input, so that demo data
 * is valid by construction. */
#ifndef JICENG_DEMO_H
#define JICENG_DEMO_H

#include <jansson.h>
#include <time.h>

#include "http/request.h"
#include "schema/resource.h"

/* Creates a record from `in` (stolen; values as an import would take them)
 * in the caller's transaction; returns its id, or 0 with err saying why. */
long long demo_create(struct request_ctx *ctx, const struct resource *res, json_t *in,
		      struct buf *err);

/* Runs workflow action `action` of record `id` of `res` with `body` (stolen:
 * the action's fields) as its user would (transition_run, scoped to the
 * caller) in the caller's transaction. 0, or -1 with err saying which action
 * failed and why (the field errors included; an undeclared action fails). */
int demo_act(struct request_ctx *ctx, const struct resource *res, long long id,
	     const char *action, json_t *body, struct buf *err);

/* The instant `days` (may be fractional) before `base`, as RFC 3339 UTC text
 * in the arena: the dates of demo events back from now. */
const char *demo_instant(struct request_ctx *ctx, time_t base, double days);

#endif
