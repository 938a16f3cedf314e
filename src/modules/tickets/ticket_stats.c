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
	     "&assignee_org_id__under=$org"
#define RESOLVED "&status=resolved&status=closed"

static const struct stat_part ticket_parts[] = {
	{ "submitted", STAT_COUNT, "tickets", BASE },
	{ "by_status", STAT_GROUP, "tickets", BASE, NULL, "status" },
	{ "withdrawn", STAT_COUNT, "tickets", BASE "&status=withdrawn" },
	{ "resolved", STAT_COUNT, "tickets", BASE RESOLVED },
	{ "resolution_rate", STAT_RATIO, "tickets", BASE RESOLVED, BASE "&status__ne=withdrawn" },
	{ "response_rate", STAT_RATIO, "tickets", BASE "&responded_on_time=true",
	  BASE "&dispatched_at__null=0" },
	{ "on_time_rate", STAT_RATIO, "tickets", BASE RESOLVED "&resolved_on_time=true",
	  BASE RESOLVED },
	{ "rated", STAT_COUNT, "tickets", BASE "&rating__null=0" },
	{ "satisfaction_rate", STAT_RATIO, "tickets", BASE "&rating=satisfied&rating=basic",
	  BASE "&rating__null=0" },
	{ "reopened", STAT_COUNT, "tickets", BASE "&reopen_count__gt=0" },
	{ "overdue", STAT_COUNT, "tickets",
	  BASE "&status=dispatched&status=accepted&status=returned&due_on__lt=$as_of" },
	{ "amount_fen", STAT_SUM, "tickets", BASE RESOLVED, NULL, "amount_fen" },
	{ "published", STAT_COUNT, "tickets", BASE "&published=true" },
	{ "claimed", STAT_COUNT, "tickets", BASE "&claimed=true" },
	STAT_PART_END,
};

static const char *const ticket_args[] = { "kind", "category", "org", "weights", NULL };

/* Rows of the tickets under `where` grouped by one field: key, label, count, sum. */
static int grouped(struct request_ctx *ctx, const struct stats_args *args, const char *field,
		   const char *sum, const char *where, struct db_result *out, struct buf *err)
{
	struct aggregate_key key = { resource_field(&res_tickets, field), 0, 0 };
	struct sqlw w;
	int ret;

	sqlw_init(&w, ctx->a);
	ret = stats_where(ctx, &ticket_stats[0], args, &res_tickets, where, &w, err) ||
	      aggregate_group(ctx->db, ctx->a, ctx->who, &res_tickets, &w, &key, 1,
			      sum ? resource_field(&res_tickets, sum) : NULL, out, err);
	sqlw_release(&w);
	return ret ? -1 : 0;
}

/* The count of `key` in rows of `grouped`, 0 when absent. */
static long long count_of(const struct db_result *r, const char *key, int col)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (db_cell(r, i, 0) && key && !strcmp(db_cell(r, i, 0), key))
			return db_cell(r, i, col) ? strtoll(db_cell(r, i, col), NULL, 10) : 0;
	return 0;
}

static int by_category(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		       struct buf *err)
{
	struct db_result sub, res, sat;
	json_t *rows = json_array();
	const char *kind = request_arg(ctx, "kind");
	size_t i;

	json_object_set_new(values, "by_category", rows);
	if (grouped(ctx, args, "category", NULL, BASE, &sub, err) ||
	    grouped(ctx, args, "category", NULL, BASE RESOLVED, &res, err) ||
	    grouped(ctx, args, "category", NULL, BASE "&rating=satisfied&rating=basic", &sat, err))
		return -1;
	for (i = 0; i < sub.nrows; i++) {
		const char *code = db_cell(&sub, i, 0);
		struct ticket_category cat;
		int r = kind && *kind ? tickets_category(ctx, kind, code, &cat, err) : 0;

		if (r < 0)
			return -1;
		json_array_append_new(rows, json_pack("{s:s, s:s, s:I, s:I, s:I}", "category", code,
			"label", r ? cat.label : code,
			"submitted", (json_int_t)strtoll(db_cell(&sub, i, 2), NULL, 10),
			"resolved", (json_int_t)count_of(&res, code, 2),
			"satisfied", (json_int_t)count_of(&sat, code, 2)));
	}
	return 0;
}

/* The 红黑榜: per assignee organisation its three rates and a weighted score
 * (default 响应 30 / 解决 35 / 满意 35; `weights=30,35,35`), best first. */
