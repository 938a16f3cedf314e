/* rollups: keeping the rollup tables (schema/rollup.h). A record's key is its
 * division cut to the rollup's level, the local month of its period and its
 * key fields; its measures are the rollup's list filters (api/filters.c)
 * evaluated over the record bound as a one-row table, so that a kept count
 * means exactly what the statistic's filters mean over the rows. A recount
 * evaluates the same filters over the rows of one local month at a time. */
#include "api/rollups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/tallies.h"
#include "domain/date.h"
#include "domain/division.h"
#include "store/rollup_store.h"

int rollups_split(struct request_ctx *ctx, const char *filters, struct query_arg *out, int max)
{
	char *copy = arena_strdup(ctx->a, filters ? filters : ""), *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(copy, "&", &save); tok; tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq || n == max)
			return -1;
		*eq = '\0';
		out[n].key = tok;
		out[n].value = eq + 1;
		n++;
	}
	return n;
}

int rollups_key(const struct rollup *ru, const char *field)
{
	const char *const *c;

	for (c = ru->keys; c && *c; c++)
		if (!strcmp(*c, field))
			return 1;
	return 0;
}

/* ", SUM(CASE WHEN 1 = 1 <filters> THEN <1 or COALESCE(t.sum, 0)> ELSE 0 END)"
 * for each measure (without SUM when `aggregate` is 0). 0, or -1 with err
 * (a declaration whose filters do not parse). */
static int measures_sql(struct request_ctx *ctx, const struct resource *res,
			const struct rollup *ru, int aggregate, struct sqlw *w, struct buf *err)
{
	const struct rollup_measure *m;

	for (m = ru->measures; m && m->column; m++) {
		struct query_arg qa[16];
		int n = rollups_split(ctx, m->where, qa, 16);
		const char *bad = NULL;
		struct buf why = BUF_INIT;

		sqlw_add(w, aggregate ? ", SUM(CASE WHEN 1 = 1" : ", CASE WHEN 1 = 1");
		if (n < 0 || generic_filters(ctx, res, qa, (size_t)n, w, &bad, &why)) {
			buf_setf(err, "rollup %s: measure %s: %s", ru->table, m->column,
				 why.len ? why.ptr : "bad filters");
			buf_release(&why);
			return -1;
		}
		buf_release(&why);
		if (m->sum)
			sqlw_addf(w, " THEN COALESCE(t.%s, 0) ELSE 0 END", m->sum);
		else
			sqlw_add(w, " THEN 1 ELSE 0 END");
		if (aggregate)
			sqlw_add(w, ")");
	}
	return 0;
}

/* A value as the rollup keeps and binds it: text, decimal, "1"/"0"; NULL for none. */
static const char *value_text(struct arena *a, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	if (json_is_real(v))
		return arena_printf(a, "%.0f", json_real_value(v));
	return NULL;
}

/* The local month "YYYY-MM" of a period value (a date, or a UTC instant). */
static const char *month_of(struct arena *a, const struct field *f, const char *v)
{
	char day[DATE_SIZE];

	if (!v)
		return NULL;
	if (f && f->type == FT_DATETIME && !date_local_day(v, day))
		v = day;
	return arena_printf(a, "%.7s", v);
}

/* A stored field's value can be bound and compared as it is (not derived, not sealed). */
static int bound_field(const struct field *f)
{
	return !(f->flags & F_VIRTUAL) && !field_secret(f) && f->type != FT_JSON;
}

/* The record's key and measures: 1, or 0 when it has no period or division
 * (kept nowhere), -1 with err. */
static int vector_of(struct request_ctx *ctx, const struct resource *res,
		     const struct rollup *ru, json_t *rec, const char **key, long long *dm,
		     struct buf *err)
{
	const char *column = tallies_column(res);
	const char *div = value_text(ctx->a, json_object_get(rec, column));
	int width = division_width(ru->level), n = 0, i, nm = rollup_measure_count(ru), first = 1;
	const struct field *f;
	const char *const *c;
	struct db_result r;
	struct sqlw w;

