/* import: POST /api/v1/{res}/import — a spreadsheet (CSV, XLSX, XLS) into a
 * ledger: the table found as a person would (import_table.c), every row
 * validated first — one bad row and nothing is written — then the writes
 * (new rows, updates by the exported ID and version, or updates by the
 * natural key), every problem reported at its spreadsheet row, and what was
 * found and what an update would change shown before anything is written
 * (dry_run=1). On PostgreSQL the writes are one transaction; on SQLite, which
 * has one writer, they are committed IMPORT_BATCH_ROWS at a time (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/import_table.h"
#include "api/record.h"
#include "api/transfer.h"
#include "core/clock.h"
#include "core/secret.h"
#include "core/xmalloc.h"
#include "domain/mask.h"
#include "io/csv.h"
#include "io/xls_read.h"
#include "io/xlsx_read.h"
#include "store/audit_store.h"
#include "store/records.h"

#define IMPORT_MAX_ERRORS 500
#define IMPORT_MAX_CHANGES 1000
/* SQLite lets one transaction write at a time: 100,000 rows in one kept every
 * login and edit waiting for the whole write (a login waited 44 s). Committed
 * 500 rows or 20 ms of writing at a time, whichever comes first, others wait
 * for one batch. Rows
 * are all checked before the first batch, so a batch fails only when the
 * database does, or when a record changed after it was read: then the
 * batches already committed stay, and the answer says which rows they were
 * (importing the rest, or the same file again when rows match by key,
 * finishes the work). With an Idempotency-Key the commits are held
 * (store/db.h) and the import stays one transaction; so does a file whose
 * rows go to an import_row hook, which checks them as it writes them. */
#define IMPORT_BATCH_ROWS 500
#define IMPORT_BATCH_MS 20

/* How rows without an ID find their record. */
enum import_match {
	MATCH_ID,  /* by the exported ID column only; other rows are new */
	MATCH_KEY, /* by the ledger's unique natural key (身份证号, 统一社会信用代码) */
};

struct import_run {
	struct request_ctx *ctx;
	const struct resource *res;
	const struct import_table *t;
	enum import_match match;
	const struct field *key;   /* MATCH_KEY: the unique field rows are matched by */
	unsigned vflags;           /* record_value() flags: VALUE_IMPORT, the date system */
	json_t *errors;            /* row errors [{row, column, field, label, message}] */
	json_t *changes;           /* [{row, id, fields: [...], kept: [...]}] */
	size_t nchanges;
	long long inserted, updated, unchanged;
	size_t committed;          /* rows in batches already committed (SQLite) */
	long long committed_line;  /* the spreadsheet line of the last of them */
};

/* ---- reading the file ---- */

static int read_book(struct request_ctx *ctx, enum file_format fmt, struct book *b, struct buf *err)
{
	const char *d = ctx->body;
	size_t n = ctx->body_len;

	/* what the bytes are decides, not the name the file was given */
	if (xls_looks_like(d, n))
		return xls_read_book_isolated(d, n, b, err);
	if (n >= 4 && !memcmp(d, "PK\x03\x04", 4))
		return xlsx_read_book(d, n, b, err);
	if (fmt != FMT_CSV) {
		buf_setf(err, "不是有效的 Excel 文件（.xlsx 或 .xls）；CSV 文件请按 CSV 格式导入");
		return -1;
	}
	return csv_read(d, n, book_add(b, NULL), err);
}

/* ---- reporting ---- */

static const struct field *field_named(const struct resource *res, const char *name)
{
	const struct field *f = resource_import_column(res, name);

	return f ? f : resource_field(res, name);
}

static void row_error(struct import_run *run, unsigned line, const char *field,
		      const char *message)
{
	struct request_ctx *ctx = run->ctx;
	const struct field *f = field ? field_named(run->res, field) : NULL;
	const char *column = NULL, *label = f ? f->label : NULL;
	size_t c;

	if (json_array_size(run->errors) >= IMPORT_MAX_ERRORS)
		return;
	for (c = 0; field && c < run->t->ncols; c++) {
		const struct import_column *col = &run->t->cols[c];

		if ((col->f && !strcmp(col->f->name, field)) ||
		    (import_meta_name(col->role) && !strcmp(import_meta_name(col->role), field))) {
			column = import_column_name(ctx->a, c);
			break;
		}
	}
	if (field && !strcmp(field, "id"))
		label = "ID";
	else if (field && !strcmp(field, "version"))
		label = TRANSFER_VERSION_LABEL;
	else if (field && !strcmp(field, "created_at"))
		label = TRANSFER_CREATED_LABEL;
	json_array_append_new(run->errors, json_pack("{s:i, s:s?, s:s?, s:s?, s:s}", "row", (int)line,
		"column", column, "field", field, "label", label, "message", message));
}

