/* res_economy: the community economy of 新庄社区's service chain — collective
 * assets (idle rooms put to use or leased), collective enterprises with their
 * years, and the collective income and expense ledger (draft → approved →
 * disclosed) whose disclosed entries the public page shows. */
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "modules/village/village.h"
#include "modules/village/village_common.h"

#define END FIELD_END
#define MAX_FEN 1000000000000LL /* 100 亿元 */

/* ---- assets ---- */

static const struct enum_value asset_kinds[] = {
	{ "room", "房屋" }, { "land", "土地" }, { "building", "楼宇厂房" },
	{ "equipment", "设施设备" }, { "other", "其他" }, { NULL, NULL },
};

const struct enum_value village_asset_statuses[] = {
	{ "idle", "闲置" }, { "self_service", "自用服务" }, { "leased", "出租" },
	{ "other", "其他" }, { NULL, NULL },
};

static const struct field asset_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "name", "资产名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "kind", "资产类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, asset_kinds },
	{ "area_m2", "面积（平方米）", FT_INT, F_LIST | F_SORT },
	{ "status", "使用状态", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, village_asset_statuses },
	{ "use", "用途", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 100 },
	{ "tenant", "承租方", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 100 },
	{ "rent_fen_per_year", "年租金", FT_MONEY, F_LIST | F_SORT },
	{ "lease_start", "租期开始", FT_DATE, 0 },
	{ "lease_end", "租期结束", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "since", "起始日期", FT_DATE, F_SORT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct village_bound asset_bounds[] = {
	{ "area_m2", 0, 100000000, "面积应为 0 到 1 亿平方米" },
	{ "rent_fen_per_year", 0, MAX_FEN, "年租金应为 0 到 100 亿元" },
	{ NULL },
};

static const struct village_order asset_orders[] = {
	{ "lease_start", "lease_end", "租期结束不能早于租期开始" },
	{ NULL },
};

static int assets_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	const char *status = village_str(rec, "status");

	village_check_bounds(rec, asset_bounds, errors);
	village_check_orders(rec, asset_orders, errors);
	if (status && !strcmp(status, "leased") && !village_str(rec, "tenant"))
		json_object_set_new(errors, "tenant", json_string("出租的资产请填写承租方"));
	return 0;
}

/* expiring_within=N: leases that end between today and N days from now (租约到期提醒). */
static int assets_filter(struct request_ctx *ctx, const char *key, const char *value,
			 struct sqlw *w, struct buf *err)
{
	char today[DATE_SIZE], until[DATE_SIZE];
	long days;
	char *end;

	if (strcmp(key, "expiring_within"))
		return 0;
	days = strtol(value, &end, 10);
	if (!*value || *end || days < 0 || days > 3660) {
		buf_setf(err, "应为 0 到 3660 的天数");
		return -1;
	}
	date_today(today);
	date_add_days(today, (int)days, until);
	sqlw_add(w, " AND t.lease_end >= ");
	sqlw_param(w, db_text(arena_strdup(w->a, today)));
	sqlw_add(w, " AND t.lease_end <= ");
	sqlw_param(w, db_text(arena_strdup(w->a, until)));
	return 1;
}

static const struct resource_hooks asset_hooks = {
	.validate = assets_validate,
	.filter = assets_filter,
};

const struct resource res_assets = {
	.name = "assets", .label = "集体资产", .table = "assets", .fields = asset_fields,
	.scope = village_division_ways, .label_field = "name", .hooks = &asset_hooks,
	.default_sort = "-id",
};

/* ---- collective enterprises and their years ---- */

static const struct enum_value enterprise_kinds[] = {
	{ "housekeeping", "家政服务" }, { "labour", "劳务服务" }, { "sanitation", "垃圾清运" },
	{ "manufacturing", "来料加工" }, { "agriculture", "农业种养" }, { "other", "其他" },
	{ NULL, NULL },
};

