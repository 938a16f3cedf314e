/* stats_store: grouped counts over code-prefix ranges (index range scans). */
#include "store/stats_store.h"

#include <stdio.h>

int stats_store_count_by_prefix(struct db *db, struct arena *a, const char *table,
				const char *division_column, int prefix_len, const char *lo,
				const char *hi, struct db_result *out, struct buf *err)
{
	char *sql = arena_printf(a,
		"SELECT substr(%s, 1, %d) AS p, COUNT(*) FROM %s WHERE deleted_at IS NULL"
		" AND %s BETWEEN ? AND ? GROUP BY substr(%s, 1, %d)",
		division_column, prefix_len, table, division_column, division_column, prefix_len);
	struct db_param p[2] = { db_text(lo), db_text(hi) };

	return db_query(db, a, sql, p, 2, out, err);
}

int stats_store_children(struct db *db, struct arena *a, const char *code,
			 struct db_result *out, struct buf *err)
{
	struct db_param p = db_text(code);

	return db_query(db, a, "SELECT code, short_name FROM divisions WHERE parent_code = ?"
			       " AND deleted_at IS NULL ORDER BY code", &p, 1, out, err);
}
