/* stats: the dispatcher of GET /api/v1/stats/{name} — finds the statistic in
 * the modules' tables, settles the area, the reference date and the period
 * once, and computes its declared parts and its own function. */
#include "api/api.h"

#include <string.h>

#include "api/generic.h"
#include "api/stats_parts.h"
#include "domain/date.h"
#include "schema/module.h"
#include "store/stats_store.h"

const struct stats_def *stats_find(const char *name)
{
	const struct stats_def *d;
	int m;

	for (m = 0; modules[m]; m++)
		for (d = modules[m]->stats; d && d->name; d++)
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

/* The area: the division asked for, which must lie in a division-scoped
 * caller's subtree; else the caller's own division, or for admins the root of
 * the loaded tree; callers scoped otherwise (organisations, enterprises) count
 * through their scope alone. */
static int area_or_reply(struct request_ctx *ctx, struct stats_args *args)
{
	const char *div = request_arg(ctx, "division");
	const struct scope *s = &ctx->who->scope;
	struct buf err = BUF_INIT;

	if (div && *div) {
		if (division_normalize(div, args->division)) {
			reply_error(ctx, 400, "bad_request", "division 应为区划代码",
				    json_pack("{s:s}", "division", "应为区划代码"));
			return -1;
		}
	} else if (ctx->who->scope_division) {
		memcpy(args->division, ctx->who->scope_division, DIVISION_SIZE);
	} else if (s->all && stats_store_root(ctx->db, ctx->a, args->division, &err)) {
		buf_release(&err);
		args->division[0] = '\0';
	}
	if (args->division[0]) {
		args->level = division_level(args->division);
		division_range(args->division, args->lo, args->hi);
		if (!s->all && s->lo[0] &&
		    (strcmp(args->lo, s->lo) < 0 || strcmp(args->hi, s->hi) > 0)) {
			reply_error(ctx, 404, "not_found", "该地区不在您的管辖范围内", NULL);
			return -1;
		}
	} else if (s->all) {
		memcpy(args->lo, "000000000000", DIVISION_SIZE);
		memcpy(args->hi, "999999999999", DIVISION_SIZE);
	} else {
		/* no division scope: computations by code range count nothing */
		memcpy(args->lo, "1", 2);
		memcpy(args->hi, "0", 2);
	}
	return 0;
}

void api_stats(struct request_ctx *ctx)
{
	const struct stats_def *def = stats_find(ctx->params[0]);
	struct stats_args args;
	struct buf err = BUF_INIT;
	char today[11], jan1[11];
	json_t *values;
	int rc;

	if (!def) {
		reply_error(ctx, 404, "not_found", "没有这项统计", NULL);
		return;
	}
	memset(&args, 0, sizeof(args));
	if (area_or_reply(ctx, &args))
		return;
	date_today(today);
	if (date_arg_or_reply(ctx, "as_of", today, args.as_of))
		return;
	memcpy(jan1, args.as_of, 4);
	memcpy(jan1 + 4, "-01-01", 7);
	if (date_arg_or_reply(ctx, "from", jan1, args.from) ||
	    date_arg_or_reply(ctx, "to", args.as_of, args.to))
		return;
	values = json_object();
	rc = stats_parts_run(ctx, def, &args, values, &err);
	if (!rc && def->compute)
		rc = def->compute(ctx, &args, values, &err);
	if (rc) {
		json_decref(values);
		if (rc == -2)
			reply_error(ctx, 400, "bad_request", err.ptr, NULL);
		else
			generic_internal_error(ctx, &err);
		buf_release(&err);
		return;
	}
	reply_json(ctx, 200, json_pack("{s:s, s:s?, s:s, s:s, s:s, s:o}", "name", def->name,
				       "division", args.division[0] ? args.division : NULL,
				       "as_of", args.as_of, "from", args.from, "to", args.to,
				       "values", values));
	buf_release(&err);
}
