/* audit_api: GET /api/v1/audit. Holders of CAP_AUDIT (the audit administrator,
 * or admin) read the whole trail; other users read the history of one record
 * they can see, without the labels of the records it refers to that they
 * cannot see, so the trail leaks nothing. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "schema/resource.h"
#include "store/audit_store.h"
#include "store/records.h"

static long long arg_ll(struct request_ctx *ctx, const char *key)
{
	const char *v = request_arg(ctx, key);

	return v ? strtoll(v, NULL, 10) : 0;
}

/* Drops from a before/after image the label of every reference whose record
 * the caller cannot see (the writer could; the reader may not): the same scope
 * rule as GET /{res}/{id}. Takes and returns img. */
static json_t *hide_labels(struct request_ctx *ctx, const struct resource *res, json_t *img)
{
	const struct field *f;

	for (f = res ? res->fields : NULL; img && json_is_object(img) && f && f->name; f++) {
		const char *key = arena_printf(ctx->a, "%s_label", f->name);
		const struct resource *to = f->type == FT_REF ? resource_find(f->ref) : NULL;
		json_t *id = json_object_get(img, f->name);
		struct db_result row;
		struct buf err = BUF_INIT;

		if (!to || !json_object_get(img, key))
			continue;
		if (!json_is_integer(id) ||
		    records_get(ctx->db, ctx->a, ctx->who, to, json_integer_value(id), &row, &err) != REC_OK)
			json_object_del(img, key);
		buf_release(&err);
	}
	return img;
}

/* A workflow step is audited as "action:<name>": its label (考察, 入库…) names it for
 * people; other actions (create, login…) the console names itself. */
static void audit_action_label(json_t *o, const char *action, const char *entity)
{
	const struct resource *res = entity ? resource_find(entity) : NULL;
	const struct action *act;

	if (!res || !action || strncmp(action, "action:", 7))
		return;
	act = resource_action(res, action + 7);
	if (act)
		json_object_set_new(o, "action_label", json_string(act->label));
}

void api_audit_list(struct request_ctx *ctx)
{
	/* the record's resource when the caller reads one record's history
	 * (its references' labels then follow the caller's scope) */
	const struct resource *seen = NULL;
	struct audit_query q;
	struct db_result r;
	struct buf err = BUF_INIT;
	json_t *items;
	size_t i;
	const char *lim = request_arg(ctx, "limit");

	memset(&q, 0, sizeof(q));
	q.entity = request_arg(ctx, "entity");
	q.entity_id = arg_ll(ctx, "entity_id");
	q.user_id = arg_ll(ctx, "user_id");
	q.from = request_arg(ctx, "from");
	q.to = request_arg(ctx, "to");
	q.before_id = arg_ll(ctx, "cursor");
	q.limit = lim ? atoi(lim) : 50;
	if (q.limit < 1 || q.limit > 500) {
		reply_error(ctx, 400, "bad_request", "limit 应为 1 到 500", NULL);
		goto out;
	}
	if (q.to && strlen(q.to) == 10)
		q.to = arena_printf(ctx->a, "%sT99", q.to); /* a date includes its whole day */
	if (!(ctx->who->caps & CAP_AUDIT)) {
		const struct resource *res = q.entity ? resource_find(q.entity) : NULL;
		struct db_result one;

		seen = res;
		if (!res || !q.entity_id ||
		    records_get(ctx->db, ctx->a, ctx->who, res, q.entity_id, &one, &err) != REC_OK) {
			reply_error(ctx, 404, "not_found", "记录不存在", NULL);
			goto out;
		}
	}
	q.limit++;
	if (audit_list(ctx->db, ctx->a, &q, &r, &err)) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	items = json_array();
	for (i = 0; i < r.nrows && (int)i < q.limit - 1; i++) {
		json_t *o = json_object();
		const char *b = db_cell(&r, i, 7), *a = db_cell(&r, i, 8);

		json_object_set_new(o, "id", json_integer(strtoll(db_cell(&r, i, 0), NULL, 10)));
		json_object_set_new(o, "at", json_string(db_cell(&r, i, 1)));
		json_object_set_new(o, "user_id", db_cell(&r, i, 2)
				    ? json_integer(strtoll(db_cell(&r, i, 2), NULL, 10)) : json_null());
		json_object_set_new(o, "username", db_cell(&r, i, 3) ? json_string(db_cell(&r, i, 3)) : json_null());
		json_object_set_new(o, "action", json_string(db_cell(&r, i, 4)));
		json_object_set_new(o, "entity", db_cell(&r, i, 5) ? json_string(db_cell(&r, i, 5)) : json_null());
		json_object_set_new(o, "entity_id", db_cell(&r, i, 6)
				    ? json_integer(strtoll(db_cell(&r, i, 6), NULL, 10)) : json_null());
		json_object_set_new(o, "before", b ? hide_labels(ctx, seen, json_loads(b, 0, NULL)) : json_null());
		json_object_set_new(o, "after", a ? hide_labels(ctx, seen, json_loads(a, 0, NULL)) : json_null());
		json_object_set_new(o, "ip", db_cell(&r, i, 9) ? json_string(db_cell(&r, i, 9)) : json_null());
		json_object_set_new(o, "user_name", db_cell(&r, i, 10)
				    ? json_string(db_cell(&r, i, 10)) : json_null());
		audit_action_label(o, db_cell(&r, i, 4), db_cell(&r, i, 5));
		json_array_append_new(items, o);
	}
	{
		json_t *out = json_pack("{s:o}", "items", items);

		json_object_set_new(out, "next", r.nrows >= (size_t)q.limit
				    ? json_string(db_cell(&r, (size_t)q.limit - 2, 0)) : json_null());
		reply_json(ctx, 200, out);
	}
out:
	buf_release(&err);
}
