/* stats: the named statistics of GET /api/v1/stats/{name}; each module adds
 * its own to the table in stats.c. Figures are computed from records, always. */
#ifndef JICENG_STATS_H
#define JICENG_STATS_H

#include <jansson.h>

#include "http/request.h"

struct stats_args {
	char division[13];     /* 12 digits */
	char lo[13], hi[13];   /* its subtree's code range */
	int level;             /* 1..5 */
	char as_of[11], from[11], to[11];
};

struct stats_def {
	const char *name;
	/* fills `values`; returns 0, or -1 with err set (answered 500) */
	int (*compute)(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		       struct buf *err);
};

/* {"count": n, "of": d, "ratio": n/d} with ratio 0 when d is 0. */
json_t *stats_ratio(long long count, long long of);

#endif
