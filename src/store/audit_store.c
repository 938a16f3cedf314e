/* audit_store: the audit table; rows are written in the transaction of the
 * change they describe, so a rolled-back change leaves no audit row. */
#include "store/audit_store.h"

#include <stdlib.h>

#include "domain/date.h"

int audit_write(struct db *db, struct arena *a, const struct audit_entry *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO audit (at, user_id, username, action, entity, entity_id, before,"
		" after, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char now[21];
	char *before = e->before ? json_dumps(e->before, JSON_COMPACT) : NULL;
	char *after = e->after ? json_dumps(e->after, JSON_COMPACT) : NULL;
	struct db_param p[9];
	int ret;

	date_now_rfc3339(now);
	p[0] = db_text(now);
	p[1] = e->user_id ? db_int(e->user_id) : db_null();
	p[2] = db_text(e->username);
	p[3] = db_text(e->action);
	p[4] = db_text(e->entity);
	p[5] = e->entity_id ? db_int(e->entity_id) : db_null();
	p[6] = db_text(before);
	p[7] = db_text(after);
	p[8] = db_text(e->ip);
	ret = db_query(db, a, sql, p, 9, NULL, err);
	free(before);
	free(after);
	return ret;
}

int audit_list(struct db *db, struct arena *a, const struct audit_query *q,
	       struct db_result *out, struct buf *err)
{
	static const char sql[] =
		"SELECT id, at, user_id, username, action, entity, entity_id, before, after, ip,"
		" (SELECT u.display_name FROM users u WHERE u.id = audit.user_id)"
		" FROM audit WHERE (? = '' OR entity = ?) AND (? = 0 OR entity_id = ?)"
		" AND (? = 0 OR user_id = ?) AND at >= ? AND at <= ? AND id < ?"
		" ORDER BY id DESC LIMIT ?";
	const char *entity = q->entity ? q->entity : "";
	struct db_param p[10] = {
		db_text(entity), db_text(entity), db_int(q->entity_id), db_int(q->entity_id),
		db_int(q->user_id), db_int(q->user_id),
		db_text(q->from ? q->from : ""), db_text(q->to ? q->to : "9999"),
		db_int(q->before_id ? q->before_id : 0x7fffffffffffffffLL), db_int(q->limit),
	};

	return db_query(db, a, sql, p, 10, out, err);
}