static void field_errors(struct import_run *run, json_t *errors, unsigned line)
{
	const char *key;
	json_t *v;

	json_object_foreach(errors, key, v)
		row_error(run, line, key, json_string_value(v));
}

/* A stored or validated value as a person reads it in the report; personal
 * data masked whatever the caller may see. */
static const char *shown(struct request_ctx *ctx, const struct field *f, json_t *v, json_t *rec)
{
	const struct enum_value *e;

	if (!v || json_is_null(v))
		return "";
	switch (f->type) {
	case FT_ENUM:
		e = field_enum(f, json_string_value(v));
		return e ? e->label : json_string_value(v);
	case FT_BOOL:
		return json_is_true(v) ? "是" : "否";
	case FT_MONEY: {
		long long fen = json_integer_value(v);

		return arena_printf(ctx->a, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100,
				    llabs(fen) % 100);
	}
	case FT_INT:
		return arena_printf(ctx->a, "%lld", (long long)json_integer_value(v));
	case FT_REF:
	case FT_DIVISION: {
		const char *label = rec ? json_string_value(json_object_get(rec,
			arena_printf(ctx->a, "%s_label", f->name))) : NULL;

		if (label)
			return label;
		return json_is_integer(v) ? arena_printf(ctx->a, "#%lld", (long long)json_integer_value(v))
					  : json_string_value(v);
	}
	case FT_ID_NUMBER:
	case FT_PHONE: {
		char m[RECORD_MASK_SIZE];

		if (strchr(json_string_value(v), '*'))
			return json_string_value(v);
		record_mask_value(f, json_string_value(v), m);
		return arena_strdup(ctx->a, m);
	}
	case FT_JSON: {
		char *d = json_dumps(v, JSON_COMPACT);
		const char *t = arena_strdup(ctx->a, d ? d : "");

		free(d);
		return t;
	}
	default:
		return json_string_value(v) ? json_string_value(v) : "";
	}
}

/* What an update of `before` with `rec` changes, field by field, and which
 * fields keep their stored value because the row left them blank. */
static void note_changes(struct import_run *run, const struct sheet_row *row, json_t *before,
			 json_t *rec, json_t *in)
{
	unsigned line = row->line;
	struct request_ctx *ctx = run->ctx;
	json_t *fields = json_array(), *kept = json_array();
	const char *key;
	json_t *v;
	size_t c;

	json_object_foreach(rec, key, v) {
		const struct field *f = resource_field(run->res, key);
		json_t *old = json_object_get(before, key);

		if (!f || json_equal(v, old) || (json_is_null(v) && !old))
			continue;
		json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:s}", "field", key, "label",
			f->label, "from", shown(ctx, f, old, before), "to",
			(f->type == FT_REF || f->type == FT_DIVISION) && json_is_string(json_object_get(in, key))
				? json_string_value(json_object_get(in, key)) : shown(ctx, f, v, NULL)));
	}
	for (c = 0; c < run->t->ncols; c++) {
		const struct field *f = run->t->cols[c].f;
		json_t *old;

		if (run->t->cols[c].role != COL_FIELD || !f || (c < row->ncells && row->cells[c][0]) ||
		    !resource_field(run->res, f->name))
			continue;
		old = json_object_get(before, f->name);
		if (old && !json_is_null(old))
			json_array_append_new(kept, json_pack("{s:s, s:s, s:s}", "field", f->name,
				"label", f->label, "value", shown(ctx, f, old, before)));
	}
	if ((json_array_size(fields) || json_array_size(kept)) && run->nchanges < IMPORT_MAX_CHANGES) {
		json_array_append_new(run->changes, json_pack("{s:i, s:I, s:o, s:o}", "row", (int)line,
			"id", json_integer_value(json_object_get(before, "id")), "fields", fields,
			"kept", kept));
		run->nchanges++;
	} else {
		json_decref(fields);
		json_decref(kept);
	}
}

/* ---- one row ---- */

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

/* The row's cells by field name ("id" and "version" too); masked personal
 * data from an export (5227**********0117) goes to `masked`: it means
 * "unchanged" and is only compared. */
