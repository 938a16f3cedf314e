/* route: the routing table and the dispatcher that does every cross-cutting
 * check (authentication, CSRF, role) once, before any handler runs. */
#ifndef JICENG_ROUTE_H
#define JICENG_ROUTE_H

#include "http/request.h"

void route_dispatch(struct request_ctx *ctx);

#endif
