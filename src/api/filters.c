/* filters: the list parameters of API.md (field=value, field__op=value, q,
 * division, sort; and org=ID, the rows under an organisation) turned into SQL
 * conditions over a resource. Lists, exports,
 * grouped counts and named statistics all filter through here, so a figure
 * and the list with the same filters always agree. */
#include "api/generic.h"

#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "core/secret.h"
#include "domain/date.h"
#include "domain/division.h"
#include "domain/idcard.h"
#include "domain/search_terms.h"
#include "store/org_tree.h"

/* Keys that are not filters: paging, output, the statistics' own parameters. */
static int is_reserved(const char *key)
{
	static const char *const reserved[] = { "limit", "cursor", "sort", "reveal", "format",
						"dry_run", "version", "as_of", "from", "to",
						"group", "sum", "mode", "cols", NULL };
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

	return !idcard_normalize(q, norm) && strspn(norm, "0123456789") >= 17 &&
	       (norm[17] == 'X' || (norm[17] >= '0' && norm[17] <= '9'));
}

static const char *like_escaped(struct arena *a, const char *v, const char *before,
				const char *after)
{
	struct buf esc = BUF_INIT;
	const char *p, *out;

	buf_adds(&esc, before);
	for (p = v; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(&esc, '\\');
		buf_addc(&esc, *p);
	}
	buf_adds(&esc, after);
	out = arena_strdup(a, esc.ptr);
	buf_release(&esc);
	return out;
}

/* Whether the caller may find records by a full ID number or phone. Without
 * the PII permission such a filter, repeated over the ~100 candidates that a
 * masked number and the fields beside it leave, would confirm the number
 * (PIPL art. 51; GB/T 35273-2020 6.2 access to personal information). */
static int may_query_pii(const struct request_ctx *ctx)
{
	return ctx->who && ctx->who->pii;
}

static const char PII_FORBIDDEN[] = "按身份证号或电话查询需要查看完整个人信息的权限";

static int add_search(struct request_ctx *ctx, const struct resource *res, const char *q,
		      struct sqlw *w, const char **why)
{
	const struct field *f;
	/* LIKE on the base table: trigram indexes miss 2-character Chinese names */
	const char *like = like_escaped(ctx->a, q, "%", "%");
	char term[SEARCH_TERM_SIZE];
	int any = 0, id_number = looks_like_id_number(q);

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

			if (id_number && !may_query_pii(ctx))
				return *why = PII_FORBIDDEN, -2;
			if (id_number)
				ctx->pii_query = f->name;
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
	return 0;
}

/* The operators of `field__op`; "eq" when there is none. */
enum op {
	OP_EQ, OP_NE, OP_GTE, OP_LTE, OP_GT, OP_LT, OP_PREFIX, OP_NULL, OP_GTE_OR_NULL,
	OP_LTE_OR_NULL, OP_GT_OR_NULL, OP_LT_OR_NULL, OP_UNDER,
};

static const struct {
	const char *name;
	enum op op;
	const char *sql;   /* the comparison, for the ordered ones */
} ops[] = {
	{ "eq", OP_EQ, " = " },
	{ "ne", OP_NE, " <> " },
	{ "gte", OP_GTE, " >= " },
	{ "lte", OP_LTE, " <= " },
	{ "gt", OP_GT, " > " },
	{ "lt", OP_LT, " < " },
	{ "prefix", OP_PREFIX, NULL },
	{ "null", OP_NULL, NULL },
	{ "gte_or_null", OP_GTE_OR_NULL, " >= " },
	{ "lte_or_null", OP_LTE_OR_NULL, " <= " },
	{ "gt_or_null", OP_GT_OR_NULL, " > " },
	{ "lt_or_null", OP_LT_OR_NULL, " < " },
	{ "under", OP_UNDER, NULL },
};

static int is_numeric(const struct field *f)
{
	return f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF ||
	       f->type == FT_BOOL || !strcmp(f->name, "id");
}