static void row_values(struct import_run *run, const struct sheet_row *row, json_t *in,
		       json_t *masked)
{
	size_t c;

	for (c = 0; c < row->ncells && c < run->t->ncols; c++) {
		const struct import_column *col = &run->t->cols[c];
		const char *v = row->cells[c];
		const char *name = col->role == COL_FIELD ? col->f->name : import_meta_name(col->role);

		if (!name || !*v || json_object_get(in, name))
			continue;
		if (col->f && field_secret(col->f) &&
		    strchr(v, '*')) {
			json_object_set_new(masked, name, json_string(v));
			continue;
		}
		json_object_set_new(in, name, json_string(strip_label(run->ctx, col->f, v)));
	}
}

static int parse_positive(const char *s, long long *out)
{
	char *end;

	*out = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && *out > 0 ? 0 : -1;
}

/* A row whose ID names a record whose unique key (身份证号…) or time of
 * creation is another than the row's comes from another system's export or
 * another record's row. */
static int key_disagrees(struct import_run *run, unsigned line, json_t *in, json_t *masked,
			 json_t *before)
{
	const struct field *f;
	const char *created;

	for (f = run->res->fields; f->name; f++) {
		const char *mine = json_string_value(json_object_get(before, f->name));
		const char *cell = json_string_value(json_object_get(in, f->name));
		const char *mask = json_string_value(json_object_get(masked, f->name));
		json_t *norm = NULL;
		const char *why = NULL;
		int differs = 0;

		if (!(f->flags & F_UNIQUE) || (!cell && !mask) || (!mine && !mask))
			continue;
		if (mask && !mine) {
			differs = 1; /* the exported record had one; this one has none */
		} else if (mask) {
			char m[RECORD_MASK_SIZE];

			record_mask_value(f, mine, m);
			differs = field_secret(f) && strcmp(m, mask);
		} else if (!record_value(run->ctx, run->res, f, json_object_get(in, f->name),
					 run->vflags, &norm, &why)) {
			differs = json_is_string(norm) && strcmp(json_string_value(norm), mine);
		}
		json_decref(norm);
		if (differs) {
			row_error(run, line, f->name, arena_printf(run->ctx->a,
				"ID 为 %lld 的记录%s是 %s，与本行不一致（这个文件是否来自其他系统，或行被挪动过？），未导入",
				(long long)json_integer_value(json_object_get(before, "id")), f->label,
				mine ? shown(run->ctx, f, json_object_get(before, f->name), before) : "空的"));
			return 1;
		}
	}
	created = json_string_value(json_object_get(in, "created_at"));
	if (created && strcmp(created, json_string_value(json_object_get(before, "created_at")))) {
		row_error(run, line, "created_at", arena_printf(run->ctx->a,
			"ID 为 %lld 的记录创建于 %s，与本行的 %s 不一致（这个文件是否来自其他系统？），未导入",
			(long long)json_integer_value(json_object_get(before, "id")),
			json_string_value(json_object_get(before, "created_at")), created));
		return 1;
	}
	return 0;
}

/* The record a row with an ID updates, at the version it was exported at;
 * NULL after a row error. *version is the record's version. */
static json_t *by_id(struct import_run *run, unsigned line, json_t *in, json_t *masked,
		     long long *version, struct buf *err)
{
	struct request_ctx *ctx = run->ctx;
	const char *idtext = json_string_value(json_object_get(in, "id"));
	const char *vtext = json_string_value(json_object_get(in, "version"));
	struct db_result r;
	json_t *before;
	long long id, v;

	if (parse_positive(idtext, &id) ||
	    records_get(ctx->db, ctx->a, ctx->who, run->res, id, &r, err) != REC_OK) {
		row_error(run, line, "id", arena_printf(ctx->a,
			"找不到 ID 为 %s 的记录（或不在您的管辖范围内）", idtext));
		return NULL;
	}
	before = record_from_row(ctx, run->res, &r, 0, RECORD_REVEAL);
	*version = json_integer_value(json_object_get(before, "version"));
	if (!vtext) {
		row_error(run, line, "version",
			  "带 ID 的行须有导出时的“版本”，才能确认记录在导出后没有被他人修改；"
			  "请重新导出后在导出的文件中修改，或删去 ID 列按新记录导入");
	} else if (parse_positive(vtext, &v)) {
		row_error(run, line, "version", "版本应为正整数（导出文件中的原值）");
	} else if (v != *version) {
		row_error(run, line, "version", arena_printf(ctx->a,
			"该记录已被他人修改（导出时为第 %lld 版，现为第 %lld 版），为免覆盖他人的修改未导入；"
			"请重新导出后再修改", v, *version));
	} else if (!key_disagrees(run, line, in, masked, before)) {
		return before;
	}
	json_decref(before);
	return NULL;
}

