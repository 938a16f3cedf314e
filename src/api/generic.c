/* generic: the handlers every resource gets. The dispatcher has authenticated
 * the caller; here every query is scoped through store/records.c and every
 * write runs in one transaction with its audit row. */
#include "api/generic.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "api/search.h"
#include "core/secret.h"
#include "domain/date.h"
#include "domain/idcard.h"
#include "domain/search_terms.h"
#include "store/audit_store.h"
#include "store/records.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

const struct resource *generic_resource_or_reply(struct request_ctx *ctx)
{
	const struct resource *res = resource_find(ctx->params[0]);

	if (!res)
		reply_error(ctx, 404, "not_found", "没有这类数据", NULL);
	return res;
}

int generic_can_write_or_reply(struct request_ctx *ctx, const struct resource *res)
{
	if (ctx->who->readonly) {
		reply_error(ctx, 403, "forbidden", "只读账号不能修改数据", NULL);
		return -1;
	}
	if ((res->flags & RES_READONLY || res->scope == SCOPE_ADMIN) &&
	    ctx->who->level != LEVEL_ADMIN) {
		reply_error(ctx, 403, "forbidden", "只有管理员可以修改这类数据", NULL);
		return -1;
	}
	return 0;
}

json_t *generic_body_or_reply(struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *body = ctx->body_len ? json_loadb(ctx->body, ctx->body_len, 0, &jerr) : NULL;

	if (!json_is_object(body)) {
		json_decref(body);
		reply_error(ctx, 400, "bad_request", "请求内容应为 JSON 对象", NULL);
		return NULL;
	}
	return body;
}

static void internal_error(struct request_ctx *ctx, struct buf *err)
{
	fprintf(stderr, "jiceng: %s %s: %s\n", ctx->method, ctx->path, err->ptr);
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
}

static int parse_id(const char *s, long long *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	return *end || *id <= 0 ? -1 : 0;
}

json_t *generic_load(struct request_ctx *ctx, const struct resource *res, long long id,
		     unsigned flags)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	json_t *o = NULL;

	if (records_get(ctx, res, NULL, id, &r, &err) == REC_OK)
		o = record_from_row(ctx, res, &r, 0, flags);
	buf_release(&err);
	return o;
}

/* ---- list ---- */

static void bad_filter(struct request_ctx *ctx, const char *key, const char *why)
{
	reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "查询条件 %s：%s", key, why),
		    json_pack("{s:s}", key, why));
}

static int is_reserved(const char *key)
{
	static const char *const reserved[] = { "limit", "cursor", "sort", "reveal", "format",
						"dry_run", "version", "as_of", "from", "to", NULL };
	int i;

	for (i = 0; reserved[i]; i++)
		if (!strcmp(key, reserved[i]))
			return 1;
	return 0;
}

/* An ID number is found by its keyed hash, not by terms. */
static int looks_like_id_number(const char *q)
{
	char norm[IDCARD_SIZE];

	return !idcard_normalize(q, norm);
}

static void add_search(struct request_ctx *ctx, const struct resource *res, const char *q,
		       struct sqlw *w)
{
	const struct field *f;
	const char *like;
	struct buf esc = BUF_INIT;
	const char *p;
	char term[SEARCH_TERM_SIZE];
	int any = 0;

	/* LIKE on the base table: trigram indexes miss 2-character Chinese names */
	for (p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(&esc, '\\');
		buf_addc(&esc, *p);
	}
	like = arena_printf(ctx->a, "%%%s%%", esc.ptr);
	buf_release(&esc);
	if ((res->flags & RES_SEARCH_INDEX) && !looks_like_id_number(q) &&
	    !search_terms_probe(q, term)) {
		/* the index narrows to records holding q's first character pair; LIKE decides */
		sqlw_add(w, " AND t.id IN (SELECT s.entity_id FROM search_terms s WHERE s.entity = ");
		sqlw_param(w, db_text(res->name));
		sqlw_add(w, " AND s.term = ");
		sqlw_param(w, db_text(term));
		sqlw_add(w, ")");
	}
	sqlw_add(w, " AND (");
	for (f = res->fields; f->name; f++) {
		if (!(f->flags & F_SEARCH))
			continue;
		if (any++)
			sqlw_add(w, " OR ");
		if (f->type == FT_ID_NUMBER) {
			char h[SECRET_HASH_HEX_SIZE], norm[IDCARD_SIZE];

			/* typed with spaces or a small x, it is still the same number */
			secret_hash(idcard_normalize(q, norm) ? q : norm, h);
			sqlw_addf(w, "t.%s_hash = ", f->name);
			sqlw_param(w, db_text(h));
			continue;
		}
		records_field_expr(w, f);
		sqlw_add(w, " LIKE ");
		sqlw_param(w, db_text(like));
		sqlw_add(w, " ESCAPE '\\'");
	}
	if (!any)
		sqlw_add(w, "1 = 1");
	sqlw_add(w, ")");
}

