/* res_party_members: the party members' roll (党员名册) — one active row per
 * person, in a branch, with 入党时间, 转正, position level (高管, 中层, 业务骨干…,
 * for the share of managers and key staff) and 学历提升; 转出 and 去世 keep
 * the row. Party development (talent module) places its new members here. */
#include "modules/party/party.h"

#include <string.h>

#include "api/generic.h"
#include "api/transition.h"
#include "domain/date.h"
#include "modules/party/party_common.h"
#include "modules/party/party_rules.h"
#include "modules/party/party_store.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent_common.h"

#define V F_VIRTUAL

static const struct enum_value position_levels[] = {
	{ "manager", "高管" },
	{ "middle", "中层" },
	{ "key_staff", "业务骨干" },
	{ "staff", "普通职工" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct enum_value member_statuses[] = {
	{ "active", "在册" },
	{ "transferred_out", "已转出" },
	{ "deceased", "已去世" },
	{ NULL, NULL },
};

static const struct field member_fields[] = {
	{ "person_id", "人员", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_FILTER, NULL, "persons" },
	{ "name", "姓名", FT_STRING, V | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 0, PARTY_PERSON("name") },
	{ "gender", "性别", FT_ENUM, V | F_LIST | F_FILTER, person_genders, NULL, 0, PARTY_PERSON("gender") },
	{ "birth_date", "出生日期", FT_DATE, V | F_NO_IMPORT | F_SORT, NULL, NULL, 0, PARTY_PERSON("birth_date") },
	{ "education", "学历", FT_ENUM, V | F_LIST | F_FILTER, person_educations, NULL, 0, PARTY_PERSON("education") },
	{ "phone", "联系电话", FT_PHONE, V, NULL, NULL, 0, PARTY_PERSON("phone%s") },
	{ "branch_org_id", "所在党组织", FT_REF, F_LIST | F_FILTER, NULL, "orgs" },
	{ "joined_on", "入党时间", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "full_on", "转正日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "position_level", "岗位层级", FT_ENUM, F_LIST | F_FILTER, position_levels },
	{ "in_degree_program", "参加学历提升", FT_BOOL, F_LIST | F_FILTER },
	{ "status", "状态", FT_ENUM, F_READONLY | F_LIST | F_FILTER, member_statuses },
	{ "left_on", "转出（去世）日期", FT_DATE, F_READONLY | F_SORT | F_FILTER },
	{ "left_to", "转往单位", FT_STRING, F_READONLY, NULL, NULL, 100 },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 500 },
	FIELD_END,
};

static const struct field member_import_columns[] = {
	PARTY_ROSTER_COLUMNS,
	FIELD_END,
};

static int members_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	long long person = party_int(rec, "person_id");
	long long self = before ? party_int(before, "id") : 0, other;
	const char *field = NULL, *why = NULL;
	char today[DATE_SIZE];

	if (!party_str(rec, "status"))
		json_object_set_new(rec, "status", json_string("active"));
	date_today(today);
	if (party_rules_member_dates(party_str(rec, "joined_on"), party_str(rec, "full_on"),
				     party_str(rec, "left_on"), today, &field, &why))
		json_object_set_new(errors, field, json_string(why));
	if (!person || strcmp(party_str(rec, "status"), "active"))
		return 0;
	other = party_store_active_member(ctx->db, ctx->a, person, self, err);
	if (other < 0)
		return -1;
	if (other)
		json_object_set_new(errors, "person_id", json_string("该人员已在党员名册中"));
	return 0;
}

/* A member on the roll is a party member (中共党员 or 中共预备党员 before 转正). */
static int members_after_write(struct request_ctx *ctx, const struct resource *res, long long id,
			       json_t *rec, json_t *before, struct buf *err)
{
	char today[DATE_SIZE];

	if (strcmp(party_str(rec, "status"), "active"))
		return 0;
	date_today(today);
	return talent_common_set_political_status(ctx, party_int(rec, "person_id"),
		party_rules_political_status(party_str(rec, "joined_on"), party_str(rec, "full_on"),
					     today), err);
}

static const struct resource_hooks member_hooks = {
	.validate = members_validate,
	.after_write = members_after_write,
	.import_row = party_roster_import_row,
};

/* ---- 转出, 去世 ---- */

static const struct field f_transfer[] = {
	{ "date", "转出日期", FT_DATE, F_REQUIRED },
	{ "left_to", "转往单位", FT_STRING, F_REQUIRED, NULL, NULL, 100 },
	FIELD_END,
};
static const struct field f_decease[] = {
	{ "date", "去世日期", FT_DATE, F_REQUIRED },
	FIELD_END,
};
static const struct field f_register[] = {
	{ "branch_org_id", "所在党组织", FT_REF, 0, NULL, "orgs" },
	FIELD_END,
};

static const struct effect transfer_effects[] = {
	{ EFFECT_STAMP, "left_on" }, { EFFECT_COPY, "left_to" }, EFFECT_END,
};
static const struct effect decease_effects[] = { { EFFECT_STAMP, "left_on" }, EFFECT_END };

/* The day of leaving is neither before joining nor after today. */
static int leave_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
		     struct buf *err)
{
	const char *field = NULL, *why = NULL;
	char today[DATE_SIZE];