/* MATCH_KEY: the record with the row's natural key, in the caller's scope;
 * NULL when there is none (the row is new) or after a row error (*failed). */
static json_t *by_key(struct import_run *run, unsigned line, json_t *in, long long *version,
		      int *failed, struct buf *err)
{
	struct request_ctx *ctx = run->ctx;
	const struct field *f = run->key;
	const char *why = NULL, *col = f->name, *v;
	json_t *norm = NULL, *before = NULL;
	struct db_result r;
	long long id;
	char h[SECRET_HASH_HEX_SIZE];

	*failed = 0;
	if (!json_object_get(in, f->name))
		return NULL;
	if (record_value(ctx, run->res, f, json_object_get(in, f->name), run->vflags, &norm, &why) ||
	    !json_is_string(norm)) {
		json_decref(norm);
		return NULL; /* validation reports it with the row */
	}
	v = arena_strdup(ctx->a, json_string_value(norm));
	json_decref(norm);
	if (field_secret(f)) {
		secret_hash(v, h);
		v = h;
		col = arena_printf(ctx->a, "%s_hash", f->name);
	}
	id = records_find_other(ctx->db, ctx->a, run->res, col, v, 0, err);
	if (!id)
		return NULL;
	if (records_get(ctx->db, ctx->a, ctx->who, run->res, id, &r, err) != REC_OK) {
		row_error(run, line, f->name, arena_printf(ctx->a,
			"该%s已登记在您管辖范围以外的记录中，不能更新", f->label));
		*failed = 1;
		return NULL;
	}
	before = record_from_row(ctx, run->res, &r, 0, RECORD_REVEAL);
	*version = json_integer_value(json_object_get(before, "version"));
	return before;
}

/* Adds a way out to the message of a natural key that is already there. */
static void hint_key_conflict(struct import_run *run, json_t *errors)
{
	const struct field *f;

	for (f = run->res->fields; run->match == MATCH_ID && f->name; f++) {
		json_t *e = json_object_get(errors, f->name);

		if ((f->flags & F_UNIQUE) && json_is_string(e) && strstr(json_string_value(e), "已登记"))
			json_object_set_new(errors, f->name, json_string(arena_printf(run->ctx->a,
				"%s（如要用本表更新已登记的记录，请选择“按%s更新”导入）",
				json_string_value(e), f->label)));
	}
}

/* An update takes only what it may change: a field set at creation that the
 * row repeats unchanged is dropped, and so is a column only a hook's new rows
 * use (a talent's 姓名, kept by the person) when it agrees with the record; one
 * that disagrees is an error rather than an edit silently lost. 1 after a
 * row error, else 0. */
static int update_columns(struct import_run *run, unsigned line, json_t *in, json_t *before)
{
	struct request_ctx *ctx = run->ctx;
	const char *key;
	json_t *v;
	void *tmp;
	int bad = 0;

	json_object_foreach_safe(in, tmp, key, v) {
		const struct field *f = resource_field(run->res, key);
		const struct field *col = resource_import_column(run->res, key);
		json_t *norm = NULL;
		const char *why = NULL;

		if (f && field_importable(f) && !(f->flags & F_CREATE_ONLY))
			continue;
		if (!col && !(f && (f->flags & F_CREATE_ONLY)))
			continue;
		if (!record_value(ctx, run->res, col ? col : f, v, run->vflags, &norm, &why) &&
		    json_equal(norm, json_object_get(before, key))) {
			json_object_del(in, key);
		} else if (col) {
			row_error(run, line, key, arena_printf(ctx->a,
				"%s与记录中的不一致：这一列只在新增时使用，要修改请到登记它的台账中修改",
				col->label));
			bad = 1;
		}
		json_decref(norm);
	}
	return bad;
}

/* A data row read and validated before the write transaction opens. */
struct prepared {
	const struct sheet_row *row;
	json_t *in;      /* the cells by field name: for the import_row hook and change notes */
	json_t *rec;     /* validated values; NULL for a row the import_row hook takes */
	json_t *before;  /* the record the row updates, or NULL for a new one */
	long long version;
	int unchanged;   /* the row equals its record: nothing to write */
};

static void prepared_release(struct prepared *p)
{
	json_decref(p->in);
	json_decref(p->rec);
	json_decref(p->before);
	memset(p, 0, sizeof(*p));
}

/* Two rows of one file with the same ID or unique key (身份证号…) would write
 * one record twice: the later row gets an error in `errors` naming the earlier
 * (at the field `by` that found the record), unless that field has one
 * already. `seen` maps "field\tvalue" to the line that had it first; values
 * of rows with other errors count too, so that one report shows every fault. */
