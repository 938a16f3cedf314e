/* search_index: the search_terms rows of a record. */
#ifndef JICENG_SEARCH_INDEX_H
#define JICENG_SEARCH_INDEX_H

#include "store/db.h"

/* Replaces the terms of (entity, id) by those of texts (NULL entries skipped). */
int search_index_put(struct db *db, struct arena *a, const char *entity, long long id,
		     const char *const *texts, int ntexts, struct buf *err);
/* How many term rows an entity has (0 means never indexed). */
long long search_index_count(struct db *db, struct arena *a, const char *entity,
			     struct buf *err);

#endif
