/* org_tree: the materialized path ('/1/4/9/') that makes an organisation's
 * subtree one prefix range. */
#ifndef JICENG_ORG_TREE_H
#define JICENG_ORG_TREE_H

#include "store/db.h"

/* Sets org `id` under `parent_id` (0 = a root) and re-roots its descendants. */
int org_tree_place(struct db *db, struct arena *a, long long id, long long parent_id,
		   struct buf *err);
/* 1 when `candidate` is `ancestor` or below it, 0 when not, -1 on error. */
int org_tree_is_descendant(struct db *db, struct arena *a, long long candidate,
			   long long ancestor, struct buf *err);

/* The path of live org `id` ('/1/4/9/', in the arena), or NULL when there is
 * no such organisation or on error (err set). */
const char *org_tree_path(struct db *db, struct arena *a, long long id, struct buf *err);

#endif
