/* stats_store: division look-ups for statistics. */
#include "store/stats_store.h"

#include <string.h>

int stats_store_root(struct db *db, struct arena *a, char out[13], struct buf *err)
{
	struct db_result r;
	int guard;

	out[0] = '\0';
	if (db_query(db, a, "SELECT code FROM divisions WHERE deleted_at IS NULL AND level ="
			    " (SELECT MIN(level) FROM divisions WHERE deleted_at IS NULL) LIMIT 2",
		     NULL, 0, &r, err))
		return -1;
	if (r.nrows != 1 || strlen(db_cell(&r, 0, 0)) != 12) {
		buf_setf(err, "no single root division");
		return -1;
	}
	memcpy(out, db_cell(&r, 0, 0), 13);
	/* a province loaded only for its one prefecture: the prefecture is the root */
	for (guard = 0; guard < 5; guard++) {
		struct db_param p = db_text(out);

		if (db_query(db, a, "SELECT code FROM divisions WHERE parent_code = ?"
				    " AND deleted_at IS NULL LIMIT 2", &p, 1, &r, err))
			return -1;
		if (r.nrows != 1)
			break;
		memcpy(out, db_cell(&r, 0, 0), 13);
	}
	return 0;
}

int stats_store_children(struct db *db, struct arena *a, const char *code,
			 struct db_result *out, struct buf *err)
{
	struct db_param p = db_text(code);

	return db_query(db, a, "SELECT code, short_name FROM divisions WHERE parent_code = ?"
			       " AND deleted_at IS NULL ORDER BY code", &p, 1, out, err);
}
