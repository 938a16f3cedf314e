/* ticket_stats: GET /api/v1/stats/tickets — the 三率 of 12345 / 接诉即办
 * handling: 办结率 = resolved / (submitted − withdrawn), 响应率 = accepted within
 * one working day of dispatch / dispatched, 满意度 = (满意 + 基本满意) / rated,
 * with the on-time rate, overdue, 重办, money obtained, the categories and the
 * departments' 红黑榜. Every ticket counts in the period of its submission.
 * The figures that are counts of the ledger are declared parts; the averages,
 * the category rows and the ranking are computed here. */
#include "modules/tickets/tickets.h"

#include <stdlib.h>
#include <string.h>

#include "api/stats_parts.h"

/* The tickets of the request: submitted in the period, of the kind, category
 * and (under) organisation asked for. */
#define BASE "submitted_at__gte=$from&submitted_at__lte=$to&kind=$kind&category=$category" \
	     "&assignee_org_id__under=$org&"

static const struct stat_part ticket_parts[] = {
	{ "submitted", STAT_COUNT, "tickets", BASE },
	{ "by_status", STAT_GROUP, "tickets", BASE, NULL, "status" },
	{ "withdrawn", STAT_COUNT, "tickets", BASE TICKETS_WITHDRAWN },
	{ "resolved", STAT_COUNT, "tickets", BASE TICKETS_RESOLVED },
	{ "resolution_rate", STAT_RATIO, "tickets", BASE TICKETS_RESOLVED, BASE TICKETS_NOT_WITHDRAWN },
	{ "response_rate", STAT_RATIO, "tickets", BASE TICKETS_RESPONDED, BASE TICKETS_DISPATCHED },
	{ "on_time_rate", STAT_RATIO, "tickets", BASE TICKETS_ON_TIME, BASE TICKETS_RESOLVED },
	{ "rated", STAT_COUNT, "tickets", BASE TICKETS_RATED },
	{ "satisfaction_rate", STAT_RATIO, "tickets", BASE TICKETS_SATISFIED, BASE TICKETS_RATED },
	{ "reopened", STAT_COUNT, "tickets", BASE TICKETS_REOPENED },
	{ "overdue", STAT_COUNT, "tickets",
	  BASE "status=dispatched&status=accepted&status=returned&due_on__lt=$as_of" },
	{ "amount_fen", STAT_SUM, "tickets", BASE TICKETS_RESOLVED, NULL, "amount_fen" },
	{ "resolve_minutes", STAT_SUM, "tickets", BASE TICKETS_RESOLVED, NULL, "resolve_minutes" },
	{ "published", STAT_COUNT, "tickets", BASE TICKETS_PUBLISHED },
	{ "claimed", STAT_COUNT, "tickets", BASE TICKETS_CLAIMED },
	STAT_PART_END,
};

static const char *const ticket_args[] = { "kind", "category", "org", "weights", "org_limit",
					    NULL };

/* How many of each end of a long 红黑榜 the answer lists by default: a
 * county's organisations whole, a province's best and worst. */
#define ORG_LIMIT 100

