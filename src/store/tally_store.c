/* tally_store: upserts, recounts and reads of the tallies table. */
#include "store/tally_store.h"

#include <stdio.h>

int tally_add(struct db *db, struct arena *a, const char *entity, const char *field,
	      const char *value, const char *division, long long delta, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO tallies (entity, field, value, division_code, n) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT (entity, field, value, division_code) DO UPDATE SET n = tallies.n + excluded.n";
	struct db_param p[5] = { db_text(entity), db_text(field), db_text(value ? value : ""),
				 db_text(division ? division : ""), db_int(delta) };

	return db_query(db, a, sql, p, 5, NULL, err);
}

int tally_recount(struct db *db, struct arena *a, const char *entity, const char *table,
		  const char *column, const char *field, const char *value_column,
		  struct buf *err)
{
	struct db_param p[2] = { db_text(entity), db_text(field) };
	char *sql;

	if (db_query(db, a, "DELETE FROM tallies WHERE entity = ? AND field = ?", p, 2, NULL, err))
		return -1;
	sql = arena_printf(a,
		"INSERT INTO tallies (entity, field, value, division_code, n)"
		" SELECT ?, ?, %s%s%s, COALESCE(%s, ''), COUNT(*) FROM %s WHERE deleted_at IS NULL"
		" GROUP BY 3, 4",
		value_column ? "COALESCE(CAST(" : "''", value_column ? value_column : "",
		value_column ? " AS TEXT), '')" : "", column, table);
	return db_query(db, a, sql, p, 2, NULL, err);
}

int tally_read(struct db *db, struct arena *a, const char *entity, const char *field,
	       const char *lo, const char *hi, struct db_result *out, struct buf *err)
{
	struct db_param p[4] = { db_text(entity), db_text(field), db_text(lo ? lo : ""),
				 db_text(hi ? hi : "") };

	return db_query(db, a, lo
		? "SELECT value, SUM(n) FROM tallies WHERE entity = ? AND field = ?"
		  " AND division_code BETWEEN ? AND ? GROUP BY value"
		: "SELECT value, SUM(n) FROM tallies WHERE entity = ? AND field = ? GROUP BY value",
		p, lo ? 4 : 2, out, err);
}

int tally_any(struct db *db, struct arena *a, const char *entity, struct buf *err)
{
	struct db_param p = db_text(entity);
	struct db_result r;

	if (db_query(db, a, "SELECT 1 FROM tallies WHERE entity = ? LIMIT 1", &p, 1, &r, err))
		return -1;
	return r.nrows > 0;
}