/* `division=CODE` narrows to a subtree the same way a scope does. */
static int add_division_filter(struct request_ctx *ctx, const struct resource *res,
			       const char *value, struct sqlw *w)
{
	struct principal fake;
	char c12[13];
	size_t n = strlen(value), i;
	size_t sig;

	if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12)
		return -1;
	for (i = 0; i < n; i++)
		if (value[i] < '0' || value[i] > '9')
			return -1;
	memcpy(c12, value, n);
	memset(c12 + n, '0', 12 - n);
	c12[12] = '\0';
	sig = !strcmp(c12 + 2, "0000000000") ? 2 : !strcmp(c12 + 4, "00000000") ? 4
	    : !strcmp(c12 + 6, "000000") ? 6 : !strcmp(c12 + 9, "000") ? 9 : 12;
	memset(&fake, 0, sizeof(fake));
	fake.role = "county";
	fake.level = LEVEL_COUNTY;
	memcpy(fake.scope_lo, c12, 13);
	memcpy(fake.scope_hi, c12, 13);
	memset(fake.scope_hi + sig, '9', 12 - sig);
	if (res->scope == SCOPE_DIVISION || res->scope == SCOPE_REF)
		records_scope(w, res, &fake, "t", 0);
	return 0;
}

static int add_field_filter(struct request_ctx *ctx, const struct resource *res,
			    const char *key, struct sqlw *w)
{
	char name[64];
	const char *op = strstr(key, "__");
	const struct field *f;
	size_t i, nvals = 0;
	const char *opname = op ? op + 2 : "eq";

	if ((op ? (size_t)(op - key) : strlen(key)) >= sizeof(name))
		return bad_filter(ctx, key, "未知字段"), -1;
	memcpy(name, key, op ? (size_t)(op - key) : strlen(key) + 1);
	if (op)
		name[op - key] = '\0';
	f = resource_field(res, name);
	if (!f && !strcmp(name, "id")) {
		static const struct field id_field = { "id", "ID", FT_INT, 0, NULL, NULL, 0, NULL };

		f = &id_field;
	}
	if (!f || (f->flags & F_HIDDEN))
		return bad_filter(ctx, key, "未知字段"), -1;
	if (strcmp(opname, "eq") && strcmp(opname, "gte") && strcmp(opname, "lte") &&
	    strcmp(opname, "prefix"))
		return bad_filter(ctx, key, "不支持的条件"), -1;
	/* masked values may only be matched whole: a prefix or range would probe them digit by digit */
	if ((f->type == FT_ID_NUMBER || f->type == FT_PHONE) && strcmp(opname, "eq"))
		return bad_filter(ctx, key, "只能精确查询"), -1;
	/* LIKE works on text only (PostgreSQL refuses it on numbers) */
	if (!strcmp(opname, "prefix") && (f->type == FT_INT || f->type == FT_MONEY ||
					   f->type == FT_REF || f->type == FT_BOOL || f->type == FT_JSON))
		return bad_filter(ctx, key, "不支持前缀查询"), -1;
	if (!strcmp(opname, "eq"))
		sqlw_add(w, " AND (");
	for (i = 0; i < ctx->nargs; i++) {
		json_t *norm = NULL;
		const char *why = NULL, *v;
		struct db_param p;

		if (strcmp(ctx->args[i].key, key))
			continue;
		if (strcmp(opname, "eq") && nvals)
			break; /* one bound per range operator */
		v = ctx->args[i].value;
		if (!strcmp(opname, "prefix")) {
			struct buf esc = BUF_INIT;
			const char *c;

			for (c = v; *c; c++) {
				if (*c == '%' || *c == '_' || *c == '\\')
					buf_addc(&esc, '\\');
				buf_addc(&esc, *c);
			}
			buf_addc(&esc, '%');
			sqlw_add(w, " AND ");
			records_field_expr(w, f);
			sqlw_add(w, " LIKE ");
			sqlw_param(w, db_text(esc.ptr));
			sqlw_add(w, " ESCAPE '\\'");
			buf_release(&esc);
			nvals++;
			continue;
		}
		if (f->type == FT_ID_NUMBER) {
			char h[SECRET_HASH_HEX_SIZE];
			json_t *in;
			int bad;

			if (strcmp(opname, "eq"))
				return bad_filter(ctx, key, "身份证号只能精确查询"), -1;
			in = json_string(v);
			bad = record_value(ctx, res, f, in, 0, &norm, &why);
			json_decref(in);
			if (bad) {
				json_decref(norm);
				return bad_filter(ctx, key, why), -1;
			}
			secret_hash(json_string_value(norm), h);
			json_decref(norm);
			sqlw_addf(w, "%st.%s_hash = ", nvals ? " OR " : "", f->name);
			sqlw_param(w, db_text(h));
			nvals++;
			continue;
		}
		if (f->type == FT_REF || f->type == FT_INT || f->type == FT_MONEY || !strcmp(f->name, "id")) {
			char *end;
			long long n = strtoll(v, &end, 10);

			if (!*v || *end)
				return bad_filter(ctx, key, "应为整数"), -1;
			p = db_int(n);
		} else if (f->type == FT_BOOL) {
			p = db_int(!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "是"));
		} else if (f->type == FT_ENUM) {
			const struct enum_value *e = field_enum(f, v);

			if (!e)
				return bad_filter(ctx, key, "不是可选的值"), -1;
			p = db_text(e->value);
		} else if (f->type == FT_DATE) {
			char d[DATE_SIZE];

			if (date_parse(v, d, &why))
				return bad_filter(ctx, key, why), -1;
			p = db_text(arena_strdup(ctx->a, d));
		} else if (f->type == FT_DIVISION) {
			char c12[13];
			size_t n = strlen(v);

			if (n > 12 || strspn(v, "0123456789") != n)
				return bad_filter(ctx, key, "应为区划代码"), -1;
			memcpy(c12, v, n);
			memset(c12 + n, '0', 12 - n);
			c12[12] = '\0';
			p = db_text(arena_strdup(ctx->a, c12));
		} else {
			p = db_text(v);
		}
		if (!strcmp(opname, "eq")) {
			sqlw_add(w, nvals ? " OR " : "");
			records_field_expr(w, f);
			sqlw_add(w, " = ");
		} else {
			sqlw_add(w, " AND ");
			records_field_expr(w, f);
			sqlw_add(w, !strcmp(opname, "gte") ? " >= " : " <= ");
		}
		sqlw_param(w, p);
		nvals++;
	}
	if (!strcmp(opname, "eq"))
		sqlw_add(w, ")");
	return 0;
}

