/* res_tickets: the tickets ledger and its actions — declarations, plus the
 * few rules that are truly the ticket's: the category of its kind, the
 * requester, the SLA due date in working days, whether it was answered in
 * time, and which kinds may be claimed and published. */
#include "modules/tickets/tickets.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/generic.h"
#include "domain/date.h"
#include "modules/platform/platform.h"
#include "modules/village/village.h"

const struct enum_value ticket_kinds[] = {
	{ "enterprise_service", "企业服务" },
	{ "project_agency", "项目代办" },
	{ "resident_wish", "微心愿" },
	{ "resident_request", "居民诉求" },
	{ "worker_appeal", "职工诉求" },
	{ "suggestion", "金点子" },
	{ "dispute", "矛盾纠纷" },
	{ NULL, NULL },
};

static const struct enum_value statuses[] = {
	{ "submitted", "已点单" },
	{ "dispatched", "已派单" },
	{ "accepted", "已接单" },
	{ "resolved", "已办结" },
	{ "closed", "已评价" },
	{ "returned", "已退回" },
	{ "withdrawn", "已撤回" },
	{ NULL, NULL },
};

static const struct enum_value ratings[] = {
	{ "satisfied", "满意" },
	{ "basic", "基本满意" },
	{ "dissatisfied", "不满意" },
	{ NULL, NULL },
};

static const struct enum_value sources[] = {
	{ "counter", "窗口受理" },
	{ "phone", "电话" },
	{ "online", "网上提交" },
	{ "visit", "走访发现" },
	{ "open311", "接口接入" },
	{ "other", "其他" },
	{ NULL, NULL },
};

#define RO F_READONLY

