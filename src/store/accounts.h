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
	/* filled by accounts_session_lookup */
	long long session_id;
	const char *csrf, *last_seen_at;
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

int accounts_session_create(struct db *db, struct arena *a, const char *token_hash,
			    long long user_id, const char *csrf, const char *now,
			    const char *expires, const char *ip, long long *id, struct buf *err);
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