/* The bound value of one filter value for field f; NULL *why when fine. */
static struct db_param filter_value(struct request_ctx *ctx, const struct resource *res,
				    const struct field *f, const char *v, const char **why)
{
	*why = NULL;
	if (f->type == FT_BOOL)
		return db_int(!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "是"));
	if (is_numeric(f)) {
		char *end;
		long long n = strtoll(v, &end, 10);

		if (!*v || *end)
			*why = "应为整数";
		return db_int(n);
	}
	if (f->type == FT_ENUM) {
		const struct enum_value *e = field_enum(f, v);

		if (!e)
			*why = "不是可选的值";
		return db_text(e ? e->value : "");
	}
	if (f->type == FT_DATE) {
		char d[DATE_SIZE];

		if (date_parse(v, d, why))
			return db_null();
		return db_text(arena_strdup(ctx->a, d));
	}
	if (f->type == FT_DATETIME) {
		char d[DATE_SIZE], t[DATE_TIME_SIZE];

		/* a date alone is taken whole (see day_bounds); an instant as it is */
		if (strlen(v) == DATE_SIZE - 1 && !date_parse(v, d, why))
			return db_text(arena_strdup(ctx->a, d));
		if (date_parse_datetime(v, t, why))
			return db_null();
		*why = NULL;
		return db_text(arena_strdup(ctx->a, t));
	}
	if (f->type == FT_DIVISION) {
		char c12[DIVISION_SIZE];
		size_t n = strlen(v);

		if (n > 12 || strspn(v, "0123456789") != n) {
			*why = "应为区划代码";
			return db_null();
		}
		memcpy(c12, v, n);
		memset(c12 + n, '0', 12 - n);
		c12[12] = '\0';
		return db_text(arena_strdup(ctx->a, c12));
	}
	if (field_secret(f)) {
		char h[SECRET_HASH_HEX_SIZE];
		json_t *in = json_string(v), *norm = NULL;
		int bad = record_value(ctx, res, f, in, 0, &norm, why);

		json_decref(in);
		/* an empty value normalizes to null: there is nothing to hash */
		if (!bad && !json_is_string(norm)) {
			*why = f->type == FT_PHONE ? "请输入完整的电话号码" : "请输入完整的身份证号";
			bad = -1;
		}
		if (!bad)
			secret_hash(json_string_value(norm), h);
		json_decref(norm);
		return bad ? db_null() : db_text(arena_strdup(ctx->a, h));
	}
	return db_text(v);
}

/* A date given for an instant column means the whole local day: the bound
 * becomes the instant that day (or the next) begins, and the comparison
 * changes to match (lte D → < start of D+1). Returns the operator to use. */
static const char *day_bound(struct request_ctx *ctx, enum op op, const char *sql,
			     struct db_param *p)
{
	char next[DATE_SIZE], start[DATE_TIME_SIZE];
	const char *d = p->s;
	int after = op == OP_GT || op == OP_GT_OR_NULL || op == OP_LTE || op == OP_LTE_OR_NULL;

	if (after && !date_add_days(p->s, 1, next))
		d = next;
	date_local_start(d, start);
	*p = db_text(arena_strdup(ctx->a, start));
	if (op == OP_GT || op == OP_GT_OR_NULL)
		return " >= ";
	if (op == OP_LTE || op == OP_LTE_OR_NULL)
		return " < ";
	return sql;
}

/* `field__under=ID`: the referenced organisation is ID or below it. */
static void add_under(struct sqlw *w, const struct field *f, long long org)
{
	sqlw_add(w, " AND EXISTS (SELECT 1 FROM orgs uo, orgs ua WHERE ua.id = ");
	sqlw_param(w, db_int(org));
	sqlw_add(w, " AND uo.id = ");
	records_field_expr(w, f);
	sqlw_add(w, " AND uo.path LIKE ua.path || '%')");
}

/* The column an equality compares: a secret field's keyed hash (the bound
 * value is hashed the same way by filter_value). */
static void add_column(struct sqlw *w, const struct field *f)
{
	if (field_secret(f))
		records_secret_expr(w, f, "_hash");
	else
		records_field_expr(w, f);
}

/* One filter key with all its values (repeats of an equality are "any of"). */
static int add_field_filter(struct request_ctx *ctx, const struct resource *res,
			    const char *key, const struct query_arg *args, size_t nargs,
			    struct sqlw *w, const char **why)
{
	static const struct field id_field = { "id", "ID", FT_INT, 0, NULL, NULL, 0, NULL };
	char name[64];
	const char *sep = strstr(key, "__");
	const char *opname = sep ? sep + 2 : "eq";
	size_t len = sep ? (size_t)(sep - key) : strlen(key), i, nvals = 0, k;
	const struct field *f;
	enum op op = OP_EQ;
	int found = 0, or_null;

