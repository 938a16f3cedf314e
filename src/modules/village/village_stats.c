/* village_stats: the village module's named statistics —
 *   collective_economy: income and expense (approved or disclosed) in the
 *     period by category, the share spent on livelihoods (收益反哺), assets by
 *     status, rent, and the collective enterprises' jobs and revenue;
 *   governance: 院坝协商 and their agreement rate, disputes and 小事不出网格,
 *     activities, awards, cadre talks and assessments;
 *   village_ranking: a town's 排队抓尾 — each village's weighted score, rank,
 *     last year's rank and the tail (ranking_rules.c).
 * What is a count or sum of a ledger under list filters is a declared part;
 * the rest is computed here. */
#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "domain/division.h"
#include "api/stats_parts.h"
#include "modules/village/ranking_rules.h"
#include "modules/village/village.h"
#include "modules/village/village_store.h"

/* ---- collective_economy ---- */

#define BOOKED "status=approved&status=disclosed&entry_on__gte=$from&entry_on__lte=$to"
#define LIVELIHOOD "&category=infrastructure&category=minors&category=security" \
		   "&category=sanitation&category=elderly"
/* each collective enterprise's latest year in the period */
#define LATEST "year_since=$from&latest_until=$to"

static const struct stat_part economy_parts[] = {
	{ "income_fen", STAT_SUM, "collective_ledger", "direction=income&" BOOKED, NULL,
	  "amount_fen" },
	{ "expense_fen", STAT_SUM, "collective_ledger", "direction=expense&" BOOKED, NULL,
	  "amount_fen" },
	{ "livelihood_fen", STAT_SUM, "collective_ledger", "direction=expense&" BOOKED LIVELIHOOD,
	  NULL, "amount_fen" },
	{ "rent_fen", STAT_SUM, "assets", "status=leased", NULL, "rent_fen_per_year" },
	{ "collective_jobs", STAT_SUM, "enterprise_years", LATEST, NULL, "jobs" },
	{ "collective_revenue_fen", STAT_SUM, "enterprise_years", LATEST, NULL, "revenue_fen" },
	STAT_PART_END,
};

/* Rows of `res` under `where` grouped by the keys `spec`, with the sum of `sum`. */
static int grouped(struct request_ctx *ctx, const struct stats_def *def,
		   const struct stats_args *args, const struct resource *res, const char *where,
		   const char *spec, const char *sum, struct db_result *out, int *nkeys,
		   struct buf *err)
{
	struct aggregate_key keys[2];
	const char *why = NULL;
	struct sqlw w;
	int ret;

	if ((*nkeys = stats_parse_keys(ctx, res, spec, keys, 2, &why)) < 0) {
		buf_setf(err, "stats %s: %s", def->name, why);
		return -1;
	}
	sqlw_init(&w, ctx->a);
	ret = stats_where(ctx, def, args, res, where, &w, err) ||
	      aggregate_group(ctx->db, ctx->a, ctx->who, res, NULL, &w, keys, *nkeys,
			      resource_field(res, sum), out, err);
	sqlw_release(&w);
	return ret ? -1 : 0;
}

/* The sum column of the group whose key columns equal k1 (and k2), 0 when none. */
static long long sum_of(const struct db_result *r, int nkeys, const char *k1, const char *k2)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const char *a = db_cell(r, i, 0), *b = nkeys > 1 ? db_cell(r, i, 1) : NULL;
		const char *s = db_cell(r, i, 2 * nkeys + 1);

		if (a && !strcmp(a, k1) && (nkeys < 2 || (b && !strcmp(b, k2))))
			return s ? strtoll(s, NULL, 10) : 0;
	}
	return 0;
}

static long long count_of(const struct db_result *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (db_cell(r, i, 0) && !strcmp(db_cell(r, i, 0), key))
			return strtoll(db_cell(r, i, 2), NULL, 10);
	return 0;
}

