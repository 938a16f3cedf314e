/* tallies: deltas of writes and full recounts. */
#include "api/tallies.h"

#include <string.h>

#include "api/rollups.h"
#include "store/tally_store.h"

const char *tallies_column(const struct resource *res)
{
	const struct scope_way *w = resource_way(res, WAY_DIVISION);

	return w && !(res->flags & RES_ADMIN_ONLY) ? w->column : NULL;
}

int tallies_field(const struct resource *res, const struct field *f)
{
	return (f->type == FT_ENUM || f->type == FT_BOOL) &&
	       !(f->flags & (F_VIRTUAL | F_HIDDEN)) && tallies_column(res);
}

/* A value as the tallies keep it: enum text, "1"/"0", "" for none. */
static const char *text(json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	return "";
}

static int move(struct request_ctx *ctx, const struct resource *res, const char *field,
		json_t *before, json_t *after, const char *column, struct buf *err)
{
	const char *ov = before ? text(json_object_get(before, field)) : NULL;
	const char *nv = after ? text(json_object_get(after, field)) : NULL;
	const char *od = before ? text(json_object_get(before, column)) : NULL;
	const char *nd = after ? text(json_object_get(after, column)) : NULL;

	if (ov && nv && !strcmp(ov, nv) && !strcmp(od, nd))
		return 0;
	if (ov && tally_add(ctx->db, ctx->a, res->name, field, ov, od, -1, err))
		return -1;
	if (nv && tally_add(ctx->db, ctx->a, res->name, field, nv, nd, 1, err))
		return -1;
	return 0;
}

int tallies_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err)
{
	const char *column = tallies_column(res), *od, *nd;
	const struct field *f;

	if (!column)
		return 0;
	/* the rows themselves ('*'), then every tallied field */
	od = before ? text(json_object_get(before, column)) : NULL;
	nd = after ? text(json_object_get(after, column)) : NULL;
	if (!(od && nd && !strcmp(od, nd)) &&
	    ((od && tally_add(ctx->db, ctx->a, res->name, "*", "", od, -1, err)) ||
	     (nd && tally_add(ctx->db, ctx->a, res->name, "*", "", nd, 1, err))))
		return -1;
	for (f = res->fields; f->name; f++)
		if (tallies_field(res, f) && move(ctx, res, f->name, before, after, column, err))
			return -1;
	return rollups_change(ctx, res, before, after, err);
}

int tallies_rebuild(struct db *db, int missing_only, struct buf *err)
{
	const struct resource *const *r;
	struct arena *a = arena_new();
	int ret = -1;

	for (r = resources_all(); *r; r++) {
		const char *column = tallies_column(*r);
		const struct field *f;
		struct db_result rows;
		char sql[160];

		if (!column)
			continue;
		if (missing_only) {
			int any = tally_any(db, a, (*r)->name, err);

			snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE deleted_at IS NULL LIMIT 1",
				 (*r)->table);
			if (any < 0 || db_query(db, a, sql, NULL, 0, &rows, err))
				goto out;
			if (any || !rows.nrows)
				continue;
		}
		if (db_begin(db, 1, err))
			goto out;
		if (tally_recount(db, a, (*r)->name, (*r)->table, column, "*", NULL, err))
			goto fail;
		for (f = (*r)->fields; f->name; f++)
			if (tallies_field(*r, f) &&
			    tally_recount(db, a, (*r)->name, (*r)->table, column, f->name, f->name, err))
				goto fail;
		if (db_commit(db, err))
			goto out;
	}
	ret = rollups_rebuild(db, missing_only, err);
	goto out;
fail:
	db_rollback(db);
out:
	arena_free(a);
	return ret;
}