int generic_filters_or_reply(struct request_ctx *ctx, const struct resource *res,
			     struct records_query *q)
{
	size_t i, j;
	struct buf err = BUF_INIT;
	int ret = -1;

	for (i = 0; i < ctx->nargs; i++) {
		const char *key = ctx->args[i].key, *value = ctx->args[i].value;
		int seen = 0;

		for (j = 0; j < i; j++)
			if (!strcmp(ctx->args[j].key, key))
				seen = 1;
		if (seen || is_reserved(key))
			continue; /* repeats are read together by add_field_filter */
		if (!strcmp(key, "q")) {
			if (*value)
				add_search(ctx, res, value, &q->where);
			continue;
		}
		if (!strcmp(key, "division")) {
			if (*value && add_division_filter(ctx, res, value, &q->where)) {
				bad_filter(ctx, key, "应为区划代码");
				goto out;
			}
			continue;
		}
		if (res->hooks && res->hooks->filter) {
			int took = res->hooks->filter(ctx, key, value, &q->where, &err);

			if (took < 0) {
				bad_filter(ctx, key, err.ptr);
				goto out;
			}
			if (took)
				continue;
		}
		if (add_field_filter(ctx, res, key, &q->where))
			goto out;
	}
	ret = 0;
out:
	buf_release(&err);
	return ret;
}

