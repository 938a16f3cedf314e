/* record: from rows to API objects and from input to storage values, driven by
 * the field declarations, so that every resource validates the same way. */
#include "api/record.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "domain/cell.h"
#include "domain/creditcode.h"
#include "domain/date.h"
#include "domain/division.h"
#include "domain/idcard.h"
#include "domain/mask.h"
#include "domain/phone.h"

static json_t *cell_json(const struct field *f, const char *v)
{
	if (!v)
		return json_null();
	switch (f->type) {
	case FT_INT: case FT_MONEY: case FT_REF:
		return json_integer(strtoll(v, NULL, 10));
	case FT_BOOL:
		return json_boolean(strtoll(v, NULL, 10) != 0);
	case FT_JSON: {
		json_t *j = json_loads(v, 0, NULL);

		return j ? j : json_null();
	}
	default:
		return json_string(v);
	}
}

json_t *record_from_row(struct request_ctx *ctx, const struct resource *res,
			const struct db_result *r, size_t row, unsigned flags)
{
	json_t *o = json_object();
	const struct field *f;
	int c = 4;

	json_object_set_new(o, "id", json_integer(strtoll(db_cell(r, row, 0), NULL, 10)));
	json_object_set_new(o, "version", json_integer(strtoll(db_cell(r, row, 1), NULL, 10)));
	json_object_set_new(o, "created_at", json_string(db_cell(r, row, 2)));
	json_object_set_new(o, "updated_at", json_string(db_cell(r, row, 3)));
	for (f = res->fields; f->name; f++) {
		const char *v = db_cell(r, row, c);

		if (f->flags & F_HIDDEN) {
			c++;
			continue;
		}
		if (field_secret(f)) {
			const char *mask = db_cell(r, row, c + 1);
			struct buf plain = BUF_INIT;

			if ((flags & RECORD_REVEAL) && v && !secret_decrypt(v, &plain))
				json_object_set_new(o, f->name, json_string(plain.ptr));
			else
				json_object_set_new(o, f->name, mask ? json_string(mask) : json_null());
			buf_release(&plain);
		} else {
			json_object_set_new(o, f->name, cell_json(f, v));
		}
		if (f->type == FT_REF || f->type == FT_DIVISION) {
			const char *label = db_cell(r, row, c + 1);

			json_object_set_new(o, arena_printf(ctx->a, "%s_label", f->name),
					    label ? json_string(label) : json_null());
		}
		c += records_field_width(f);
	}
	if (res->hooks && res->hooks->decorate)
		res->hooks->decorate(ctx, o);
	return o;
}

const char *record_str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

long long record_int(json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

void record_mask_value(const struct field *f, const char *plain, char out[RECORD_MASK_SIZE])
{
	if (f->type == FT_PHONE)
		mask_phone(plain, out);
	else
		mask_id_number(plain, out);
}

void record_mask(const struct resource *res, json_t *rec)
{
	const struct field *f;

	for (f = res->fields; f->name; f++) {
		const char *v = json_string_value(json_object_get(rec, f->name));

		if (!v)
			continue;
		if (field_secret(f) && !strchr(v, '*')) {
			char m[RECORD_MASK_SIZE];

			record_mask_value(f, v, m);
			json_object_set_new(rec, f->name, json_string(m));
		}
	}
}

/* Characters, not bytes: a name of 20 Chinese characters is 60 bytes. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
			: (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0 || (n == 0 && *p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t'))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

static int parse_int(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return -1;
	*out = strtoll(s, &end, 10);
	return *end || *out > 999999999999999LL || *out < -999999999999999LL ? -1 : 0;
}

/* 元 with up to two decimals → fen, exactly: "12.3" → 1230. */
static int parse_yuan(const char *s, long long *out)
{
	long long whole = 0, frac = 0;
	int neg = 0, digits = 0, fd = 0;

	if (*s == '-')
		neg = 1, s++;
	/* past 13 digits the amount is refused below: stop before it overflows */
	for (; isdigit((unsigned char)*s); s++, digits++)
		if (whole <= 9999999999999LL)
			whole = whole * 10 + (*s - '0');
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s) && fd < 2; s++, fd++)
			frac = frac * 10 + (*s - '0');
	if (*s || !digits || whole > 9999999999999LL)
		return -1;
	if (fd == 1)
		frac *= 10;
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

