/* idempotency: the Idempotency-Key of mutating requests (docs/api.md). A
 * retry with the same key and the same request gets the first answer again
 * and writes nothing; the key is stored in the transaction of the write it
 * answers, so a crash keeps both or neither. */
#ifndef JICENG_IDEMPOTENCY_H
#define JICENG_IDEMPOTENCY_H

#include "http/request.h"

/* The header's largest length, in characters. */
#define IDEM_KEY_MAX 128

/*
 * From the headers, before the body is read: 0 when the request has no
 * Idempotency-Key or a well-formed one (1-128 printable ASCII characters),
 * -1 with a 400 queued in ctx otherwise. Only for authenticated mutations.
 */
int idempotency_check_or_reply(struct request_ctx *ctx);

/*
 * Before the handler of an authenticated mutation: with no key, 0 (run the
 * handler, nothing else happens). With a key already stored for this caller:
 * the stored answer is queued (header "Idempotent-Replayed: true") when the
 * request is the same, a 422 when it differs; returns 1 (do not run the
 * handler). Otherwise holds the connection's commits (db_hold_commits) and
 * returns 0; idempotency_end() must follow the handler. A database error
 * queues a 503 and returns 1.
 */
int idempotency_begin(struct request_ctx *ctx);

/*
 * After the handler: when it committed a write, stores its answer under the
 * key in that same transaction and commits both; a failed commit replaces the
 * answer with a 503 (nothing was written). When a concurrent request with the
 * same key committed first, this one's writes are undone and that answer is
 * replayed instead. When the handler wrote nothing, its answer stands (a
 * retry runs again) unless a concurrent twin's answer is now stored.
 */
void idempotency_end(struct request_ctx *ctx);

#endif
