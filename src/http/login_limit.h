/* login_limit: how many password tries a login gets, shared by every node
 * through the database (store/accounts.h, table login_throttle).
 *
 *  - An account tried from one address (the pair) gets LOGIN_PAIR_FREE
 *    failures at once; after that each try must wait a growing delay after
 *    the last failure: 30 s, 1, 2, 4, 8 and then 15 minutes. Fifteen quiet
 *    minutes start the pair over; a success clears it.
 *  - One address gets LOGIN_ADDR_FREE failures (any usernames) before it
 *    waits 15 minutes.
 *  - An account failed LOGIN_SOFT_LOCK times from anywhere (within windows of
 *    15 quiet minutes) is soft-locked: only addresses its owner has logged in
 *    from may still try, until an administrator lifts the lock (the users
 *    action unlock_login) or a day passes. Failures from other addresses thus
 *    never lock its owner out.
 * A try is claimed before the password is checked, in a compare-and-set on
 * the counters, so concurrent wrong passwords cannot get more tries than
 * these limits. Unknown usernames are counted exactly like known ones. */
#ifndef JICENG_LOGIN_LIMIT_H
#define JICENG_LOGIN_LIMIT_H

#include <time.h>

#include "http/request.h"

#define LOGIN_PAIR_FREE 5
#define LOGIN_ADDR_FREE 30
#define LOGIN_SOFT_LOCK 20
#define LOGIN_WINDOW_S (15 * 60)
#define LOGIN_LOCK_S (24 * 3600)

enum login_claim {
	LOGIN_CLAIMED = 0,  /* go on and check the password */
	LOGIN_WAIT,         /* too many failures: *retry_after seconds */
	LOGIN_LOCKED,       /* the account is soft-locked and this address unknown to it */
	LOGIN_ERROR,        /* the database failed (err says why) */
};

/* Claims one try of `username` (user_id 0 when there is no such user) from
 * ctx->ip at time t, counting it as a failure until login_limit_success(). */
enum login_claim login_limit_claim(struct request_ctx *ctx, const char *username,
				   long long user_id, time_t t, long long *retry_after,
				   struct buf *err);
/* After a wrong password: counts it for the address and the account (and
 * soft-locks the account at LOGIN_SOFT_LOCK), in the caller's transaction. */
int login_limit_failure(struct request_ctx *ctx, const char *username, time_t t,
			struct buf *err);
/* After a right password: the pair starts over, in the caller's transaction. */
int login_limit_success(struct request_ctx *ctx, const char *username, struct buf *err);
/* Lifts an account's soft lock and forgets its failures (administrators). */
int login_limit_unlock(struct request_ctx *ctx, const char *username, struct buf *err);

#endif