static const char *as_text(struct request_ctx *ctx, json_t *in)
{
	if (json_is_string(in))
		return json_string_value(in);
	if (json_is_integer(in))
		return arena_printf(ctx->a, "%lld", (long long)json_integer_value(in));
	if (json_is_real(in))
		return arena_printf(ctx->a, "%.17g", json_real_value(in));
	if (json_is_boolean(in))
		return json_is_true(in) ? "true" : "false";
	return NULL;
}

/* How the text of a field is cleaned before it is validated (domain/cell.h). */
static unsigned clean_flags(const struct field *f, unsigned flags)
{
	unsigned c = (flags & VALUE_IMPORT) ? CELL_GUARD : 0;

	switch (f->type) {
	case FT_TEXT:
		return c | CELL_MULTILINE;
	case FT_STRING: /* line breaks stay, to be refused: one line means one value */
		return c | CELL_MULTILINE | ((f->flags & F_NAME) ? CELL_NAME : 0);
	case FT_INT: case FT_MONEY: case FT_DATE: case FT_DATETIME: case FT_ID_NUMBER:
	case FT_PHONE: case FT_CREDIT_CODE:
		return c | CELL_ASCII;
	default:
		return c;
	}
}

static const char *clean(struct request_ctx *ctx, const struct field *f, const char *t,
			 unsigned flags)
{
	struct buf b = BUF_INIT;
	const char *r;

	cell_clean(t, clean_flags(f, flags), &b);
	r = arena_strndup(ctx->a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

/* "12,345.60" as spreadsheets show numbers: the thousands separators go when
 * each comma has exactly three digits after it and digits before it. */
static const char *without_thousands(struct request_ctx *ctx, const char *t)
{
	const char *p, *c = strchr(t, ',');
	char *out, *o;

	if (!c)
		return t;
	for (p = t; *p; p++)
		if (*p == ',' && (p == t || !isdigit((unsigned char)p[-1]) ||
				  strspn(p + 1, "0123456789") < 3 || isdigit((unsigned char)p[4])))
			return t;
	out = o = arena_alloc(ctx->a, strlen(t) + 1);
	for (p = t; *p; p++)
		if (*p != ',')
			*o++ = *p;
	*o = '\0';
	return out;
}

/* A spreadsheet date serial left in a General cell of a date column ("34772"):
 * five digits in the plausible range. 0 with the date in d, else -1. */
static int serial_date(const char *t, unsigned flags, char d[DATE_SIZE])
{
	if (strlen(t) != 5 || strspn(t, "0123456789") != 5)
		return -1;
	return date_from_serial(strtol(t, NULL, 10), !!(flags & VALUE_DATE1904), d);
}

/* "“大学”不是可选的值（可选：小学及以下、初中、…）". */
static const char *enum_refusal(struct request_ctx *ctx, const struct field *f, const char *t)
{
	struct buf b = BUF_INIT;
	const struct enum_value *e;
	const char *r;

	buf_addf(&b, "“%.60s”不是可选的值（可选：", t);
	for (e = f->enums; e && e->value; e++)
		buf_addf(&b, "%s%s", e == f->enums ? "" : "、", e->label);
	buf_adds(&b, "）");
	r = arena_strdup(ctx->a, b.ptr);
	buf_release(&b);
	return r;
}

static int ref_value(struct request_ctx *ctx, const struct field *f, const char *text,
		     unsigned flags, long long *id, const char **why)
{
	const struct resource *ref = resource_find(f->ref);
	struct buf err = BUF_INIT;
	struct db_result row;
	int ret = -1;

	if (parse_int(text, id)) {
		long long ids[2];
		int n;

		if (!(flags & VALUE_IMPORT)) {
			*why = "应为记录编号";
			goto out;
		}
		n = records_find_by_label(ctx->db, ctx->a, ctx->who, ref, text, ids, &err);
		if (n == 1) {
			*id = ids[0];
			ret = 0;
		} else {
			*why = n > 1 ? arena_printf(ctx->a, "“%s”有重名，请改填编号", text)
				     : arena_printf(ctx->a, "找不到“%s”", text);
		}
		goto out;
	}
	/* out-of-scope records read as missing, so their existence does not leak */
	if (records_get(ctx->db, ctx->a, (f->flags & F_REF_ANY) ? NULL : ctx->who, ref, *id, &row,
			&err) != REC_OK) {
		*why = "不存在或不在您的管辖范围内";
		goto out;
	}
	ret = 0;
out:
	buf_release(&err);
	return ret;
}

/* A division in the caller's reach: anywhere for callers without a
 * division scope (their scope decides through the record's other ways). */
static int division_reach(const struct principal *who, const char **lo, const char **hi)
{
	if (who && !who->scope.all && who->scope.lo[0]) {
		*lo = who->scope.lo;
		*hi = who->scope.hi;
		return 1;
	}
	*lo = "000000000000";
	*hi = "999999999999";
	return 0;
}

/* "下司镇下司村", "独山县/下司镇/下司村": a division's name after the names of
 * divisions above it (division_path_matches()), within [lo, hi]. Returns how
 * many divisions match (0, 1, or 2 for "more than one"), the one in c12. */
static int division_by_path(struct request_ctx *ctx, const char *text, const char *lo,
			    const char *hi, char c12[DIVISION_SIZE])
{
	struct buf b = BUF_INIT, err = BUF_INIT;
	struct db_result r;
	size_t k, i;
	int j, found = 0;

	for (; *text; text++)
		if (!strchr(" /->\\", *text))
			buf_addc(&b, *text);
	for (k = 1; k < b.len && found < 2; k++) {
		const char *prefix, *names[DIVISION_PATH_UP][2];

		if (((unsigned char)b.ptr[k] & 0xC0) == 0x80)
			continue;
		if (records_division_with_ancestors(ctx->db, ctx->a, b.ptr + k, lo, hi, &r, &err))
			break;
		prefix = arena_strndup(ctx->a, b.ptr, k);
		for (i = 0; i < r.nrows && found < 2; i++) {
			for (j = 0; j < DIVISION_PATH_UP; j++) {
				names[j][0] = db_cell(&r, i, 1 + 2 * j);
				names[j][1] = db_cell(&r, i, 2 + 2 * j);
			}
			if (!division_path_matches(prefix, names) ||
			    (found && !strcmp(c12, db_cell(&r, i, 0))))
				continue;
			if (!found)
				memcpy(c12, db_cell(&r, i, 0), DIVISION_SIZE);
			found++;
		}
	}
	buf_release(&b);
	buf_release(&err);
	return found;
}

static int division_value(struct request_ctx *ctx, const struct resource *res,
			  const struct field *f, const char *text, unsigned flags,
			  const char **code, const char **why)
{
	char c12[13];
	const struct scope_way *way;
	int in_scope_required = 0;
	const char *lo, *hi;
	int scoped = division_reach(ctx->who, &lo, &hi);

	for (way = res->scope; way && way->kind; way++)
		if (way->kind == WAY_DIVISION && !strcmp(way->column, f->name))
			in_scope_required = scoped;
	if (!division_normalize(text, c12))
		goto found;
	if (flags & VALUE_IMPORT) {
		const char *codes[2];
		int k = records_division_by_name(ctx->db, ctx->a, text, lo, hi, codes);

		if (k == 1) {
			memcpy(c12, codes[0], 13);
			goto found;
		}
		if (!k)
			k = division_by_path(ctx, text, lo, hi, c12);
		if (k == 1)
			goto found;
		*why = k > 1 ? arena_printf(ctx->a, "“%s”有重名，请写上所属乡镇（如“下司镇下司村”）或填写12位区划代码", text)
			     : arena_printf(ctx->a, "“%s”不是%s的地区（请填写区划代码或名称，如“下司村”“下司镇下司村”）",
					    text, scoped ? "您管辖范围内" : "已知");
		return -1;
	}
	*why = "应为12位区划代码";
	return -1;
found:
	if (!records_division_name(ctx->db, ctx->a, c12)) {
		*why = "区划代码不存在";
		return -1;
	}
	if (in_scope_required && !division_in_range(c12, lo, hi)) {
		*why = "不在您的管辖范围内";
		return -1;
	}
	*code = arena_strdup(ctx->a, c12);
	return 0;
}

static int bool_value(const char *t, int *b)
{
	static const char *const yes[] = { "true", "1", "是", "有", "y", "Y", "yes", "TRUE", NULL };
	static const char *const no[] = { "false", "0", "否", "无", "n", "N", "no", "FALSE", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (!strcmp(t, yes[i]))
			return *b = 1, 0;
	for (i = 0; no[i]; i++)
		if (!strcmp(t, no[i]))
			return *b = 0, 0;
	return -1;
}

int record_value(struct request_ctx *ctx, const struct resource *res, const struct field *f,
		 json_t *in, unsigned flags, json_t **out, const char **why)
{
	const char *t;
	long long n;

	*out = NULL;
	if (!in || json_is_null(in)) {
		*out = json_null();
		return 0;
	}
	if (f->type == FT_JSON) {
		if (!json_is_array(in) && !json_is_object(in)) {
			*why = "格式不正确";
			return -1;
		}
		*out = json_incref(in);
		return 0;
	}
	if (f->type == FT_BOOL && json_is_boolean(in)) {
		*out = json_incref(in);
		return 0;
	}
	if (!(t = as_text(ctx, in))) {
		*why = "格式不正确";
		return -1;
	}
	t = clean(ctx, f, t, flags);
	if ((flags & VALUE_IMPORT) && (f->type == FT_INT || f->type == FT_MONEY))
		t = without_thousands(ctx, t);
	if (!*t) {
		*out = json_null();
		return 0;
	}
	if (!valid_utf8(t)) {
		*why = "含有无效字符";
		return -1;
	}
	switch (f->type) {
	case FT_STRING: case FT_TEXT: {
		int max = f->maxlen ? f->maxlen : f->type == FT_STRING ? 200 : 4000;

		if (utf8_len(t) > (size_t)max) {
			*why = arena_printf(ctx->a, "不能超过%d个字", max);
			return -1;
		}
		if (f->type == FT_STRING && strpbrk(t, "\r\n")) {
			*why = "不能换行";
			return -1;
		}
		*out = json_string(t);
		return 0;
	}
	case FT_INT:
		if (parse_int(t, &n)) {
			*why = "应为整数";
			return -1;
		}
		*out = json_integer(n);
		return 0;
	case FT_MONEY:
		if ((flags & VALUE_IMPORT) ? parse_yuan(t, &n) : parse_int(t, &n)) {
			*why = (flags & VALUE_IMPORT) ? "应为金额（元，最多两位小数）" : "应为整数（分）";
			return -1;
		}
		*out = json_integer(n);
		return 0;
	case FT_BOOL: {
		int b;

		if (bool_value(t, &b)) {
			*why = "应为“是”或“否”";
			return -1;
		}
		*out = json_boolean(b);
		return 0;
	}
	case FT_DATE: {
		char d[DATE_SIZE];

		if (!((flags & VALUE_IMPORT) && !serial_date(t, flags, d)) &&
		    date_parse_as(t, (f->flags & F_MONTH) ? DATE_MONTH : 0, d, why))
			return -1;
		*out = json_string(d);
		return 0;
	}
	case FT_DATETIME: {
		char d[DATE_TIME_SIZE];

		if (date_parse_datetime(t, d, why))
			return -1;
		*out = json_string(d);
		return 0;
	}
	case FT_ENUM: {
		const struct enum_value *e = field_enum(f, t);

		if (!e) {
			*why = enum_refusal(ctx, f, t);
			return -1;
		}
		*out = json_string(e->value);
		return 0;
	}
	case FT_REF:
		if (ref_value(ctx, f, t, flags, &n, why))
			return -1;
		*out = json_integer(n);
		return 0;
	case FT_DIVISION: {
		const char *code;

		if (division_value(ctx, res, f, t, flags, &code, why))
			return -1;
		*out = json_string(code);
		return 0;
	}
	case FT_ID_NUMBER: {
		struct idcard_info info;

		if (idcard_check(t, &info, why))
			return -1;
		*out = json_string(info.number);
		return 0;
	}
	case FT_PHONE: {
		char p[PHONE_SIZE];

		if (phone_check(t, p, sizeof(p), why))
			return -1;
		*out = json_string(p);
		return 0;
	}
	case FT_CREDIT_CODE: {
		char c[CREDITCODE_SIZE];

		if (creditcode_check(t, why) || creditcode_normalize(t, c))
			return -1;
		*out = json_string(c);
		return 0;
	}
	default:
		*why = "不支持的字段类型";
		return -1;
	}
}

/* Whether a date cell gave a month alone (read as the 1st of the month). */
static int month_only(struct request_ctx *ctx, const struct field *f, const char *text,
		      unsigned flags)
{
	char d[DATE_SIZE];
	const char *t = clean(ctx, f, text, flags);

	return *t && date_parse(t, d, NULL) && !date_parse_as(t, DATE_MONTH, d, NULL);
}

static int is_meta(const char *key)
{
	static const char *const meta[] = { "id", "version", "created_at", "updated_at", NULL };
	size_t n = strlen(key);
	int i;

	for (i = 0; meta[i]; i++)
		if (!strcmp(key, meta[i]))
			return 1;
	/* display companions the API adds to refs and divisions */
	return n > 6 && !strcmp(key + n - 6, "_label");
}

void record_validate(struct request_ctx *ctx, const struct resource *res, json_t *in,
		     json_t *rec, int creating, unsigned flags, json_t *errors)
{
	const char *key;
	json_t *val;
	const struct field *f;

	json_object_foreach(in, key, val) {
		json_t *out = NULL;
		const char *why = NULL;

		if (is_meta(key))
			continue;
		f = resource_field(res, key);
		if (!f || ((f->flags & F_VIRTUAL) && !(f->flags & F_INPUT_ONLY))) {
			json_object_set_new(errors, key, json_string("未知字段"));
			continue;
		}
		if (f->flags & F_READONLY)
			continue;
		if (!creating && (f->flags & F_CREATE_ONLY)) {
			json_object_set_new(errors, key, json_string("创建后不能修改"));
			continue;
		}
		if ((f->flags & F_ADMIN_WRITE) && ctx->who && ctx->who->level != LEVEL_ADMIN) {
			json_object_set_new(errors, key, json_string("只有管理员可以设置"));
			continue;
		}
		if (record_value(ctx, res, f, val, flags, &out, &why)) {
			json_object_set_new(errors, key,
					    json_string(arena_printf(ctx->a, "%s%s", f->label, why)));
			continue;
		}
		json_object_set_new(rec, key, out);
		if (f->type == FT_DATE && (f->flags & F_MONTH) && json_is_string(val) &&
		    month_only(ctx, f, json_string_value(val), flags))
			json_object_set_new(rec, arena_printf(ctx->a, "%s" RECORD_MONTH_SUFFIX, key),
					    json_true());
	}
	for (f = res->fields; f->name; f++) {
		json_t *v;

		if (!(f->flags & F_REQUIRED) || json_object_get(errors, f->name))
			continue;
		v = json_object_get(rec, f->name);
		if ((creating && !v) || (v && json_is_null(v)))
			json_object_set_new(errors, f->name,
					    json_string(arena_printf(ctx->a, "%s不能为空", f->label)));
	}
}

static int is_set(json_t *v)
{
	return v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v));
}

void record_check_requires(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *errors)
{
	const char *value = res->requires_field
		? json_string_value(json_object_get(rec, res->requires_field)) : NULL;
	const struct requirement *r = resource_requirement(res, value);
	const char *what = r ? resource_enum_label(res, res->requires_field, value) : NULL;
	const char *const *name;
	const struct field *f;
	struct buf names = BUF_INIT;

	for (name = r ? r->required : NULL; name && *name; name++) {
		f = resource_field(res, *name);
		if (f && !is_set(json_object_get(rec, *name)) && !json_object_get(errors, *name))
			json_object_set_new(errors, *name, json_string(arena_printf(ctx->a,
				"%s须填写%s", what, f->label)));
	}
	for (name = r ? r->any_of : NULL; name && *name; name++) {
		if (is_set(json_object_get(rec, *name)))
			goto out;
		f = resource_field(res, *name);
		buf_addf(&names, "%s%s", names.len ? "、" : "", f ? f->label : *name);
	}
	if (r && r->any_of && r->any_of[0] && !json_object_get(errors, r->any_of[0]))
		json_object_set_new(errors, r->any_of[0], json_string(arena_printf(ctx->a,
			"%s须填写%s中的至少一项", what, names.ptr)));
out:
	buf_release(&names);
}

void record_values(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		   struct records_values *vals)
{
	const struct field *f;

	for (f = res->fields; f->name; f++) {
		json_t *v = json_object_get(rec, f->name);

		if (!v || (f->flags & F_VIRTUAL))
			continue;
		switch (f->type) {
		case FT_ID_NUMBER:
		case FT_PHONE: {
			const char *plain = json_string_value(v);
			const char *enc = arena_printf(ctx->a, "%s_enc", f->name);
			const char *hash = arena_printf(ctx->a, "%s_hash", f->name);
			const char *mask = arena_printf(ctx->a, "%s_mask", f->name);

			if (!plain) {
				records_values_add(ctx->a, vals, enc, db_null());
				records_values_add(ctx->a, vals, hash, db_null());
				records_values_add(ctx->a, vals, mask, db_null());
			} else {
				struct buf b = BUF_INIT;
				char h[SECRET_HASH_HEX_SIZE], m[RECORD_MASK_SIZE];

				secret_encrypt(plain, &b);
				secret_hash(plain, h);
				record_mask_value(f, plain, m);
				records_values_add(ctx->a, vals, enc, db_text(arena_strdup(ctx->a, b.ptr)));
				records_values_add(ctx->a, vals, hash, db_text(arena_strdup(ctx->a, h)));
				records_values_add(ctx->a, vals, mask, db_text(arena_strdup(ctx->a, m)));
				buf_release(&b);
			}
			break;
		}
		case FT_INT: case FT_MONEY: case FT_REF:
			records_values_add(ctx->a, vals, f->name,
					   json_is_integer(v) ? db_int(json_integer_value(v)) : db_null());
			break;
		case FT_BOOL:
			records_values_add(ctx->a, vals, f->name,
					   json_is_null(v) ? db_int(0) : db_int(json_is_true(v)));
			break;
		case FT_JSON: {
			char *s = json_is_null(v) ? NULL : json_dumps(v, JSON_COMPACT);

			records_values_add(ctx->a, vals, f->name,
					   db_text(s ? arena_strdup(ctx->a, s) : NULL));
			free(s);
			break;
		}
		default:
			records_values_add(ctx->a, vals, f->name, db_text(json_string_value(v)));
		}
	}
}
