/* stats_parts: evaluating declared statistic parts through the list filters
 * (api/filters.c) and the aggregates (store/aggregate.c). */
#include "api/stats_parts.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/rollups.h"
#include "domain/division.h"

json_t *stats_ratio(long long count, long long of)
{
	return json_pack("{s:I, s:I, s:f}", "count", (json_int_t)count, "of", (json_int_t)of,
			 "ratio", of ? (double)count / (double)of : 0.0);
}

int stats_groupable(const struct field *f)
{
	/* a computed figure is worked out after the query, on the request's date */
	if (f->flags & (F_HIDDEN | F_COMPUTED))
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

/* The filters of `where` alone, without the area. */
static int conditions(struct request_ctx *ctx, const struct stats_def *def,
		      const struct stats_args *args, const struct resource *res, const char *where,
		      struct sqlw *w, struct buf *err)
{
	struct query_arg qa[32];
	const char *from_arg[32]; /* the request argument a value came from, else NULL */
	size_t n = 0, i;
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
		from_arg[n] = *v == '$' ? v + 1 : NULL;
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
		/* a request argument that does not fit is the request's fault */
		for (i = 0; i < n; i++)
			if (bad && !strcmp(qa[i].key, bad) && from_arg[i]) {
				buf_setf(err, "%s：%s", from_arg[i], why.ptr);
				ret = -2;
			}
	}
	buf_release(&why);
	return ret;
}

int stats_where(struct request_ctx *ctx, const struct stats_def *def,
		const struct stats_args *args, const struct resource *res, const char *where,
		struct sqlw *w, struct buf *err)
{
	int rc = conditions(ctx, def, args, res, where, w, err);

	if (rc)
		return rc;
	if (args->division[0])
		records_division_filter(w, res, args->lo, args->hi);
	return 0;
}

/* The first rollup of res that may answer in this request (keeping `field`
 * as a key, when given), or NULL: the caller sees the area's rows through its
 * division alone (or sees every row), the area is at a level the rollup
 * keeps, and the period is whole months. */
static const struct rollup *rollup_for(struct request_ctx *ctx, const struct resource *res,
				       const struct stats_args *args, const char *field,
				       char lo[8], char hi[8])
{
	const struct rollup *const *ru;
	const char *slo, *shi;

	if (!res->rollups || args->recount || !records_tally_range(res, ctx->who, &slo, &shi) ||
	    !rollups_months(args, lo, hi))
		return NULL;
	for (ru = res->rollups; *ru; ru++)
		if ((args->division[0] ? args->level <= (*ru)->level : ctx->who->scope.all) &&
		    (!field || rollups_key(*ru, field)))
			return *ru;
	return NULL;
}

/* The area and the months over a rollup. */
static void rollup_area(const struct resource *res, const struct rollup *ru,
			const struct stats_args *args, const char *lo, const char *hi,
			struct sqlw *w)
{
	if (args->division[0])
		records_division_filter(w, res, args->lo, args->hi);
	sqlw_addf(w, " AND t.%s >= ", ru->period);
	sqlw_param(w, db_text(lo));
	sqlw_addf(w, " AND t.%s <= ", ru->period);
	sqlw_param(w, db_text(hi));
}

/* A rollup's column read as a field of alias t (records_field_expr). */
static const struct field *column_field(struct request_ctx *ctx, const char *column)
{
	struct field *f = arena_alloc(ctx->a, sizeof(*f));

	memset(f, 0, sizeof(*f));
	f->name = column;
	f->type = FT_INT;
	f->label = column;
	return f;
}

/*
 * A figure — the rows meeting `where` (a part's filters), counted, or field
 * `sum` totalled over them — read from rollup ru: its filters must be the
 * request's period, filters on ru's keys and exactly the filters of one
 * measure (written alike: the statistic and the rollup share them). On 0 the
 * key filters are in w and *fig is the field that totals the figure there
 * (NULL: the count n). 1 when ru cannot answer it (nothing built).
 */
static int rollup_figure(struct request_ctx *ctx, const struct stats_def *def,
			 const struct stats_args *args, const struct resource *res,
			 const struct rollup *ru, const char *where, const char *sum,
			 struct sqlw *w, const struct field **fig)
{
	struct query_arg tok[32], keys[32];
	const struct rollup_measure *m;
	struct buf rest = BUF_INIT, why = BUF_INIT;
	int n = rollups_split(ctx, where, tok, 32), nkeys = 0, period = 0, i, ret = 1;
	size_t plen = strlen(ru->period);
	const char *bad = NULL;

