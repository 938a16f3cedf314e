/* res_party_funds: party-building funds (党建工作经费) of the four sources of
 * the 四位一体 mechanism — 财政预算, 税前列支, 党费返还, 自身投入 — as income
 * entries and expenses reimbursed at cost (实报实销): submitted → approved by
 * the organisation above (never by the spender itself) → reimbursed against
 * vouchers, or rejected. Balances per organisation and source are the
 * statistic party_funds (party_stats.c). */
#include "modules/party/party.h"

#include <string.h>

#include "api/generic.h"
#include "domain/date.h"
#include "modules/party/party_common.h"
#include "modules/party/party_rules.h"

static const struct enum_value fund_sources[] = {
	{ "budget", "财政预算" },
	{ "pre_tax", "税前列支" },
	{ "dues_return", "党费返还" },
	{ "self_funded", "自身投入" },
	{ NULL, NULL },
};

static const struct enum_value directions[] = {
	{ "income", "收入" }, { "expense", "支出" }, { NULL, NULL },
};

static const struct enum_value fund_statuses[] = {
	{ "recorded", "已入账" },
	{ "submitted", "待审批" },
	{ "approved", "待报销" },
	{ "reimbursed", "已报销" },
	{ "rejected", "已退回" },
	{ NULL, NULL },
};

#define RO F_READONLY

static const struct field fund_fields[] = {
	{ "org_id", "党组织", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "orgs" },
	{ "entry_on", "日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "direction", "收支", FT_ENUM, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, directions },
	{ "source", "经费来源", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, fund_sources },
	{ "amount_fen", "金额", FT_MONEY, F_REQUIRED | F_LIST | F_SORT },
	{ "purpose", "用途（摘要）", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 200 },
	{ "voucher_no", "凭证号", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 50 },
	{ "status", "状态", FT_ENUM, RO | F_LIST | F_FILTER, fund_statuses },
	{ "approved_on", "批准日期", FT_DATE, RO | F_SORT | F_FILTER },
	{ "reimbursed_on", "报销日期", FT_DATE, RO | F_LIST | F_SORT | F_FILTER },
	{ "reimbursed_fen", "报销金额", FT_MONEY, RO | F_LIST },
	FIELD_END,
};

static int funds_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	static const char *const decided[] = { "org_id", "source", "amount_fen", "entry_on", NULL };
	const char *direction = party_str(rec, "direction"), *field = NULL, *why = NULL;
	char today[DATE_SIZE];
	int i;

	if (!before && direction)
		json_object_set_new(rec, "status", json_string(strcmp(direction, "income")
							       ? "submitted" : "recorded"));
	date_today(today);
	if (party_rules_fund_entry(direction, party_int(rec, "amount_fen"), party_str(rec, "purpose"),
				   party_str(rec, "entry_on"), today, &field, &why))
		json_object_set_new(errors, field, json_string(why));
	if (!before || !party_rules_fund_decided(party_str(before, "status")))
		return 0;
	for (i = 0; decided[i]; i++)
		if (!json_equal(json_object_get(rec, decided[i]), json_object_get(before, decided[i])))
			json_object_set_new(errors, decided[i], json_string(arena_printf(ctx->a,
				"支出已%s，不能再修改组织、来源、金额和日期",
				resource_enum_label(res, "status", party_str(before, "status")))));
	return 0;
}

static const struct resource_hooks fund_hooks = {
	.validate = funds_validate,
};

/* ---- the reimbursement workflow ---- */

#define DATE { "date", "日期", FT_DATE, F_REQUIRED }

static const struct field f_approve[] = {
	DATE, { "opinion", "审批意见", FT_TEXT, 0, NULL, NULL, 500 }, FIELD_END,
};
static const struct field f_reimburse[] = {
	DATE,
	{ "reimbursed_fen", "报销金额（按票据，默认批准金额）", FT_MONEY },
	{ "voucher_no", "凭证号", FT_STRING, 0, NULL, NULL, 50 },
	FIELD_END,
};
static const struct field f_reject[] = {
	DATE, { "reason", "退回理由", FT_TEXT, F_REQUIRED, NULL, NULL, 500 }, FIELD_END,
};

static const struct effect approve_effects[] = { { EFFECT_STAMP, "approved_on" }, EFFECT_END };
static const struct effect reimburse_effects[] = { { EFFECT_STAMP, "reimbursed_on" }, EFFECT_END };

