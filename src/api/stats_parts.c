/* stats_parts: evaluating declared statistic parts through the list filters
 * (api/filters.c) and the aggregates (store/aggregate.c). */
#include "api/stats_parts.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "domain/division.h"

json_t *stats_ratio(long long count, long long of)
{
	return json_pack("{s:I, s:I, s:f}", "count", (json_int_t)count, "of", (json_int_t)of,
			 "ratio", of ? (double)count / (double)of : 0.0);
}

int stats_groupable(const struct field *f)
{
	if (f->flags & F_HIDDEN)
		return 0;
	/* a virtual field a decorate hook fills (expr "NULL") has no value in SQL */
	if ((f->flags & F_VIRTUAL) && (!f->expr || !strcmp(f->expr, "NULL")))
		return 0;
	switch (f->type) {
	case FT_ENUM: case FT_BOOL: case FT_REF: case FT_INT: case FT_DIVISION:
	case FT_DATE: case FT_DATETIME:
		return 1;
	default:
		return 0;
	}
}

int stats_parse_keys(struct request_ctx *ctx, const struct resource *res, const char *spec,
		     struct aggregate_key *keys, int max, const char **why)
{
	char *copy = arena_strdup(ctx->a, spec), *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *roll = strchr(tok, ':');
		const struct field *f;

		if (roll)
			*roll++ = '\0';
		if (n == max)
			return *why = "最多按两个字段分组", -1;
		f = resource_field(res, tok);
		if (!f || (f->flags & F_HIDDEN))
			return *why = arena_printf(ctx->a, "未知字段 %s", tok), -1;
		if (!stats_groupable(f))
			return *why = arena_printf(ctx->a, "%s不能用于分组", f->label), -1;
		memset(&keys[n], 0, sizeof(keys[n]));
		keys[n].field = f;
		switch (f->type) {
		case FT_DIVISION:
			if (roll && !(keys[n].level = division_level_by_name(roll)))
				return *why = arena_printf(ctx->a, "区划只能汇总到 province、prefecture、county、town 或 village，不能是 %s", roll), -1;
			break;
		case FT_DATE: case FT_DATETIME:
			if (roll && !strcmp(roll, "year"))
				keys[n].chars = 4;
			else if (roll && !strcmp(roll, "month"))
				keys[n].chars = 7;
			else if (roll)
				return *why = arena_printf(ctx->a, "日期只能按 year 或 month 汇总，不能是 %s", roll), -1;
			break;
		default:
			if (roll)
				return *why = arena_printf(ctx->a, "%s不能按 %s 汇总", f->label, roll), -1;
			break;
		}
		n++;
	}
	if (!n)
		return *why = "请指定分组字段", -1;
	return n;
}

void stats_key_json(struct request_ctx *ctx, const struct aggregate_key *key,
		    const char *value, const char *label, json_t *obj, const char *name)
{
	const struct field *f = key->field;
	const char *n = name ? name : f->name;
	const char *lname = arena_printf(ctx->a, "%s_label", n);
	json_t *v;
	const char *l = label;

	if (!value) {
		json_object_set_new(obj, n, json_null());
		json_object_set_new(obj, lname, json_string("未填"));
		return;
	}
	switch (f->type) {
	case FT_BOOL:
		v = json_boolean(strtoll(value, NULL, 10) != 0);
		l = json_is_true(v) ? "是" : "否";
		break;
	case FT_REF: case FT_INT:
		v = json_integer(strtoll(value, NULL, 10));
		break;
	case FT_ENUM: {
		const struct enum_value *e = field_enum(f, value);

		v = json_string(value);
		l = e ? e->label : value;
		break;
	}
	case FT_DATE: case FT_DATETIME:
		v = json_string(value);
		if (key->chars == 4)
			l = arena_printf(ctx->a, "%.4s年", value);
		else if (key->chars == 7 && strlen(value) >= 7)
			l = arena_printf(ctx->a, "%.4s年%d月", value, atoi(value + 5));
		else
			l = value;
		break;
	default:
		v = json_string(value);
	}
	json_object_set_new(obj, n, v);
	json_object_set_new(obj, lname, l ? json_string(l) : json_string(value));
}

/* The value of `$name` in a part's filters; NULL when the argument is absent. */
static const char *substitute(struct request_ctx *ctx, const struct stats_def *def,
			      const struct stats_args *args, const char *name)
{
	const char *const *a;
	const char *v;

	if (!strcmp(name, "from"))
		return args->from;
	if (!strcmp(name, "to"))
		return args->to;
	if (!strcmp(name, "as_of"))
		return args->as_of;
	for (a = def->args; a && *a; a++)
		if (!strcmp(*a, name))
			return (v = request_arg(ctx, name)) && *v ? v : NULL;
	return NULL;
}

int stats_where(struct request_ctx *ctx, const struct stats_def *def,
		const struct stats_args *args, const struct resource *res, const char *where,
		struct sqlw *w, struct buf *err)
{
	struct query_arg qa[32];
	size_t n = 0;
	char *copy = arena_strdup(ctx->a, where ? where : ""), *save = NULL, *tok;
	const char *bad = NULL;
	struct buf why = BUF_INIT;
	int ret = 0;