	key[n++] = div && strlen(div) >= (size_t)width
			   ? arena_printf(ctx->a, "%.*s%.*s", width, div, 12 - width, "000000000000")
			   : NULL;
	key[n++] = month_of(ctx->a, resource_field(res, ru->period),
			    value_text(ctx->a, json_object_get(rec, ru->period)));
	if (!key[0] || !key[1])
		return 0;
	for (c = ru->keys; c && *c; c++)
		key[n++] = value_text(ctx->a, json_object_get(rec, *c));
	/* the measures over the record as a one-row table t of its stored fields */
	sqlw_init(&w, ctx->a);
	sqlw_add(&w, "SELECT 0");
	if (measures_sql(ctx, res, ru, 0, &w, err))
		goto fail;
	sqlw_add(&w, " FROM (SELECT ");
	for (f = res->fields; f->name; f++) {
		int number = f->type == FT_INT || f->type == FT_MONEY || f->type == FT_BOOL ||
			     f->type == FT_REF;

		if (!bound_field(f))
			continue;
		sqlw_add(&w, first ? "CAST(" : ", CAST(");
		sqlw_param(&w, db_text(value_text(ctx->a, json_object_get(rec, f->name))));
		sqlw_addf(&w, " AS %s) AS %s", number ? "BIGINT" : "TEXT", f->name);
		first = 0;
	}
	sqlw_add(&w, ") t");
	if (sqlw_run(&w, ctx->db, &r, err))
		goto fail;
	sqlw_release(&w);
	for (i = 0; i < nm; i++)
		dm[i] = db_cell(&r, 0, i + 1) ? strtoll(db_cell(&r, 0, i + 1), NULL, 10) : 0;
	return 1;
fail:
	sqlw_release(&w);
	return -1;
}

static int change_one(struct request_ctx *ctx, const struct resource *res,
		      const struct rollup *ru, json_t *before, json_t *after, struct buf *err)
{
	const char *kb[ROLLUP_MAX_KEYS], *ka[ROLLUP_MAX_KEYS];
	long long mb[ROLLUP_MAX_MEASURES] = { 0 }, ma[ROLLUP_MAX_MEASURES] = { 0 }, d[ROLLUP_MAX_MEASURES];
	int nk = rollup_key_count(ru), nm = rollup_measure_count(ru), hb = 0, ha = 0, same, i;
	const char *column = tallies_column(res);

	if (nk > ROLLUP_MAX_KEYS || nm > ROLLUP_MAX_MEASURES) {
		buf_setf(err, "rollup %s: too many columns", ru->table);
		return -1;
	}
	if ((before && (hb = vector_of(ctx, res, ru, before, kb, mb, err)) < 0) ||
	    (after && (ha = vector_of(ctx, res, ru, after, ka, ma, err)) < 0))
		return -1;
	same = hb && ha;
	for (i = 0; same && i < nk; i++)
		same = (!kb[i] && !ka[i]) || (kb[i] && ka[i] && !strcmp(kb[i], ka[i]));
	if (same) {
		int moved = 0;

		for (i = 0; i < nm; i++)
			moved |= (d[i] = ma[i] - mb[i]) != 0;
		return moved ? rollup_add(ctx->db, ctx->a, ru, column, ka, 0, d, err) : 0;
	}
	for (i = 0; i < nm; i++)
		d[i] = -mb[i];
	if (hb && rollup_add(ctx->db, ctx->a, ru, column, kb, -1, d, err))
		return -1;
	return ha ? rollup_add(ctx->db, ctx->a, ru, column, ka, 1, ma, err) : 0;
}

int rollups_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err)
{
	const struct rollup *const *ru;

	if (!tallies_column(res))
		return 0;
	for (ru = res->rollups; ru && *ru; ru++)
		if (change_one(ctx, res, *ru, before, after, err))
			return -1;
	return 0;
}

/* The bound of local month `month` ("YYYY-MM") as the period column holds it. */
static void month_start(const struct field *f, const char *month, char *out, size_t size)
{
	char day[DATE_SIZE], instant[DATE_TIME_SIZE];

	snprintf(day, sizeof(day), "%.7s-01", month);
	if (f && f->type == FT_DATETIME && !date_local_start(day, instant))
		snprintf(out, size, "%s", instant);
	else
		snprintf(out, size, "%s", day);
}

