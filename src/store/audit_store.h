/* audit_store: writing and reading the audit trail. */
#ifndef JICENG_AUDIT_STORE_H
#define JICENG_AUDIT_STORE_H

#include <jansson.h>

#include "store/db.h"

struct audit_entry {
	long long user_id;     /* 0 = none (failed login of an unknown user, CLI) */
	const char *username;
	const char *action;    /* create update delete action:<name> import export login login_failed reveal ... */
	const char *entity;    /* resource name as in the URL */
	long long entity_id;   /* 0 = none */
	json_t *before;        /* borrowed; may be NULL */
	json_t *after;         /* borrowed; may be NULL */
	const char *ip;
};

/* Appends one row, chained to the previous one: hash = SHA-256 (libsodium
 * crypto_hash_sha256) of the previous row's hash (hex; 64 zeros before the
 * first) followed by the compact JSON array of the row's id, at, user_id,
 * username, action, entity, entity_id, before, after and ip. The row is
 * queued on the caller's write transaction (or its own when there is none)
 * and written by its db_commit, just before the commit, taking the id after
 * the chain head's; the head row is read FOR UPDATE on PostgreSQL (SQLite:
 * the one writer), so concurrent writers queue instead of forking the chain,
 * and since it is the transaction's last lock they cannot deadlock on it.
 * A rolled-back transaction writes none. `a` is unused (kept for callers).
 * 0, or -1 with err set (then db_commit fails too). */
int audit_write(struct db *db, struct arena *a, const struct audit_entry *e, struct buf *err);

#define AUDIT_HASH_HEX_SIZE 65

/* Chains the rows written before migration 0015 (hash NULL), in id order,
 * in its own transaction; run after migrating. 0 (also when there is
 * nothing to do), or -1 with err set. */
int audit_chain_seal(struct db *db, struct arena *a, struct buf *err);

enum audit_problem {
	AUDIT_OK = 0,
	AUDIT_CHANGED,   /* the row's content or hash does not match the chain */
	AUDIT_MISSING,   /* the row is gone (the next one follows a gap, or the head names it) */
};

struct audit_verdict {
	long long rows;              /* rows verified before the first problem */
	long long bad_id;            /* the first changed or missing row; 0 = the chain holds */
	enum audit_problem problem;
};

/* Walks the whole chain in id order and compares every hash and the head.
 * 0 with *v filled (v->bad_id = 0 when intact), or -1 with err set when the
 * database could not be read. */
int audit_verify(struct db *db, struct arena *a, struct audit_verdict *v, struct buf *err);

struct audit_query {
	const char *entity;
	long long entity_id, user_id; /* 0 = any */
	const char *from, *to;        /* RFC 3339 or date prefixes; NULL = open */
	long long before_id;          /* keyset: ids below this; 0 = from the newest */
	int limit;
};

/* Newest first. Columns: id at user_id username action entity entity_id before after ip
 * user_name (the user's display name, NULL when none or the user is gone). */
int audit_list(struct db *db, struct arena *a, const struct audit_query *q,
	       struct db_result *out, struct buf *err);

#endif
