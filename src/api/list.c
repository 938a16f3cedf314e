/* list: GET /api/v1/{res} — one keyset page of the filtered, sorted records in
 * the caller's scope, with the total and the cursor of the next page. */
#include "api/generic.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "api/record.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

static char *cursor_encode(struct request_ctx *ctx, const char *sort, const char *value,
			   long long id)
{
	json_t *c = json_pack("[s,s?,I]", sort ? sort : "", value, (json_int_t)id);
	char *s = json_dumps(c, JSON_COMPACT);
	size_t n = strlen(s);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(ctx->a, cap);

	sodium_bin2base64(out, cap, (const unsigned char *)s, n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	free(s);
	json_decref(c);
	return out;
}

static int cursor_decode(struct request_ctx *ctx, const char *cursor, const char *sort,
			 struct records_query *q)
{
	size_t cap = strlen(cursor) + 1, n = 0;
	unsigned char *bin = arena_alloc(ctx->a, cap);
	json_t *c;
	const char *s, *v;
	json_t *vj;
	json_int_t id;
	int ret = -1;

	if (sodium_base642bin(bin, cap, cursor, strlen(cursor), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		return -1;
	c = json_loadb((const char *)bin, n, 0, NULL);
	/* json_unpack has no "s?": take the value as an object and check it */
	if (!c || json_unpack(c, "[s,o,I]", &s, &vj, &id) || strcmp(s, sort ? sort : "") ||
	    !(json_is_string(vj) || json_is_null(vj)))
		goto out;
	v = json_string_value(vj);
	q->has_cursor = 1;
	q->cursor_value = v ? arena_strdup(ctx->a, v) : (q->sort && (q->sort->type == FT_INT ||
				q->sort->type == FT_MONEY || q->sort->type == FT_BOOL ||
				q->sort->type == FT_REF) ? "-999999999999999999" : "");
	q->cursor_id = id;
	ret = 0;
out:
	json_decref(c);
	return ret;
}


void generic_list(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct records_query q;
	struct db_result rows;
	struct buf err = BUF_INIT;
	const char *lim = request_arg(ctx, "limit"), *cursor = request_arg(ctx, "cursor");
	const char *sort = request_arg(ctx, "sort");
	long long total = 0, limit = LIST_DEFAULT;
	json_t *items, *ids = NULL;
	size_t i, n;
	int reveal;

	if (!res)
		return;
	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (lim) {
		char *end;

		limit = strtoll(lim, &end, 10);
		if (*end || limit < 1 || limit > LIST_MAX) {
			reply_error(ctx, 400, "bad_request", "limit 应为 1 到 500",
				    json_pack("{s:s}", "limit", "应为 1 到 500"));
			goto out;
		}
	}
	if ((reveal = generic_reveal_or_reply(ctx)) < 0)
		goto out;
	if (generic_sort_or_reply(ctx, res, sort, &q) || generic_filters_or_reply(ctx, res, &q))
		goto out;
	if (cursor && *cursor && cursor_decode(ctx, cursor, sort, &q)) {
		reply_error(ctx, 400, "bad_request", "翻页游标无效（查询条件或排序已改变）",
			    json_pack("{s:s}", "cursor", "无效"));
		goto out;
	}
	q.limit = (int)limit + 1;
	q.want_total = 1;
	if (records_list(ctx->db, ctx->a, ctx->who, res, &q, &rows, &total, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	items = json_array();
	if (reveal)
		ids = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = record_from_row(ctx, res, &rows, i, reveal ? RECORD_REVEAL : 0);

		if (ids)
			json_array_append(ids, json_object_get(o, "id"));
		json_array_append_new(items, o);
	}
	if (reveal && generic_audit_reveal_or_reply(ctx, res, 0, json_pack("{s:o}", "ids", ids))) {
		json_decref(items);
		goto out;
	}
	{
		json_t *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);

		if (rows.nrows > (size_t)limit) {
			size_t last = n - 1;
			const char *sortval = db_cell(&rows, last, rows.ncols - 1);
			long long id = strtoll(db_cell(&rows, last, 0), NULL, 10);

			json_object_set_new(out, "next", json_string(cursor_encode(ctx, sort, sortval, id)));
		} else {
			json_object_set_new(out, "next", json_null());
		}
		reply_json(ctx, 200, out);
	}
out:
	sqlw_release(&q.where);
	buf_release(&err);
}

