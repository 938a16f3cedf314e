/* org_tree: maintaining orgs.path inside the write transaction of the change. */
#include "store/org_tree.h"

#include <string.h>

static const char *path_of(struct db *db, struct arena *a, long long id, struct buf *err)
{
	struct db_param p = db_int(id);
	struct db_result r;

	if (db_query(db, a, "SELECT path FROM orgs WHERE id = ?", &p, 1, &r, err) || !r.nrows)
		return NULL;
	return db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : "";
}

int org_tree_place(struct db *db, struct arena *a, long long id, long long parent_id,
		   struct buf *err)
{
	const char *old = path_of(db, a, id, err);
	const char *parent = parent_id ? path_of(db, a, parent_id, err) : "/";
	const char *path;
	struct db_param p[4];

	if (!old || !parent)
		return -1;
	path = arena_printf(a, "%s%lld/", *parent ? parent : "/", id);
	p[0] = db_text(path);
	p[1] = db_int(id);
	if (db_query(db, a, "UPDATE orgs SET path = ? WHERE id = ?", p, 2, NULL, err))
		return -1;
	if (!*old)
		return 0;
	/* descendants keep their tail below the moved org */
	p[0] = db_text(path);
	p[1] = db_int((long long)strlen(old) + 1);
	p[2] = db_text(arena_printf(a, "%s%%", old));
	p[3] = db_text(old);
	return db_query(db, a, "UPDATE orgs SET path = ? || substr(path, ?) WHERE path LIKE ?"
			       " AND path <> ?", p, 4, NULL, err);
}

const char *org_tree_path(struct db *db, struct arena *a, long long id, struct buf *err)
{
	struct db_param p = db_int(id);
	struct db_result r;

	if (db_query(db, a, "SELECT path FROM orgs WHERE id = ? AND deleted_at IS NULL", &p, 1,
		     &r, err) || !r.nrows || !db_cell(&r, 0, 0) || !*db_cell(&r, 0, 0))
		return NULL;
	return db_cell(&r, 0, 0);
}

int org_tree_is_descendant(struct db *db, struct arena *a, long long candidate,
			   long long ancestor, struct buf *err)
{
	const char *c = path_of(db, a, candidate, err);
	const char *an = path_of(db, a, ancestor, err);

	if (!c || !an)
		return -1;
	return *an && !strncmp(c, an, strlen(an)) ? 1 : 0;
}