static int rebuild_one(struct db *db, const struct resource *res, const struct rollup *ru,
		       struct buf *err)
{
	const struct field *f = resource_field(res, ru->period);
	struct request_ctx ctx;
	struct db_result r;
	struct sqlw measures;
	char month[8], last[8], first[DATE_SIZE], next[DATE_SIZE];
	char lo[DATE_TIME_SIZE], hi[DATE_TIME_SIZE];
	const char *sql;
	int ret = -1;

	/* the filters need a request's arena and connection, nothing of a caller */
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = arena_new();
	ctx.db = db;
	sqlw_init(&measures, ctx.a);
	if (measures_sql(&ctx, res, ru, 1, &measures, err) || db_begin(db, 1, err))
		goto out;
	if (rollup_clear(db, ctx.a, ru, err))
		goto fail;
	sql = arena_printf(ctx.a, "SELECT MIN(%s), MAX(%s) FROM %s WHERE deleted_at IS NULL",
			   ru->period, ru->period, res->table);
	if (db_query(db, ctx.a, sql, NULL, 0, &r, err))
		goto fail;
	if (!db_cell(&r, 0, 0)) {
		ret = db_commit(db, err);
		goto out;
	}
	snprintf(month, sizeof(month), "%s", month_of(ctx.a, f, db_cell(&r, 0, 0)));
	snprintf(last, sizeof(last), "%s", month_of(ctx.a, f, db_cell(&r, 0, 1)));
	while (strcmp(month, last) <= 0) {
		/* a month's work in an arena of its own: a province's is large */
		struct arena *a = arena_new();
		int rc;

		month_start(f, month, lo, sizeof(lo));
		snprintf(first, sizeof(first), "%.7s-01", month);
		rc = date_add_months(first, 1, next);
		if (!rc) {
			month_start(f, next, hi, sizeof(hi));
			rc = rollup_recount_month(db, a, ru, res->table, tallies_column(res), month,
						  lo, hi, &measures, err);
		}
		arena_free(a);
		if (rc)
			goto fail;
		snprintf(month, sizeof(month), "%.7s", next);
	}
	ret = db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	sqlw_release(&measures);
	arena_free(ctx.a);
	return ret;
}

/* 1 when the ledger has live rows and the rollup none, 0 when not, -1 on error */
static int kept_empty(struct db *db, const struct resource *res, const struct rollup *ru,
		      struct buf *err)
{
	struct arena *a = arena_new();
	struct db_result rows;
	int empty = rollup_empty(db, a, ru, err);

	if (empty > 0)
		empty = db_query(db, a, arena_printf(a, "SELECT 1 FROM %s WHERE deleted_at IS NULL"
							" LIMIT 1", res->table),
				 NULL, 0, &rows, err) ? -1 : rows.nrows > 0;
	arena_free(a);
	return empty;
}

int rollups_rebuild(struct db *db, int missing_only, struct buf *err)
{
	const struct resource *const *r;
	const struct rollup *const *ru;

	for (r = resources_all(); *r; r++) {
		if (!tallies_column(*r))
			continue;
		for (ru = (*r)->rollups; ru && *ru; ru++) {
			int empty = missing_only ? kept_empty(db, *r, *ru, err) : 1;

			if (empty < 0 || (empty && rebuild_one(db, *r, *ru, err)))
				return -1;
		}
	}
	return 0;
}

int rollups_months(const struct stats_args *args, char lo[8], char hi[8])
{
	char today[DATE_SIZE], next[DATE_SIZE];

	if (strcmp(args->from + 7, "-01"))
		return 0;
	date_today(today);
	if (strcmp(args->to, today) < 0 &&
	    (date_add_days(args->to, 1, next) || strcmp(next + 7, "-01")))
		return 0;
	snprintf(lo, 8, "%.7s", args->from);
	snprintf(hi, 8, "%.7s", args->to);
	return 1;
}