static const struct field enterprise_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "name", "实体名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "kind", "业态", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, enterprise_kinds },
	{ "model", "运营模式", FT_STRING, F_LIST, NULL, NULL, 100 },
	{ "founded_on", "成立日期", FT_DATE, F_LIST | F_SORT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

const struct resource res_collective_enterprises = {
	.name = "collective_enterprises", .label = "集体经济实体", .table = "collective_enterprises",
	.fields = enterprise_fields, .scope = village_division_ways, .label_field = "name",
	.default_sort = "-id",
};

static const struct field year_fields[] = {
	{ "collective_enterprise_id", "经济实体", FT_REF,
	  F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "collective_enterprises" },
	{ "year", "年度", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT },
	{ "revenue_fen", "营业收入", FT_MONEY, F_LIST | F_SORT },
	{ "profit_fen", "利润", FT_MONEY, F_LIST },
	{ "jobs", "带动就业（人）", FT_INT, F_LIST | F_SORT },
	{ "jobs_priority_groups", "优先吸纳群体", FT_STRING, F_LIST, NULL, NULL, 100 },
	{ "avg_monthly_income_fen", "人均月收入", FT_MONEY, F_LIST },
	END,
};

static const struct village_bound year_bounds[] = {
	{ "year", 2000, 2100, "年度应为 2000 到 2100" },
	{ "revenue_fen", 0, MAX_FEN, "营业收入应为 0 到 100 亿元" },
	{ "profit_fen", -MAX_FEN, MAX_FEN, "利润应在正负 100 亿元之间" },
	{ "jobs", 0, 1000000, "带动就业应为 0 到 100 万人" },
	{ "avg_monthly_income_fen", 0, 100000000, "人均月收入应为 0 到 100 万元" },
	{ NULL },
};

static const char *const year_unique[] = { "collective_enterprise_id", "year", NULL };

static int years_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	village_check_bounds(rec, year_bounds, errors);
	return village_check_unique(ctx, res, rec, before, year_unique, "year",
				    "该实体这一年度已登记", errors, err);
}

/* year_since / year_until, and latest_until=D: each entity's latest year up to
 * D's year — with year_since, its latest year in the period (a statistic's
 * jobs and revenue). */
static int years_filter(struct request_ctx *ctx, const char *key, const char *value,
			struct sqlw *w, struct buf *err)
{
	int y;

	if (strcmp(key, "latest_until"))
		return village_year_filter(ctx, key, value, w, err);
	if ((y = village_year_of(value)) < 0) {
		buf_setf(err, "应为年份或日期（如 2026 或 2026-12-31）");
		return -1;
	}
	sqlw_add(w, " AND t.year = (SELECT MAX(y.year) FROM enterprise_years y"
		    " WHERE y.collective_enterprise_id = t.collective_enterprise_id"
		    " AND y.deleted_at IS NULL AND y.year <= ");
	sqlw_param(w, db_int(y));
	sqlw_add(w, ")");
	return 1;
}

static const struct resource_hooks year_hooks = {
	.validate = years_validate,
	.filter = years_filter,
};

static const struct scope_way year_ways[] = {
	{ WAY_REF, "collective_enterprise_id" },
	WAY_END,
};

const struct resource res_enterprise_years = {
	.name = "enterprise_years", .label = "实体年度经营", .table = "enterprise_years",
	.fields = year_fields, .scope = year_ways,
	.label_expr = "(SELECT e.name FROM collective_enterprises e"
		      " WHERE e.id = r.collective_enterprise_id) || ' ' || r.year",
	.hooks = &year_hooks, .default_sort = "-year",
};

/* ---- the collective income and expense ledger ---- */

static const struct enum_value directions[] = {
	{ "income", "收入" }, { "expense", "支出" }, { NULL, NULL },
};

/* Income categories first, then expense categories; "other" serves both. */
const struct enum_value village_ledger_categories[] = {
	{ "rent", "租金收入" },
	{ "operations", "经营收入" },
	{ "subsidy", "补助收入" },
	{ "dividend", "投资分红收入" },
	{ "infrastructure", "基础设施" },
	{ "minors", "未成年人关爱" },
	{ "security", "治安防控" },
	{ "sanitation", "环境卫生" },
	{ "elderly", "养老服务" },
	{ "other", "其他" },
	{ NULL, NULL },
};

const char *const village_income_categories[] = { "rent", "operations", "subsidy", "dividend",
						  "other", NULL };
const char *const village_expense_categories[] = { "infrastructure", "minors", "security",
						   "sanitation", "elderly", "other", NULL };

static const struct enum_value ledger_states[] = {
	{ "draft", "待审批" }, { "approved", "已审批" }, { "disclosed", "已公开" }, { NULL, NULL },
};