static const struct field ticket_fields[] = {
	{ "kind", "类型", FT_ENUM, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, ticket_kinds },
	{ "category", "类别", FT_STRING, F_REQUIRED | F_FILTER, NULL, NULL, 32 },
	{ "category_label", "类别名称", FT_STRING, F_VIRTUAL | F_NO_IMPORT | F_LIST, NULL, NULL, 0,
	  "(SELECT c.label FROM ticket_categories c WHERE c.kind = t.kind AND c.code = t.category"
	  " AND c.deleted_at IS NULL)" },
	{ "title", "事项", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "description", "具体内容", FT_TEXT, F_SEARCH, NULL, NULL, 2000 },
	{ "source", "来源", FT_ENUM, F_FILTER | F_CREATE_ONLY, sources },
	{ "visit_id", "来源走访", FT_REF, F_FILTER | F_CREATE_ONLY, NULL, "visits" },
	{ "requester_enterprise_id", "点单企业", FT_REF, F_FILTER | F_CREATE_ONLY, NULL, "enterprises" },
	{ "requester_person_id", "点单人", FT_REF, F_CREATE_ONLY, NULL, "persons" },
	{ "requester_name", "联系人", FT_STRING, F_CREATE_ONLY, NULL, NULL, 50 },
	/* the department handling it reads the number whole to call back (audited) */
	{ "requester_phone", "联系电话", FT_PHONE, F_CREATE_ONLY, .shown_to = "assignee_org_id" },
	{ "address", "地址", FT_STRING, 0, NULL, NULL, 200 },
	/* required, but defaulted from the enterprise first (tickets_validate) */
	{ "division_code", "所在地区", FT_DIVISION, F_LIST | F_FILTER | F_CREATE_ONLY },
	{ "status", "状态", FT_ENUM, RO | F_LIST | F_FILTER, statuses },
	{ "assignee_org_id", "承办单位", FT_REF, RO | F_LIST | F_FILTER, NULL, "orgs" },
	{ "assignee_person_id", "承办人", FT_REF, RO, NULL, "persons" },
	{ "due_on", "办理时限", FT_DATE, RO | F_LIST | F_SORT | F_FILTER },
	{ "extended_days", "延期工作日", FT_INT, RO },
	{ "urge_count", "催办次数", FT_INT, RO | F_FILTER },
	{ "supervised", "督办", FT_BOOL, RO | F_FILTER },
	{ "supervise_count", "督办次数", FT_INT, RO },
	{ "submitted_at", "点单时间", FT_DATETIME, F_CREATE_ONLY | F_LIST | F_SORT | F_FILTER },
	{ "dispatched_at", "派单时间", FT_DATETIME, RO | F_SORT | F_FILTER },
	{ "accepted_at", "接单时间", FT_DATETIME, RO | F_SORT },
	{ "responded_on_time", "按时响应", FT_BOOL, RO | F_FILTER },
	{ "resolved_at", "办结时间", FT_DATETIME, RO | F_SORT | F_FILTER },
	{ "resolved_on_time", "按时办结", FT_BOOL, RO | F_FILTER },
	{ "resolve_minutes", "办理用时（分钟）", FT_INT, RO },
	{ "closed_at", "评价时间", FT_DATETIME, RO | F_SORT },
	{ "resolution", "办理结果", FT_TEXT, RO },
	{ "amount_fen", "金额（如融资额）", FT_MONEY, RO | F_LIST },
	{ "rating", "评价", FT_ENUM, RO | F_LIST | F_FILTER, ratings },
	{ "rating_comment", "评价意见", FT_TEXT, RO },
	{ "reopen_count", "重办次数", FT_INT, RO | F_FILTER },
	{ "published", "已晒单", FT_BOOL, RO | F_FILTER },
	{ "public_summary", "晒单内容", FT_TEXT, RO },
	{ "claimed_by_person_id", "认领党员", FT_REF, RO | F_FILTER, NULL, "persons" },
	{ "claimed_by_org_id", "认领组织", FT_REF, RO | F_FILTER, NULL, "orgs" },
	{ "claimed", "已认领", FT_BOOL, F_VIRTUAL | F_NO_IMPORT | F_FILTER, NULL, NULL, 0,
	  "(CASE WHEN t.claimed_by_person_id IS NOT NULL OR t.claimed_by_org_id IS NOT NULL"
	  " THEN 1 ELSE 0 END)" },
	/* where a dispute arose, so that 小事不出网格 can be counted (modules/village) */
	{ "grid_id", "网格", FT_REF, F_FILTER, NULL, "grids" },
	{ "household_group_id", "十联户", FT_REF, F_FILTER, NULL, "household_groups" },
	/* handled above the village: its organisation belongs to a town or higher */
	{ "escalated", "上交处理", FT_BOOL, F_VIRTUAL | F_NO_IMPORT | F_FILTER, NULL, NULL, 0,
	  "COALESCE((SELECT CASE WHEN substr(o.division_code, 10, 3) = '000' THEN 1 ELSE 0 END"
	  " FROM orgs o WHERE o.id = t.assignee_org_id), 0)" },
	FIELD_END,
};

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static long long num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? json_integer_value(v) : 0;
}

int tickets_resident_kind(const char *kind)
{
	return kind && (!strcmp(kind, "resident_wish") || !strcmp(kind, "resident_request"));
}

/* Kinds an enterprise raises itself. */
static int enterprise_kind(const char *kind)
{
	return kind && (!strcmp(kind, "enterprise_service") || !strcmp(kind, "project_agency"));
}

/* ---- creating a ticket (点单) ---- */

