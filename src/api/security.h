/* security: the security policy every node shares (store/settings.h) — the
 * roles whose users must use a second factor, and whether administration is
 * separated into system, security and audit administrators (三权分立) — for
 * the login, the users' rules, GET/PUT /api/v1/security and the CLI's
 * `jiceng security`. docs/security.md explains both settings. */
#ifndef JICENG_API_SECURITY_H
#define JICENG_API_SECURITY_H

#include <jansson.h>

#include "http/request.h"

struct security_policy {
	const char *totp_roles;  /* the roles that must use a second factor, comma-separated,
				  * "" for none */
	int separation;          /* 1: 三权分立 — the admin role is off */
};

/* Reads the policy (strings in `a`; unset settings read as "" and 0).
 * 0, or -1 with err set. */
int security_policy_load(struct db *db, struct arena *a, struct security_policy *out,
			 struct buf *err);

/* 1 when a user of `role` with the account flag `user_flag` (users.totp_required)
 * must use a second factor, 0 when not, -1 on a database failure (err). */
int security_totp_required(struct request_ctx *ctx, const char *role, int user_flag,
			   struct buf *err);

/* 1 when 三权分立 is on, 0 when not, -1 on a database failure (err). */
int security_separation(struct request_ctx *ctx, struct buf *err);

/*
 * Sets the roles that must use a second factor: `roles` is a JSON array of
 * role names (borrowed). Users of those roles without one lose their
 * sessions, so the rule holds from their next request. Audited (entity
 * "settings"). In the caller's transaction. Returns 0; 1 when `roles` is
 * not a list of known role names (errors gets {"totp_roles": why}); -1 on a
 * database failure (err).
 */
int security_set_totp_roles(struct request_ctx *ctx, json_t *roles, json_t *errors,
			    struct buf *err);

/*
 * Turns 三权分立 on or off. On is refused unless an active account of each of
 * sysadmin, secadmin and auditor exists; it then disables every admin
 * account (their sessions and tokens end with it). Off leaves those accounts
 * disabled (`jiceng user unlock` brings one back). Audited. In the caller's
 * transaction. Returns 0; 1 when refused (err says why); -1 on a failure (err).
 */
int security_set_separation(struct request_ctx *ctx, int on, struct buf *err);

/* The policy as the API shows it: {"totp_roles": [...], "separation": bool}. */
json_t *security_policy_json(const struct security_policy *p);

void api_security_get(struct request_ctx *ctx);  /* GET /api/v1/security */
void api_security_put(struct request_ctx *ctx);  /* PUT /api/v1/security */

#endif