static int collective_economy(struct request_ctx *ctx, const struct stats_args *args,
			      json_t *values, struct buf *err)
{
	static const char *const dirs[] = { "income", "expense" };
	const struct enum_value *e;
	struct db_result cats, assets;
	json_t *rows = json_array(), *by_status = json_array();
	long long income = json_integer_value(json_object_get(values, "income_fen"));
	int n1, n2, d;

	json_object_set_new(values, "by_category", rows);
	json_object_set_new(values, "assets_by_status", by_status);
	if (grouped(ctx, &village_economy_stats[0], args, &res_collective_ledger, BOOKED,
		    "direction,category", "amount_fen", &cats, &n2, err) ||
	    grouped(ctx, &village_economy_stats[0], args, &res_assets, NULL, "status", "area_m2",
		    &assets, &n1, err))
		return -1;
	/* every category of each direction, the empty ones too, so that tables keep their shape */
	for (d = 0; d < 2; d++) {
		const char *const *c = d ? village_expense_categories : village_income_categories;

		for (; *c; c++)
			json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:I}", "direction",
				dirs[d], "category", *c, "label",
				resource_enum_label(&res_collective_ledger, "category", *c),
				"amount_fen", (json_int_t)sum_of(&cats, 2, dirs[d], *c)));
	}
	json_object_set_new(values, "livelihood_share", stats_ratio(
		json_integer_value(json_object_get(values, "livelihood_fen")), income));
	for (e = village_asset_statuses; e->value; e++)
		json_array_append_new(by_status, json_pack("{s:s, s:s, s:I, s:I}", "status", e->value,
			"label", e->label, "count", (json_int_t)count_of(&assets, e->value),
			"area_m2", (json_int_t)sum_of(&assets, 1, e->value, NULL)));
	return 0;
}

/* ---- governance ---- */

#define HELD "held_on__gte=$from&held_on__lte=$to"
#define DISPUTES "kind=dispute&submitted_at__gte=$from&submitted_at__lte=$to"
#define SETTLED "&status=resolved&status=closed"

static const struct stat_part governance_parts[] = {
	{ "consultations", STAT_COUNT, "consultations", HELD },
	{ "agreed", STAT_RATIO, "consultations", HELD "&agreed=true", HELD },
	{ "disputes", STAT_COUNT, "tickets", DISPUTES },
	{ "disputes_resolved", STAT_COUNT, "tickets", DISPUTES SETTLED },
	{ "resolved_in_grid", STAT_RATIO, "tickets", DISPUTES SETTLED "&escalated=false",
	  DISPUTES SETTLED },
	{ "activities", STAT_COUNT, "activities", HELD },
	{ "participants", STAT_SUM, "activities", HELD, NULL, "participants" },
	{ "awards", STAT_GROUP, "awards", "year_since=$from&year_until=$to", NULL, "kind" },
	{ "cadre_talks", STAT_COUNT, "cadre_reviews", HELD "&kind=reminder_talk&kind=heart_talk" },
	{ "assessments", STAT_GROUP, "cadre_reviews", HELD "&kind=annual_assessment", NULL,
	  "grade" },
	STAT_PART_END,
};

/* ---- village_ranking ---- */

/* One year of a town's ranking: the villages (by code) — every village of the
 * town when the caller sees the whole town, else those with values — the
 * year's indicators and the values. */
struct ranking_year {
	size_t nv, ni;
	const char **code, **name;
	const char **ind_code;
	struct ranking_indicator *ind;
	double *values;
	unsigned char *present;
	double *score;
	size_t *order;
	int *rank;
};

static int find(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return (int)i;
	return -1;
}

/* 1 when the caller's scope takes in the whole town of args: a village
 * user's ranking holds their own village only. */
static int sees_town(const struct request_ctx *ctx, const struct stats_args *args)
{
	char lo[DIVISION_SIZE], hi[DIVISION_SIZE];

	if (!ctx->who->scope_division)
		return ctx->who->level >= LEVEL_COUNTY;
	return !division_range(ctx->who->scope_division, lo, hi) &&
	       division_in_range(args->lo, lo, hi) && division_in_range(args->hi, lo, hi);
}

