/* idempotency_store: the stored answers of requests sent with an
 * Idempotency-Key (table idempotency_keys, migration 0012). */
#ifndef JICENG_IDEMPOTENCY_STORE_H
#define JICENG_IDEMPOTENCY_STORE_H

#include "store/db.h"

/* A stored answer; the strings live in the arena given to the call. */
struct idem_answer {
	const char *request_hash;  /* hex, as stored */
	int status;                /* HTTP status */
	const char *content_type;  /* NULL for a body-less answer */
	const char *body_enc;      /* the body, encrypted (core/secret.h) */
};

/* How long a key is kept, in seconds: a day, as the contract promises. */
#define IDEM_TTL_S (24 * 3600)

/*
 * The answer stored for (principal_id, key) no earlier than `since` (Unix
 * seconds; older rows are expired even while not yet deleted).
 * Returns 1 with *out filled, 0 when there is none, -1 with err set.
 */
int idem_store_find(struct db *db, struct arena *a, long long principal_id, const char *key,
		    long long since, struct idem_answer *out, struct buf *err);

/*
 * In the caller's write transaction: deletes the rows created before
 * `now - IDEM_TTL_S`, then stores `ans` for (principal_id, key) stamped `now`.
 * Returns DB_OK, DB_CONSTRAINT when the key is already stored (a concurrent
 * request with the same key committed first), or DB_ERR with err set.
 */
int idem_store_put(struct db *db, struct arena *a, long long principal_id, const char *key,
		   const struct idem_answer *ans, long long now, struct buf *err);

#endif
