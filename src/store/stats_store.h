/* stats_store: the division look-ups of the statistics dispatcher. */
#ifndef JICENG_STATS_STORE_H
#define JICENG_STATS_STORE_H

#include "store/db.h"

/* The root of the loaded division tree: the one live division at the
 * shallowest level, or below it the first with more than one child (黔南州
 * 522700000000 by default, under its province). 0 with out set; -1 when there
 * is none or several (err). */
int stats_store_root(struct db *db, struct arena *a, char out[13], struct buf *err);
/* The children of a division: code, short_name. */
int stats_store_children(struct db *db, struct arena *a, const char *code,
			 struct db_result *out, struct buf *err);

#endif