	for (i = 0; i < n; i++) {
		const char *v = tok[i].value, *arg = *v == '$' ? v + 1 : NULL, *sep;
		char name[64];
		size_t len;

		if (arg && !(v = substitute(ctx, def, args, arg)))
			continue;
		if (arg && !strncmp(tok[i].key, ru->period, plen) &&
		    ((!strcmp(tok[i].key + plen, "__gte") && !strcmp(arg, "from")) ||
		     (!strcmp(tok[i].key + plen, "__lte") && !strcmp(arg, "to")))) {
			period++;
			continue;
		}
		sep = strstr(tok[i].key, "__");
		len = sep ? (size_t)(sep - tok[i].key) : strlen(tok[i].key);
		if (len >= sizeof(name))
			goto out;
		memcpy(name, tok[i].key, len);
		name[len] = '\0';
		if (rollups_key(ru, name)) {
			keys[nkeys].key = tok[i].key;
			keys[nkeys++].value = v;
			continue;
		}
		if (arg)
			goto out; /* a request's argument on what the rollup does not keep */
		buf_addf(&rest, "%s%s=%s", rest.len ? "&" : "", tok[i].key, v);
	}
	if (n < 0 || period != 2)
		goto out;
	*fig = NULL;
	if (rest.len || sum) {
		for (m = ru->measures; m && m->column; m++)
			if (!strcmp(m->where, rest.len ? rest.ptr : "") &&
			    ((!m->sum && !sum) || (m->sum && sum && !strcmp(m->sum, sum))))
				break;
		if (!m || !m->column)
			goto out;
		*fig = column_field(ctx, m->column);
	}
	/* a key filter that does not fit is answered by the rows, which say why */
	if (!generic_filters(ctx, res, keys, (size_t)nkeys, w, &bad, &why))
		ret = 0;
out:
	buf_release(&rest);
	buf_release(&why);
	return ret;
}

/* A STAT_GROUP part by an enum field that a rollup keeps one measure per
 * value of ("field=value"): its counts read there, into *out. 0, 1 when no
 * rollup can answer, -1 with err. */
static int group_kept(struct request_ctx *ctx, const struct stats_def *def,
		      const struct stats_args *args, const struct resource *res,
		      const struct stat_part *p, const struct aggregate_key *key, json_t **out,
		      struct buf *err)
{
	char lo[8], hi[8];
	const struct rollup *ru = rollup_for(ctx, res, args, NULL, lo, hi);
	const struct enum_value *e = key->field->enums;
	const struct field *fs[32];
	struct sqlw area, conds[32];
	long long vals[32];
	size_t wl = p->where ? strlen(p->where) : 0;
	int n = 0, i, made = 0, ret = 1;

	if (!ru || p->kind != STAT_GROUP || p->sum || key->level || key->chars ||
	    key->field->type != FT_ENUM)
		return 1;
	for (; e && e->value; e++, n++) {
		const char *where = arena_printf(ctx->a, "%s%s%s=%s", wl ? p->where : "",
						 wl && p->where[wl - 1] != '&' ? "&" : "",
						 key->field->name, e->value);

		if (n == 32)
			goto out;
		sqlw_init(&conds[n], ctx->a);
		made = n + 1;
		if (rollup_figure(ctx, def, args, res, ru, where, NULL, &conds[n], &fs[n]))
			goto out;
	}
	sqlw_init(&area, ctx->a);
	rollup_area(res, ru, args, lo, hi, &area);
	ret = aggregate_scan(ctx->db, ctx->a, ctx->who, res, ru, &area, conds, fs, n, vals, err);
	sqlw_release(&area);
	if (!ret) {
		*out = json_object();
		for (i = 0, e = key->field->enums; i < n; i++, e++)
			json_object_set_new(*out, e->value, json_integer(vals[i]));
	}
out:
	for (i = 0; i < made; i++)
		sqlw_release(&conds[i]);
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
	if ((ret = group_kept(ctx, def, args, res, p, &key, out, err)) <= 0)
		return ret;
	sqlw_init(&w, ctx->a);
	if ((ret = stats_where(ctx, def, args, res, p->where, &w, err)) ||
	    (ret = aggregate_group(ctx->db, ctx->a, ctx->who, res, NULL, &w, &key, 1, sum, &rows,
				   err)))
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

int stats_group_scan(struct request_ctx *ctx, const struct stats_def *def,
		     const struct stats_args *args, const struct resource *res, const char *field,
		     const char *const *wheres, const char *const *sums, int n,
		     struct db_result *out, struct buf *err)
{
	struct aggregate_key key = { resource_field(res, field), 0, 0 };
	struct sqlw area, conds[16];
	const struct field *fs[16];
	const struct rollup *ru = NULL;
	char lo[8], hi[8];
	int i, made = 0, ret = -1;