int generic_sort_or_reply(struct request_ctx *ctx, const struct resource *res,
			  const char *sort, struct records_query *q)
{
	const char *name = sort;
	const struct field *f;

	if (!sort || !*sort)
		sort = name = res->default_sort ? res->default_sort : "id";
	q->desc = *name == '-';
	if (*name == '-' || *name == '+')
		name++;
	if (!strcmp(name, "id")) {
		q->sort = NULL;
		return 0;
	}
	f = resource_field(res, name);
	/* the cursor carries the sort value: never sort by a masked one */
	if (!f || (f->flags & F_HIDDEN) || f->type == FT_ID_NUMBER || f->type == FT_PHONE ||
	    f->type == FT_JSON) {
		reply_error(ctx, 400, "bad_request", "不能按该字段排序",
			    json_pack("{s:s}", "sort", "不能按该字段排序"));
		return -1;
	}
	q->sort = f;
	return 0;
}

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

static int wants_reveal_or_reply(struct request_ctx *ctx)
{
	const char *r = request_arg(ctx, "reveal");

	if (!r || strcmp(r, "1"))
		return 0;
	if (!ctx->who->pii) {
		reply_error(ctx, 403, "forbidden", "您没有查看完整个人信息的权限", NULL);
		return -1;
	}
	return 1;
}