static int tickets_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	const char *kind = str(rec, "kind"), *category = str(rec, "category");
	const struct principal *who = ctx->who;
	struct ticket_category cat;
	char now[DATE_TIME_SIZE];
	int r;

	if (village_ticket_place(ctx, rec, before, errors, err))
		return -1;
	if (before)
		return 0;
	date_now_rfc3339(now);
	if (!str(rec, "status"))
		json_object_set_new(rec, "status", json_string("submitted"));
	if (!str(rec, "submitted_at"))
		json_object_set_new(rec, "submitted_at", json_string(now));
	else if (strcmp(str(rec, "submitted_at"), now) > 0)
		json_object_set_new(errors, "submitted_at", json_string("点单时间不能晚于当前时间"));
	/* an enterprise's users raise their own enterprise's requests */
	if (who && who->enterprise_id && who->level == LEVEL_NONE) {
		if (!num(rec, "requester_enterprise_id"))
			json_object_set_new(rec, "requester_enterprise_id",
					    json_integer(who->enterprise_id));
		else if (num(rec, "requester_enterprise_id") != who->enterprise_id)
			json_object_set_new(errors, "requester_enterprise_id",
					    json_string("只能为本企业点单"));
	}
	if (enterprise_kind(kind) && !num(rec, "requester_enterprise_id"))
		json_object_set_new(errors, "requester_enterprise_id",
				    json_string("企业服务和项目代办事项应写明点单企业"));
	/* where it is handled: the requesting enterprise's area unless given */
	if (!str(rec, "division_code") && num(rec, "requester_enterprise_id")) {
		json_t *e = generic_load(ctx, &res_enterprises, num(rec, "requester_enterprise_id"), 0);

		if (e)
			json_object_set(rec, "division_code", json_object_get(e, "division_code"));
		json_decref(e);
	}
	if (!str(rec, "division_code"))
		json_object_set_new(errors, "division_code", json_string("所在地区不能为空"));
	if (kind && category) {
		r = tickets_category(ctx, kind, category, &cat, err);
		if (r < 0)
			return -1;
		if (!r)
			json_object_set_new(errors, "category", json_string(arena_printf(ctx->a,
				"“%s”不是%s的类别（见办理类别）", category,
				resource_enum_label(res, "kind", kind))));
	}
	return 0;
}

static const struct resource_hooks ticket_hooks = {
	.validate = tickets_validate,
};

/* ---- the actions ---- */

/* Every action may be recorded later with the time it happened (补录). */
#define AT { "at", "办理时间", FT_DATETIME }
#define OPINION { "opinion", "意见", FT_TEXT, 0, NULL, NULL, 1000 }

static const struct field f_dispatch[] = {
	/* 中心派单 names departments of the county as well as the town's own */
	{ "assignee_org_id", "承办单位", FT_REF, F_REF_ANY, NULL, "orgs" },
	{ "assignee_person_id", "承办人", FT_REF, 0, NULL, "persons" },
	{ "due_on", "办理时限", FT_DATE },
	OPINION, AT, FIELD_END,
};
static const struct field f_note[] = { OPINION, AT, FIELD_END };
static const struct field f_return[] = {
	{ "reason", "退单理由", FT_TEXT, F_REQUIRED, NULL, NULL, 1000 }, AT, FIELD_END,
};
static const struct field f_extend[] = {
	{ "days", "延期工作日", FT_INT, F_REQUIRED },
	{ "reason", "延期理由", FT_TEXT, F_REQUIRED, NULL, NULL, 1000 }, AT, FIELD_END,
};
static const struct field f_resolve[] = {
	{ "resolution", "办理结果", FT_TEXT, F_REQUIRED, NULL, NULL, 2000 },
	{ "amount_fen", "金额（如融资额）", FT_MONEY }, AT, FIELD_END,
};
static const struct field f_rate[] = {
	{ "rating", "评价", FT_ENUM, F_REQUIRED, ratings },
	{ "rating_comment", "评价意见", FT_TEXT, 0, NULL, NULL, 1000 },
	{ "reopen", "不满意，重办", FT_BOOL }, AT, FIELD_END,
};
static const struct field f_publish[] = {
	{ "public_summary", "晒单内容", FT_TEXT, F_REQUIRED, NULL, NULL, 1000 }, AT, FIELD_END,
};
static const struct field f_claim[] = {
	{ "claimed_by_person_id", "认领党员", FT_REF, 0, NULL, "persons" },
	{ "claimed_by_org_id", "认领组织", FT_REF, 0, NULL, "orgs" }, OPINION, AT, FIELD_END,
};
static const struct field f_withdraw[] = {
	{ "reason", "撤回理由", FT_TEXT, 0, NULL, NULL, 1000 }, AT, FIELD_END,
};
static const struct field f_created[] = {
	{ "source", "来源", FT_ENUM, 0, sources }, FIELD_END,
};

