/* settings: the statements of the settings table; every value is bound. */
#include "store/settings.h"

int settings_get(struct db *db, struct arena *a, const char *key, const char **value,
		 struct buf *err)
{
	struct db_param p = db_text(key);
	struct db_result r;

	*value = NULL;
	if (db_query(db, a, "SELECT value FROM settings WHERE key = ?", &p, 1, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	*value = db_cell(&r, 0, 0);
	return 1;
}

int settings_set(struct db *db, struct arena *a, const char *key, const char *value,
		 const char *now, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
		" updated_at = excluded.updated_at";
	struct db_param p[3] = { db_text(key), db_text(value), db_text(now) };

	return db_query(db, a, sql, p, 3, NULL, err);
}