/* Reads and ranks `year` for the area of args (the town), in the caller's scope. */
static int rank_year(struct request_ctx *ctx, const struct stats_args *args, long long year,
		     json_t *indicators, struct ranking_year *y, struct buf *err)
{
	struct records_query q;
	struct db_result ind, rows, villages;
	struct db_param p = db_int(year);
	size_t i, cap;
	int ret = -1;

	memset(y, 0, sizeof(*y));
	memset(&villages, 0, sizeof(villages));
	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (db_query(ctx->db, ctx->a, "SELECT code, label, weight, direction, unit"
		     " FROM village_indicators WHERE year = ? AND deleted_at IS NULL ORDER BY id",
		     &p, 1, &ind, err))
		goto out;
	sqlw_add(&q.where, " AND t.year = ");
	sqlw_param(&q.where, db_int(year));
	records_division_filter(&q.where, &res_village_scores, args->lo, args->hi);
	q.sort = resource_field(&res_village_scores, "division_code");
	if (records_list(ctx->db, ctx->a, ctx->who, &res_village_scores, &q, &rows, NULL, err))
		goto out;
	y->ni = ind.nrows;
	y->ind_code = arena_alloc(ctx->a, (ind.nrows + 1) * sizeof(char *));
	y->ind = arena_alloc(ctx->a, (ind.nrows + 1) * sizeof(*y->ind));
	for (i = 0; i < ind.nrows; i++) {
		y->ind_code[i] = db_cell(&ind, i, 0);
		y->ind[i].weight = strtod(db_cell(&ind, i, 2), NULL);
		y->ind[i].lower_better = !strcmp(db_cell(&ind, i, 3), "lower_better");
		if (indicators)
			json_array_append_new(indicators, json_pack("{s:s, s:s, s:I, s:s, s:s?}",
				"code", db_cell(&ind, i, 0), "label", db_cell(&ind, i, 1),
				"weight", (json_int_t)strtoll(db_cell(&ind, i, 2), NULL, 10),
				"direction", db_cell(&ind, i, 3), "unit", db_cell(&ind, i, 4)));
	}
	/* a village without a value this year is still ranked (its values count
	 * 0, as the rule says), once the town has scores for the year */
	if (rows.nrows && sees_town(ctx, args) &&
	    village_store_villages(ctx->db, ctx->a, args->lo, args->hi, &villages, err))
		goto out;
	cap = rows.nrows + villages.nrows;
	y->code = arena_alloc(ctx->a, (cap + 1) * sizeof(char *));
	y->name = arena_alloc(ctx->a, (cap + 1) * sizeof(char *));
	y->values = arena_alloc(ctx->a, (cap * y->ni + 1) * sizeof(double));
	y->present = arena_alloc(ctx->a, cap * y->ni + 1);
	memset(y->present, 0, cap * y->ni + 1);
	for (i = 0; i < villages.nrows; i++) {
		y->code[y->nv] = db_cell(&villages, i, 0);
		y->name[y->nv++] = db_cell(&villages, i, 1);
	}
	for (i = 0; i < rows.nrows; i++) {
		json_t *r = record_from_row(ctx, &res_village_scores, &rows, i, 0);
		const char *code = json_string_value(json_object_get(r, "division_code"));
		int v = find(y->code, y->nv, code);
		int k = find(y->ind_code, y->ni, json_string_value(json_object_get(r, "indicator_code")));

		if (v < 0) {
			v = (int)y->nv++;
			y->code[v] = arena_strdup(ctx->a, code);
			y->name[v] = arena_strdup(ctx->a, json_string_value(json_object_get(r,
				"division_code_label")) ? json_string_value(json_object_get(r,
				"division_code_label")) : code);
		}
		if (k >= 0) {
			y->values[(size_t)v * y->ni + (size_t)k] =
				strtod(json_string_value(json_object_get(r, "value")), NULL);
			y->present[(size_t)v * y->ni + (size_t)k] = 1;
		}
		json_decref(r);
	}
	y->score = arena_alloc(ctx->a, (y->nv + 1) * sizeof(double));
	y->order = arena_alloc(ctx->a, (y->nv + 1) * sizeof(size_t));
	y->rank = arena_alloc(ctx->a, (y->nv + 1) * sizeof(int));
	ranking_scores(y->ind, y->ni, y->values, y->present, y->nv, y->score);
	ranking_ranks(y->score, y->nv, y->order, y->rank);
	ret = 0;
out:
	sqlw_release(&q.where);
	return ret;
}