static const struct effect dispatch_effects[] = {
	{ EFFECT_COPY, "assignee_org_id" },
	{ EFFECT_COPY, "assignee_person_id" },
	{ EFFECT_STAMP_NOW, "dispatched_at" },
	{ EFFECT_CLEAR, "accepted_at" },
	{ EFFECT_CLEAR, "responded_on_time" },
	EFFECT_END,
};
static const struct effect accept_effects[] = { { EFFECT_STAMP_NOW, "accepted_at" }, EFFECT_END };
static const struct effect extend_effects[] = { { EFFECT_COUNT, "extended_days", "days" }, EFFECT_END };
static const struct effect urge_effects[] = { { EFFECT_COUNT, "urge_count" }, EFFECT_END };
static const struct effect supervise_effects[] = {
	{ EFFECT_SET, "supervised", "true" },
	{ EFFECT_COUNT, "supervise_count" },
	EFFECT_END,
};
static const struct effect resolve_effects[] = {
	{ EFFECT_COPY, "resolution" },
	{ EFFECT_COPY, "amount_fen" },
	{ EFFECT_STAMP_NOW, "resolved_at" },
	EFFECT_END,
};
static const struct effect rate_effects[] = {
	{ EFFECT_COPY, "rating" },
	{ EFFECT_COPY, "rating_comment" },
	{ EFFECT_STAMP_NOW, "closed_at" },
	EFFECT_END,
};
/* 重办: handled again from dispatch, the last round's outcome cleared */
static const struct effect reopen_effects[] = {
	{ EFFECT_COUNT, "reopen_count" },
	{ EFFECT_STAMP_NOW, "dispatched_at" },
	{ EFFECT_CLEAR, "accepted_at" },
	{ EFFECT_CLEAR, "responded_on_time" },
	{ EFFECT_CLEAR, "resolved_at" },
	{ EFFECT_CLEAR, "resolved_on_time" },
	{ EFFECT_CLEAR, "resolve_minutes" },
	{ EFFECT_CLEAR, "resolution" },
	{ EFFECT_CLEAR, "closed_at" },
	{ EFFECT_CLEAR, "rating" },
	{ EFFECT_CLEAR, "rating_comment" },
	EFFECT_END,
};
static const struct action_branch rate_branches[] = {
	{ "reopen", "true", "dispatched", reopen_effects },
	{ NULL },
};
static const struct effect publish_effects[] = {
	{ EFFECT_SET, "published", "true" },
	{ EFFECT_COPY, "public_summary" },
	EFFECT_END,
};
static const struct effect claim_effects[] = {
	{ EFFECT_COPY, "claimed_by_person_id" },
	{ EFFECT_COPY, "claimed_by_org_id" },
	{ EFFECT_STAMP_NOW, "accepted_at" },
	EFFECT_END,
};

/* The local day of an instant, or of now. */
static const char *day_of(struct request_ctx *ctx, const char *instant)
{
	char d[DATE_SIZE];

	if (!instant || date_local_day(instant, d))
		date_today(d);
	return arena_strdup(ctx->a, d);
}

/* 派单: to the category's default organisation unless one is named, due in
 * the category's SLA of working days unless a date is given. */
static int dispatch_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			struct buf *err)
{
	struct ticket_category cat;
	char due[DATE_SIZE];
	int r = tickets_category(ctx, str(call->before, "kind"), str(call->before, "category"), &cat,
				 err);

	if (r < 0)
		return WS_ERROR;
	if (!num(call->set, "assignee_org_id")) {
		if (!r || !cat.default_org_id) {
			json_object_set_new(errors, "assignee_org_id",
					    json_string("请选择承办单位（该类别没有默认承办单位）"));
			return WS_INVALID;
		}
		json_object_set_new(call->set, "assignee_org_id", json_integer(cat.default_org_id));
	}
	if (str(call->body, "due_on")) {
		if (strcmp(str(call->body, "due_on"), call->on) < 0) {
			json_object_set_new(errors, "due_on", json_string("办理时限不能早于派单日期"));
			return WS_INVALID;
		}
		json_object_set(call->set, "due_on", json_object_get(call->body, "due_on"));
	} else {
		if (tickets_due(ctx, call->on, r ? cat.sla_days : 10, due, err))
			return WS_ERROR;
		json_object_set_new(call->set, "due_on", json_string(due));
	}
	return WS_OK;
}

