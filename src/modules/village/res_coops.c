/* res_coops: village joint-stock cooperatives (村级股份经济合作社, 新坪村's
 * cave-mushroom cooperative), the share holdings of villagers and households
 * (户头入股), and each year's dividend run — draft → computed → approved →
 * paid — whose `compute` writes one line per holding: 保底 + 效益, exact to
 * the fen (dividend_rules.c). A run's lines are its own; nobody edits them. */
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/village/dividend_rules.h"
#include "modules/village/village.h"
#include "modules/village/village_common.h"
#include "modules/village/village_store.h"

#define END FIELD_END

/* ---- cooperatives ---- */

static const struct field coop_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "name", "合作社名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "business", "主营产业", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 100 },
	{ "founded_on", "成立日期", FT_DATE, F_LIST | F_SORT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

const struct resource res_coops = {
	.name = "coops", .label = "股份经济合作社", .table = "coops", .fields = coop_fields,
	.scope = village_division_ways, .label_field = "name", .default_sort = "-id",
};

/* ---- share holdings ---- */

const struct enum_value village_share_kinds[] = {
	{ "cash", "资金入股" }, { "land", "土地入股" }, { "labour", "劳务入股" },
	{ "poverty_household", "脱贫户入股" }, { NULL, NULL },
};

static const struct field share_fields[] = {
	{ "coop_id", "合作社", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "coops" },
	{ "person_id", "持股人员", FT_REF, F_FILTER, NULL, "persons" },
	/* required, but taken from the person when one is named (shares_validate) */
	{ "holder_name", "持股人（户）", FT_STRING, F_LIST | F_SEARCH | F_SORT, NULL, NULL, 50 },
	{ "shares", "股数", FT_INT, F_REQUIRED | F_LIST | F_SORT },
	{ "kind", "入股方式", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, village_share_kinds },
	{ "since", "入股日期", FT_DATE, F_LIST | F_SORT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct village_bound share_bounds[] = {
	{ "shares", 1, DIVIDEND_MAX_SHARES, "股数应为 1 到 1000000 股" },
	{ NULL },
};

static int shares_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	village_check_bounds(rec, share_bounds, errors);
	if (!village_str(rec, "holder_name") && village_int(rec, "person_id")) {
		json_t *p = generic_load(ctx, &res_persons, village_int(rec, "person_id"), 0);

		if (p)
			json_object_set(rec, "holder_name", json_object_get(p, "name"));
		json_decref(p);
	}
	if (!village_str(rec, "holder_name"))
		json_object_set_new(errors, "holder_name", json_string("请填写持股人（户）或选择持股人员"));
	return 0;
}

static const struct resource_hooks share_hooks = {
	.validate = shares_validate,
};

static const struct scope_way share_ways[] = {
	{ WAY_REF, "coop_id" },
	WAY_END,
};

const struct resource res_coop_shares = {
	.name = "coop_shares", .label = "入股台账", .table = "coop_shares", .fields = share_fields,
	.scope = share_ways, .label_field = "holder_name", .hooks = &share_hooks,
	.default_sort = "id",
};

/* ---- dividend runs ---- */

static const struct enum_value dividend_states[] = {
	{ "draft", "待计算" }, { "computed", "已计算" }, { "approved", "已审批" },
	{ "paid", "已发放" }, { NULL, NULL },
};

static const struct field dividend_fields[] = {
	{ "coop_id", "合作社", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "coops" },
	{ "year", "年度", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT },
	{ "distributable_fen", "可分配金额", FT_MONEY, F_REQUIRED | F_LIST },
	{ "guaranteed_fen_per_share", "每股保底分红", FT_MONEY, F_REQUIRED | F_LIST },
	{ "status", "状态", FT_ENUM, F_READONLY | F_LIST | F_FILTER, dividend_states },
	{ "holdings", "分红户数", FT_INT, F_READONLY | F_LIST },
	{ "shares_total", "总股数", FT_INT, F_READONLY | F_LIST },
	{ "guaranteed_total_fen", "保底分红合计", FT_MONEY, F_READONLY | F_LIST },
	{ "performance_total_fen", "效益分红合计", FT_MONEY, F_READONLY | F_LIST },
	{ "computed_at", "计算时间", FT_DATETIME, F_READONLY },
	{ "approved_on", "审批日期", FT_DATE, F_READONLY },
	{ "paid_on", "发放日期", FT_DATE, F_READONLY | F_LIST },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct village_bound dividend_bounds[] = {
	{ "year", 2000, 2100, "年度应为 2000 到 2100" },
	{ "distributable_fen", 0, DIVIDEND_MAX_FEN, "可分配金额应为 0 到 100 亿元" },
	{ "guaranteed_fen_per_share", 0, DIVIDEND_MAX_FEN, "每股保底分红应为 0 到 100 亿元" },
	{ NULL },
};

static const char *const dividend_unique[] = { "coop_id", "year", NULL };
static const char *const dividend_final[] = { "approved", "paid", NULL };
/* what compute writes, cleared when the figures it used change */
static const char *const computed_columns[] = { "holdings", "shares_total",
						"guaranteed_total_fen", "performance_total_fen",
						"computed_at", NULL };

static int is_state(json_t *rec, const char *state)
{
	const char *s = village_str(rec, "status");

	return s && !strcmp(s, state);
}

static int dividends_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			      json_t *before, json_t *errors, struct buf *err)
{
	const char *const *c;

	village_check_frozen(res, rec, before, dividend_final,
			     "已审批或已发放的分红方案不能修改", errors);
	village_check_bounds(rec, dividend_bounds, errors);
	if (!before && !village_str(rec, "status"))
		json_object_set_new(rec, "status", json_string("draft"));
	/* a computed run whose figures change must be computed again */
	if (before && is_state(before, "computed") && is_state(rec, "computed") &&
	    (village_changed(rec, before, "distributable_fen") ||
	     village_changed(rec, before, "guaranteed_fen_per_share") ||
	     village_changed(rec, before, "year"))) {
		json_object_set_new(rec, "status", json_string("draft"));
		for (c = computed_columns; *c; c++)
			json_object_set_new(rec, *c, json_null());
	}
	return village_check_unique(ctx, res, rec, before, dividend_unique, "year",
				    "该合作社这一年度已有分红方案", errors, err);
}

/* The lines of a run sent back to draft go with it. */
static int dividends_after_write(struct request_ctx *ctx, const struct resource *res,
				 long long id, json_t *rec, json_t *before, struct buf *err)
{
	if (before && is_state(before, "computed") && is_state(rec, "draft"))
		return village_store_drop_lines(ctx->db, ctx->a, id, err);
	return 0;
}

static const struct resource_hooks dividend_hooks = {
	.validate = dividends_validate,
	.after_write = dividends_after_write,
};

/* fen as 元 with two decimals, for messages */
static const char *yuan(struct request_ctx *ctx, long long fen)
{
	return arena_printf(ctx->a, "%lld.%02lld", fen / 100, fen % 100);
}

/* 计算分红: the holdings of the coop (those held by the end of the year),
 * split by dividend_allocate, written as the run's lines in place of any
 * earlier ones; the run keeps the totals. */
static int compute_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		       struct buf *err)
{
	long long coop = village_int(call->before, "coop_id");
	long long year = village_int(call->before, "year");
	long long dist = village_int(call->before, "distributable_fen");
	long long per = village_int(call->before, "guaranteed_fen_per_share");
	long long needed = 0, shares = 0, guaranteed = 0, performance = 0;
	struct dividend_holding *h;
	struct db_result r;
	const char *why = NULL;
	size_t i;

	if (village_store_holdings(ctx->db, ctx->a, coop, arena_printf(ctx->a, "%lld-12-31", year),
				   &r, err))
		return WS_ERROR;
	h = arena_alloc(ctx->a, (r.nrows ? r.nrows : 1) * sizeof(*h));
	for (i = 0; i < r.nrows; i++) {
		h[i].id = strtoll(db_cell(&r, i, 0), NULL, 10);
		h[i].shares = strtoll(db_cell(&r, i, 3), NULL, 10);
	}
	if (dividend_allocate(dist, per, h, r.nrows, &needed, &why)) {
		if (needed)
			json_object_set_new(errors, "guaranteed_fen_per_share", json_string(
				arena_printf(ctx->a, "保底分红合计 %s 元超过可分配金额 %s 元",
					     needed > DIVIDEND_MAX_FEN ? "逾 100 亿" : yuan(ctx, needed),
					     yuan(ctx, dist))));
		else
			json_object_set_new(errors, r.nrows ? "distributable_fen" : "coop_id",
					    json_string(r.nrows ? why : arena_printf(ctx->a,
						"%s：该合作社截至 %lld 年底没有入股登记", why, year)));
		return WS_INVALID;
	}
	if (village_store_drop_lines(ctx->db, ctx->a, call->id, err))
		return WS_ERROR;
	for (i = 0; i < r.nrows; i++) {
		json_t *line = json_pack("{s:I, s:I, s:s, s:s?, s:I, s:I, s:I, s:I}",
			"dividend_id", (json_int_t)call->id, "coop_share_id", (json_int_t)h[i].id,
			"holder_name", db_cell(&r, i, 2), "share_kind", db_cell(&r, i, 4),
			"shares", (json_int_t)h[i].shares, "guaranteed_fen", (json_int_t)h[i].guaranteed_fen,
			"performance_fen", (json_int_t)h[i].performance_fen,
			"total_fen", (json_int_t)h[i].total_fen);
		struct records_values vals = { 0 };
		long long id;
		int rc;

		if (db_cell(&r, i, 1))
			json_object_set_new(line, "person_id",
					    json_integer(strtoll(db_cell(&r, i, 1), NULL, 10)));
		record_values(ctx, &res_coop_dividend_lines, line, &vals);
		rc = records_insert(ctx->db, ctx->a, &res_coop_dividend_lines, &vals, &id, err);
		json_decref(line);
		if (rc)
			return WS_ERROR;
		shares += h[i].shares;
		guaranteed += h[i].guaranteed_fen;
		performance += h[i].performance_fen;
	}
	json_object_set_new(call->set, "holdings", json_integer((json_int_t)r.nrows));
	json_object_set_new(call->set, "shares_total", json_integer(shares));
	json_object_set_new(call->set, "guaranteed_total_fen", json_integer(guaranteed));
	json_object_set_new(call->set, "performance_total_fen", json_integer(performance));
	json_object_set_new(call->set, "computed_at", json_string(call->at));
	return WS_OK;
}

static const struct field f_dated[] = {
	{ "date", "日期", FT_DATE },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct effect approve_effects[] = { { EFFECT_STAMP, "approved_on" }, EFFECT_END };
static const struct effect pay_effects[] = { { EFFECT_STAMP, "paid_on" }, EFFECT_END };
static const char *const from_open[] = { "draft", "computed", NULL };
static const char *const from_computed[] = { "computed", NULL };
static const char *const from_approved[] = { "approved", NULL };

static const struct action dividend_actions[] = {
	{ .name = "draft", .label = "拟定", .to = "draft", .flags = ACT_CREATE },
	{ .name = "compute", .label = "计算分红", .from = from_open, .to = "computed",
	  .min_level = LEVEL_VILLAGE, .run = compute_run },
	{ .name = "approve", .label = "审批", .from = from_computed, .to = "approved",
	  .fields = f_dated, .min_level = LEVEL_VILLAGE, .effects = approve_effects,
	  .date_field = "date", .comment_field = "opinion" },
	{ .name = "pay", .label = "发放", .from = from_approved, .to = "paid",
	  .fields = f_dated, .min_level = LEVEL_VILLAGE, .effects = pay_effects,
	  .date_field = "date", .comment_field = "opinion" },
	ACTION_END,
};

static const char *const dividend_queues[] = { "draft", "computed", "approved", NULL };

const struct resource res_coop_dividends = {
	.name = "coop_dividends", .label = "分红方案", .table = "coop_dividends",
	.fields = dividend_fields, .scope = share_ways,
	.label_expr = "(SELECT c.name FROM coops c WHERE c.id = r.coop_id) || ' ' || r.year",
	.state_field = "status", .actions = dividend_actions, .queues = dividend_queues,
	.hooks = &dividend_hooks, .flags = RES_NO_DELETE, .default_sort = "-year",
};

/* ---- the lines of a run ---- */

static const struct field line_fields[] = {
	{ "dividend_id", "分红方案", FT_REF, F_READONLY | F_LIST | F_FILTER, NULL, "coop_dividends" },
	{ "coop_share_id", "入股登记", FT_REF, F_READONLY | F_FILTER, NULL, "coop_shares" },
	{ "person_id", "持股人员", FT_REF, F_READONLY | F_FILTER, NULL, "persons" },
	{ "holder_name", "持股人（户）", FT_STRING, F_READONLY | F_LIST | F_SEARCH | F_SORT },
	{ "share_kind", "入股方式", FT_ENUM, F_READONLY | F_LIST | F_FILTER, village_share_kinds },
	{ "shares", "股数", FT_INT, F_READONLY | F_LIST | F_SORT },
	{ "guaranteed_fen", "保底分红", FT_MONEY, F_READONLY | F_LIST },
	{ "performance_fen", "效益分红", FT_MONEY, F_READONLY | F_LIST },
	{ "total_fen", "分红合计", FT_MONEY, F_READONLY | F_LIST | F_SORT },
	END,
};

static int lines_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	json_object_set_new(errors, "dividend_id",
			    json_string("分红明细由分红方案的“计算分红”生成，不能手工录入或修改"));
	return 0;
}

static const struct resource_hooks line_hooks = {
	.validate = lines_validate,
};

static const struct scope_way line_ways[] = {
	{ WAY_REF, "dividend_id" },
	WAY_END,
};

const struct resource res_coop_dividend_lines = {
	.name = "coop_dividend_lines", .label = "分红明细", .table = "coop_dividend_lines",
	.fields = line_fields, .scope = line_ways, .label_field = "holder_name",
	.hooks = &line_hooks, .flags = RES_READONLY | RES_NO_IMPORT | RES_NO_DELETE,
	.default_sort = "id",
};
