/* rate_store: the public pages' per-client counters (see rate_store.h). */
#include "store/rate_store.h"

#include <stdlib.h>

int rate_store_hit(struct db *db, struct arena *a, const char *client, const char *minute,
		   const char *prune_before, long long *hits, struct buf *err)
{
	struct db_param p[2] = { db_text(client), db_text(minute) };
	struct db_param q = db_text(prune_before);
	struct db_result r;

	if (db_begin(db, 1, err))
		return -1;
	if (db_query(db, a, "INSERT INTO public_hits (client, minute, hits) VALUES (?, ?, 1)"
			    " ON CONFLICT (client, minute) DO UPDATE SET hits = public_hits.hits + 1"
			    " RETURNING hits", p, 2, &r, err) || !r.nrows)
		goto fail;
	*hits = strtoll(db_cell(&r, 0, 0), NULL, 10);
	if (*hits == 1 &&
	    db_query(db, a, "DELETE FROM public_hits WHERE minute < ?", &q, 1, NULL, err))
		goto fail;
	if (db_commit(db, err))
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