/* 签收: answered in time when accepted within one working day of the dispatch (响应率). */
static int accept_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		      struct buf *err)
{
	const char *dispatched = day_of(ctx, str(call->before, "dispatched_at"));
	char limit[DATE_SIZE];

	if (strcmp(call->at, str(call->before, "dispatched_at") ? str(call->before, "dispatched_at")
								 : "") < 0) {
		json_object_set_new(errors, "at", json_string("接单时间不能早于派单时间"));
		return WS_INVALID;
	}
	if (tickets_due(ctx, dispatched, 1, limit, err))
		return WS_ERROR;
	json_object_set_new(call->set, "responded_on_time", json_boolean(strcmp(call->on, limit) <= 0));
	return WS_OK;
}

/* 延期: the time limit moves by the working days granted. */
static int extend_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		      struct buf *err)
{
	long long days = num(call->body, "days");
	const char *due = str(call->before, "due_on");
	char moved[DATE_SIZE];

	if (days < 1 || days > 60) {
		json_object_set_new(errors, "days", json_string("延期工作日应为 1 到 60"));
		return WS_INVALID;
	}
	if (!due)
		due = call->on;
	if (tickets_due(ctx, due, (int)days, moved, err))
		return WS_ERROR;
	json_object_set_new(call->set, "due_on", json_string(moved));
	return WS_OK;
}

/* 办结: how long it took from the request, and whether within the time limit. */
static int resolve_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		       struct buf *err)
{
	const char *submitted = str(call->before, "submitted_at"), *due = str(call->before, "due_on");
	struct tm a, b;
	long long minutes = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (json_is_integer(json_object_get(call->body, "amount_fen")) &&
	    num(call->body, "amount_fen") < 0) {
		json_object_set_new(errors, "amount_fen", json_string("金额不能为负数"));
		return WS_INVALID;
	}
	if (submitted && strptime(submitted, "%Y-%m-%dT%H:%M:%SZ", &a) &&
	    strptime(call->at, "%Y-%m-%dT%H:%M:%SZ", &b))
		minutes = (long long)(timegm(&b) - timegm(&a)) / 60;
	if (minutes < 0) {
		json_object_set_new(errors, "at", json_string("办结时间不能早于点单时间"));
		return WS_INVALID;
	}
	json_object_set_new(call->set, "resolve_minutes", json_integer(minutes));
	json_object_set_new(call->set, "resolved_on_time",
			    json_boolean(!due || strcmp(call->on, due) <= 0));
	return WS_OK;
}

/* 评单 / 回访: only a dissatisfied rating may send it back (重办), with a new time limit. */
static int rate_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		    struct buf *err)
{
	struct ticket_category cat;
	char due[DATE_SIZE];
	int r;

	if (!json_is_true(json_object_get(call->body, "reopen")))
		return WS_OK;
	if (strcmp(str(call->body, "rating"), "dissatisfied")) {
		json_object_set_new(errors, "reopen", json_string("只有“不满意”的事项可以重办"));
		return WS_INVALID;
	}
	r = tickets_category(ctx, str(call->before, "kind"), str(call->before, "category"), &cat, err);
	if (r < 0 || tickets_due(ctx, call->on, r ? cat.sla_days : 10, due, err))
		return WS_ERROR;
	json_object_set_new(call->set, "due_on", json_string(due));
	return WS_OK;
}

/* 认领: a member or a branch, one of them. */
static int claim_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		     struct buf *err)
{
	if (!num(call->body, "claimed_by_person_id") && !num(call->body, "claimed_by_org_id")) {
		json_object_set_new(errors, "claimed_by_person_id",
				    json_string("请填写认领的党员或组织"));
		return WS_INVALID;
	}
	if (!str(call->before, "dispatched_at"))
		json_object_set_new(call->set, "dispatched_at", json_string(call->at));
	json_object_set_new(call->set, "responded_on_time", json_true());
	return WS_OK;
}

/* 派单 of an enterprise's or a worker's request is the town's (中心派单); a
 * village or community dispatches its residents' requests (支部派单) and its
 * disputes (调处). */