/* An integer request argument within [lo, hi], or dflt when absent; -1 when bad. */
static long long int_arg(struct request_ctx *ctx, const char *key, long long dflt, long long lo,
			 long long hi)
{
	const char *v = request_arg(ctx, key);
	char *end;
	long long n;

	if (!v || !*v)
		return dflt;
	n = strtoll(v, &end, 10);
	return *end || n < lo || n > hi ? -1 : n;
}

static int village_ranking(struct request_ctx *ctx, const struct stats_args *args,
			   json_t *values, struct buf *err)
{
	long long year = int_arg(ctx, "year", strtoll(args->as_of, NULL, 10), 2000, 2100);
	long long tail = int_arg(ctx, "tail", 1, 0, 1000);
	struct ranking_year now, prev;
	json_t *rows, *indicators;
	size_t i, j;

	if (year < 0) {
		buf_setf(err, "year 应为 2000 到 2100 的年份");
		return -2;
	}
	if (tail < 0) {
		buf_setf(err, "tail 应为 0 到 1000 的整数");
		return -2;
	}
	if (args->level != 4) {
		buf_setf(err, "排队抓尾按乡镇（街道）排名：请用 division 指定一个乡镇（街道）");
		return -2;
	}
	indicators = json_array();
	json_object_set_new(values, "year", json_integer(year));
	json_object_set_new(values, "tail_size", json_integer(tail));
	json_object_set_new(values, "indicators", indicators);
	rows = json_array();
	json_object_set_new(values, "rows", rows);
	if (rank_year(ctx, args, year, indicators, &now, err) ||
	    rank_year(ctx, args, year - 1, NULL, &prev, err))
		return -1;
	for (i = 0; i < now.nv; i++) {
		size_t v = now.order[i];
		int p = find(prev.code, prev.nv, now.code[v]);
		json_t *row, *vals = json_object();

		for (j = 0; j < now.ni; j++)
			if (now.present[v * now.ni + j])
				json_object_set_new(vals, now.ind_code[j],
						    json_real(now.values[v * now.ni + j]));
		row = json_pack("{s:s, s:s, s:f, s:i, s:b, s:o}", "division_code", now.code[v],
				"name", now.name[v], "score", now.score[v], "rank", now.rank[v],
				"tail", ranking_in_tail(now.rank, now.nv, v, (int)tail), "values", vals);
		json_object_set_new(row, "previous_rank", p < 0 ? json_null()
								: json_integer(prev.rank[p]));
		json_object_set_new(row, "change", p < 0 ? json_null()
							 : json_integer(prev.rank[p] - now.rank[v]));
		json_array_append_new(rows, row);
	}
	return 0;
}

static const char *const ranking_args[] = { "year", "tail", NULL };

const struct stats_def village_economy_stats[] = {
	{ "collective_economy", "村（社区）集体经济", economy_parts, NULL, collective_economy },
	STATS_END,
};

const struct stats_def village_governance_stats[] = {
	{ "governance", "乡村治理", governance_parts, NULL, NULL },
	{ "village_ranking", "排队抓尾", NULL, ranking_args, village_ranking },
	STATS_END,
};