/* Writes the audit row of a full-PII read; takes ownership of detail. */
static int audit_reveal(struct request_ctx *ctx, const struct resource *res, long long id,
			json_t *detail)
{
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "reveal", .entity = res->name, .entity_id = id,
				 .after = detail, .ip = ctx->ip };
	struct buf err = BUF_INIT;
	int ret = -1;

	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		internal_error(ctx, &err);
	json_decref(detail);
	buf_release(&err);
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
	if ((reveal = wants_reveal_or_reply(ctx)) < 0)
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
	if (records_list(ctx, res, &q, &rows, &total, &err)) {
		internal_error(ctx, &err);
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
	if (reveal && audit_reveal(ctx, res, 0, json_pack("{s:o}", "ids", ids))) {
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

/* ---- get ---- */

void generic_get(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct db_result r;
	struct buf err = BUF_INIT;
	long long id;
	int reveal, rc;
	json_t *o;

	if (!res)
		return;
	if (parse_id(ctx->params[1], &id)) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	if ((reveal = wants_reveal_or_reply(ctx)) < 0)
		goto out;
	rc = records_get(ctx, res, ctx->who, id, &r, &err);
	if (rc == REC_NOTFOUND) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	if (rc) {
		internal_error(ctx, &err);
		goto out;
	}
	o = record_from_row(ctx, res, &r, 0, reveal ? RECORD_REVEAL : 0);
	if (reveal && audit_reveal(ctx, res, id, NULL)) {
		json_decref(o);
		goto out;
	}
	reply_json(ctx, 200, o);
out:
	buf_release(&err);
}

/* ---- writes ---- */

static int unique_checks(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 long long self, json_t *errors, struct buf *err)
{
	const struct field *f;

	for (f = res->fields; f->name; f++) {
		const char *v;
		const char *col = f->name;

		if (!(f->flags & F_UNIQUE) || !(v = json_string_value(json_object_get(rec, f->name))))
			continue;
		if (f->type == FT_ID_NUMBER) {
			char h[SECRET_HASH_HEX_SIZE];

			secret_hash(v, h);
			v = arena_strdup(ctx->a, h);
			col = arena_printf(ctx->a, "%s_hash", f->name);
		}
		if (records_find_other(ctx, res, col, v, self, err))
			json_object_set_new(errors, f->name,
					    json_string(arena_printf(ctx->a, "该%s已登记", f->label)));
	}
	return 0;
}

/* Only what changed is written, so concurrent edits of other fields are not undone. */
static json_t *changed_fields(const struct resource *res, json_t *rec, json_t *before)
{
	json_t *changed = json_object();
	const char *key;
	json_t *v;

	json_object_foreach(rec, key, v) {
		const struct field *f = resource_field(res, key);

		if (!f || (f->flags & F_VIRTUAL))
			continue;
		if (before && json_equal(v, json_object_get(before, key)))
			continue;
		if (before && json_is_null(v) && !json_object_get(before, key))
			continue;
		json_object_set(changed, key, v);
	}
	return changed;
}

int generic_write(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		  json_t *before, long long version, const char *audit_action, json_t *errors,
		  json_t **after, struct buf *err)
{
	struct records_values vals = { 0 };
	json_t *merged = NULL, *changed = NULL, *amask = NULL, *bmask = NULL;
	long long id = before ? json_integer_value(json_object_get(before, "id")) : 0;
	int rc, status = 500;

	*after = NULL;
	if (before) {
		merged = json_deep_copy(before);
		json_object_update(merged, rec);
	} else {
		merged = json_incref(rec);
	}
	if (res->hooks && res->hooks->validate &&
	    res->hooks->validate(ctx, res, merged, before, errors) && !json_object_size(errors)) {
		status = 500;
		goto out;
	}
	changed = changed_fields(res, merged, before);
	unique_checks(ctx, res, changed, id, errors, err);
	if (json_object_size(errors)) {
		status = 422;
		goto out;
	}
	if (before && !json_object_size(changed) && strncmp(audit_action, "action:", 7)) {
		/* nothing to change: no new version, no audit row (re-importing an export) */
		*after = json_deep_copy(before);
		status = 0;
		goto out;
	}
	record_values(ctx, res, changed, &vals);
	if (before) {
		rc = records_update(ctx, res, id, version, &vals, err);
	} else {
		rc = records_insert(ctx, res, &vals, &id, err);
	}
	if (rc == REC_CONFLICT) {
		status = 409;
		goto out;
	}
	if (rc == REC_CONSTRAINT) {
		status = 409;
		goto out;
	}
	if (rc)
		goto out;
	if (res->hooks && res->hooks->after_write &&
	    res->hooks->after_write(ctx, res, id, merged, before, err))
		goto out;
	if (search_reindex(ctx, res, id, merged, before, err))
		goto out;
	*after = generic_load(ctx, res, id, RECORD_REVEAL);
	if (!*after)
		goto out;
	amask = json_deep_copy(*after);
	record_mask(res, amask);
	if (before) {
		bmask = json_deep_copy(before);
		record_mask(res, bmask);
	}
	{
		struct audit_entry e = { .user_id = ctx->who ? ctx->who->id : 0,
					 .username = ctx->who ? ctx->who->username : "cli",
					 .action = audit_action, .entity = res->name,
					 .entity_id = id, .before = bmask, .after = amask,
					 .ip = ctx->ip };

		if (audit_write(ctx->db, ctx->a, &e, err))
			goto out;
	}
	status = 0;
out:
	if (status) {
		json_decref(*after);
		*after = NULL;
	}
	json_decref(merged);
	json_decref(changed);
	json_decref(amask);
	json_decref(bmask);
	return status;
}

static void reply_write_failure(struct request_ctx *ctx, int status, json_t *errors,
				struct buf *err)
{
	if (status == 422) {
		const char *first = NULL;
		const char *key;
		json_t *v;

		json_object_foreach(errors, key, v) {
			first = json_string_value(v);
			break;
		}
		reply_error(ctx, 422, "validation", first ? first : "数据校验未通过",
			    json_incref(errors));
	} else if (status == 409) {
		reply_error(ctx, 409, "conflict", "该记录已被他人修改或与已有记录冲突，请刷新后重试",
			    NULL);
	} else if (status == 404) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
	} else {
		internal_error(ctx, err);
	}
}

static void reply_record(struct request_ctx *ctx, const struct resource *res, int status,
			 json_t *plain)
{
	record_mask(res, plain);
	reply_json(ctx, status, plain);
}

/* Ends a write: commits and answers the record, or rolls back and answers why. */
static void commit_and_reply(struct request_ctx *ctx, const struct resource *res, int status,
			     json_t *errors, json_t **after, struct buf *err, int ok_status)
{
	if (status || db_commit(ctx->db, err)) {
		db_rollback(ctx->db);
		reply_write_failure(ctx, status ? status : 500, errors, err);
		return;
	}
	reply_record(ctx, res, ok_status, *after);
	*after = NULL;
}

void generic_create(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	json_t *body = NULL, *rec = NULL, *errors = NULL, *after = NULL;
	struct buf err = BUF_INIT;
	int status;

	if (!res || generic_can_write_or_reply(ctx, res) || !(body = generic_body_or_reply(ctx)))
		goto out;
	rec = json_object();
	errors = json_object();
	if (db_begin(ctx->db, 1, &err)) {
		internal_error(ctx, &err);
		goto out;
	}
	record_validate(ctx, res, body, rec, 1, 0, errors);
	if (json_object_size(errors))
		status = 422;
	else
		status = generic_write(ctx, res, rec, NULL, -1, "create", errors, &after, &err);
	commit_and_reply(ctx, res, status, errors, &after, &err, 201);
out:
	json_decref(body);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}

/* The body's version, or replies 422 and returns -1. */
static int body_version_or_reply(struct request_ctx *ctx, json_t *body, long long *version)
{
	json_t *v = json_object_get(body, "version");

	if (!json_is_integer(v)) {
		reply_error(ctx, 422, "validation", "缺少版本号 version",
			    json_pack("{s:s}", "version", "缺少版本号"));
		return -1;
	}
	*version = json_integer_value(v);
	return 0;
}

/* Loads the record for a change: 404 if missing or out of scope, 409 if stale. */
static json_t *load_for_change_or_reply(struct request_ctx *ctx, const struct resource *res,
					long long id, long long version)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	json_t *before = NULL;
	int rc = records_get(ctx, res, ctx->who, id, &r, &err);

	if (rc == REC_NOTFOUND)
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
	else if (rc)
		internal_error(ctx, &err);
	else
		before = record_from_row(ctx, res, &r, 0, RECORD_REVEAL);
	if (before && json_integer_value(json_object_get(before, "version")) != version) {
		reply_error(ctx, 409, "conflict", "该记录已被他人修改，请刷新后重试", NULL);
		json_decref(before);
		before = NULL;
	}
	buf_release(&err);
	return before;
}

