/* export: a resource's filtered list as a spreadsheet (CSV or XLSX) — every
 * column a person can read, labels for values, the ID and version that let
 * an edited file come back as updates — and the empty import template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/record.h"
#include "api/transfer.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "store/audit_store.h"
#include "store/records.h"

#define EXPORT_MAX_ROWS 200000

int transfer_format_or_reply(struct request_ctx *ctx, int xls_ok, enum file_format *fmt)
{
	const char *f = request_arg(ctx, "format");

	if (!f || !strcmp(f, "xlsx")) {
		*fmt = FMT_XLSX;
		return 0;
	}
	if (!strcmp(f, "csv")) {
		*fmt = FMT_CSV;
		return 0;
	}
	if (xls_ok && !strcmp(f, "xls")) {
		*fmt = FMT_XLS;
		return 0;
	}
	reply_error(ctx, 400, "bad_request", xls_ok ? "format 应为 csv、xlsx 或 xls" : "format 应为 csv 或 xlsx",
		    json_pack("{s:s}", "format", xls_ok ? "应为 csv、xlsx 或 xls" : "应为 csv 或 xlsx"));
	return -1;
}

const char *transfer_format_name(enum file_format fmt)
{
	return fmt == FMT_CSV ? "csv" : fmt == FMT_XLS ? "xls" : "xlsx";
}

/* Columns of files: the id, every field a person can read, the version and
 * the time of creation. */
static int exported(const struct field *f)
{
	return !(f->flags & F_HIDDEN);
}

static void percent_encode(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			buf_addc(out, (char)c);
		else
			buf_addf(out, "%%%02X", c);
	}
}

int generic_send_sheet(struct request_ctx *ctx, const struct resource *res,
		       const struct sheet *s, int xlsx, const struct xlsx_layout *layout,
		       const char *suffix)
{
	struct buf err = BUF_INIT, name = BUF_INIT;
	const char *ext = xlsx ? "xlsx" : "csv";
	int ret = -1;

	buf_reset(&ctx->out);
	if (!xlsx) {
		csv_write_sheet(s, &ctx->out);
		ctx->content_type = "text/csv; charset=utf-8";
	} else {
		if (xlsx_write_layout(s, res->label, layout, &ctx->out, &err)) {
			generic_internal_error(ctx, &err);
			goto out;
		}
		ctx->content_type =
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	}
	buf_adds(&name, "attachment; filename=\"");
	buf_adds(&name, res->name);
	buf_addf(&name, ".%s\"; filename*=UTF-8''", ext);
	percent_encode(&name, arena_printf(ctx->a, "%s%s.%s", res->label, suffix, ext));
	reply_header(ctx, "Content-Disposition", name.ptr);
	ctx->status = 200;
	ret = 0;
out:
	buf_release(&err);
	buf_release(&name);
	return ret;
}

int generic_audit_export_or_reply(struct request_ctx *ctx, const struct resource *res,
				  json_t *detail)
{
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "export", .entity = res->name, .after = detail,
				 .ip = ctx->ip };
	struct buf err = BUF_INIT;
	int ret = db_begin(ctx->db, 1, &err);

	if (!ret && (audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err))) {
		db_rollback(ctx->db);
		ret = -1;
	}
	if (ret)
		generic_internal_error(ctx, &err);
	buf_release(&err);
	return ret;
}

static void header_row(const struct resource *res, struct sheet *s, int for_import)
{
	struct sheet_row *row = sheet_add_row(s, 1);
	const struct field *f;

	if (!for_import)
		sheet_add_cell(row, "ID", 2);
	for (f = res->fields; f->name; f++)
		if (for_import ? field_importable(f) : exported(f))
			sheet_add_cell(row, f->label, strlen(f->label));
	for (f = res->import_columns; for_import && f && f->name; f++)
		sheet_add_cell(row, f->label, strlen(f->label));
	if (!for_import) {
		sheet_add_cell(row, TRANSFER_VERSION_LABEL, strlen(TRANSFER_VERSION_LABEL));
		sheet_add_cell(row, TRANSFER_CREATED_LABEL, strlen(TRANSFER_CREATED_LABEL));
	}
}

void api_export(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct records_query q;
	struct db_result rows;
	struct sheet s;
	struct buf err = BUF_INIT;
	enum file_format fmt;
	const char *rv = request_arg(ctx, "reveal");
	int reveal = rv && !strcmp(rv, "1");
	long long total = 0;
	size_t i;

	sheet_init(&s);
	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (!res || transfer_format_or_reply(ctx, 0, &fmt))
		goto out;
	if (reveal && !ctx->who->pii) {
		reply_error(ctx, 403, "forbidden", "您没有查看完整个人信息的权限", NULL);
		goto out;
	}
	if (generic_sort_or_reply(ctx, res, request_arg(ctx, "sort"), &q) ||
	    generic_filters_or_reply(ctx, res, &q))
		goto out;
	q.limit = EXPORT_MAX_ROWS;
	if (records_list(ctx->db, ctx->a, ctx->who, res, &q, &rows, &total, &err)) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	header_row(res, &s, 0);
	for (i = 0; i < rows.nrows; i++) {
		json_t *rec = record_from_row(ctx, res, &rows, i, reveal ? RECORD_REVEAL : 0);
		struct sheet_row *row = sheet_add_row(&s, (unsigned)i + 2);
		const struct field *f;
		const char *t;
		const char *id = arena_printf(ctx->a, "%lld",
					      (long long)json_integer_value(json_object_get(rec, "id")));

		sheet_add_cell(row, id, strlen(id));
		for (f = res->fields; f->name; f++) {
			if (!exported(f))
				continue;
			t = transfer_cell_text(ctx->a, f, rec, CELL_DATA);
			sheet_add_cell(row, t, strlen(t));
		}
		t = arena_printf(ctx->a, "%lld",
				 (long long)json_integer_value(json_object_get(rec, "version")));
		sheet_add_cell(row, t, strlen(t));
		t = json_string_value(json_object_get(rec, "created_at"));
		sheet_add_cell(row, t, t ? strlen(t) : 0);
		json_decref(rec);
	}
	{
		json_t *detail = json_pack("{s:s, s:I, s:b}", "format", transfer_format_name(fmt),
					   "rows", (json_int_t)rows.nrows, "reveal", reveal);
		int bad = generic_audit_export_or_reply(ctx, res, detail);

		json_decref(detail);
		if (bad)
			goto out;
	}
	generic_send_sheet(ctx, res, &s, fmt == FMT_XLSX, NULL, "");
out:
	sheet_release(&s);
	sqlw_release(&q.where);
	buf_release(&err);
}

void api_template(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct sheet s;
	enum file_format fmt;

	sheet_init(&s);
	if (res && !transfer_format_or_reply(ctx, 0, &fmt)) {
		header_row(res, &s, 1);
		generic_send_sheet(ctx, res, &s, fmt == FMT_XLSX, NULL, "导入模板");
	}
	sheet_release(&s);
}