	sqlw_init(&area, ctx->a);
	if (!key.field || n > 16) {
		buf_setf(err, "stats %s: cannot group %s by %s", def->name, res->name, field);
		goto out;
	}
	/* a rollup answers when it keeps the key and every figure */
	ru = rollup_for(ctx, res, args, field, lo, hi);
	for (i = 0; ru && i < n; i++) {
		sqlw_init(&conds[i], ctx->a);
		made = i + 1;
		if (rollup_figure(ctx, def, args, res, ru, wheres[i], sums ? sums[i] : NULL,
				  &conds[i], &fs[i]))
			ru = NULL;
	}
	if (!ru) {
		for (i = 0; i < made; i++)
			sqlw_release(&conds[i]);
		made = 0;
	}
	if (ru)
		rollup_area(res, ru, args, lo, hi, &area);
	else if (args->division[0])
		records_division_filter(&area, res, args->lo, args->hi);
	for (i = 0; !ru && i < n; i++, made++) {
		fs[i] = sums && sums[i] ? resource_field(res, sums[i]) : NULL;
		sqlw_init(&conds[i], ctx->a);
		if ((ret = conditions(ctx, def, args, res, wheres[i], &conds[i], err))) {
			made++;
			goto out;
		}
	}
	ret = aggregate_group_scan(ctx->db, ctx->a, ctx->who, res, ru, &area, &key, conds, fs, n,
				   out, err);
out:
	for (i = 0; i < made; i++)
		sqlw_release(&conds[i]);
	sqlw_release(&area);
	return ret;
}

static int scalar(enum stat_kind k)
{
	return k == STAT_COUNT || k == STAT_RATIO || k == STAT_SUM;
}

/* The figures of one scan: conditions and summed fields. */
struct measures {
	struct sqlw conds[64];
	const struct field *sums[64];
	long long out[64];
	int n;
};

static void measures_release(struct measures *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		sqlw_release(&m->conds[i]);
}

/* Adds a figure (filters `where`, totalling field `sum` or counting) to m: over
 * rollup ru when given (1 then when it cannot answer, nothing added), else
 * over the rows. 0, 1, or -1/-2 with err. */
static int add_figure(struct request_ctx *ctx, const struct stats_def *def,
		      const struct stats_args *args, const struct resource *res,
		      const struct rollup *ru, const char *where, const char *sum,
		      struct measures *m, struct buf *err)
{
	int rc;

	if (m->n == 64) {
		buf_setf(err, "stats %s: too many parts", def->name);
		return -1;
	}
	sqlw_init(&m->conds[m->n], ctx->a);
	if (ru) {
		rc = rollup_figure(ctx, def, args, res, ru, where, sum, &m->conds[m->n],
				   &m->sums[m->n]);
	} else {
		m->sums[m->n] = sum ? resource_field(res, sum) : NULL;
		rc = sum && !m->sums[m->n] ? (buf_setf(err, "stats %s: no field %s", def->name, sum), -1)
					   : conditions(ctx, def, args, res, where, &m->conds[m->n], err);
	}
	if (rc)
		sqlw_release(&m->conds[m->n]);
	else
		m->n++;
	return rc;
}

/* The counts, ratios and sums of one resource's parts: those a rollup can
 * answer in one read of it, the others in one scan of the area's rows, each
 * figure's filters a condition of its read. */
static int scan_parts(struct request_ctx *ctx, const struct stats_def *def,
		      const struct stats_args *args, const char *resource, json_t *values,
		      struct buf *err)
{
	const struct resource *res = resource_find(resource);
	const struct rollup *ru;
	const struct stat_part *p;
	struct measures *kept, *rows;
	struct sqlw kept_area, rows_area;
	char lo[8], hi[8];
	int at[64]; /* where each part's first figure is: >= 0 in rows, < 0 in kept (-1 - i) */
	int i, ret = -1, k = 0;

