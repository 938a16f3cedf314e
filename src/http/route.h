/* route: the routing table and the dispatcher that does every cross-cutting
 * check (authentication, CSRF, role) once, before any handler runs. The server
 * calls the steps apart so that a request is judged on its headers before its
 * body is read: route_find and route_admit on the first call, route_run once
 * the body is in. */
#ifndef JICENG_ROUTE_H
#define JICENG_ROUTE_H

#include "http/request.h"

/* Bodies of routes that answer without a session (login, public forms). */
#define ROUTE_PUBLIC_BODY_MAX ((size_t)16 << 10)

/* Sets ctx->route and ctx->params from the method and path; ctx->route is
 * NULL when no API route matches (a static file, or 404 in route_admit). */
void route_find(struct request_ctx *ctx);
/* The checks the route's flags ask for, from the headers: 0 when the request
 * may run (ctx->who set where a login is needed), -1 with the error reply
 * queued in ctx (404, 401, 403 csrf or forbidden). Reads the database. */
int route_admit(struct request_ctx *ctx);
/* The largest body the found route takes, in bytes: the import limit for
 * ROUTE_UPLOAD, ROUTE_PUBLIC_BODY_MAX for routes without a login, the JSON
 * limit for other mutations, 0 for GET/HEAD and for unknown routes. */
size_t route_body_max(const struct request_ctx *ctx);
/* Runs the found route's handler, or serves a static file. */
void route_run(struct request_ctx *ctx);
/* The whole route table in the order route_find tries it — core, each
 * module's, then the generic {res} routes — as a new JSON array of
 * {method, pattern, source ("core", a module's name, "generic"), flags
 * ["no_login" "public" "upload" "setup"], caps [role_caps_names]; the
 * statistics route also has names: every module's named statistics}; the
 * caller owns it. For `jiceng routes --json` and the access-control matrix. */
json_t *route_table_json(void);
/* All three in order (for callers that have the whole request at once). */
void route_dispatch(struct request_ctx *ctx);

#endif
