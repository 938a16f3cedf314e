/* stats: the dispatcher of GET /api/v1/stats/{name} — the caller's scope, the
 * reference date and the period are settled here once for every statistic. */
#include "api/stats.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/talent_stats.h"
#include "domain/date.h"
#include "store/stats_store.h"

json_t *stats_ratio(long long count, long long of)
{
	return json_pack("{s:I, s:I, s:f}", "count", (json_int_t)count, "of", (json_int_t)of,
			 "ratio", of ? (double)count / (double)of : 0.0);
}

static int level_of(const char *c)
{
	if (!strcmp(c + 2, "0000000000"))
		return 1;
	if (!strcmp(c + 4, "00000000"))
		return 2;
	if (!strcmp(c + 6, "000000"))
		return 3;
	if (!strcmp(c + 9, "000"))
		return 4;
	return 5;
}

static const int sig_digits[] = { 0, 2, 4, 6, 9, 12 };

/* Persons, organisations and enterprises per child division (the dashboard). */
static int counts_by_division(struct request_ctx *ctx, const struct stats_args *args,
			      json_t *values, struct buf *err)
{
	static const char *const tables[] = { "persons", "orgs", "enterprises" };
	struct db_result kids, counts[3];
	json_t *rows = json_array();
	size_t i, j;
	int t, plen = args->level < 5 ? sig_digits[args->level + 1] : 12;

	if (stats_store_children(ctx->db, ctx->a, args->division, &kids, err))
		goto fail;
	for (t = 0; t < 3; t++)
		if (stats_store_count_by_prefix(ctx->db, ctx->a, tables[t], "division_code", plen,
						args->lo, args->hi, &counts[t], err))
			goto fail;
	for (i = 0; i < kids.nrows; i++) {
		const char *code = db_cell(&kids, i, 0);
		json_t *row = json_pack("{s:s, s:s}", "code", code, "name", db_cell(&kids, i, 1));

		for (t = 0; t < 3; t++) {
			long long n = 0;

			for (j = 0; j < counts[t].nrows; j++)
				if (!strncmp(db_cell(&counts[t], j, 0), code, (size_t)plen))
					n = strtoll(db_cell(&counts[t], j, 1), NULL, 10);
			json_object_set_new(row, tables[t], json_integer(n));
		}
		json_array_append_new(rows, row);
	}
	json_object_set_new(values, "rows", rows);
	return 0;
fail:
	json_decref(rows);
	return -1;
}


static const struct stats_def platform_stats[] = {
	{ "counts_by_division", counts_by_division },
	{ NULL, NULL },
};

/* every module's table; the first match by name wins */
static const struct stats_def *const stats_tables[] = {
	platform_stats,
	talent_stats,
	NULL,
};

static const struct stats_def *find(const char *name)
{
	int i;
	const struct stats_def *d;

	for (i = 0; stats_tables[i]; i++)
		for (d = stats_tables[i]; d->name; d++)
			if (!strcmp(d->name, name))
				return d;
	return NULL;
}

static int date_arg_or_reply(struct request_ctx *ctx, const char *key, const char *dflt,
			     char out[11])
{
	const char *v = request_arg(ctx, key);
	const char *why = NULL;

	if (!v || !*v) {
		memcpy(out, dflt, 11);
		return 0;
	}
	if (date_parse(v, out, &why)) {
		reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "%s：%s", key, why),
			    json_pack("{s:s}", key, why));
		return -1;
	}
	return 0;
}

void api_stats(struct request_ctx *ctx)
{
	const struct stats_def *def = find(ctx->params[0]);
	struct stats_args args;
	const char *div = request_arg(ctx, "division");
	const struct principal *who = ctx->who;
	struct buf err = BUF_INIT;
	char today[11], jan1[11];
	json_t *values;
	size_t n;

	if (!def) {
		reply_error(ctx, 404, "not_found", "没有这项统计", NULL);
		return;
	}
	memset(&args, 0, sizeof(args));
	if (div && *div) {
		n = strlen(div);
		if ((n != 2 && n != 4 && n != 6 && n != 9 && n != 12) ||
		    strspn(div, "0123456789") != n) {
			reply_error(ctx, 400, "bad_request", "division 应为区划代码",
				    json_pack("{s:s}", "division", "应为区划代码"));
			return;
		}
		memcpy(args.division, div, n);
		memset(args.division + n, '0', 12 - n);
	} else if (who->level == LEVEL_ADMIN) {
		memcpy(args.division, "522700000000", 12);
	} else {
		memcpy(args.division, who->scope_division, 12);
	}
	args.level = level_of(args.division);
	memcpy(args.lo, args.division, 13);
	memcpy(args.hi, args.division, 13);
	memset(args.hi + sig_digits[args.level], '9', (size_t)(12 - sig_digits[args.level]));
	if (who->level != LEVEL_ADMIN &&
	    (strcmp(args.lo, who->scope_lo) < 0 || strcmp(args.hi, who->scope_hi) > 0)) {
		reply_error(ctx, 404, "not_found", "该地区不在您的管辖范围内", NULL);
		return;
	}
	date_today(today);
	if (date_arg_or_reply(ctx, "as_of", today, args.as_of))
		return;
	memcpy(jan1, args.as_of, 4);
	memcpy(jan1 + 4, "-01-01", 7);
	if (date_arg_or_reply(ctx, "from", jan1, args.from) ||
	    date_arg_or_reply(ctx, "to", args.as_of, args.to))
		return;
	values = json_object();
	if (def->compute(ctx, &args, values, &err)) {
		json_decref(values);
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		buf_release(&err);
		return;
	}
	reply_json(ctx, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", def->name,
				       "division", args.division, "as_of", args.as_of, "from",
				       args.from, "to", args.to, "values", values));
	buf_release(&err);
}