/* The common start of a change to one record: its id, the body with its
 * version, the write transaction and the record as it is (in scope, current).
 * Returns the record, or NULL having replied (and rolled back). */
static json_t *begin_change_or_reply(struct request_ctx *ctx, const struct resource *res,
				     json_t **body, struct buf *err)
{
	long long id, version;
	json_t *before;

	if (parse_id(ctx->params[1], &id)) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		return NULL;
	}
	if (!(*body = generic_body_or_reply(ctx)) || body_version_or_reply(ctx, *body, &version))
		return NULL;
	if (db_begin(ctx->db, 1, err)) {
		internal_error(ctx, err);
		return NULL;
	}
	if (!(before = load_for_change_or_reply(ctx, res, id, version)))
		db_rollback(ctx->db);
	return before;
}

void generic_patch(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	json_t *body = NULL, *rec = NULL, *errors = NULL, *after = NULL, *before = NULL;
	struct buf err = BUF_INIT;
	long long version;
	int status;

	if (!res || generic_can_write_or_reply(ctx, res) ||
	    !(before = begin_change_or_reply(ctx, res, &body, &err)))
		goto out;
	version = json_integer_value(json_object_get(before, "version"));
	rec = json_object();
	errors = json_object();
	record_validate(ctx, res, body, rec, 0, 0, errors);
	if (json_object_size(errors))
		status = 422;
	else
		status = generic_write(ctx, res, rec, before, version, "update", errors, &after, &err);
	commit_and_reply(ctx, res, status, errors, &after, &err, 200);
out:
	json_decref(body);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	json_decref(before);
	buf_release(&err);
}

void generic_delete(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const char *vs = request_arg(ctx, "version");
	json_t *before = NULL;
	struct buf err = BUF_INIT;
	long long id, version;
	char *end;
	int rc;

	if (!res || generic_can_write_or_reply(ctx, res))
		goto out;
	if (res->flags & RES_NO_DELETE) {
		reply_error(ctx, 403, "forbidden", "这类数据不能删除", NULL);
		goto out;
	}
	if (parse_id(ctx->params[1], &id)) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	version = vs ? strtoll(vs, &end, 10) : -1;
	if (!vs || *end || !*vs) {
		reply_error(ctx, 422, "validation", "缺少版本号 version",
			    json_pack("{s:s}", "version", "缺少版本号"));
		goto out;
	}
	if (db_begin(ctx->db, 1, &err)) {
		internal_error(ctx, &err);
		goto out;
	}
	if (!(before = load_for_change_or_reply(ctx, res, id, version))) {
		db_rollback(ctx->db);
		goto out;
	}
	rc = records_delete(ctx, res, id, version, &err);
	if (!rc) {
		struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
					 .action = "delete", .entity = res->name, .entity_id = id,
					 .before = before, .ip = ctx->ip };

		record_mask(res, before);
		rc = audit_write(ctx->db, ctx->a, &e, &err);
	}
	if (rc || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		if (rc == REC_CONFLICT)
			reply_error(ctx, 409, "conflict", "该记录已被他人修改，请刷新后重试", NULL);
		else if (rc == REC_CONSTRAINT)
			reply_error(ctx, 409, "conflict", "该记录仍被其他数据引用，不能删除", NULL);
		else
			internal_error(ctx, &err);
		goto out;
	}
	reply_no_content(ctx);
