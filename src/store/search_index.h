/* search_index: the search_terms rows of a record. */
#ifndef JICENG_SEARCH_INDEX_H
#define JICENG_SEARCH_INDEX_H

#include "store/db.h"

/* Replaces the terms of (entity, id) by those of texts (NULL entries
 * skipped); with `fresh` (a record created in this transaction, which has
 * none) only adds them. 0, or -1 with err. */
int search_index_put(struct db *db, struct arena *a, const char *entity, long long id,
		     const char *const *texts, int ntexts, int fresh, struct buf *err);
/* How many term rows an entity has (0 means never indexed). */
long long search_index_count(struct db *db, struct arena *a, const char *entity,
			     struct buf *err);

#endif
