/* search: which fields are indexed is read from the declarations; the terms
 * themselves are domain/search_terms.c and store/search_index.c. */
#include "api/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "core/log.h"
#include "store/search_index.h"
#include "store/sqlw.h"

#define MAX_TEXTS 16

static int indexed(const struct field *f)
{
	return (f->flags & F_SEARCH) && !(f->flags & F_VIRTUAL) && f->type != FT_ID_NUMBER;
}

int search_texts(const struct resource *res, json_t *rec, const char **texts, int max)
{
	const struct field *f;
	int n = 0;

	for (f = res->fields; f->name && n < max; f++)
		if (indexed(f))
			texts[n++] = json_string_value(json_object_get(rec, f->name));
	return n;
}

int search_reindex(struct request_ctx *ctx, const struct resource *res, long long id,
		   json_t *rec, json_t *before, struct buf *err)
{
	const char *texts[MAX_TEXTS];
	const struct field *f;
	int changed = !before, n;

	if (!(res->flags & RES_SEARCH_INDEX))
		return 0;
	for (f = res->fields; f->name && !changed; f++)
		if (indexed(f) && !json_equal(json_object_get(rec, f->name),
					      json_object_get(before, f->name)))
			changed = 1;
	if (!changed)
		return 0;
	n = search_texts(res, rec, texts, MAX_TEXTS);
	return search_index_put(ctx->db, ctx->a, res->name, id, texts, n, !before, err);
}

static int rebuild(struct db *db, struct arena *a, const struct resource *res, struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	const struct field *f;
	size_t i;
	int ret = -1;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT t.id");
	for (f = res->fields; f->name; f++)
		if (indexed(f))
			sqlw_addf(&w, ", t.%s", f->name);
	sqlw_addf(&w, " FROM %s t WHERE t.deleted_at IS NULL", res->table);
	if (sqlw_run(&w, db, &r, err))
		goto out;
	for (i = 0; i < r.nrows; i++) {
		const char *texts[MAX_TEXTS];
		int c;

		for (c = 1; c < r.ncols && c <= MAX_TEXTS; c++)
			texts[c - 1] = db_cell(&r, i, c);
		if (search_index_put(db, a, res->name, strtoll(db_cell(&r, i, 0), NULL, 10), texts,
				     r.ncols - 1, 0, err))
			goto out;
	}
	if (r.nrows)
		log_line("info", json_pack("{s:s, s:I}", "resource", res->name, "rows",
					   (json_int_t)r.nrows),
			 "已为 %zu 条%s建立检索索引", r.nrows, res->label);
	ret = 0;
out:
	sqlw_release(&w);
	return ret;
}

int search_rebuild_missing(struct db *db, struct buf *err)
{
	struct arena *a = arena_new();
	int i, ret = -1;

	for (i = 0; resources_all()[i]; i++) {
		const struct resource *res = resources_all()[i];
		long long have;

		if (!(res->flags & RES_SEARCH_INDEX))
			continue;
		have = search_index_count(db, a, res->name, err);
		if (have < 0)
			goto out;
		if (have)
			continue;
		if (db_begin(db, 1, err))
			goto out;
		if (rebuild(db, a, res, err) || db_commit(db, err)) {
			db_rollback(db);
			goto out;
		}
	}
	ret = 0;
out:
	arena_free(a);
	return ret;
}