static long long cell(const struct db_result *r, size_t row, int col)
{
	const char *v = db_cell(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

static int by_category(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		       struct buf *err)
{
	static const char *const figures[] = { BASE, BASE TICKETS_RESOLVED,
					       BASE TICKETS_SATISFIED };
	struct db_result r;
	json_t *rows = json_array();
	const char *kind = request_arg(ctx, "kind");
	size_t i;

	json_object_set_new(values, "by_category", rows);
	if (stats_group_scan(ctx, &ticket_stats[0], args, &res_tickets, "category", figures, NULL,
			     3, &r, err))
		return -1;
	for (i = 0; i < r.nrows; i++) {
		const char *code = db_cell(&r, i, 0);
		struct ticket_category cat;
		int found = kind && *kind ? tickets_category(ctx, kind, code, &cat, err) : 0;

		if (found < 0)
			return -1;
		if (!cell(&r, i, 2))
			continue; /* no ticket of this category in the period */
		json_array_append_new(rows, json_pack("{s:s, s:s, s:I, s:I, s:I}", "category", code,
			"label", found ? cat.label : code, "submitted", (json_int_t)cell(&r, i, 2),
			"resolved", (json_int_t)cell(&r, i, 3), "satisfied", (json_int_t)cell(&r, i, 4)));
	}
	return 0;
}

struct ranked {
	double score;
	size_t at; /* the query's order */
	json_t *row;
};

static int by_score(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* The 红黑榜: per assignee organisation its three rates and a weighted score
 * (default 响应 30 / 解决 35 / 满意 35; `weights=30,35,35`), best first; of a
 * ranking longer than twice `org_limit` (default ORG_LIMIT; 0 for all) the
 * best and the worst org_limit, with their ranks, and `orgs_ranked`. */
static int by_org(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		  struct buf *err)
{
	static const char *const figures[] = {
		BASE TICKETS_DISPATCHED, BASE TICKETS_RESPONDED, BASE TICKETS_NOT_WITHDRAWN,
		BASE TICKETS_RESOLVED, BASE TICKETS_RATED, BASE TICKETS_SATISFIED,
	};
	const char *wq = request_arg(ctx, "weights"), *lq = request_arg(ctx, "org_limit");
	size_t limit = ORG_LIMIT, rank = 0;
	double w[3] = { 30, 35, 35 }, total;
	json_t *rows;
	struct ranked *ranked;
	struct db_result r;
	size_t i, j, n;

	if (wq && *wq) {
		char *end = NULL;

		w[0] = strtod(wq, &end);
		if (end && *end == ',')
			w[1] = strtod(end + 1, &end);
		if (end && *end == ',')
			w[2] = strtod(end + 1, &end);
		if (!end || *end || w[0] < 0 || w[1] < 0 || w[2] < 0 || w[0] + w[1] + w[2] <= 0) {
			buf_setf(err, "weights 应为三个非负的权重，如 30,35,35");
			return -2;
		}
	}
	if (lq && *lq) {
		char *end = NULL;
		long long v = strtoll(lq, &end, 10);

		if (!end || *end || v < 0 || v > 1000000) {
			buf_setf(err, "org_limit 应为非负整数（0 为全部）");
			return -2;
		}
		limit = v ? (size_t)v : (size_t)-1 / 4;
	}
	total = w[0] + w[1] + w[2];
	if (stats_group_scan(ctx, &ticket_stats[0], args, &res_tickets, "assignee_org_id", figures,
			     NULL, 6, &r, err))
		return -1;
	rows = json_array();
	json_object_set_new(values, "by_org", rows);
	ranked = arena_alloc(ctx->a, sizeof(*ranked) * (r.nrows + 1));
	n = 0;
	for (i = 0; i < r.nrows; i++) {
		long long d = cell(&r, i, 2), resp = cell(&r, i, 3), o = cell(&r, i, 4);
		long long s = cell(&r, i, 5), rt = cell(&r, i, 6), g = cell(&r, i, 7);
		double score = (w[0] * (d ? (double)resp / d : 0) + w[1] * (o ? (double)s / o : 0) +
				w[2] * (rt ? (double)g / rt : 0)) * 100 / total;

		if (!db_cell(&r, i, 0) || !d)
			continue;
		ranked[n].score = score;
		ranked[n].at = n;
		ranked[n++].row = json_pack("{s:I, s:s?, s:o, s:o, s:o, s:f}", "org_id",
				(json_int_t)cell(&r, i, 0), "name", db_cell(&r, i, 1),
				"response_rate", stats_ratio(resp, d), "resolution_rate", stats_ratio(s, o),
				"satisfaction_rate", stats_ratio(g, rt), "score", score);
	}
	/* best first; equal scores keep the larger count first (the query's order) */
	qsort(ranked, n, sizeof(*ranked), by_score);
	for (j = 0; j < n; j++) {
		/* equal scores share a rank (1, 2, 2, 4) */
		rank = j && ranked[j].score == ranked[j - 1].score ? rank : j + 1;
		json_object_set_new(ranked[j].row, "rank", json_integer((json_int_t)rank));
		if (j < limit || j >= n - limit || n <= 2 * limit)
			json_array_append_new(rows, ranked[j].row);
		else
			json_decref(ranked[j].row);
	}
	json_object_set_new(values, "orgs_ranked", json_integer((json_int_t)n));
	json_object_set_new(values, "weights", json_pack("{s:f, s:f, s:f}", "response", w[0],
							 "resolution", w[1], "satisfaction", w[2]));
	return 0;
}

static int tickets_compute(struct request_ctx *ctx, const struct stats_args *args,
			   json_t *values, struct buf *err)
{
	long long n = json_integer_value(json_object_get(values, "resolved"));
	long long minutes = json_integer_value(json_object_get(values, "resolve_minutes"));

	json_object_set_new(values, "avg_hours_to_resolve",
			    json_real(n ? (double)minutes / 60.0 / (double)n : 0.0));
	if (by_category(ctx, args, values, err))
		return -1;
	return by_org(ctx, args, values, err);
}

static const struct stat_figure ticket_figures[] = {
	{ "submitted", "受理" },
	{ "resolved", "办结" },
	{ "resolution_rate", "办结率" },
	{ "on_time_rate", "按时办结率" },
	{ "satisfaction_rate", "满意率" },
	{ "overdue", "超期" },
	{ NULL, NULL },
};

const struct stats_def ticket_stats[] = {
	{ "tickets", "工单办理", ticket_parts, ticket_args, tickets_compute, ticket_figures },
	STATS_END,
};
