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

int accounts_failures_count(struct db *db, struct arena *a, const char *key,
			    const char *since, long long *count, const char **oldest,
			    struct buf *err);
int accounts_failure_add(struct db *db, struct arena *a, const char *key, const char *now,
			 const char *prune_before, struct buf *err);
int accounts_failures_clear(struct db *db, struct arena *a, const char *key, struct buf *err);

#endif
