/* res_org_staff: who staffs the five-level system and as what — 专职副书记,
 * 党务干部, 党建指导员 (stationed with an enterprise: 驻点企业), 书记, 委员 — from
 * when to when. The current secretary of an organisation and the instructor
 * of an enterprise follow these rows. */
#include "modules/party/party.h"

#include <string.h>

#include "api/generic.h"
#include "domain/date.h"
#include "modules/party/party_common.h"
#include "modules/party/party_rules.h"
#include "modules/party/party_store.h"
#include "modules/platform/platform.h"

#define V F_VIRTUAL

static const struct enum_value staff_roles[] = {
	{ "deputy_secretary", "专职副书记" },
	{ "party_worker", "党务干部" },
	{ "instructor", "党建指导员" },
	{ "secretary", "书记" },
	{ "member", "委员" },
	{ NULL, NULL },
};

static const struct field staff_fields[] = {
	{ "org_id", "所在组织", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "orgs" },
	{ "person_id", "人员", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_FILTER, NULL, "persons" },
	{ "name", "姓名", FT_STRING, V | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 0, PARTY_PERSON("name") },
	{ "gender", "性别", FT_ENUM, V | F_LIST | F_FILTER, person_genders, NULL, 0, PARTY_PERSON("gender") },
	{ "phone", "联系电话", FT_PHONE, V | F_LIST, NULL, NULL, 0, PARTY_PERSON("phone%s") },
	{ "role", "职务", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, staff_roles },
	{ "enterprise_id", "驻点企业", FT_REF, F_LIST | F_FILTER, NULL, "enterprises" },
	{ "start_on", "任职日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "end_on", "离任日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 500 },
	FIELD_END,
};

/* A 名册 row names the person by 姓名 and 身份证号 (party_roster.c). */
static const struct field staff_import_columns[] = {
	PARTY_ROSTER_COLUMNS,
	FIELD_END,
};

static int staff_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	const char *role = party_str(rec, "role"), *why = NULL;
	long long self = before ? party_int(before, "id") : 0, other;

	if (party_rules_staff_dates(party_str(rec, "start_on"), party_str(rec, "end_on"), &why))
		json_object_set_new(errors, "end_on", json_string(why));
	if (party_int(rec, "enterprise_id") && role && strcmp(role, "instructor"))
		json_object_set_new(errors, "enterprise_id",
				    json_string("只有党建指导员登记驻点企业"));
	if (json_object_size(errors) || !role || party_str(rec, "end_on"))
		return 0;
	other = party_store_open_post(ctx->db, ctx->a, party_int(rec, "org_id"),
				      party_int(rec, "person_id"), role,
				      party_int(rec, "enterprise_id"), self, err);
	if (other < 0)
		return -1;
	if (other)
		json_object_set_new(errors, "role", json_string(party_int(rec, "enterprise_id")
			? "该指导员已驻点该企业" : "该人员已在该组织担任此职务"));
	return 0;
}

/* What a row makes its organisation's secretary (role secretary) or its
 * enterprise's instructor: `column` of `target` becomes the person while the
 * row is held today, and stops naming the person when it no longer is. */
static int follow(struct request_ctx *ctx, const struct resource *target, long long id,
		  const char *column, long long person, int held, struct buf *err)
{
	json_t *rec;
	long long now;

	if (!id)
		return 0;
	rec = generic_load(ctx, target, id, 0);
	if (!rec) {
		buf_setf(err, "%s %lld not found", target->name, id);
		return -1;
	}
	now = party_int(rec, column);
	json_decref(rec);
	if (held && now != person)
		return generic_update(ctx, target, id, json_pack("{s:I}", column, (json_int_t)person),
				    err);
	if (!held && now == person)
		return generic_update(ctx, target, id, json_pack("{s:n}", column), err);
	return 0;
}

static int staff_after_write(struct request_ctx *ctx, const struct resource *res, long long id,
			     json_t *rec, json_t *before, struct buf *err)
{
	static const struct {
		const char *role, *field, *column;
		const struct resource *target;
	} follows[] = {
		{ "secretary", "org_id", "secretary_person_id", &res_orgs },
		{ "instructor", "enterprise_id", "instructor_person_id", &res_enterprises },
	};
	long long person = party_int(rec, "person_id");
	char today[DATE_SIZE];
	size_t i;

	date_today(today);
	for (i = 0; i < sizeof(follows) / sizeof(follows[0]); i++) {
		const char *role = party_str(rec, "role"), *was = before ? party_str(before, "role") : NULL;
		long long target = party_int(rec, follows[i].field);
		long long old = before ? party_int(before, follows[i].field) : 0;
		int held = role && !strcmp(role, follows[i].role) &&
			   party_rules_serving(party_str(rec, "start_on"), party_str(rec, "end_on"), today);

		/* moved to another organisation or enterprise, or no longer this role */
		if (old && was && !strcmp(was, follows[i].role) && (old != target || !held) &&
		    follow(ctx, follows[i].target, old, follows[i].column, person, 0, err))
			return -1;
		if (role && !strcmp(role, follows[i].role) &&
		    follow(ctx, follows[i].target, target, follows[i].column, person, held, err))
			return -1;
	}
	return 0;
}

static const struct resource_hooks staff_hooks = {
	.validate = staff_validate,
	.after_write = staff_after_write,
	.import_row = party_roster_import_row,
};

/* Seen by whoever sees the organisation (its area, its subtree's users). */
static const struct scope_way staff_ways[] = {
	{ WAY_REF, "org_id" },
	WAY_END,
};

const struct resource res_org_staff = {
	.name = "org_staff", .label = "党务工作力量",
	.table = "org_staff", .fields = staff_fields, .scope = staff_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.hooks = &staff_hooks, .default_sort = "-id", .import_columns = staff_import_columns,
};
