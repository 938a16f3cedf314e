/* demo_talent: the reserve talent pool of 下司镇 for `jiceng demo`. */
#ifndef JICENG_MODULES_DEMO_TALENT_H
#define JICENG_MODULES_DEMO_TALENT_H

#include "http/request.h"

/* Loads the pool inside the caller's transaction, after the platform's demo
 * data; returns the number of talents, or -1 with err saying why. */
long long demo_talent_load(struct request_ctx *ctx, struct buf *err);

#endif