static void repeats_earlier_row(struct import_run *run, unsigned line, const char *by,
				json_t *rec, json_t *before, json_t *seen, json_t *errors)
{
	struct request_ctx *ctx = run->ctx;
	const struct field *f;

	if (before) {
		const char *k = arena_printf(ctx->a, "id\t%lld",
					     (long long)json_integer_value(json_object_get(before, "id")));
		json_t *first = json_object_get(seen, k);

		if (!first)
			json_object_set_new(seen, k, json_integer(line));
		else if (!json_object_get(errors, by))
			json_object_set_new(errors, by, json_string(arena_printf(ctx->a,
				"与第 %lld 行是同一条记录，一个文件中每条记录只能出现一次",
				(long long)json_integer_value(first))));
		if (first)
			return;
	}
	for (f = run->res->fields; f->name; f++) {
		const char *v = json_string_value(json_object_get(rec, f->name));
		const char *k;
		json_t *first;

		if (!(f->flags & F_UNIQUE) || !v)
			continue;
		k = arena_printf(ctx->a, "%s\t%s", f->name, v);
		first = json_object_get(seen, k);
		if (!first)
			json_object_set_new(seen, k, json_integer(line));
		else if (!json_object_get(errors, f->name))
			json_object_set_new(errors, f->name, json_string(arena_printf(ctx->a,
				"与第 %lld 行的%s重复", (long long)json_integer_value(first), f->label)));
	}
}

/*
 * Reads and validates one data row outside the write transaction: the record
 * it updates (by ID and version, or by natural key), its values, the checks
 * the write will make (hooks, unique values), repeats of an earlier row. On
 * success fills *p (rec NULL for the import_row hook's rows); row errors go
 * to run->errors and leave *p empty. 0, or -1 on a server failure (err).
 */
static int prepare_row(struct import_run *run, const struct sheet_row *row, json_t *seen,
		       struct prepared *p, struct buf *err)
{
	struct request_ctx *ctx = run->ctx;
	const struct resource *res = run->res;
	json_t *in = json_object(), *masked = json_object(), *errors = json_object();
	json_t *rec = NULL, *before = NULL;
	const char *by = "id";
	long long version = -1;
	int failed = 0, ret = 0;

	memset(p, 0, sizeof(*p));
	row_values(run, row, in, masked);
	if (json_object_get(in, "id")) {
		before = by_id(run, row->line, in, masked, &version, err);
		if (!before)
			goto done;
	} else if (json_object_get(in, "version") || json_object_get(in, "created_at")) {
		row_error(run, row->line, "version", "有“版本”却没有 ID：请保留导出文件的 ID 列");
		goto done;
	} else if (run->match == MATCH_KEY) {
		before = by_key(run, row->line, in, &version, &failed, err);
		by = run->key->name;
		if (failed)
			goto done;
	} else if (res->hooks && res->hooks->import_row) {
		/* the hook validates and writes in one go, inside the transaction */
		p->row = row;
		p->in = in;
		in = NULL;
		goto done;
	}
	json_object_del(in, "id");
	json_object_del(in, "version");
	json_object_del(in, "created_at");
	if (before && update_columns(run, row->line, in, before))
		goto done;
	rec = json_object();
	record_validate(ctx, res, in, rec, !before, run->vflags, errors);
	if (!json_object_size(errors) &&
	    generic_write_check(ctx, res, rec, before, errors, &p->unchanged, err) == WS_ERROR) {
		ret = -1;
		goto done;
	}
	repeats_earlier_row(run, row->line, by, rec, before, seen, errors);
	if (json_object_size(errors)) {
		hint_key_conflict(run, errors);
		field_errors(run, errors, row->line);
		goto done;
	}
	p->row = row;
	p->rec = rec;
	p->before = before;
	p->version = version;
	/* a new row's cells are not needed again */
	p->in = before ? in : NULL;
	rec = before = NULL;
	if (p->in)
		in = NULL;
done:
	json_decref(in);
	json_decref(masked);
	json_decref(errors);
	json_decref(rec);
	json_decref(before);
	return ret;
}

/* Writes one prepared row inside the transaction: 0 (counted, or its errors
 * reported), -1 on a server failure (err). */
