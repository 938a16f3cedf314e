/* group: GET /api/v1/{res}/stats?group=F[,F2]&sum=F3&<list filters> — the
 * grouped counts (and sums) of exactly the rows the list with those filters
 * shows the caller; divisions roll up (F:town) and dates to years or months
 * (F:year, F:month). */
#include "api/generic.h"

#include <stdlib.h>
#include <string.h>

#include "api/stats_parts.h"
#include "store/aggregate.h"

static void bad_param(struct request_ctx *ctx, const char *key, const char *why)
{
	reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "%s：%s", key, why),
		    json_pack("{s:s}", key, why));
}

void generic_group(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const char *group = request_arg(ctx, "group"), *sum = request_arg(ctx, "sum");
	struct aggregate_key keys[2];
	const struct field *sumf = NULL;
	struct records_query q;
	struct db_result rows;
	struct buf err = BUF_INIT;
	const char *why = NULL;
	json_t *groups = NULL;
	long long total = 0;
	int nkeys = 0, i;
	size_t r;

	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (!res)
		goto out;
	if (!group || !*group) {
		bad_param(ctx, "group", "请指定分组字段");
		goto out;
	}
	nkeys = stats_parse_keys(ctx, res, group, keys, 2, &why);
	if (nkeys < 0) {
		bad_param(ctx, "group", why);
		goto out;
	}
	if (sum && *sum) {
		sumf = resource_field(res, sum);
		if (!sumf || (sumf->type != FT_INT && sumf->type != FT_MONEY) ||
		    (sumf->flags & F_HIDDEN)) {
			bad_param(ctx, "sum", "只能对整数或金额字段求和");
			goto out;
		}
	}
	if (generic_filters_or_reply(ctx, res, &q))
		goto out;
	if (aggregate_group(ctx->db, ctx->a, ctx->who, res, &q.where, keys, nkeys, sumf, &rows,
			    &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	groups = json_array();
	for (r = 0; r < rows.nrows; r++) {
		json_t *k = json_object(), *g;
		long long n = strtoll(db_cell(&rows, r, 2 * nkeys), NULL, 10);
		const char *s = db_cell(&rows, r, 2 * nkeys + 1);

		for (i = 0; i < nkeys; i++)
			stats_key_json(ctx, &keys[i], db_cell(&rows, r, i), db_cell(&rows, r, nkeys + i),
				       k, i && keys[i].field == keys[0].field ? group : NULL);
		g = json_pack("{s:o, s:I}", "keys", k, "count", (json_int_t)n);
		if (sumf)
			json_object_set_new(g, "sum", json_integer(s ? strtoll(s, NULL, 10) : 0));
		json_array_append_new(groups, g);
		total += n;
	}
	reply_json(ctx, 200, json_pack("{s:I, s:o}", "total", (json_int_t)total, "groups", groups));
out:
	sqlw_release(&q.where);
	buf_release(&err);
}