	date_today(today);
	if (party_rules_member_dates(party_str(call->before, "joined_on"), NULL, call->on, today,
				     &field, &why)) {
		json_object_set_new(errors, "date", json_string(why));
		return WS_INVALID;
	}
	return WS_OK;
}

static const char *const from_active[] = { "active", NULL };

static const struct action member_actions[] = {
	{ .name = "register", .label = "登记", .to = "active", .fields = f_register,
	  .date_field = "joined_on", .flags = ACT_CREATE },
	{ .name = "transfer_out", .label = "转出", .from = from_active, .to = "transferred_out",
	  .fields = f_transfer, .effects = transfer_effects, .date_field = "date",
	  .comment_field = "left_to", .run = leave_run },
	{ .name = "decease", .label = "去世", .from = from_active, .to = "deceased",
	  .fields = f_decease, .effects = decease_effects, .date_field = "date", .run = leave_run },
	ACTION_END,
};

/* Seen by whoever sees the branch, and by the area the person lives in. */
static const struct scope_way member_ways[] = {
	{ WAY_REF, "branch_org_id" },
	{ WAY_REF, "person_id" },
	WAY_END,
};

const struct resource res_party_members = {
	.name = "party_members", .label = "党员名册",
	.table = "party_members", .fields = member_fields, .scope = member_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.state_field = "status", .actions = member_actions, .hooks = &member_hooks,
	.default_sort = "-id", .import_columns = member_import_columns,
};

/* ---- following party development ---- */

int party_members_follow_development(struct request_ctx *ctx, json_t *dev, json_t *before,
				     struct buf *err)
{
	const char *stage = party_str(dev, "stage");
	const char *was = before ? party_str(before, "stage") : NULL;
	long long person = party_int(dev, "person_id"), member;
	json_t *set;

	if (!stage || (strcmp(stage, "probationary") && strcmp(stage, "full")) ||
	    (was && !strcmp(was, stage)))
		return 0;
	member = party_store_active_member(ctx->db, ctx->a, person, 0, err);
	if (member < 0)
		return -1;
	set = json_object();
	if (party_str(dev, "probationary_on"))
		json_object_set(set, "joined_on", json_object_get(dev, "probationary_on"));
	if (party_str(dev, "full_on"))
		json_object_set(set, "full_on", json_object_get(dev, "full_on"));
	if (party_int(dev, "branch_org_id"))
		json_object_set(set, "branch_org_id", json_object_get(dev, "branch_org_id"));
	if (member)
		return generic_update(ctx, &res_party_members, member, set, err);
	{
		json_t *errors = json_object(), *after = NULL;
		int status;

		json_object_set_new(set, "person_id", json_integer(person));
		json_object_set_new(set, "status", json_string("active"));
		status = generic_write(ctx, &res_party_members, set, NULL, -1, "create", errors,
				       &after, err);
		if (status && !err->len)
			buf_setf(err, "party member of person %lld: %d", person, status);
		json_decref(errors);
		json_decref(after);
		json_decref(set);
		return status ? -1 : 0;
	}
}
