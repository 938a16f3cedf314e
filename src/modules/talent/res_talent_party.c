/* res_talent_party: where reserve talents go — 村两委 members (a new member
 * comes from the pool, and the appointment exits the talent with reason
 * 已进入两委) and party development 入党申请人 → 积极分子 → 发展对象 →
 * 预备党员 → 正式党员 under the durations of 《中国共产党发展党员工作细则》. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/transition.h"
#include "api/record.h"
#include "modules/party/party.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_common.h"
#include "modules/talent/talent_rules.h"
#include "modules/talent/talent_store.h"

#define END FIELD_END

/* ---- 村两委 members ---- */

static const struct enum_value bodies[] = {
	{ "party_org", "村党组织" }, { "villagers_committee", "村民委员会" }, { NULL, NULL },
};

static const struct enum_value positions[] = {
	{ "secretary", "书记" }, { "director", "主任" }, { "deputy", "副职" }, { "member", "委员" },
	{ NULL, NULL },
};

static const struct enum_value member_statuses[] = {
	{ "serving", "在任" }, { "left", "离任" }, { NULL, NULL },
};

static const struct field committee_fields[] = {
	{ "person_id", "人员", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "persons", 0, NULL },
	{ "village_code", "所在村", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "body", "班子", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, bodies, NULL, 0, NULL },
	{ "position", "职务", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, positions, NULL, 0, NULL },
	{ "term_start", "任职时间", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "term_end", "任期届满", FT_DATE, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	{ "is_new", "新进", FT_BOOL, F_CREATE_ONLY | F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "override_reason", "特批理由（非人才库人选）", FT_TEXT, F_CREATE_ONLY, NULL, NULL, 500, NULL },
	{ "talent_id", "来自后备力量", FT_REF, F_READONLY | F_LIST | F_FILTER, NULL, "talents", 0, NULL },
	{ "status", "状态", FT_ENUM, F_LIST | F_FILTER, member_statuses, NULL, 0, NULL },
	END,
};

/* A new member must be an admitted talent of the pool, unless a county-level
 * user states why not (the audit row keeps the reason). */
static int committee_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			      json_t *before, json_t *errors, struct buf *err)
{
	long long person = talent_common_int(rec, "person_id"), talent;
	const char *start = talent_common_str(rec, "term_start"), *end = talent_common_str(rec, "term_end");
	const char *reason = talent_common_str(rec, "override_reason");

	if (talent_common_check_village(ctx, rec, before, "village_code", errors, err))
		return -1;
	if (start && end && strcmp(end, start) < 0)
		json_object_set_new(errors, "term_end", json_string("任期届满日期不能早于任职时间"));
	if (!talent_common_str(rec, "status"))
		json_object_set_new(rec, "status", json_string("serving"));
	if (before)
		return 0;
	if (!json_is_boolean(json_object_get(rec, "is_new")))
		json_object_set_new(rec, "is_new", json_true());
	if (!json_is_true(json_object_get(rec, "is_new")) || !person) {
		if (reason)
			json_object_set_new(errors, "override_reason", json_string("只有新进成员需要特批理由"));
		return 0;
	}
	talent = talent_store_admitted_talent(ctx->db, ctx->a, person, err);
	if (talent < 0)
		return -1;
	if (talent) {
		json_t *t = generic_load(ctx, &res_talents, talent, 0);
		const char *admitted = talent_common_str(t, "admitted_on");
		char today[DATE_SIZE];

		date_today(today);
		if (start && strcmp(start, today) > 0)
			json_object_set_new(errors, "term_start",
					    json_string("任职时间不能晚于今天（任职后再登记）"));
		else if (start && admitted && strcmp(start, admitted) < 0)
			json_object_set_new(errors, "term_start", json_string(arena_printf(ctx->a,
				"任职时间不能早于其入库时间（%s）", admitted)));
		json_object_set_new(rec, "talent_id", json_integer(talent));
		json_decref(t);
	} else if (!reason) {
		json_object_set_new(errors, "person_id",
				    json_string("新进村两委成员应从后备力量人才库中产生"));
	} else if (!ctx->who || ctx->who->level < LEVEL_COUNTY) {
		json_object_set_new(errors, "override_reason",
				    json_string("只有县级以上用户可以特批非人才库人选"));
	}
	return 0;
}

/* Appointing an admitted talent exits the talent, in the same transaction. */
static int committee_after_write(struct request_ctx *ctx, const struct resource *res,
				 long long id, json_t *rec, json_t *before, struct buf *err)
{
	long long talent = talent_common_int(rec, "talent_id");
	json_t *body, *errors;
	int status;

	if (before || !talent)
		return 0;
	body = json_pack("{s:s, s:s, s:s}", "date", talent_common_str(rec, "term_start"),
			 "exit_reason", "joined_committee", "opinion",
			 arena_printf(ctx->a, "任%s%s", resource_enum_label(res, "body",
					talent_common_str(rec, "body")),
				      resource_enum_label(res, "position", talent_common_str(rec, "position"))));
	errors = json_object();
	status = transition_run(ctx, &res_talents, talent, resource_action(&res_talents, "exit"),
				body, -1, TRANSITION_INTERNAL, errors, NULL, err);
	if (status && !err->len) {
		char *e = json_dumps(errors, JSON_COMPACT);

		buf_setf(err, "exit of talent %lld: %d %s", talent, status, e);
		free(e);
	}
	json_decref(body);
	json_decref(errors);
	return status ? -1 : 0;
}

static const struct resource_hooks committee_hooks = {
	.validate = committee_validate,
	.after_write = committee_after_write,
};