	if (len >= sizeof(name))
		return *why = "未知字段", -1;
	memcpy(name, key, len);
	name[len] = '\0';
	f = !strcmp(name, "id") ? &id_field : resource_field(res, name);
	if (!f || (f->flags & F_HIDDEN))
		return *why = "未知字段", -1;
	/* computed by the decorate hook: only the resource's filter hook knows its SQL */
	if (f->flags & F_COMPUTED)
		return *why = "不支持的条件", -1;
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (!strcmp(opname, ops[k].name)) {
			op = ops[k].op;
			found = 1;
			break;
		}
	if (!found)
		return *why = "不支持的条件", -1;
	or_null = op == OP_GTE_OR_NULL || op == OP_LTE_OR_NULL || op == OP_GT_OR_NULL ||
		  op == OP_LT_OR_NULL;
	/* masked values may only be matched whole: a prefix or range would probe them digit by digit */
	if (field_secret(f) && op != OP_EQ && op != OP_NULL)
		return *why = f->type == FT_ID_NUMBER ? "身份证号只能精确查询" : "只能精确查询", -1;
	if (field_secret(f) && op == OP_EQ) {
		/* a value that is not one says so first: refusing it reveals nothing */
		for (i = 0; i < nargs; i++)
			if (!strcmp(args[i].key, key) && (filter_value(ctx, res, f, args[i].value, why), *why))
				return -1;
		if (!may_query_pii(ctx))
			return *why = PII_FORBIDDEN, -2;
		ctx->pii_query = f->name;
	}
	/* LIKE works on text only (PostgreSQL refuses it on numbers) */
	if (op == OP_PREFIX && (is_numeric(f) || f->type == FT_JSON))
		return *why = "不支持前缀查询", -1;
	if (op == OP_UNDER && (f->type != FT_REF || strcmp(f->ref, "orgs")))
		return *why = "只能用于组织", -1;
	if (op == OP_EQ)
		sqlw_add(w, " AND (");
	for (i = 0; i < nargs; i++) {
		const char *v = args[i].value, *cmp;
		struct db_param p;
		int day;

		if (strcmp(args[i].key, key))
			continue;
		if (op != OP_EQ && nvals)
			break; /* one bound per operator other than equality */
		nvals++;
		if (op == OP_PREFIX) {
			sqlw_add(w, " AND ");
			records_field_expr(w, f);
			sqlw_add(w, " LIKE ");
			sqlw_param(w, db_text(like_escaped(ctx->a, v, "", "%")));
			sqlw_add(w, " ESCAPE '\\'");
			continue;
		}
		if (op == OP_NULL) {
			int null = !strcmp(v, "1") || !strcmp(v, "true");

			if (!null && strcmp(v, "0") && strcmp(v, "false"))
				return *why = "应为 1 或 0", -1;
			sqlw_add(w, " AND ");
			add_column(w, f);
			sqlw_add(w, null ? " IS NULL" : " IS NOT NULL");
			continue;
		}
		p = filter_value(ctx, res, f, v, why);
		if (*why)
			return -1;
		if (op == OP_UNDER) {
			add_under(w, f, p.i);
			continue;
		}
		day = f->type == FT_DATETIME && p.type == DB_PTEXT && p.len == DATE_SIZE - 1;
		if (op == OP_EQ && day) {
			struct db_param end = p;

			sqlw_add(w, nvals > 1 ? " OR (" : "(");
			records_field_expr(w, f);
			sqlw_add(w, day_bound(ctx, OP_GTE, " >= ", &p));
			sqlw_param(w, p);
			sqlw_add(w, " AND ");
			records_field_expr(w, f);
			sqlw_add(w, day_bound(ctx, OP_LTE, " <= ", &end));
			sqlw_param(w, end);
			sqlw_add(w, ")");
			continue;
		}
		if (op == OP_EQ) {
			sqlw_add(w, nvals > 1 ? " OR " : "");
			add_column(w, f);
			sqlw_add(w, " = ");
			sqlw_param(w, p);
			continue;
		}
		cmp = day ? day_bound(ctx, op, ops[k].sql, &p) : ops[k].sql;
		sqlw_add(w, " AND ");
		if (or_null) {
			sqlw_add(w, "(");
			records_field_expr(w, f);
			sqlw_add(w, " IS NULL OR ");
		}
		records_field_expr(w, f);
		sqlw_add(w, cmp);
		sqlw_param(w, p);
		if (or_null)
			sqlw_add(w, ")");
	}
	if (op == OP_EQ)
		sqlw_add(w, ")");
	return 0;
}

