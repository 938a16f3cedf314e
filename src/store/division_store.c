/* division_store: an idempotent load — running init twice changes nothing. */
#include "store/division_store.h"

#include <stdlib.h>

#include "domain/date.h"

int division_store_load(struct db *db, const struct division *d, size_t n, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO divisions (id, code, name, short_name, level, parent_code, created_at,"
		" updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET"
		" name = excluded.name, short_name = excluded.short_name, level = excluded.level,"
		" parent_code = excluded.parent_code";
	struct arena *a = arena_new();
	char now[DATE_TIME_SIZE];
	size_t i;
	int ret = -1;

	date_now_rfc3339(now);
	if (db_begin(db, 1, err))
		goto out;
	for (i = 0; i < n; i++) {
		struct db_param p[8] = {
			db_int(strtoll(d[i].code, NULL, 10)), db_text(d[i].code), db_text(d[i].name),
			db_text(d[i].short_name), db_int(d[i].level),
			db_text(d[i].parent_code[0] ? d[i].parent_code : NULL), db_text(now),
			db_text(now),
		};

		if (db_query(db, a, sql, p, 8, NULL, err)) {
			db_rollback(db);
			goto out;
		}
	}
	if (db_commit(db, err))
		goto out;
	ret = 0;
out:
	arena_free(a);
	return ret;
}