static int dispatch_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  struct buf *why)
{
	const char *kind = str(rec, "kind");

	if (!ctx->who || ctx->who->level >= LEVEL_TOWN || tickets_resident_kind(kind) ||
	    (kind && !strcmp(kind, "dispute")))
		return WS_OK;
	buf_setf(why, "%s事项由乡镇（街道）以上派单", resource_enum_label(res, "kind", str(rec, "kind")));
	return WS_FORBIDDEN;
}

static int resident_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  struct buf *why)
{
	if (tickets_resident_kind(str(rec, "kind")))
		return WS_OK;
	buf_setf(why, "只有居民的微心愿和诉求可以晒单");
	return WS_WRONG_STATE;
}

static int wish_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		      struct buf *why)
{
	if (str(rec, "kind") && !strcmp(str(rec, "kind"), "resident_wish"))
		return WS_OK;
	buf_setf(why, "只有微心愿可以认领");
	return WS_WRONG_STATE;
}

static const char *const from_new[] = { "submitted", "returned", NULL };
static const char *const from_dispatched[] = { "dispatched", NULL };
static const char *const from_handling[] = { "dispatched", "accepted", NULL };
static const char *const from_accepted[] = { "accepted", NULL };
static const char *const from_open[] = { "submitted", "dispatched", "accepted", "returned", NULL };
static const char *const from_resolved[] = { "resolved", NULL };
static const char *const from_closed[] = { "closed", NULL };
static const char *const from_claimable[] = { "submitted", "dispatched", NULL };

#define DATED .date_field = "at"

static const struct action ticket_actions[] = {
	{ .name = "submit", .label = "点单", .to = "submitted", .fields = f_created,
	  .date_field = "submitted_at", .flags = ACT_CREATE },
	{ .name = "dispatch", .label = "派单", .from = from_new, .to = "dispatched",
	  .fields = f_dispatch, .min_level = LEVEL_VILLAGE, .effects = dispatch_effects,
	  .comment_field = "opinion", .run = dispatch_run, .check = dispatch_check, DATED },
	{ .name = "accept", .label = "签收", .from = from_dispatched, .to = "accepted",
	  .fields = f_note, .min_level = LEVEL_TOWN, .actor = "assignee_org_id",
	  .effects = accept_effects, .comment_field = "opinion", .run = accept_run, DATED },
	{ .name = "return", .label = "退单", .from = from_handling, .to = "returned",
	  .fields = f_return, .min_level = LEVEL_TOWN, .actor = "assignee_org_id",
	  .comment_field = "reason", DATED },
	{ .name = "extend", .label = "延期", .from = from_accepted, .fields = f_extend,
	  .min_level = LEVEL_TOWN, .actor = "assignee_org_id", .effects = extend_effects,
	  .comment_field = "reason", .run = extend_run, DATED },
	{ .name = "urge", .label = "催办", .from = from_open, .fields = f_note,
	  .min_level = LEVEL_TOWN, .effects = urge_effects, .comment_field = "opinion", DATED },
	{ .name = "supervise", .label = "督办", .from = from_open, .fields = f_note,
	  .min_level = LEVEL_TOWN, .effects = supervise_effects, .comment_field = "opinion", DATED },
	{ .name = "resolve", .label = "办结", .from = from_accepted, .to = "resolved",
	  .fields = f_resolve, .min_level = LEVEL_TOWN, .actor = "assignee_org_id",
	  .effects = resolve_effects, .run = resolve_run, DATED },
	{ .name = "rate", .label = "评单/回访", .from = from_resolved, .to = "closed",
	  .fields = f_rate, .min_level = LEVEL_VILLAGE, .actor = "requester_enterprise_id",
	  .effects = rate_effects, .branches = rate_branches, .run = rate_run, DATED },
	{ .name = "publish", .label = "晒单", .from = from_closed, .fields = f_publish,
	  .min_level = LEVEL_VILLAGE, .effects = publish_effects, .check = resident_check, DATED },
	{ .name = "claim", .label = "认领", .from = from_claimable, .to = "accepted",
	  .fields = f_claim, .effects = claim_effects, .comment_field = "opinion",
	  .run = claim_run, .check = wish_check, DATED },
	{ .name = "withdraw", .label = "撤回", .from = from_open, .to = "withdrawn",
	  .fields = f_withdraw, .min_level = LEVEL_VILLAGE, .actor = "requester_enterprise_id",
	  .comment_field = "reason", DATED },
	ACTION_END,
};