int generic_filters(struct request_ctx *ctx, const struct resource *res,
		    const struct query_arg *args, size_t nargs, struct sqlw *where,
		    const char **bad, struct buf *why)
{
	size_t i, j;

	for (i = 0; i < nargs; i++) {
		const char *key = args[i].key, *value = args[i].value, *reason = NULL;
		int seen = 0, ret;

		for (j = 0; j < i; j++)
			if (!strcmp(args[j].key, key))
				seen = 1;
		if (seen || is_reserved(key))
			continue; /* repeats are read together by add_field_filter */
		*bad = key;
		if (!strcmp(key, "q")) {
			if (*value && (ret = add_search(ctx, res, value, where, &reason))) {
				buf_setf(why, "%s", reason);
				return ret;
			}
			continue;
		}
		if (!strcmp(key, "division")) {
			char c12[DIVISION_SIZE], lo[DIVISION_SIZE], hi[DIVISION_SIZE];

			if (!*value)
				continue;
			if (division_normalize(value, c12) || division_range(c12, lo, hi)) {
				buf_setf(why, "应为区划代码");
				return -1;
			}
			records_division_filter(where, res, lo, hi);
			continue;
		}
		if (!strcmp(key, "org")) {
			/* under an organisation: what its users would see (its subtree) */
			struct buf err = BUF_INIT;
			char *end;
			long long id = strtoll(value, &end, 10);
			const char *path;

			if (!*value)
				continue;
			if (*end || id <= 0) {
				buf_setf(why, "应为组织编号");
				return -1;
			}
			path = org_tree_path(ctx->db, ctx->a, id, &err);
			if (!path && err.len) {
				buf_setf(why, "%s", err.ptr);
				buf_release(&err);
				return -1;
			}
			buf_release(&err);
			records_org_filter(where, res, path);
			continue;
		}
		if (res->hooks && res->hooks->filter) {
			int took = res->hooks->filter(ctx, key, value, where, why);

			if (took < 0)
				return -1;
			if (took)
				continue;
		}
		if ((ret = add_field_filter(ctx, res, key, args, nargs, where, &reason))) {
			buf_setf(why, "%s", reason);
			return ret;
		}
	}
	*bad = NULL;
	return 0;
}

int generic_filters_or_reply(struct request_ctx *ctx, const struct resource *res,
			     struct records_query *q)
{
	struct buf why = BUF_INIT;
	const char *bad = NULL;
	int ret = generic_filters(ctx, res, ctx->args, ctx->nargs, &q->where, &bad, &why);

	if (ret == -2) {
		reply_error(ctx, 403, "forbidden", why.ptr, json_pack("{s:s}", bad, why.ptr));
		ret = -1;
	} else if (ret)
		reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "查询条件 %s：%s", bad, why.ptr),
			    json_pack("{s:s}", bad, why.ptr));
	/* finding records by a full ID number or phone is a read of personal data:
	 * audited like a reveal (the field, never the value) */
	else if (ctx->pii_query &&
		 generic_audit_reveal_or_reply(ctx, res, 0,
					       json_pack("{s:s, s:s}", "query", ctx->pii_query,
							 "path", ctx->path)))
		ret = -1;
	buf_release(&why);
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
	if (!f || (f->flags & (F_HIDDEN | F_COMPUTED)) || field_secret(f) || f->type == FT_JSON) {
		reply_error(ctx, 400, "bad_request", "不能按该字段排序",
			    json_pack("{s:s}", "sort", "不能按该字段排序"));
		return -1;
	}
	q->sort = f;
	return 0;
}