static int write_row(struct import_run *run, const struct prepared *p, struct buf *err)
{
	struct request_ctx *ctx = run->ctx;
	const struct resource *res = run->res;
	json_t *errors = json_object(), *after = NULL;
	int status, ret = -1;

	if (!p->rec) {
		int rc = res->hooks->import_row(ctx, res, p->in, errors, err);

		if (rc < 0)
			goto out;
		run->inserted += rc == 1;
		run->updated += rc == 2;
		field_errors(run, errors, p->row->line);
		ret = 0;
		goto out;
	}
	status = generic_write(ctx, res, p->rec, p->before, p->version,
			       p->before ? "update" : "create", errors, &after, err);
	if (json_object_size(errors)) {
		hint_key_conflict(run, errors);
		field_errors(run, errors, p->row->line);
	} else if (status == WS_STALE) {
		row_error(run, p->row->line, NULL, "该记录已被他人修改，请重新导出后再修改");
	} else if (status == WS_CONFLICT) {
		row_error(run, p->row->line, NULL, "与已有记录冲突（唯一的值已被占用，或引用的记录不存在）");
	} else if (status) {
		goto out;
	} else if (p->before) {
		/* a row identical to the record is neither written nor counted as updated */
		if (json_equal(json_object_get(after, "version"), json_object_get(p->before, "version")))
			run->unchanged++;
		else
			run->updated++;
		note_changes(run, p->row, p->before, p->rec, p->in);
	} else {
		run->inserted++;
	}
	ret = 0;
out:
	json_decref(errors);
	json_decref(after);
	return ret;
}

/* A row of a dry run counted as its write would count it, without writing. */
static void count_prepared(struct import_run *run, const struct prepared *p)
{
	if (!p->before) {
		run->inserted++;
		return;
	}
	if (p->unchanged)
		run->unchanged++;
	else
		run->updated++;
	note_changes(run, p->row, p->before, p->rec, p->in);
}

/* ---- the handler ---- */

static int options_or_reply(struct request_ctx *ctx, const struct resource *res,
			    struct import_run *run, int *dry_run, int *ignore_unknown)
{
	const char *dr = request_arg(ctx, "dry_run"), *ig = request_arg(ctx, "ignore_unknown");
	const char *m = request_arg(ctx, "match");
	const struct field *f;

	*dry_run = dr && (!strcmp(dr, "1") || !strcmp(dr, "true"));
	*ignore_unknown = ig && (!strcmp(ig, "1") || !strcmp(ig, "true"));
	run->match = MATCH_ID;
	if (!m || !strcmp(m, "id"))
		return 0;
	if (strcmp(m, "key")) {
		reply_error(ctx, 400, "bad_request", "match 应为 id 或 key",
			    json_pack("{s:s}", "match", "应为 id 或 key"));
		return -1;
	}
	run->match = MATCH_KEY;
	for (f = res->fields; f->name && !run->key; f++)
		if ((f->flags & F_UNIQUE) && field_importable(f))
			run->key = f;
	if (!run->key) {
		reply_error(ctx, 400, "bad_request",
			    arena_printf(ctx->a, "%s没有身份证号这样的唯一标识，不能按唯一标识更新", res->label),
			    json_pack("{s:s}", "match", "这类数据不能按唯一标识匹配"));
		return -1;
	}
	return 0;
}

/* The columns a real run refuses, as errors of the header row. */
static void refuse_columns(struct import_run *run)
{
	const struct import_table *t = run->t;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		const struct import_column *col = &t->cols[c];

		if (col->role != COL_UNKNOWN || !col->data_rows)
			continue;
		json_array_append_new(run->errors, json_pack("{s:i, s:s, s:s}", "row",
			(int)t->header_lines[t->nheader - 1], "column", import_column_name(run->ctx->a, c),
			"message", arena_printf(run->ctx->a,
				*col->header ? "第 %s 列“%s”不是本台账的字段，但有 %zu 行填了内容；"
					       "确认不导入这一列请选择忽略，或改为模板中的列名"
					     : "第 %s 列%s没有表头，但有 %zu 行填了内容；"
					       "确认不导入这一列请选择忽略，或补上列名",
				import_column_name(run->ctx->a, c), col->header, col->data_rows)));
	}
}

/* What a failed import left written: nothing, or the batches committed
 * before it (IMPORT_BATCH_ROWS / _MS), and how to finish. */
static const char *committed_note(struct request_ctx *ctx, const struct import_run *run)
{
	if (!run->committed)
		return "，未导入任何数据";
	return arena_printf(ctx->a, "；第 %lld 行及以前的 %zu 行已导入，%s", run->committed_line,
			    run->committed, run->match == MATCH_KEY
			    ? "修正后重新导入同一文件即可补齐（已导入的行不会重复）"
			    : "请删去这些行，修正后导入其余的行");
}

