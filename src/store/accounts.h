/* accounts: the SQL of users, sessions, API tokens and login failures. */
#ifndef JICENG_ACCOUNTS_H
#define JICENG_ACCOUNTS_H

#include "store/db.h"

struct account {
	long long id;
	const char *username, *display_name, *role, *scope_division, *status, *password_hash;
	long long scope_org_id, enterprise_id;
	const char *org_path; /* path of scope_org_id */
	int pii;
	int totp_enabled;         /* a second factor is set up (RFC 6238) */
	int totp_required;        /* the user must use one, whatever the policy of their role */
	const char *totp_secret_enc, *totp_pending_enc; /* secret_encrypt()ed base32 secrets */
	/* filled by accounts_session_lookup */
	long long session_id;
	const char *csrf, *last_seen_at;
	int setup_only;           /* the session may only set up a second factor */
	/* filled by accounts_token_account */
	long long token_id;
	const char *token_used_at;
};

/* 1 found, 0 not found, -1 error. Strings live in `a`. */
int accounts_by_username(struct db *db, struct arena *a, const char *username,
			 struct account *out, struct buf *err);
int accounts_by_id(struct db *db, struct arena *a, long long id, struct account *out,
		   struct buf *err);
int accounts_set_password(struct db *db, struct arena *a, long long id, const char *hash,
			  const char *now, struct buf *err);

/* A new session; setup_only 1 for one that may only set up a second factor. */
int accounts_session_create(struct db *db, struct arena *a, const char *token_hash,
			    long long user_id, const char *csrf, const char *now,
			    const char *expires, const char *ip, int setup_only, long long *id,
			    struct buf *err);
/* The session's second factor is now set up: it becomes a full session. */
int accounts_session_setup_done(struct db *db, struct arena *a, long long id, struct buf *err);
/* The live session (not revoked, not expired, seen after idle_cutoff) with its user. */
int accounts_session_lookup(struct db *db, struct arena *a, const char *token_hash,
			    const char *now, const char *idle_cutoff, struct account *out,
			    struct buf *err);
int accounts_session_touch(struct db *db, struct arena *a, long long id, const char *now,
			   struct buf *err);
int accounts_session_revoke(struct db *db, struct arena *a, long long id, struct buf *err);
/* Revokes the session whose cookie token hashes to token_hash, if there is one. */
int accounts_session_revoke_token(struct db *db, struct arena *a, const char *token_hash,
				  struct buf *err);
/* Revokes every session of the user except keep_id (0 = all). */
int accounts_sessions_revoke_user(struct db *db, struct arena *a, long long user_id,
				  long long keep_id, struct buf *err);

/* Ends the sessions of the users of `role` who have no second factor. */
int accounts_sessions_revoke_without_totp(struct db *db, struct arena *a, const char *role,
					  struct buf *err);
/* How many active accounts `role` has; -1 on error. */
long long accounts_count_active(struct db *db, struct arena *a, const char *role,
				struct buf *err);
/* The ids of the (not deleted) accounts of `role`, in *ids (in `a`), *n of them. */
int accounts_ids_of_role(struct db *db, struct arena *a, const char *role, long long **ids,
			 size_t *n, struct buf *err);

/* The user of a live token, in one statement (the per-request path). */
int accounts_token_account(struct db *db, struct arena *a, const char *token_hash,
			   struct account *out, struct buf *err);
/* Records when a token was last used. */
int accounts_token_touch(struct db *db, struct arena *a, long long id, const char *now,
			 struct buf *err);
int accounts_token_create(struct db *db, struct arena *a, const char *name, long long user_id,
			  const char *token_hash, const char *now, long long *id,
			  struct buf *err);
/* Lists tokens (of one user, or all when user_id is 0) as JSON objects. */
int accounts_token_list(struct db *db, struct arena *a, long long user_id,
			struct db_result *out, struct buf *err);
/* 1 revoked, 0 no such live token (of that user, when user_id is not 0). */
int accounts_token_revoke(struct db *db, struct arena *a, long long id, long long user_id,
			  const char *now, struct buf *err);

/* ---- second factors (RFC 6238 TOTP, migration 0011) ---- */

/* Keeps a new, not yet confirmed secret (encrypted) beside the current one. */
int accounts_totp_set_pending(struct db *db, struct arena *a, long long id,
			      const char *secret_enc, struct buf *err);
/* Makes `secret_enc` the user's second factor, the pending one gone, with
 * `step` (the time step of the code that confirmed it) already used. */
int accounts_totp_enable(struct db *db, struct arena *a, long long id, const char *secret_enc,
			 long long step, struct buf *err);
/* Removes the user's second factor and any pending secret. */
int accounts_totp_clear(struct db *db, struct arena *a, long long id, struct buf *err);
/* Uses time step `step` of the user's second factor, once: 1 when it is later
 * than every step used before (a compare-and-set, so that the same code
 * cannot log in twice, even at once on two nodes), 0 when it is not, -1 error. */
int accounts_totp_use_step(struct db *db, struct arena *a, long long id, long long step,
			   struct buf *err);

/* ---- login throttling (table login_throttle, migration 0011) ---- */

struct throttle {
	long long failures;       /* failed tries in the window */
	const char *last_failure_at; /* RFC 3339 UTC */
	const char *next_at;      /* the next try is judged from then on */
	const char *locked_at;    /* soft lock of a "u:" key, or NULL */
};

/* The row of `key`: 1 found (strings in a), 0 none, -1 error. */
int accounts_throttle_get(struct db *db, struct arena *a, const char *key, struct throttle *out,
			  struct buf *err);
/* Sets the row of `key` to `to` if it still holds `expected_failures`
 * failures (a compare-and-set, so that concurrent tries on other nodes or
 * threads cannot both pass a limit): 1 set, 0 someone else changed it first,
 * -1 error. A missing row counts as 0 failures and is created. */
int accounts_throttle_set(struct db *db, struct arena *a, const char *key,
			  long long expected_failures, const struct throttle *to, struct buf *err);
/* Forgets `key` (its failures and any soft lock). */
int accounts_throttle_clear(struct db *db, struct arena *a, const char *key, struct buf *err);
/* 1 when the user has logged in from `ip` before (a session was made), else 0; -1 error. */
int accounts_known_address(struct db *db, struct arena *a, long long user_id, const char *ip,
			   struct buf *err);

#endif
