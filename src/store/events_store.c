/* events_store: appending to the event log and reading one record's history. */
#include "store/events_store.h"

#include "domain/date.h"

int events_add(struct db *db, struct arena *a, const struct event_entry *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO events (entity, entity_id, action, from_state, to_state, on_date,"
		" fields, comment, user_id, username, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char now[21];
	struct db_param p[11];

	date_now_rfc3339(now);
	p[0] = db_text(e->entity);
	p[1] = db_int(e->entity_id);
	p[2] = db_text(e->action);
	p[3] = db_text(e->from_state);
	p[4] = db_text(e->to_state);
	p[5] = db_text(e->on);
	p[6] = db_text(e->fields);
	p[7] = db_text(e->comment);
	p[8] = e->user_id ? db_int(e->user_id) : db_null();
	p[9] = db_text(e->username ? e->username : "cli");
	p[10] = db_text(now);
	return db_query(db, a, sql, p, 11, NULL, err);
}

int events_of(struct db *db, struct arena *a, const char *entity, long long entity_id,
	      struct db_result *out, struct buf *err)
{
	static const char sql[] =
		"SELECT id, at, on_date, user_id, username, action, from_state, to_state, fields,"
		" comment, (SELECT u.display_name FROM users u WHERE u.id = events.user_id)"
		" FROM events WHERE entity = ? AND entity_id = ? ORDER BY id";
	struct db_param p[2] = { db_text(entity), db_int(entity_id) };

	return db_query(db, a, sql, p, 2, out, err);
}
