/* stats_report: a named statistic per child division as an .xlsx 报表 — the
 * towns of a county or the villages of a town, one row each, with the area's
 * own figures as 合计, ready to print on A4. */
#include "api/stats_report.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"
#include "store/audit_store.h"
#include "store/records.h"

/* values["a"]["b"] for the key "a.b"; NULL when absent. */
static json_t *figure_at(struct request_ctx *ctx, json_t *values, const char *key)
{
	const char *dot = strchr(key, '.');

	if (!dot)
		return json_object_get(values, key);
	return json_object_get(json_object_get(values, arena_strndup(ctx->a, key, (size_t)(dot - key))),
			       dot + 1);
}

static const char *figure_text(struct request_ctx *ctx, json_t *v)
{
	if (json_is_integer(v))
		return arena_printf(ctx->a, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(ctx->a, "%.2f", json_real_value(v));
	if (json_is_object(v) && json_object_get(v, "count"))
		return arena_printf(ctx->a, "%lld（%.1f%%）",
				    (long long)json_integer_value(json_object_get(v, "count")),
				    100 * json_number_value(json_object_get(v, "ratio")));
	return "";
}

static void add_text(struct sheet_row *row, const char *t)
{
	sheet_add_cell(row, t, strlen(t));
}

static void figures_row(struct request_ctx *ctx, struct sheet *s, unsigned line,
			const struct stats_def *def, const char *name, json_t *values)
{
	struct sheet_row *row = sheet_add_row(s, line);
	const struct stat_figure *f;

	add_text(row, name);
	for (f = def->figures; f->key; f++)
		add_text(row, figure_text(ctx, figure_at(ctx, values, f->key)));
}

void stats_report_send(struct request_ctx *ctx, const struct stats_def *def,
		       const struct stats_args *args, json_t *values, json_t *children)
{
	struct xlsx_layout layout = { NULL, NULL, 0, 1 };
	const struct stat_figure *f;
	const char *place = args->division[0] ? records_division_name(ctx->db, ctx->a,
								       args->division) : NULL;
	struct sheet s;
	struct sheet_row *row;
	json_t *c, *detail;
	size_t i;
	struct buf err = BUF_INIT;
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "export", .entity = "stats", .ip = ctx->ip };

	if (!def->figures) {
		reply_error(ctx, 404, "not_found", "这项统计没有报表", NULL);
		return;
	}
	sheet_init(&s);
	row = sheet_add_row(&s, 1);
	add_text(row, "地区");
	for (f = def->figures; f->key; f++)
		add_text(row, f->label);
	json_array_foreach(children, i, c)
		figures_row(ctx, &s, (unsigned)i + 2, def,
			    json_string_value(json_object_get(c, "name")),
			    json_object_get(c, "values"));
	figures_row(ctx, &s, (unsigned)json_array_size(children) + 2, def, "合计", values);
	layout.title = arena_printf(ctx->a, "%s%s（%s至%s）", place ? place : "", def->label,
				    args->from, args->to);
	detail = json_pack("{s:s, s:s, s:s, s:s, s:s}", "format", "xlsx", "stats", def->name,
			   "division", args->division, "from", args->from, "to", args->to);
	e.after = detail;
	if (db_begin(ctx->db, 1, &err) || audit_write(ctx->db, ctx->a, &e, &err) ||
	    db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		generic_internal_error(ctx, &err);
	} else {
		struct resource named = { .name = def->name, .label = def->label };

		generic_send_sheet(ctx, &named, &s, 1, &layout, "报表");
	}
	json_decref(detail);
	sheet_release(&s);
	buf_release(&err);
}
