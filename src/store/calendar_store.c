/* calendar_store: reading the holidays ledger. */
#include "store/calendar_store.h"

#include <string.h>

int calendar_load(struct db *db, struct arena *a, struct workday_calendar *out,
		  struct buf *err)
{
	struct db_result r;
	const char **off, **on;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (db_query(db, a, "SELECT day, kind FROM holidays WHERE deleted_at IS NULL ORDER BY day",
		     NULL, 0, &r, err))
		return -1;
	off = arena_alloc(a, sizeof(char *) * (r.nrows + 1));
	on = arena_alloc(a, sizeof(char *) * (r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		if (!strcmp(db_cell(&r, i, 1), "workday"))
			on[out->non++] = db_cell(&r, i, 0);
		else
			off[out->noff++] = db_cell(&r, i, 0);
	}
	out->off = off;
	out->on = on;
	return 0;
}