/* The desk's queues: 待派单, 待签收, 办理中, 待评价. */
static const char *const ticket_queues[] = { "submitted", "returned", "dispatched", "accepted",
					     "resolved", NULL };

/* A ticket is seen by the area that owns it, the organisation it is dispatched
 * to (or that claimed it) and the enterprise that asked. */
static const struct scope_way ticket_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ORG, "assignee_org_id" },
	{ WAY_ORG, "claimed_by_org_id" },
	{ WAY_ENTERPRISE, "requester_enterprise_id" },
	WAY_END,
};

/* The figures of ticket_stats.c kept by county, month of submission, kind and
 * category: all of them but the overdue, which moves with the day. */
static const char *const rollup_keys[] = { "kind", "category", NULL };
static const struct rollup_measure rollup_measures[] = {
	{ "withdrawn", TICKETS_WITHDRAWN, NULL },
	{ "not_withdrawn", TICKETS_NOT_WITHDRAWN, NULL },
	{ "resolved", TICKETS_RESOLVED, NULL },
	{ "on_time", TICKETS_ON_TIME, NULL },
	{ "dispatched", TICKETS_DISPATCHED, NULL },
	{ "responded", TICKETS_RESPONDED, NULL },
	{ "rated", TICKETS_RATED, NULL },
	{ "satisfied", TICKETS_SATISFIED, NULL },
	{ "reopened", TICKETS_REOPENED, NULL },
	{ "published", TICKETS_PUBLISHED, NULL },
	{ "claimed", TICKETS_CLAIMED, NULL },
	{ "amount_fen", TICKETS_RESOLVED, "amount_fen" },
	{ "resolve_minutes", TICKETS_RESOLVED, "resolve_minutes" },
	{ "status_submitted", "status=submitted", NULL },
	{ "status_dispatched", "status=dispatched", NULL },
	{ "status_accepted", "status=accepted", NULL },
	{ "status_resolved", "status=resolved", NULL },
	{ "status_closed", "status=closed", NULL },
	{ "status_returned", "status=returned", NULL },
	{ "status_withdrawn", "status=withdrawn", NULL },
	{ NULL, NULL, NULL },
};

static const struct rollup ticket_rollup = {
	.table = "ticket_rollup", .level = DIVISION_COUNTY, .period = "submitted_at",
	.keys = rollup_keys, .measures = rollup_measures,
};
/* The 红黑榜's figures per organisation the tickets are dispatched to. */
static const char *const org_rollup_keys[] = { "assignee_org_id", NULL };
static const struct rollup_measure org_rollup_measures[] = {
	{ "dispatched", TICKETS_DISPATCHED, NULL },
	{ "responded", TICKETS_RESPONDED, NULL },
	{ "not_withdrawn", TICKETS_NOT_WITHDRAWN, NULL },
	{ "resolved", TICKETS_RESOLVED, NULL },
	{ "rated", TICKETS_RATED, NULL },
	{ "satisfied", TICKETS_SATISFIED, NULL },
	{ NULL, NULL, NULL },
};

static const struct rollup ticket_org_rollup = {
	.table = "ticket_org_rollup", .level = DIVISION_COUNTY, .period = "submitted_at",
	.keys = org_rollup_keys, .measures = org_rollup_measures,
};
static const struct rollup *const ticket_rollups[] = { &ticket_rollup, &ticket_org_rollup,
						       NULL };

const struct resource res_tickets = {
	.name = "tickets", .label = "工单", .table = "tickets", .fields = ticket_fields,
	.scope = ticket_ways, .label_field = "title", .state_field = "status",
	.actions = ticket_actions, .queues = ticket_queues, .hooks = &ticket_hooks,
	.default_sort = "-id", .flags = RES_NO_DELETE, .rollups = ticket_rollups,
};