	if (!res) {
		buf_setf(err, "stats %s: no resource %s", def->name, resource);
		return -1;
	}
	ru = rollup_for(ctx, res, args, NULL, lo, hi);
	kept = arena_alloc(ctx->a, sizeof(*kept));
	rows = arena_alloc(ctx->a, sizeof(*rows));
	kept->n = rows->n = 0;
	sqlw_init(&kept_area, ctx->a);
	sqlw_init(&rows_area, ctx->a);
	if (ru)
		rollup_area(res, ru, args, lo, hi, &kept_area);
	if (args->division[0])
		records_division_filter(&rows_area, res, args->lo, args->hi);
	for (p = def->parts; p && p->key; p++) {
		const char *sum = p->kind == STAT_SUM ? p->field : NULL;
		int start = kept->n, rc = 1;

		if (!scalar(p->kind) || strcmp(p->resource, resource))
			continue;
		if (k == 64 || (p->kind == STAT_SUM && !sum)) {
			buf_setf(err, "stats %s: part %s: too many parts or no field", def->name, p->key);
			goto out;
		}
		/* a ratio is read whole from one place */
		if (ru && !(rc = add_figure(ctx, def, args, res, ru, p->where, sum, kept, err)) &&
		    p->kind == STAT_RATIO &&
		    (rc = add_figure(ctx, def, args, res, ru, p->of_where, NULL, kept, err)) > 0)
			sqlw_release(&kept->conds[--kept->n]);
		if (rc < 0) {
			ret = rc;
			goto out;
		}
		if (!rc) {
			at[k++] = -1 - start;
			continue;
		}
		at[k++] = rows->n;
		if ((ret = add_figure(ctx, def, args, res, NULL, p->where, sum, rows, err)) ||
		    (p->kind == STAT_RATIO &&
		     (ret = add_figure(ctx, def, args, res, NULL, p->of_where, NULL, rows, err))))
			goto out;
	}
	if ((kept->n && (ret = aggregate_scan(ctx->db, ctx->a, ctx->who, res, ru, &kept_area,
					      kept->conds, kept->sums, kept->n, kept->out, err))) ||
	    (rows->n && (ret = aggregate_scan(ctx->db, ctx->a, ctx->who, res, NULL, &rows_area,
					      rows->conds, rows->sums, rows->n, rows->out, err))))
		goto out;
	for (p = def->parts, i = 0; p && p->key; p++) {
		const long long *v;

		if (!scalar(p->kind) || strcmp(p->resource, resource))
			continue;
		v = at[i] < 0 ? &kept->out[-1 - at[i]] : &rows->out[at[i]];
		i++;
		json_object_set_new(values, p->key, p->kind == STAT_RATIO ? stats_ratio(v[0], v[1])
									   : json_integer(v[0]));
	}
	ret = 0;
out:
	measures_release(kept);
	measures_release(rows);
	sqlw_release(&kept_area);
	sqlw_release(&rows_area);
	return ret;
}

int stats_parts_run(struct request_ctx *ctx, const struct stats_def *def,
		    const struct stats_args *args, json_t *values, struct buf *err)
{
	const struct stat_part *p, *q;
	int rc;

	/* the counts, ratios and sums of each resource together */
	for (p = def->parts; p && p->key; p++) {
		int first = scalar(p->kind);

		for (q = def->parts; first && q != p; q++)
			if (scalar(q->kind) && !strcmp(q->resource, p->resource))
				first = 0;
		if (first && (rc = scan_parts(ctx, def, args, p->resource, values, err)))
			return rc;
	}
	for (p = def->parts; p && p->key; p++) {
		const struct resource *res = resource_find(p->resource);
		const struct field *f = res && p->field ? resource_field(res, p->field) : NULL;
		long long n = 0;
		json_t *v = NULL;

		if (!res) {
			buf_setf(err, "stats %s: part %s: no resource %s", def->name, p->key,
				 p->resource);
			return -1;
		}
		if (scalar(p->kind))
			continue;
		if (p->kind == STAT_DISTINCT) {
			struct sqlw w;

			if (!f) {
				buf_setf(err, "stats %s: part %s: no field", def->name, p->key);
				return -1;
			}
			sqlw_init(&w, ctx->a);
			rc = stats_where(ctx, def, args, res, p->where, &w, err);
			if (!rc)
				rc = aggregate_distinct(ctx->db, ctx->a, ctx->who, res, &w, f, &n, err);
			sqlw_release(&w);
			if (rc)
				return rc;
			v = json_integer(n);
		} else if ((rc = group_part(ctx, def, args, res, p, &v, err))) {
			return rc;
		}
		json_object_set_new(values, p->key, v);
	}
	return 0;
}
