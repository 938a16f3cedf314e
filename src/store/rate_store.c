/* rate_store: the public pages' per-client counters (see rate_store.h). */
#include "store/rate_store.h"

#include <stdlib.h>

int rate_store_hit(struct db *db, struct arena *a, const char *client, const char *now,
		   const char *since, long long *hits, const char **oldest, struct buf *err)
{
	struct db_param old = db_text(since);
	struct db_param hit[2] = { db_text(client), db_text(now) };
	struct db_param who = db_text(client);
	struct db_result r;

	if (db_begin(db, 1, err))
		return -1;
	if (db_query(db, a, "DELETE FROM public_hits WHERE at <= ?", &old, 1, NULL, err) ||
	    db_query(db, a, "INSERT INTO public_hits (client, at) VALUES (?, ?)", hit, 2, NULL, err) ||
	    db_query(db, a, "SELECT COUNT(*), MIN(at) FROM public_hits WHERE client = ?", &who, 1,
		     &r, err) ||
	    db_commit(db, err)) {
		db_rollback(db);
		return -1;
	}
	*hits = strtoll(db_cell(&r, 0, 0), NULL, 10);
	*oldest = db_cell(&r, 0, 1);
	return 0;
}