static const struct field ledger_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "entry_on", "日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "direction", "收支", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, directions },
	{ "category", "类别", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, village_ledger_categories },
	{ "amount_fen", "金额", FT_MONEY, F_REQUIRED | F_LIST | F_SORT },
	{ "project", "项目", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 200 },
	{ "voucher_no", "凭证号", FT_STRING, F_SEARCH, NULL, NULL, 50 },
	{ "consultation_id", "议事协商", FT_REF, F_FILTER, NULL, "consultations" },
	{ "decided_by", "决策会议", FT_STRING, 0, NULL, NULL, 200 },
	{ "status", "状态", FT_ENUM, F_READONLY | F_LIST | F_FILTER, ledger_states },
	{ "approved_on", "审批日期", FT_DATE, F_READONLY | F_SORT },
	{ "disclosed_on", "公开日期", FT_DATE, F_READONLY | F_LIST | F_SORT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct village_bound ledger_bounds[] = {
	{ "amount_fen", 1, MAX_FEN, "金额应大于 0，不超过 100 亿元" },
	{ NULL },
};

static const char *const ledger_final[] = { "approved", "disclosed", NULL };

static int in_list(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (!strcmp(*list, v))
			return 1;
	return 0;
}

static int ledger_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	const char *dir = village_str(rec, "direction"), *cat = village_str(rec, "category");
	char today[DATE_SIZE];

	village_check_frozen(res, rec, before, ledger_final,
			     "已审批或已公开的收支不能修改（如有差错请另记一笔调整）", errors);
	village_check_bounds(rec, ledger_bounds, errors);
	if (dir && cat && !in_list(cat, strcmp(dir, "income") ? village_expense_categories
							      : village_income_categories))
		json_object_set_new(errors, "category", json_string(arena_printf(ctx->a,
			"“%s”不是%s的类别", resource_enum_label(res, "category", cat),
			resource_enum_label(res, "direction", dir))));
	if (village_changed(rec, before, "project") && village_digit_run(village_str(rec, "project"), NULL, 0) >= 7)
		json_object_set_new(errors, "project", json_string(
			"项目名称会随村务公开，请勿填写电话、身份证号、银行账号等个人信息"));
	date_today(today);
	if (village_changed(rec, before, "entry_on") && village_str(rec, "entry_on") &&
	    strcmp(village_str(rec, "entry_on"), today) > 0)
		json_object_set_new(errors, "entry_on", json_string("日期不能晚于今天"));
	if (!before && !village_str(rec, "status"))
		json_object_set_new(rec, "status", json_string("draft"));
	return 0;
}

static const struct resource_hooks ledger_hooks = {
	.validate = ledger_validate,
};

static const struct field f_dated[] = {
	{ "date", "日期", FT_DATE },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 1000 },
	END,
};

static const struct effect approve_effects[] = { { EFFECT_STAMP, "approved_on" }, EFFECT_END };
static const struct effect disclose_effects[] = { { EFFECT_STAMP, "disclosed_on" }, EFFECT_END };
static const char *const from_draft[] = { "draft", NULL };
static const char *const from_approved[] = { "approved", NULL };

static const struct action ledger_actions[] = {
	{ .name = "record", .label = "登记", .to = "draft", .date_field = "entry_on",
	  .flags = ACT_CREATE },
	{ .name = "approve", .label = "审批", .from = from_draft, .to = "approved",
	  .fields = f_dated, .min_level = LEVEL_VILLAGE, .effects = approve_effects,
	  .date_field = "date", .comment_field = "opinion" },
	{ .name = "disclose", .label = "公开", .from = from_approved, .to = "disclosed",
	  .fields = f_dated, .min_level = LEVEL_VILLAGE, .effects = disclose_effects,
	  .date_field = "date", .comment_field = "opinion" },
	ACTION_END,
};

static const char *const ledger_queues[] = { "draft", "approved", NULL };

const struct resource res_collective_ledger = {
	.name = "collective_ledger", .label = "集体收支台账", .table = "collective_ledger",
	.fields = ledger_fields, .scope = village_division_ways, .label_field = "project",
	.state_field = "status", .actions = ledger_actions, .queues = ledger_queues,
	.hooks = &ledger_hooks, .flags = RES_NO_DELETE, .default_sort = "-entry_on",
};
