/* stats_store: the counting queries behind the platform statistics. */
#ifndef JICENG_STATS_STORE_H
#define JICENG_STATS_STORE_H

#include "store/db.h"

/* Live rows of `table` per child prefix (prefix_len digits of division_column)
 * within [lo, hi]: result columns prefix, count. Table and column come from
 * declarations, never from a request. */
int stats_store_count_by_prefix(struct db *db, struct arena *a, const char *table,
				const char *division_column, int prefix_len, const char *lo,
				const char *hi, struct db_result *out, struct buf *err);
/* The children of a division: code, short_name. */
int stats_store_children(struct db *db, struct arena *a, const char *code,
			 struct db_result *out, struct buf *err);

#endif
