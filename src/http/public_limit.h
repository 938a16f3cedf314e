/* public_limit: the per-client-address limit of the public routes
 * (ROUTE_PUBLIC: 村务公开, the 晒单 board, Open311), counted in the database
 * so that it holds across the nodes of a deployment. */
#ifndef JICENG_PUBLIC_LIMIT_H
#define JICENG_PUBLIC_LIMIT_H

#include "http/request.h"

/* 0 when the caller's address is under server_config.public_per_minute
 * requests this minute (or the limit is off, or the counter cannot be
 * reached: the page stays available); else replies 429 with Retry-After and
 * returns -1. */
int public_limit_or_reply(struct request_ctx *ctx);

#endif