static void committed_fields(const struct import_run *run, json_t *e)
{
	if (!run->committed)
		return;
	json_object_set_new(e, "committed_rows", json_integer((json_int_t)run->committed));
	json_object_set_new(e, "committed_through_row", json_integer(run->committed_line));
}

/* The database failed a write: 500 as ever, saying which rows are in. */
static void reply_write_failure(struct request_ctx *ctx, const struct import_run *run,
				struct buf *err)
{
	json_t *e;

	if (!run->committed) {
		generic_internal_error(ctx, err);
		return;
	}
	buf_addf(err, " (rows through line %lld committed)", run->committed_line);
	generic_log_error(ctx, err);
	e = json_pack("{s:s, s:s}", "code", "internal", "message",
		      arena_printf(ctx->a, "写入时服务器出错%s", committed_note(ctx, run)));
	committed_fields(run, e);
	reply_json(ctx, 500, json_pack("{s:o}", "error", e));
}

static void reply_failure(struct request_ctx *ctx, struct import_run *run, json_t *report)
{
	const char *sheet = run->t->sheet->name;
	json_t *e = json_object();
	const char *done = committed_note(ctx, run);

	json_object_set_new(e, "code", json_string("validation"));
	json_object_set_new(e, "message", json_string(sheet && *sheet
		? arena_printf(ctx->a, "工作表“%s”有 %zu 处错误%s", sheet,
			       json_array_size(run->errors), done)
		: arena_printf(ctx->a, "有 %zu 处错误%s", json_array_size(run->errors), done)));
	committed_fields(run, e);
	json_object_set(e, "rows", run->errors);
	/* what was found travels beside the error, as in a successful answer */
	json_object_set_new(report, "error", e);
	reply_json(ctx, 422, json_incref(report));
}

static int audit_import(struct request_ctx *ctx, struct import_run *run, enum file_format fmt,
			struct buf *err)
{
	const char *sheet = run->t->sheet->name;
	json_t *detail = json_pack("{s:I, s:I, s:s, s:s?, s:s, s:b}", "inserted",
				   (json_int_t)run->inserted, "updated", (json_int_t)run->updated,
				   "format", transfer_format_name(fmt), "sheet", sheet, "match",
				   run->match == MATCH_KEY ? "key" : "id", "dry_run", 0);
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "import", .entity = run->res->name, .after = detail,
				 .ip = ctx->ip };
	int ret = audit_write(ctx->db, ctx->a, &e, err);

	json_decref(detail);
	return ret;
}

