/* report_export: GET /api/v1/{res}/report — a ledger as a 报表 for people, beside
 * the re-importable data file of transfer.c: a title row naming the place and
 * the day (下司镇村级后备力量台账（截至2026年11月30日）), 序号, names not codes,
 * the columns of the view the user is looking at, set up to print on A4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/record.h"
#include "api/transfer.h"
#include "domain/date.h"
#include "domain/division.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"
#include "schema/module.h"
#include "store/records.h"

#define REPORT_MAX_ROWS 200000
#define REPORT_MAX_COLS 60

static int shown(const struct field *f)
{
	return !(f->flags & F_HIDDEN) && !(f->flags & F_INPUT_ONLY);
}

/* The columns: `cols` (the view's, in its order) or the list fields; replies 400
 * on a name that is not a field. Returns the count, -1 after replying. */
static int columns_or_reply(struct request_ctx *ctx, const struct resource *res,
			    const struct field **out)
{
	const char *cols = request_arg(ctx, "cols");
	const struct field *f;
	int n = 0;

	if (!cols || !*cols) {
		for (f = res->fields; f->name && n < REPORT_MAX_COLS; f++)
			if ((f->flags & F_LIST) && shown(f))
				out[n++] = f;
		return n;
	}
	while (*cols) {
		const char *end = strchr(cols, ',');
		size_t len = end ? (size_t)(end - cols) : strlen(cols);
		const char *name = arena_strndup(ctx->a, cols, len);

		f = resource_field(res, name);
		if (!f || !shown(f) || n >= REPORT_MAX_COLS) {
			reply_error(ctx, 400, "bad_request",
				    arena_printf(ctx->a, "参数 cols 中的“%s”不是可导出的列", name),
				    NULL);
			return -1;
		}
		out[n++] = f;
		cols += len + (end ? 1 : 0);
	}
	return n;
}

/* 下司镇村级后备力量台账（截至2026年11月30日）: the place the rows are narrowed to (the
 * division filter, else the caller's own division), the ledger as its mechanism
 * calls it, the day. */
static const char *report_title(struct request_ctx *ctx, const struct resource *res)
{
	const struct module *m = resource_module(res);
	const char *div = request_arg(ctx, "division");
	const char *place = NULL;
	char code[DIVISION_SIZE], today[DATE_SIZE];

	if (!div || !*div)
		div = ctx->who->scope_division;
	if (div && !division_normalize(div, code))
		place = records_division_name(ctx->db, ctx->a, code);
	date_today(today);
	return arena_printf(ctx->a, "%s%s台账（截至%.4s年%d月%d日）", place ? place : "",
			    m && m->resources && m->resources[0] == res ? m->label : res->label,
			    today, atoi(today + 5), atoi(today + 8));
}

void api_report(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const struct field *cols[REPORT_MAX_COLS];
	struct records_query q;
	struct db_result rows;
	struct sheet s;
	struct sheet_row *row;
	struct buf err = BUF_INIT;
	struct xlsx_layout layout = { NULL, NULL, 0, 1 };
	const char *rv = request_arg(ctx, "reveal");
	int reveal = rv && !strcmp(rv, "1"), ncols, c;
	long long total = 0;
	size_t i;

	sheet_init(&s);
	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (!res)
		goto out;
	if (reveal && !ctx->who->pii) {
		reply_error(ctx, 403, "forbidden", "您没有查看完整个人信息的权限", NULL);
		goto out;
	}
	if ((ncols = columns_or_reply(ctx, res, cols)) < 0 ||
	    generic_sort_or_reply(ctx, res, request_arg(ctx, "sort"), &q) ||
	    generic_filters_or_reply(ctx, res, &q))
		goto out;
	q.limit = REPORT_MAX_ROWS;
	if (records_list(ctx->db, ctx->a, ctx->who, res, &q, &rows, &total, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	row = sheet_add_row(&s, 1);
	sheet_add_cell(row, "序号", strlen("序号"));
	for (c = 0; c < ncols; c++)
		sheet_add_cell(row, cols[c]->label, strlen(cols[c]->label));
	for (i = 0; i < rows.nrows; i++) {
		json_t *rec = record_from_row(ctx, res, &rows, i, reveal ? RECORD_REVEAL : 0);
		const char *n = arena_printf(ctx->a, "%zu", i + 1);

		row = sheet_add_row(&s, (unsigned)i + 2);
		sheet_add_cell(row, n, strlen(n));
		for (c = 0; c < ncols; c++) {
			const char *t = transfer_cell_text(ctx->a, cols[c], rec, CELL_REPORT);

			sheet_add_cell(row, t, strlen(t));
		}
		json_decref(rec);
	}
	layout.title = report_title(ctx, res);
	{
		json_t *detail = json_pack("{s:s, s:I, s:b}", "format", "report", "rows",
					   (json_int_t)rows.nrows, "reveal", reveal);
		int bad = generic_audit_export_or_reply(ctx, res, detail);

		json_decref(detail);
		if (bad)
			goto out;
	}
	generic_send_sheet(ctx, res, &s, 1, &layout, "报表");
out:
	sheet_release(&s);
	sqlw_release(&q.where);
	buf_release(&err);
}
