/* transfer: spreadsheets in and out of every resource — export of a filtered
 * list, the empty template, and the all-or-nothing import with a report of
 * every bad row. Files are what Excel, WPS and LibreOffice write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/record.h"
#include "io/csv.h"
#include "io/sheet.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"
#include "store/audit_store.h"
#include "store/records.h"

#define EXPORT_MAX_ROWS 200000
#define IMPORT_MAX_ERRORS 500

enum file_format { FMT_CSV, FMT_XLSX };

static int format_or_reply(struct request_ctx *ctx, enum file_format *fmt)
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
	reply_error(ctx, 400, "bad_request", "format 应为 csv 或 xlsx",
		    json_pack("{s:s}", "format", "应为 csv 或 xlsx"));
	return -1;
}

/* Columns of files: the id, then every field a person can read. */
static int exported(const struct field *f)
{
	return !(f->flags & F_HIDDEN);
}

static int importable(const struct field *f)
{
	return !(f->flags & (F_HIDDEN | F_READONLY | F_VIRTUAL | F_NO_IMPORT));
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
		if (for_import ? importable(f) : exported(f))
			sheet_add_cell(row, f->label, strlen(f->label));
	for (f = res->import_columns; for_import && f && f->name; f++)
		sheet_add_cell(row, f->label, strlen(f->label));
}