void api_import(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct import_run run;
	struct import_table t;
	struct book book = BOOK_INIT;
	struct buf err = BUF_INIT;
	enum file_format fmt;
	json_t *report = NULL;
	struct arena *request_arena = ctx->a;
	struct prepared *prepared = NULL;
	json_t *seen = NULL;
	int dry_run, ignore_unknown, in_tx = 0, rc;
	size_t i, refused, hook_rows, batch_start = 0;
	double batch_t0;

	memset(&run, 0, sizeof(run));
	memset(&t, 0, sizeof(t));
	if (!res || generic_can_write_or_reply(ctx, res) ||
	    transfer_format_or_reply(ctx, 1, &fmt) ||
	    options_or_reply(ctx, res, &run, &dry_run, &ignore_unknown))
		goto out;
	if (res->flags & RES_NO_IMPORT) {
		reply_error(ctx, 403, "forbidden", "这类数据不支持导入", NULL);
		goto out;
	}
	if (!ctx->body_len) {
		reply_error(ctx, 400, "bad_request", "请上传文件", NULL);
		goto out;
	}
	if (read_book(ctx, fmt, &book, &err)) {
		reply_error(ctx, 422, "validation", err.ptr, NULL);
		goto out;
	}
	if (import_table_find(ctx->a, res, &book, request_arg(ctx, "sheet"), &t, &err)) {
		reply_error(ctx, 422, "validation", err.ptr, NULL);
		goto out;
	}
	run.ctx = ctx;
	run.res = res;
	run.t = &t;
	run.vflags = VALUE_IMPORT | (t.sheet->date1904 ? VALUE_DATE1904 : 0);
	run.errors = json_deep_copy(t.problems);
	run.changes = json_array();
	report = json_object();
	refused = import_table_report(ctx->a, &t, &book, ignore_unknown, report);
	if (!dry_run && refused)
		refuse_columns(&run);
	if (json_array_size(run.errors))
		goto report;
	if (!t.nrows) {
		json_array_append_new(run.errors, json_pack("{s:i, s:s}", "row",
			(int)t.header_lines[t.nheader - 1], "message", "表头下面没有可导入的数据行"));
		goto report;
	}
	/* Every row is read, looked up and validated before the write transaction
	 * opens, so that other writers (a login, a colleague's edit) wait only
	 * for the writes; a record changed in between is caught by its version. */
	prepared = xcalloc(t.nrows, sizeof(*prepared));
	seen = json_object();
	for (i = 0; i < t.nrows; i++) {
		/* each row's scratch memory goes with the row: 200,000 rows in one arena took 1.6 GB */
		ctx->a = arena_new();
		rc = prepare_row(&run, &t.sheet->rows[t.rows[i]], seen, &prepared[i], &err);
		arena_free(ctx->a);
		ctx->a = request_arena;
		if (rc) {
			generic_internal_error(ctx, &err);
			goto out;
		}
		if (ctx->progress && (i + 1) % 500 == 0)
			ctx->progress(i + 1, 2 * t.nrows);
	}
	json_decref(seen);
	seen = NULL;
	if (json_array_size(run.errors))
		goto report;
	/* a dry run has checked all there is to check: it takes no write lock,
	 * unless rows go to the import_row hook, which checks as it writes */
	for (i = 0, hook_rows = 0; i < t.nrows; i++)
		hook_rows += !prepared[i].rec;
	if (dry_run && !hook_rows) {
		for (i = 0; i < t.nrows; i++) {
			ctx->a = arena_new();
			count_prepared(&run, &prepared[i]);
			arena_free(ctx->a);
			ctx->a = request_arena;
		}
		goto report;
	}
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	in_tx = 1;
	batch_t0 = clock_monotonic_s();
	for (i = 0; i < t.nrows; i++) {
		long long line = prepared[i].row->line;

		ctx->a = arena_new();
		rc = write_row(&run, &prepared[i], &err);
		arena_free(ctx->a);
		ctx->a = request_arena;
		prepared_release(&prepared[i]);
		if (rc) {
			db_rollback(ctx->db);
			reply_write_failure(ctx, &run, &err);
			goto out;
		}
		if (ctx->progress && (i + 1) % 500 == 0)
			ctx->progress(t.nrows + i + 1, 2 * t.nrows);
		if (!dry_run && !hook_rows && !db_is_pg(ctx->db) && i + 1 < t.nrows &&
		    (i + 1 - batch_start >= IMPORT_BATCH_ROWS ||
		     (clock_monotonic_s() - batch_t0) * 1e3 >= IMPORT_BATCH_MS)) {
			int held;

			if (json_array_size(run.errors))
				break; /* this batch is rolled back; the committed ones stay */
			if (db_commit(ctx->db, &err)) {
				db_rollback(ctx->db);
				reply_write_failure(ctx, &run, &err);
				goto out;
			}
			held = db_commit_is_held(ctx->db);
			if (!held) {
				run.committed = i + 1;
				run.committed_line = line;
			}
			if (db_begin(ctx->db, 1, &err)) {
				in_tx = 0;
				reply_write_failure(ctx, &run, &err);
				goto out;
			}
			batch_start = i + 1;
			batch_t0 = clock_monotonic_s();
		}
	}
	if (ctx->progress)
		ctx->progress(2 * t.nrows, 2 * t.nrows);
report:
	if (json_array_size(run.errors)) {
		if (in_tx)
			db_rollback(ctx->db);
		reply_failure(ctx, &run, report);
		goto out;
	}
	if (dry_run) {
		if (in_tx)
			db_rollback(ctx->db);
	} else if (audit_import(ctx, &run, fmt, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		reply_write_failure(ctx, &run, &err);
		goto out;
	}
	if (!dry_run && run.inserted + run.updated >= 1000)
		db_analyze(ctx->db);
	json_object_set_new(report, "inserted", json_integer(run.inserted));
	json_object_set_new(report, "updated", json_integer(run.updated));
	json_object_set_new(report, "unchanged", json_integer(run.unchanged));
	json_object_set_new(report, "dry_run", json_boolean(dry_run));
	json_object_set_new(report, "match", json_string(run.match == MATCH_KEY ? "key" : "id"));
	json_object_set(report, "changes", run.changes);
	json_object_set_new(report, "changes_truncated", json_boolean(run.nchanges >= IMPORT_MAX_CHANGES));
	reply_json(ctx, 200, report);
	report = NULL;
out:
	for (i = 0; prepared && i < t.nrows; i++)
		prepared_release(&prepared[i]);
	free(prepared);
	json_decref(seen);
	json_decref(report);
	json_decref(run.errors);
	json_decref(run.changes);
	json_decref(t.problems);
	book_release(&book);
	buf_release(&err);
}