	for (tok = strtok_r(copy, "&", &save); tok; tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');
		const char *v;

		if (!eq || n == sizeof(qa) / sizeof(qa[0])) {
			buf_setf(err, "stats %s: bad filter %s", def->name, tok);
			return -1;
		}
		*eq = '\0';
		v = eq + 1;
		if (*v == '$' && !(v = substitute(ctx, def, args, v + 1)))
			continue;
		qa[n].key = tok;
		qa[n].value = v;
		n++;
	}
	if (generic_filters(ctx, res, qa, n, w, &bad, &why)) {
		buf_setf(err, "stats %s: filter %s on %s: %s", def->name, bad ? bad : "", res->name,
			 why.ptr);
		ret = -1;
	}
	if (!ret && args->division[0])
		records_division_filter(w, res, args->lo, args->hi);
	buf_release(&why);
	return ret;
}

static int count_where(struct request_ctx *ctx, const struct stats_def *def,
		       const struct stats_args *args, const struct resource *res,
		       const char *where, const struct field *sum, long long *n, long long *total,
		       struct buf *err)
{
	struct sqlw w;
	int ret;

	sqlw_init(&w, ctx->a);
	ret = stats_where(ctx, def, args, res, where, &w, err);
	if (!ret)
		ret = aggregate_count(ctx->db, ctx->a, ctx->who, res, &w, sum, n, total, err);
	sqlw_release(&w);
	return ret;
}

static int group_part(struct request_ctx *ctx, const struct stats_def *def,
		      const struct stats_args *args, const struct resource *res,
		      const struct stat_part *p, json_t **out, struct buf *err)
{
	struct aggregate_key key;
	const struct field *sum = p->sum ? resource_field(res, p->sum) : NULL;
	const char *why = NULL;
	struct db_result rows;
	struct sqlw w;
	size_t i;
	int ret = -1;

	if (stats_parse_keys(ctx, res, p->field, &key, 1, &why) != 1 || (p->sum && !sum)) {
		buf_setf(err, "stats %s: part %s: %s", def->name, p->key, why ? why : "bad sum");
		return -1;
	}
	sqlw_init(&w, ctx->a);
	if (stats_where(ctx, def, args, res, p->where, &w, err) ||
	    aggregate_group(ctx->db, ctx->a, ctx->who, res, &w, &key, 1, sum, &rows, err))
		goto out;
	if (p->kind == STAT_GROUP) {
		const struct enum_value *e;

		*out = json_object();
		for (e = key.field->enums; e && e->value; e++)
			json_object_set_new(*out, e->value, json_integer(0));
		for (i = 0; i < rows.nrows; i++) {
			const char *k = db_cell(&rows, i, 0);
			const char *v = db_cell(&rows, i, sum ? 3 : 2);

			json_object_set_new(*out, k ? k : "", json_integer(v ? strtoll(v, NULL, 10) : 0));
		}
	} else {
		*out = json_array();
		for (i = 0; i < rows.nrows; i++) {
			json_t *row = json_object(), *tmp = json_object();
			const char *s = db_cell(&rows, i, 3);

			stats_key_json(ctx, &key, db_cell(&rows, i, 0), db_cell(&rows, i, 1), tmp, "key");
			json_object_set(row, "key", json_object_get(tmp, "key"));
			json_object_set(row, "label", json_object_get(tmp, "key_label"));
			json_object_set_new(row, "count",
					    json_integer(strtoll(db_cell(&rows, i, 2), NULL, 10)));
			if (sum)
				json_object_set_new(row, "sum", json_integer(s ? strtoll(s, NULL, 10) : 0));
			json_decref(tmp);
			json_array_append_new(*out, row);
		}
	}
	ret = 0;
out:
	sqlw_release(&w);
	return ret;
}

int stats_parts_run(struct request_ctx *ctx, const struct stats_def *def,
		    const struct stats_args *args, json_t *values, struct buf *err)
{
	const struct stat_part *p;

	for (p = def->parts; p && p->key; p++) {
		const struct resource *res = resource_find(p->resource);
		const struct field *f = res && p->field ? resource_field(res, p->field) : NULL;
		long long n = 0, of = 0, total = 0;
		json_t *v = NULL;

		if (!res) {
			buf_setf(err, "stats %s: part %s: no resource %s", def->name, p->key,
				 p->resource);
			return -1;
		}
		switch (p->kind) {
		case STAT_COUNT:
			if (count_where(ctx, def, args, res, p->where, NULL, &n, NULL, err))
				return -1;
			v = json_integer(n);
			break;
		case STAT_RATIO:
			if (count_where(ctx, def, args, res, p->where, NULL, &n, NULL, err) ||
			    count_where(ctx, def, args, res, p->of_where, NULL, &of, NULL, err))
				return -1;
			v = stats_ratio(n, of);
			break;
		case STAT_SUM:
			if (!f) {
				buf_setf(err, "stats %s: part %s: no field", def->name, p->key);
				return -1;
			}
			if (count_where(ctx, def, args, res, p->where, f, &n, &total, err))
				return -1;
			v = json_integer(total);
			break;
		case STAT_DISTINCT: {
			struct sqlw w;
			int rc;

			if (!f) {
				buf_setf(err, "stats %s: part %s: no field", def->name, p->key);
				return -1;
			}
			sqlw_init(&w, ctx->a);
			rc = stats_where(ctx, def, args, res, p->where, &w, err) ||
			     aggregate_distinct(ctx->db, ctx->a, ctx->who, res, &w, f, &n, err);
			sqlw_release(&w);
			if (rc)
				return -1;
			v = json_integer(n);
			break;
		}
		case STAT_GROUP:
		case STAT_ROWS:
			if (group_part(ctx, def, args, res, p, &v, err))
				return -1;
			break;
		}
		json_object_set_new(values, p->key, v);
	}
	return 0;
}
