/* public_limit: a fixed one-minute window per client address for the public
 * routes — the simplest limit that every node sees the same way. */
#include "http/public_limit.h"

#include <stdio.h>
#include <time.h>

#include "http/server.h"
#include "store/rate_store.h"

int public_limit_or_reply(struct request_ctx *ctx)
{
	time_t t = time(NULL);
	time_t old = t - 120;
	struct tm tm;
	char minute[17], prune[17];
	struct buf err = BUF_INIT;
	long long hits = 0;

	if (server_config.public_per_minute <= 0 || !ctx->ip)
		return 0;
	gmtime_r(&t, &tm);
	strftime(minute, sizeof(minute), "%Y-%m-%dT%H:%M", &tm);
	gmtime_r(&old, &tm);
	strftime(prune, sizeof(prune), "%Y-%m-%dT%H:%M", &tm);
	if (rate_store_hit(ctx->db, ctx->a, ctx->ip, minute, prune, &hits, &err)) {
		fprintf(stderr, "jiceng: public limit: %s\n", err.ptr);
		buf_release(&err);
		return 0;
	}
	buf_release(&err);
	if (hits <= server_config.public_per_minute)
		return 0;
	reply_header(ctx, "Retry-After", arena_printf(ctx->a, "%d", 60 - (int)(t % 60)));
	reply_error(ctx, 429, "rate_limited", "访问过于频繁，请稍后再试", NULL);
	return -1;
}