/* The decision is dated between the entry and today. */
static int dated_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		     struct buf *err)
{
	const char *after = party_str(call->before, "approved_on");
	char today[DATE_SIZE];

	if (!after)
		after = party_str(call->before, "entry_on");
	date_today(today);
	if (strcmp(call->on, today) > 0)
		json_object_set_new(errors, "date", json_string("日期不能晚于今天"));
	else if (after && strcmp(call->on, after) < 0)
		json_object_set_new(errors, "date", json_string(arena_printf(ctx->a,
			"日期不能早于%s（%s）", party_str(call->before, "approved_on") ? "批准日期"
										: "支出日期", after)));
	return json_object_size(errors) ? WS_INVALID : WS_OK;
}

/* 实报实销: the receipts' amount, at most the approved one, against a voucher. */
static int reimburse_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			 struct buf *err)
{
	json_t *req = json_object_get(call->body, "reimbursed_fen");
	const char *voucher = party_str(call->body, "voucher_no"), *why = NULL;
	long long amount;
	int status = dated_run(ctx, call, errors, err);

	if (party_rules_reimbursed(party_int(call->before, "amount_fen"),
				   json_is_integer(req) ? json_integer_value(req) : -1, &amount, &why))
		json_object_set_new(errors, "reimbursed_fen", json_string(why));
	if (!voucher && !party_str(call->before, "voucher_no"))
		json_object_set_new(errors, "voucher_no", json_string("实报实销应登记报销凭证号"));
	if (status || json_object_size(errors))
		return WS_INVALID;
	json_object_set_new(call->set, "reimbursed_fen", json_integer(amount));
	if (voucher)
		json_object_set_new(call->set, "voucher_no", json_string(voucher));
	return WS_OK;
}

/* 审批 is the organisation above's: a user of the spending organisation
 * itself may reimburse (实报实销) but neither approve nor reject its own. */
static int not_own_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 struct buf *why)
{
	if (!ctx->who || ctx->who->level >= LEVEL_TOWN || !ctx->who->scope_org_id ||
	    ctx->who->scope_org_id != party_int(rec, "org_id"))
		return WS_OK;
	buf_setf(why, "本组织的支出由上级党组织审批");
	return WS_FORBIDDEN;
}

static const char *const from_submitted[] = { "submitted", NULL };
static const char *const from_approved[] = { "approved", NULL };
static const char *const from_undecided[] = { "submitted", "approved", NULL };

static const struct action fund_actions[] = {
	{ .name = "record", .label = "入账", .to = "recorded", .date_field = "entry_on",
	  .flags = ACT_CREATE },
	{ .name = "submit", .label = "申请报销", .to = "submitted", .date_field = "entry_on",
	  .flags = ACT_CREATE },
	{ .name = "approve", .label = "审批通过", .from = from_submitted, .to = "approved",
	  .fields = f_approve, .min_level = LEVEL_TOWN, .actor = "org_id",
	  .effects = approve_effects, .date_field = "date", .comment_field = "opinion",
	  .run = dated_run, .check = not_own_check },
	{ .name = "reimburse", .label = "报销", .from = from_approved, .to = "reimbursed",
	  .fields = f_reimburse, .min_level = LEVEL_TOWN, .actor = "org_id",
	  .effects = reimburse_effects, .date_field = "date", .run = reimburse_run },
	{ .name = "reject", .label = "退回", .from = from_undecided, .to = "rejected",
	  .fields = f_reject, .min_level = LEVEL_TOWN, .actor = "org_id", .date_field = "date",
	  .comment_field = "reason", .run = dated_run, .check = not_own_check },
	ACTION_END,
};

/* The reimbursement queue: 待审批, 待报销. */
static const char *const fund_queues[] = { "submitted", "approved", NULL };

static const struct scope_way fund_ways[] = {
	{ WAY_REF, "org_id" },
	WAY_END,
};

const struct resource res_party_funds = {
	.name = "party_funds", .label = "党建经费",
	.table = "party_funds", .fields = fund_fields, .scope = fund_ways,
	.label_expr = "COALESCE(r.purpose, r.entry_on)", .state_field = "status",
	.actions = fund_actions,
	.queues = fund_queues, .hooks = &fund_hooks, .default_sort = "-entry_on",
	.flags = RES_NO_DELETE,
};