static int by_org(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		  struct buf *err)
{
	struct db_result disp, resp, open, done, rated, good;
	const char *wq = request_arg(ctx, "weights");
	double w[3] = { 30, 35, 35 }, total;
	json_t *rows = json_array(), *row;
	size_t i, j, n;

	if (wq && *wq) {
		char *end = NULL;

		w[0] = strtod(wq, &end);
		if (end && *end == ',')
			w[1] = strtod(end + 1, &end);
		if (end && *end == ',')
			w[2] = strtod(end + 1, &end);
		if (!end || *end || w[0] < 0 || w[1] < 0 || w[2] < 0 || w[0] + w[1] + w[2] <= 0) {
			json_decref(rows);
			buf_setf(err, "weights 应为三个非负的权重，如 30,35,35");
			return -2;
		}
	}
	total = w[0] + w[1] + w[2];
	json_object_set_new(values, "by_org", rows);
	if (grouped(ctx, args, "assignee_org_id", NULL, BASE "&dispatched_at__null=0", &disp, err) ||
	    grouped(ctx, args, "assignee_org_id", NULL, BASE "&responded_on_time=true", &resp, err) ||
	    grouped(ctx, args, "assignee_org_id", NULL, BASE "&status__ne=withdrawn", &open, err) ||
	    grouped(ctx, args, "assignee_org_id", NULL, BASE RESOLVED, &done, err) ||
	    grouped(ctx, args, "assignee_org_id", NULL, BASE "&rating__null=0", &rated, err) ||
	    grouped(ctx, args, "assignee_org_id", NULL, BASE "&rating=satisfied&rating=basic", &good,
		    err))
		return -1;
	for (i = 0; i < disp.nrows; i++) {
		const char *org = db_cell(&disp, i, 0);
		long long d = strtoll(db_cell(&disp, i, 2), NULL, 10);
		long long r = count_of(&resp, org, 2), o = count_of(&open, org, 2);
		long long s = count_of(&done, org, 2), rt = count_of(&rated, org, 2);
		long long g = count_of(&good, org, 2);
		double score = (w[0] * (d ? (double)r / d : 0) + w[1] * (o ? (double)s / o : 0) +
				w[2] * (rt ? (double)g / rt : 0)) * 100 / total;

		if (!org)
			continue;
		row = json_pack("{s:I, s:s?, s:o, s:o, s:o, s:f}", "org_id",
				(json_int_t)strtoll(org, NULL, 10), "name", db_cell(&disp, i, 1),
				"response_rate", stats_ratio(r, d), "resolution_rate", stats_ratio(s, o),
				"satisfaction_rate", stats_ratio(g, rt), "score", score);
		/* insertion by score, best first; equal scores keep the larger count first */
		n = json_array_size(rows);
		for (j = 0; j < n; j++)
			if (json_real_value(json_object_get(json_array_get(rows, j), "score")) < score)
				break;
		json_array_insert_new(rows, j, row);
	}
	for (i = 0; i < json_array_size(rows); i++) {
		double sc = json_real_value(json_object_get(json_array_get(rows, i), "score"));
		size_t rank = i + 1;

		/* equal scores share a rank (1, 2, 2, 4) */
		if (i && sc == json_real_value(json_object_get(json_array_get(rows, i - 1), "score")))
			rank = (size_t)json_integer_value(json_object_get(json_array_get(rows, i - 1), "rank"));
		json_object_set_new(json_array_get(rows, i), "rank", json_integer((json_int_t)rank));
	}
	json_object_set_new(values, "weights", json_pack("{s:f, s:f, s:f}", "response", w[0],
							 "resolution", w[1], "satisfaction", w[2]));
	return 0;
}

static int tickets_compute(struct request_ctx *ctx, const struct stats_args *args,
			   json_t *values, struct buf *err)
{
	struct sqlw w;
	long long n = 0, minutes = 0;
	int ret;

	sqlw_init(&w, ctx->a);
	ret = stats_where(ctx, &ticket_stats[0], args, &res_tickets, BASE RESOLVED, &w, err) ||
	      aggregate_count(ctx->db, ctx->a, ctx->who, &res_tickets, &w,
			      resource_field(&res_tickets, "resolve_minutes"), &n, &minutes, err);
	sqlw_release(&w);
	if (ret)
		return -1;
	json_object_set_new(values, "avg_hours_to_resolve",
			    json_real(n ? (double)minutes / 60.0 / (double)n : 0.0));
	if (by_category(ctx, args, values, err))
		return -1;
	return by_org(ctx, args, values, err);
}

const struct stats_def ticket_stats[] = {
	{ "tickets", "工单办理", ticket_parts, ticket_args, tickets_compute },
	STATS_END,
};