static const struct scope_way committee_ways[] = {
	{ WAY_DIVISION, "village_code" },
	WAY_END,
};

const struct resource res_committee_members = {
	.name = "committee_members", .label = "村两委成员",
	.table = "committee_members", .fields = committee_fields, .scope = committee_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.hooks = &committee_hooks, .default_sort = "-term_start",
};

/* ---- party development ---- */

static const struct enum_value stages[] = {
	{ "applicant", "入党申请人" },
	{ "activist", "入党积极分子" },
	{ "candidate", "发展对象" },
	{ "probationary", "预备党员" },
	{ "full", "正式党员" },
	{ NULL, NULL },
};

static const struct field party_fields[] = {
	{ "person_id", "人员", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "persons", 0, NULL },
	{ "stage", "发展阶段", FT_ENUM, F_CREATE_ONLY | F_LIST | F_FILTER, stages, NULL, 0, NULL },
	{ "applied_on", "递交入党申请书日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "activist_on", "确定为积极分子日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "candidate_on", "确定为发展对象日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "probationary_on", "接收为预备党员日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "full_on", "转为正式党员日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "branch_org_id", "所在党支部", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "contact_persons", "培养联系人", FT_STRING, F_LIST, NULL, NULL, 100, NULL },
	END,
};

/* Checks the record's stage and dates; the fault goes to `field` when given,
 * else to the date column at fault. Returns -1 on a database error. */
static int party_check(struct request_ctx *ctx, json_t *rec, const char *field, json_t *errors)
{
	struct talent_rules_party p;
	struct talent_rules_party_error e;
	json_t *person = generic_load(ctx, &res_persons, talent_common_int(rec, "person_id"), 0);
	int i;

	p.stage = talent_common_str(rec, "stage");
	p.birth_date = talent_common_str(person, "birth_date");
	for (i = 0; i < TALENT_RULES_STAGES; i++)
		p.dates[i] = talent_common_str(rec, talent_rules_stage_date_field(i));
	if (talent_rules_party_check(&p, &e)) {
		const char *name = field ? field : talent_rules_stage_date_field(e.stage);
		const struct field *f = field ? NULL : resource_field(&res_party_development, name);
		const char *msg = arena_printf(ctx->a, "%s：%s", f ? f->label : "日期", e.why);

		if (e.earliest[0])
			msg = arena_printf(ctx->a, "%s（最早 %s）", msg, e.earliest);
		json_object_set_new(errors, name, json_string(msg));
	}
	json_decref(person);
	return 0;
}

static int party_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	long long person = talent_common_int(rec, "person_id");
	long long self = before ? talent_common_int(before, "id") : 0, other;

	if (!before && !talent_common_str(rec, "stage"))
		json_object_set_new(rec, "stage", json_string("applicant"));
	if (!person)
		return 0;
	other = talent_store_find_party(ctx->db, ctx->a, person, self, err);
	if (other < 0)
		return -1;
	if (other) {
		json_object_set_new(errors, "person_id", json_string("该人员已有发展党员记录"));
		return 0;
	}
	return party_check(ctx, rec, NULL, errors);
}

/* The person's political status follows the stage; a new member enters the
 * party members' roll (modules/party). */
static int party_after_write(struct request_ctx *ctx, const struct resource *res, long long id,
			     json_t *rec, json_t *before, struct buf *err)
{
	const char *stage = talent_common_str(rec, "stage");

	if (party_members_follow_development(ctx, rec, before, err))
		return -1;
	if (before && stage && talent_common_str(before, "stage") &&
	    !strcmp(stage, talent_common_str(before, "stage")))
		return 0;
	return talent_common_set_political_status(ctx, talent_common_int(rec, "person_id"),
		talent_rules_stage_political_status(talent_rules_stage_index(stage)), err);
}

static const struct resource_hooks party_hooks = {
	.validate = party_validate,
	.after_write = party_after_write,
};

static const struct field f_advance[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	END,
};

/* One stage on, dated `date`; the durations are checked against the new date. */
static int party_advance(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			 struct buf *err)
{
	int next = talent_rules_stage_index(talent_common_str(call->before, "stage")) + 1;
	const char *date = talent_common_str(call->body, "date");
	json_t *rec;
	char today[DATE_SIZE];

	if (next <= 0 || next >= TALENT_RULES_STAGES) {
		buf_setf(err, "已是正式党员，没有下一阶段");
		return WS_WRONG_STATE;
	}
	date_today(today);
	if (strcmp(date, today) > 0) {
		json_object_set_new(errors, "date", json_string("日期不能晚于今天"));
		return WS_INVALID;
	}
	json_object_set_new(call->set, "stage", json_string(talent_rules_stage_name(next)));
	json_object_set_new(call->set, talent_rules_stage_date_field(next), json_string(date));
	rec = json_deep_copy(call->before);
	json_object_update(rec, call->set);
	party_check(ctx, rec, "date", errors);
	json_decref(rec);
	return json_object_size(errors) ? WS_INVALID : WS_OK;
}

static const char *const from_unfinished[] = { "applicant", "activist", "candidate",
					       "probationary", NULL };

static const struct action party_actions[] = {
	{ .name = "advance", .label = "进入下一阶段", .from = from_unfinished, .fields = f_advance,
	  .date_field = "date", .run = party_advance },
	ACTION_END,
};

static const struct scope_way party_ways[] = {
	{ WAY_REF, "person_id" },
	WAY_END,
};

const struct resource res_party_development = {
	.name = "party_development", .label = "发展党员",
	.table = "party_development", .fields = party_fields, .scope = party_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.state_field = "stage", .actions = party_actions, .hooks = &party_hooks,
	.default_sort = "-id",
};
