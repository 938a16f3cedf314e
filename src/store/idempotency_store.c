/* idempotency_store: the statements of the idempotency_keys table; every
 * value is bound. */
#include "store/idempotency_store.h"

#include <stdlib.h>

int idem_store_find(struct db *db, struct arena *a, long long principal_id, const char *key,
		    long long since, struct idem_answer *out, struct buf *err)
{
	static const char sql[] =
		"SELECT request_hash, status, content_type, body_enc FROM idempotency_keys"
		" WHERE principal_id = ? AND key = ? AND created_at >= ?";
	struct db_param p[3] = { db_int(principal_id), db_text(key), db_int(since) };
	struct db_result r;

	if (db_query(db, a, sql, p, 3, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	out->request_hash = db_cell(&r, 0, 0);
	out->status = (int)strtol(db_cell(&r, 0, 1), NULL, 10);
	out->content_type = db_cell(&r, 0, 2);
	out->body_enc = db_cell(&r, 0, 3);
	return 1;
}

int idem_store_put(struct db *db, struct arena *a, long long principal_id, const char *key,
		   const struct idem_answer *ans, long long now, struct buf *err)
{
	static const char expire_sql[] = "DELETE FROM idempotency_keys WHERE created_at < ?";
	static const char insert_sql[] =
		"INSERT INTO idempotency_keys (principal_id, key, request_hash, status,"
		" content_type, body_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	struct db_param old = db_int(now - IDEM_TTL_S);
	struct db_param p[7] = { db_int(principal_id), db_text(key), db_text(ans->request_hash),
				 db_int(ans->status), db_text(ans->content_type),
				 db_text(ans->body_enc), db_int(now) };
	int rc = db_query(db, a, expire_sql, &old, 1, NULL, err);

	return rc ? rc : db_query(db, a, insert_sql, p, 7, NULL, err);
}
