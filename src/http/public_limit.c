/* public_limit: a sliding one-minute window per client address for the
 * public routes, counted in the database so that every node agrees. */
#include "http/public_limit.h"

#include <stdio.h>
#include <time.h>

#include "core/log.h"
#include "domain/date.h"
#include "http/server.h"
#include "store/rate_store.h"

#define WINDOW_S 60

static void rfc3339(time_t t, char out[DATE_TIME_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int public_limit_or_reply(struct request_ctx *ctx)
{
	time_t t = time(NULL);
	char now[DATE_TIME_SIZE], since[DATE_TIME_SIZE];
	struct buf err = BUF_INIT;
	const char *oldest = NULL;
	long long hits = 0, retry;
	struct tm tm;

	if (server_config.public_per_minute <= 0 || !ctx->ip)
		return 0;
	rfc3339(t, now);
	rfc3339(t - WINDOW_S, since);
	if (rate_store_hit(ctx->db, ctx->a, ctx->ip, now, since, &hits, &oldest, &err)) {
		log_warn("公开页面限流计数失败: %s", err.ptr);
		buf_release(&err);
		return 0;
	}
	buf_release(&err);
	if (hits <= server_config.public_per_minute)
		return 0;
	/* the window frees a place when its oldest request leaves it */
	retry = WINDOW_S;
	if (oldest && strptime(oldest, "%Y-%m-%dT%H:%M:%SZ", &tm))
		retry = (long long)(timegm(&tm) + WINDOW_S - t);
	reply_header(ctx, "Retry-After", arena_printf(ctx->a, "%lld", retry > 0 ? retry : 1));
	reply_error(ctx, 429, "rate_limited", "访问过于频繁，请稍后再试", NULL);
	return -1;
}
