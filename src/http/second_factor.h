/* second_factor: the TOTP second factor of logins (RFC 6238, core/totp.h) —
 * checking a login's code once, and the routes with which a signed-in user
 * sets one up, confirms it and removes it. Whether a user must have one is
 * the security policy's (api/security.h). */
#ifndef JICENG_SECOND_FACTOR_H
#define JICENG_SECOND_FACTOR_H

#include <time.h>

#include "http/request.h"
#include "store/accounts.h"

/*
 * Checks a login's `code` against the account's second factor at time `now`
 * and uses its time step, so that the code cannot log in again (in the
 * caller's transaction). Returns 1 when it is right, 0 when it is wrong or
 * already used, -1 on a failure (err).
 */
int second_factor_check(struct request_ctx *ctx, const struct account *acc, const char *code,
			time_t now, struct buf *err);

/* POST /api/v1/session/totp {"password"}: a new secret for the caller, kept
 * pending until confirmed → 200 {"secret", "uri", "issuer", "account",
 * "digits", "period"}. */
void totp_begin(struct request_ctx *ctx);
/* POST /api/v1/session/totp/confirm {"code"}: the pending secret becomes the
 * caller's second factor; a session that was waiting for it becomes a full
 * one, the user's other sessions end → 200 {"user", "csrf"}. */
void totp_confirm(struct request_ctx *ctx);
/* DELETE /api/v1/session/totp {"password", "code"}: removes the caller's
 * second factor, unless the policy or their account requires one → 204. */
void totp_remove(struct request_ctx *ctx);

#endif