/* One value as a person reads it in a spreadsheet. */
static const char *cell_text(struct request_ctx *ctx, const struct field *f, json_t *rec)
{
	json_t *v = json_object_get(rec, f->name);
	const char *label;

	if (!v || json_is_null(v))
		return "";
	switch (f->type) {
	case FT_ENUM: {
		const struct enum_value *e = field_enum(f, json_string_value(v));

		return e ? e->label : json_string_value(v);
	}
	case FT_BOOL:
		return json_is_true(v) ? "是" : "否";
	case FT_MONEY: {
		long long fen = json_integer_value(v);

		return arena_printf(ctx->a, "%s%lld.%02lld", fen < 0 ? "-" : "",
				    llabs(fen) / 100, llabs(fen) % 100);
	}
	case FT_INT:
		return arena_printf(ctx->a, "%lld", (long long)json_integer_value(v));
	case FT_REF:
	case FT_DIVISION:
		/* "name #id": readable, and unambiguous when imported again */
		label = json_string_value(json_object_get(rec, arena_printf(ctx->a, "%s_label", f->name)));
		if (f->type == FT_REF)
			return arena_printf(ctx->a, "%s #%lld", label ? label : "",
					    (long long)json_integer_value(v));
		return arena_printf(ctx->a, "%s #%s", label ? label : "", json_string_value(v));
	case FT_JSON: {
		char *d = json_dumps(v, JSON_COMPACT);
		const char *t = arena_strdup(ctx->a, d);

		free(d);
		return t;
	}
	default:
		return json_string_value(v) ? json_string_value(v) : "";
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
	if (!res || format_or_reply(ctx, &fmt))
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
		const char *id = arena_printf(ctx->a, "%lld",
					      (long long)json_integer_value(json_object_get(rec, "id")));

		sheet_add_cell(row, id, strlen(id));
		for (f = res->fields; f->name; f++) {
			const char *t;

			if (!exported(f))
				continue;
			t = cell_text(ctx, f, rec);
			sheet_add_cell(row, t, strlen(t));
		}
		json_decref(rec);
	}
	{
		json_t *detail = json_pack("{s:s, s:I, s:b}", "format", fmt == FMT_CSV ? "csv" : "xlsx",
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
	if (res && !format_or_reply(ctx, &fmt)) {
		header_row(res, &s, 1);
		generic_send_sheet(ctx, res, &s, fmt == FMT_XLSX, NULL, "导入模板");
	}
	sheet_release(&s);
}

/* ---- import ---- */

struct column {
	const struct field *f; /* NULL: the id column */
	const char *name;      /* key in the row object */
};

static const struct field *field_by_header(const struct resource *res, const char *h)
{
	const struct field *f;

	for (f = res->fields; f->name; f++)
		if (!strcmp(f->label, h) || !strcmp(f->name, h))
			return f;
	for (f = res->import_columns; f && f->name; f++)
		if (!strcmp(f->label, h) || !strcmp(f->name, h))
			return f;
	return NULL;
}

static void row_error(struct request_ctx *ctx, json_t *rows, unsigned line, const char *field,
		      const char *message)
{
	if (json_array_size(rows) >= IMPORT_MAX_ERRORS)
		return;
	json_array_append_new(rows, json_pack("{s:i, s:s?, s:s}", "row", (int)line, "field",
					      field, "message", message));
}

/* Header cells → columns; problems are reported as errors of row `line`. */
static struct column *map_columns(struct request_ctx *ctx, const struct resource *res,
				  const struct sheet_row *hdr, json_t *rows)
{
	struct column *cols = arena_alloc(ctx->a, sizeof(*cols) * (hdr->ncells + 1));
	const struct field *f;
	size_t i, j;

	for (i = 0; i < hdr->ncells; i++) {
		const char *h = hdr->cells[i];

		if (!*h)
			continue;
		if (!strcmp(h, "ID") || !strcmp(h, "id") || !strcmp(h, "编号")) {
			cols[i].name = "id";
			continue;
		}
		f = field_by_header(res, h);
		/* a display column of an export (joined, computed) is not input: an exported
		 * file imports back unchanged (docs/api.md "Files") */
		if (f && (f->flags & F_NO_IMPORT) && !(f->flags & F_HIDDEN))
			continue;
		if (!f || (f->flags & F_HIDDEN)) {
			row_error(ctx, rows, hdr->line, NULL,
				  arena_printf(ctx->a, "未知的列“%s”（请使用导入模板的表头）", h));
			continue;
		}
		for (j = 0; j < i; j++)
			if (cols[j].f == f)
				row_error(ctx, rows, hdr->line, f->name,
					  arena_printf(ctx->a, "列“%s”重复", h));
		cols[i].f = f;
		cols[i].name = f->name;
	}
	for (f = res->fields; f->name; f++) {
		int found = 0;

		if (!(f->flags & F_REQUIRED) || !importable(f))
			continue;
		for (i = 0; i < hdr->ncells; i++)
			if (cols[i].f == f)
				found = 1;
		if (!found && !res->hooks) /* hooks may derive a required value */
			row_error(ctx, rows, hdr->line, f->name,
				  arena_printf(ctx->a, "缺少必填列“%s”", f->label));
		else if (!found && res->hooks && !res->hooks->import_row)
			row_error(ctx, rows, hdr->line, f->name,
				  arena_printf(ctx->a, "缺少必填列“%s”", f->label));
	}
	return cols;
}

/* A cell "名称 #123" (as exported) stands for the record or division after '#'. */
static const char *strip_label(struct request_ctx *ctx, const struct field *f, const char *v)
{
	const char *hash;

	if (!f || (f->type != FT_REF && f->type != FT_DIVISION))
		return v;
	hash = strrchr(v, '#');
	if (hash && hash[1] && strspn(hash + 1, "0123456789") == strlen(hash + 1))
		return arena_strdup(ctx->a, hash + 1);
	return v;
}

static void field_errors_to_rows(struct request_ctx *ctx, json_t *errors, json_t *rows,
				 unsigned line)
{
	const char *key;
	json_t *v;

	json_object_foreach(errors, key, v)
		row_error(ctx, rows, line, key, json_string_value(v));
}

static int import_one(struct request_ctx *ctx, const struct resource *res, json_t *in,
		      unsigned line, json_t *rows, long long *inserted, long long *updated,
		      long long *unchanged, struct buf *err)
{
	json_t *idv = json_object_get(in, "id");
	json_t *errors = json_object(), *rec = json_object(), *after = NULL, *before = NULL;
	int status = 0, ret = -1;
	long long id = 0;

	if (res->hooks && res->hooks->import_row && !idv) {
		int rc = res->hooks->import_row(ctx, res, in, errors, err);

		if (rc < 0)
			goto out;
		if (rc == 1)
			(*inserted)++;
		else if (rc == 2)
			(*updated)++;
		field_errors_to_rows(ctx, errors, rows, line);
		ret = 0;
		goto out;
	}
	if (idv) {
		char *end;
		struct db_result r;

		id = strtoll(json_string_value(idv), &end, 10);
		if (*end || id <= 0 || records_get(ctx->db, ctx->a, ctx->who, res, id, &r, err) != REC_OK) {
			row_error(ctx, rows, line, "id",
				  arena_printf(ctx->a, "找不到编号为 %s 的记录", json_string_value(idv)));
			ret = 0;
			goto out;
		}
		before = record_from_row(ctx, res, &r, 0, RECORD_REVEAL);
		json_object_del(in, "id");
	}
	record_validate(ctx, res, in, rec, !before, VALUE_IMPORT, errors);
	if (!json_object_size(errors))
		status = generic_write(ctx, res, rec, before, -1, before ? "update" : "create",
				       errors, &after, err);
	if (json_object_size(errors)) {
		field_errors_to_rows(ctx, errors, rows, line);
	} else if (status == WS_STALE || status == WS_CONFLICT) {
		row_error(ctx, rows, line, NULL, "与已有记录冲突");
	} else if (status) {
		goto out;
	} else if (before) {
		/* a row identical to the record is neither written nor counted as updated */
		if (!json_equal(json_object_get(after, "version"), json_object_get(before, "version")))
			(*updated)++;
		else
			(*unchanged)++;
	} else {
		(*inserted)++;
	}
	ret = 0;
out:
	json_decref(errors);
	json_decref(rec);
	json_decref(after);
	json_decref(before);
	return ret;
}

void api_import(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const char *dr = request_arg(ctx, "dry_run");
	int dry_run = dr && (!strcmp(dr, "1") || !strcmp(dr, "true"));
	struct sheet s;
	struct buf err = BUF_INIT;
	enum file_format fmt;
	json_t *rows = NULL;
	struct column *cols;
	long long inserted = 0, updated = 0, unchanged = 0;
	size_t i, hdr = 0, j;
	int in_tx = 0, rc;
	struct arena *request_arena = ctx->a;

	sheet_init(&s);
	if (!res || generic_can_write_or_reply(ctx, res) || format_or_reply(ctx, &fmt))
		goto out;
	if (res->flags & RES_NO_IMPORT) {
		reply_error(ctx, 403, "forbidden", "这类数据不支持导入", NULL);
		goto out;
	}
	if (!ctx->body_len) {
		reply_error(ctx, 400, "bad_request", "请上传文件", NULL);
		goto out;
	}
	if ((fmt == FMT_CSV ? csv_read(ctx->body, ctx->body_len, &s, &err)
			    : xlsx_read(ctx->body, ctx->body_len, &s, &err))) {
		reply_error(ctx, 422, "validation", err.ptr, NULL);
		goto out;
	}
	while (hdr < s.nrows && sheet_row_is_empty(&s.rows[hdr]))
		hdr++;
	if (hdr >= s.nrows) {
		reply_error(ctx, 422, "validation", "文件中没有数据", NULL);
		goto out;
	}
	rows = json_array();
	cols = map_columns(ctx, res, &s.rows[hdr], rows);
	if (json_array_size(rows))
		goto report;
	if (db_begin(ctx->db, 1, &err)) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	in_tx = 1;
	for (i = hdr + 1; i < s.nrows; i++) {
		const struct sheet_row *row = &s.rows[i];
		json_t *in;

		if (sheet_row_is_empty(row))
			continue;
		/* each row's scratch memory goes with the row: 200,000 rows in one arena took 1.6 GB */
		ctx->a = arena_new();
		in = json_object();
		for (j = 0; j < row->ncells && j < s.rows[hdr].ncells; j++) {
			const char *v = row->cells[j];

			if (!cols[j].name || !*v)
				continue;
			/* masked personal data (from an export) means "unchanged" */
			if (cols[j].f && (cols[j].f->type == FT_ID_NUMBER ||
					  cols[j].f->type == FT_PHONE) && strchr(v, '*'))
				continue;
			json_object_set_new(in, cols[j].name,
					    json_string(strip_label(ctx, cols[j].f, v)));
		}
		rc = import_one(ctx, res, in, row->line, rows, &inserted, &updated, &unchanged, &err);
		arena_free(ctx->a);
		ctx->a = request_arena;
		if (rc) {
			json_decref(in);
			db_rollback(ctx->db);
			generic_internal_error(ctx, &err);
			goto out;
		}
		json_decref(in);
		if (ctx->progress && (i - hdr) % 500 == 0)
			ctx->progress(i - hdr, s.nrows - hdr - 1);
	}
	if (ctx->progress)
		ctx->progress(s.nrows - hdr - 1, s.nrows - hdr - 1);
report:
	if (json_array_size(rows)) {
		json_t *e;

		if (in_tx)
			db_rollback(ctx->db);
		e = json_pack("{s:s, s:s, s:O}", "code", "validation", "message",
			      arena_printf(ctx->a, "有 %zu 处错误，未导入任何数据",
					   json_array_size(rows)), "rows", rows);
		reply_json(ctx, 422, json_pack("{s:o}", "error", e));
		goto out;
	}
	{
		json_t *detail = json_pack("{s:I, s:I, s:s, s:b}", "inserted", (json_int_t)inserted,
					   "updated", (json_int_t)updated, "format",
					   fmt == FMT_CSV ? "csv" : "xlsx", "dry_run", dry_run);
		struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
					 .action = "import", .entity = res->name, .after = detail,
					 .ip = ctx->ip };

		if (dry_run) {
			db_rollback(ctx->db);
		} else if (audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
			db_rollback(ctx->db);
			json_decref(detail);
			reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
			goto out;
		}
		json_decref(detail);
	}
	if (!dry_run && inserted + updated >= 1000)
		db_analyze(ctx->db);
	reply_json(ctx, 200, json_pack("{s:I, s:I, s:I, s:b}", "inserted", (json_int_t)inserted,
				       "updated", (json_int_t)updated, "unchanged",
				       (json_int_t)unchanged, "dry_run", dry_run));
out:
	json_decref(rows);
	sheet_release(&s);
	buf_release(&err);
}
