/* demo: what the demo loaders share — writing one record through the same
 * validation, hooks and audit as any user's input. */
#ifndef JICENG_DEMO_H
#define JICENG_DEMO_H

#include <jansson.h>

#include "api/resource.h"
#include "http/request.h"

/* Creates a record from `in` (stolen) in the caller's transaction; returns its
 * id, or 0 after printing why not. */
long long demo_create(struct request_ctx *ctx, const struct resource *res, json_t *in);

#endif
