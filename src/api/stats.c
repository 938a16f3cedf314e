/* stats: the dispatcher of GET /api/v1/stats/{name} — finds the statistic in
 * the modules' tables, settles the area, the reference date and the period
 * once, and computes its declared parts and its own function. */
#include "api/api.h"

#include <string.h>

#include "api/generic.h"
#include "api/stats_parts.h"
#include "api/stats_report.h"
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

/* A flag argument: absent, 1/true or 0/false. */
static int flag_arg_or_reply(struct request_ctx *ctx, const char *key, int *out)
{
	const char *v = request_arg(ctx, key);

	*out = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	if (!v || !*v || *out || !strcmp(v, "0") || !strcmp(v, "false"))
		return 0;
	reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "%s 应为 1 或 0", key),
		    json_pack("{s:s}", key, "应为 1 或 0"));
	return -1;
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

/* The statistic's parts, then its own function, over one area. */
static int compute(struct request_ctx *ctx, const struct stats_def *def,
		   const struct stats_args *args, json_t *values, struct buf *err)
{
	int rc = stats_parts_run(ctx, def, args, values, err);

	if (!rc && def->compute)
		rc = def->compute(ctx, args, values, err);
	return rc;
}

/* by=child: the same statistic over each child of the area (the towns of a
 * county, the villages of a town), as [{code, name, values}]. */
static int per_child(struct request_ctx *ctx, const struct stats_def *def,
		     const struct stats_args *args, json_t *children, struct buf *err)
{
	struct db_result kids;
	size_t i;
	int rc = 0;

	if (!args->division[0])
		return 0;
	if (stats_store_children(ctx->db, ctx->a, args->division, &kids, err))
		return -1;
	for (i = 0; !rc && i < kids.nrows; i++) {
		struct stats_args one = *args;
		json_t *values = json_object();

		memcpy(one.division, db_cell(&kids, i, 0), DIVISION_SIZE);
		one.level = division_level(one.division);
		division_range(one.division, one.lo, one.hi);
		rc = compute(ctx, def, &one, values, err);
		json_array_append_new(children, json_pack("{s:s, s:s, s:o}", "code", one.division,
							  "name", db_cell(&kids, i, 1), "values",
							  values));
	}
	return rc;
}

void api_stats(struct request_ctx *ctx)
{
	const struct stats_def *def = stats_find(ctx->params[0]);
	const char *by = request_arg(ctx, "by"), *format = request_arg(ctx, "format");
	struct stats_args args;
	struct buf err = BUF_INIT;
	char today[11], jan1[11];
	json_t *values, *children = NULL;
	int rc;

	if (!def) {
		reply_error(ctx, 404, "not_found", "没有这项统计", NULL);
		return;
	}
	if ((by && strcmp(by, "child")) || (format && strcmp(format, "json") && strcmp(format, "xlsx"))) {
		reply_error(ctx, 400, "bad_request", by && strcmp(by, "child") ? "by 应为 child"
										: "format 应为 json 或 xlsx",
			    NULL);
		return;
	}
	if (format && !strcmp(format, "xlsx"))
		by = "child"; /* the workbook is the report: one row per child */
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
	if (flag_arg_or_reply(ctx, "recount", &args.recount))
		return;
	values = json_object();
	rc = compute(ctx, def, &args, values, &err);
	if (!rc && by && (children = json_array()))
		rc = per_child(ctx, def, &args, children, &err);
	if (rc) {
		json_decref(values);
		json_decref(children);
		if (rc == -2)
			reply_error(ctx, 400, "bad_request", err.ptr, NULL);
		else
			generic_internal_error(ctx, &err);
		buf_release(&err);
		return;
	}
	if (format && !strcmp(format, "xlsx")) {
		stats_report_send(ctx, def, &args, values, children);
		json_decref(values);
		json_decref(children);
	} else {
		json_t *o = json_pack("{s:s, s:s?, s:s, s:s, s:s, s:o}", "name", def->name,
				      "division", args.division[0] ? args.division : NULL,
				      "as_of", args.as_of, "from", args.from, "to", args.to,
				      "values", values);

		if (children)
			json_object_set_new(o, "children", children);
		reply_json(ctx, 200, o);
	}
	buf_release(&err);
}