out:
	json_decref(before);
	buf_release(&err);
}

/* ---- workflow actions ---- */

static int state_allowed(const struct action *act, const char *state)
{
	const char *const *s;

	if (!act->from)
		return 1;
	for (s = act->from; *s; s++)
		if (state && !strcmp(*s, state))
			return 1;
	return 0;
}

static const char *state_label(const struct resource *res, const char *state)
{
	const struct field *f = resource_field(res, res->state_field);
	const struct enum_value *e = f && state ? field_enum(f, state) : NULL;

	return e ? e->label : state ? state : "空";
}

void generic_action(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const struct action *act;
	json_t *body = NULL, *before = NULL, *errors = NULL, *fields = NULL, *after = NULL;
	json_t *rec = NULL;
	struct buf err = BUF_INIT;
	long long id, version;
	const char *key;
	json_t *val;
	int status = 0;

	if (!res)
		return;
	if (!(act = resource_action(res, ctx->params[2]))) {
		reply_error(ctx, 404, "not_found", "没有这个操作", NULL);
		return;
	}
	if (generic_can_write_or_reply(ctx, res))
		return;
	if (act->min_level && ctx->who->level < act->min_level) {
		reply_error(ctx, 403, "forbidden",
			    arena_printf(ctx->a, "您的账号级别不能执行“%s”", act->label), NULL);
		return;
	}
	if (!(before = begin_change_or_reply(ctx, res, &body, &err)))
		goto out;
	id = json_integer_value(json_object_get(before, "id"));
	version = json_integer_value(json_object_get(before, "version"));
	if (res->state_field &&
	    !state_allowed(act, json_string_value(json_object_get(before, res->state_field)))) {
		db_rollback(ctx->db);
		reply_error(ctx, 409, "conflict",
			    arena_printf(ctx->a, "当前状态为“%s”，不能执行“%s”",
					 state_label(res, json_string_value(
						 json_object_get(before, res->state_field))),
					 act->label), NULL);
		goto out;
	}
	errors = json_object();
	fields = json_object();
	json_object_foreach(body, key, val) {
		const struct field *f;
		json_t *norm = NULL;
		const char *why = NULL;

		if (!strcmp(key, "version"))
			continue;
		for (f = act->fields; f && f->name && strcmp(f->name, key); f++)
			;
		if (!f || !f->name) {
			json_object_set_new(errors, key, json_string("未知字段"));
			continue;
		}
		if (record_value(ctx, res, f, val, 0, &norm, &why)) {
			json_object_set_new(errors, key,
					    json_string(arena_printf(ctx->a, "%s%s", f->label, why)));
			continue;
		}
		json_object_set_new(fields, key, norm);
	}
	{
		const struct field *f;

		for (f = act->fields; f && f->name; f++) {
			json_t *v = json_object_get(fields, f->name);

			if ((f->flags & F_REQUIRED) && (!v || json_is_null(v)) &&
			    !json_object_get(errors, f->name))
				json_object_set_new(errors, f->name,
						    json_string(arena_printf(ctx->a, "%s不能为空", f->label)));
		}
	}
	rec = json_object();
	if (!json_object_size(errors) && act->run) {
		struct action_call call = { .res = res, .act = act, .id = id, .before = before,
					    .body = fields, .set = rec };

		status = act->run(ctx, &call, errors);
	}
	if (json_object_size(errors)) {
		status = 422;
	} else if (!status) {
		const char *audit_action = arena_printf(ctx->a, "action:%s", act->name);

		if (res->state_field && act->to)
			json_object_set_new(rec, res->state_field, json_string(act->to));
		status = generic_write(ctx, res, rec, before, version, audit_action, errors, &after,
				       &err);
	}
	commit_and_reply(ctx, res, status, errors, &after, &err, 200);
out:
	json_decref(body);
	json_decref(before);
	json_decref(errors);
	json_decref(fields);
	json_decref(after);
	json_decref(rec);
	buf_release(&err);
}
