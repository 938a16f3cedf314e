/* login_limit: the counters of login tries and their compare-and-set claims. */
#include "http/login_limit.h"

#include <string.h>

#include "domain/date.h"
#include "store/accounts.h"

#define CAS_TRIES 8

struct policy {
	long long free;   /* failures without delay */
	long base_s;      /* the first delay after them; doubles each failure */
	long max_s;       /* the longest delay */
};

static const struct policy pair_policy = { LOGIN_PAIR_FREE, 30, LOGIN_WINDOW_S };
static const struct policy addr_policy = { LOGIN_ADDR_FREE, LOGIN_WINDOW_S, LOGIN_WINDOW_S };

/* The wait after `failures` failures under policy p, in seconds. */
static long delay_after(const struct policy *p, long long failures)
{
	long d = p->base_s;
	long long k;

	if (failures < p->free)
		return 0;
	for (k = p->free; k < failures && d < p->max_s; k++)
		d *= 2;
	return d < p->max_s ? d : p->max_s;
}

static int locked(const struct throttle *th, int found, time_t t)
{
	return found && th->locked_at && t - date_time_parse(th->locked_at) < LOGIN_LOCK_S;
}

/* Failures that still count at t: fifteen quiet minutes after the last
 * failure's delay start over. */
static long long current(const struct throttle *th, int found, const struct policy *p, time_t t)
{
	if (!found || t - date_time_parse(th->last_failure_at) > LOGIN_WINDOW_S + delay_after(p, th->failures))
		return 0;
	return th->failures;
}

/* Counts one failure on `key` (compare-and-set): 0 counted, 1 must wait
 * (*retry set; only when `wait` — a claim — asks), -1 error. The soft lock
 * is set at LOGIN_SOFT_LOCK when `lock_at` asks for it. */
static int count_key(struct request_ctx *ctx, const char *key, const struct policy *p, time_t t,
		     int wait, long long lock_at, long long *retry, struct buf *err)
{
	char now[21], next[21];
	int i;

	date_time_rfc3339(t, now);
	for (i = 0; i < CAS_TRIES; i++) {
		struct throttle th, to;
		int found = accounts_throttle_get(ctx->db, ctx->a, key, &th, err);
		long long n;
		int rc;

		if (found < 0)
			return -1;
		n = current(&th, found, p, t);
		if (wait && n >= p->free && date_time_parse(th.next_at) > t) {
			*retry = (long long)(date_time_parse(th.next_at) - t);
			return 1;
		}
		date_time_rfc3339(t + delay_after(p, n + 1), next);
		to = th;
		to.failures = n + 1;
		to.last_failure_at = now;
		to.next_at = next;
		if (lock_at && !locked(&th, found, t))
			to.locked_at = to.failures >= lock_at ? now : NULL;
		rc = accounts_throttle_set(ctx->db, ctx->a, key, found ? th.failures : 0, &to, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return 0;
	}
	/* lost every race: someone is hammering this key; let them wait */
	*retry = 1;
	return wait ? 1 : 0;
}

/* 0 when the address may try, 1 when it must wait (*retry set), -1 error. */
static int address_waits(struct request_ctx *ctx, time_t t, long long *retry, struct buf *err)
{
	struct throttle th;
	int found = accounts_throttle_get(ctx->db, ctx->a, arena_printf(ctx->a, "a:%s", ctx->ip),
					  &th, err);

	if (found < 0)
		return -1;
	if (current(&th, found, &addr_policy, t) >= addr_policy.free && date_time_parse(th.next_at) > t) {
		*retry = (long long)(date_time_parse(th.next_at) - t);
		return 1;
	}
	return 0;
}

static const char *pair_key(struct request_ctx *ctx, const char *username)
{
	return arena_printf(ctx->a, "p:%s|%s", username, ctx->ip);
}

static const char *account_key(struct request_ctx *ctx, const char *username)
{
	return arena_printf(ctx->a, "u:%s", username);
}

enum login_claim login_limit_claim(struct request_ctx *ctx, const char *username,
				   long long user_id, time_t t, long long *retry_after,
				   struct buf *err)
{
	struct throttle th;
	enum login_claim ret = LOGIN_ERROR;
	int found, rc;

	*retry_after = 0;
	if (db_begin(ctx->db, 1, err))
		return LOGIN_ERROR;
	found = accounts_throttle_get(ctx->db, ctx->a, account_key(ctx, username), &th, err);
	if (found < 0)
		goto out;
	if (locked(&th, found, t)) {
		rc = user_id ? accounts_known_address(ctx->db, ctx->a, user_id, ctx->ip, err) : 0;
		if (rc < 0)
			goto out;
		if (!rc) {
			ret = LOGIN_LOCKED;
			goto out;
		}
	}
	rc = address_waits(ctx, t, retry_after, err);
	if (!rc)
		rc = count_key(ctx, pair_key(ctx, username), &pair_policy, t, 1, 0, retry_after, err);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		ret = LOGIN_WAIT;
		goto out;
	}
	if (db_commit(ctx->db, err))
		return LOGIN_ERROR;
	return LOGIN_CLAIMED;
out:
	db_rollback(ctx->db);
	return ret;
}

int login_limit_failure(struct request_ctx *ctx, const char *username, time_t t,
			struct buf *err)
{
	static const struct policy account_policy = { LOGIN_SOFT_LOCK, 0, 0 };
	long long ignored;

	if (count_key(ctx, arena_printf(ctx->a, "a:%s", ctx->ip), &addr_policy, t, 0, 0, &ignored,
		      err))
		return -1;
	return count_key(ctx, account_key(ctx, username), &account_policy, t, 0, LOGIN_SOFT_LOCK,
			 &ignored, err) ? -1 : 0;
}

int login_limit_success(struct request_ctx *ctx, const char *username, struct buf *err)
{
	return accounts_throttle_clear(ctx->db, ctx->a, pair_key(ctx, username), err);
}

int login_limit_unlock(struct request_ctx *ctx, const char *username, struct buf *err)
{
	return accounts_throttle_clear(ctx->db, ctx->a, account_key(ctx, username), err);
}
