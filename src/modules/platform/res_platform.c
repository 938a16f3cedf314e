/* res_platform: the platform's own ledgers — divisions, organisations, persons
 * and enterprises — and their rules (ID number agreement, the organisation
 * tree). The accounts are in res_users.c. */
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "domain/idcard.h"
#include "store/org_tree.h"

#define END FIELD_END

/* ---- divisions ---- */

static const struct field division_fields[] = {
	{ "code", "区划代码", FT_STRING, F_REQUIRED | F_LIST | F_FILTER | F_SORT | F_SEARCH | F_UNIQUE | F_CREATE_ONLY, NULL, NULL, 12, NULL },
	{ "name", "名称", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH, NULL, NULL, 100, NULL },
	{ "short_name", "简称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH, NULL, NULL, 50, NULL },
	{ "level", "级别", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT, NULL, NULL, 0, NULL },
	{ "parent_code", "上级代码", FT_STRING, F_LIST | F_FILTER, NULL, NULL, 12, NULL },
	END,
};

const struct resource res_divisions = {
	.name = "divisions", .label = "行政区划",
	.table = "divisions", .fields = division_fields,
	.label_field = "short_name", .flags = RES_READONLY, .default_sort = "code",
};

/* ---- organisations ---- */

static const struct enum_value org_kinds[] = {
	{ "park_committee", "园区党工委" },
	{ "composite_committee", "综合党委" },
	{ "party_committee", "党委" },
	{ "general_branch", "党总支" },
	{ "branch", "党支部" },
	{ "service_center", "党群服务中心" },
	{ "guidance_station", "党建工作指导站" },
	{ "village_committee", "村(居)委会" },
	{ "department", "部门" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct field org_fields[] = {
	{ "name", "组织名称", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH, NULL, NULL, 100, NULL },
	{ "kind", "组织类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, org_kinds, NULL, 0, NULL },
	{ "parent_id", "上级组织", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "division_code", "所在地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER | F_CARD, NULL, NULL, 0, NULL },
	{ "enterprise_id", "所在企业", FT_REF, F_FILTER, NULL, "enterprises", 0, NULL },
	{ "established_on", "成立日期", FT_DATE, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	/* 园区党建 (modules/party): the secretary follows the org's staff rows of role secretary */
	{ "standardized", "标准化规范化建设达标", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "standardized_on", "达标日期", FT_DATE, F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "incubator", "育新支部", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "secretary_person_id", "书记", FT_REF, F_READONLY | F_FILTER, NULL, "persons", 0, NULL },
	{ "secretary_is_investor", "主要出资人担任书记", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	END,
};

static int orgs_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 json_t *before, json_t *errors, struct buf *err)
{
	json_t *parent = json_object_get(rec, "parent_id");
	long long self = before ? json_integer_value(json_object_get(before, "id")) : 0;
	int r;

	if (!self || !json_is_integer(parent))
		return 0;
	r = org_tree_is_descendant(ctx->db, ctx->a, json_integer_value(parent), self, err);
	if (r == 1)
		json_object_set_new(errors, "parent_id",
				    json_string("上级组织不能是本组织或其下级组织"));
	return r < 0 ? -1 : 0;
}

static int orgs_after_write(struct request_ctx *ctx, const struct resource *res, long long id,
			    json_t *rec, json_t *before, struct buf *err)
{
	json_t *parent = json_object_get(rec, "parent_id");

	if (before && json_equal(parent, json_object_get(before, "parent_id")))
		return 0;
	return org_tree_place(ctx->db, ctx->a, id,
			      json_is_integer(parent) ? json_integer_value(parent) : 0, err);
}

static const struct resource_hooks org_hooks = {
	.validate = orgs_validate,
	.after_write = orgs_after_write,
};

/* An organisation is seen by its area, by the users of its subtree and by
 * the enterprise it belongs to. */
static const struct scope_way org_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ORG, "id" },
	{ WAY_ENTERPRISE, "enterprise_id" },
	WAY_END,
};

const struct resource res_orgs = {
	.name = "orgs", .label = "党组织",
	.table = "orgs", .fields = org_fields, .scope = org_ways,
	.label_field = "name", .hooks = &org_hooks, .flags = RES_SEARCH_INDEX,
};

/* ---- persons ---- */

const struct enum_value person_genders[] = {
	{ "male", "男" }, { "female", "女" }, { NULL, NULL },
};

const struct enum_value person_educations[] = {
	{ "primary", "小学及以下" },
	{ "junior", "初中" },
	{ "senior", "高中/中专" },
	{ "college", "大专" },
	{ "bachelor", "本科" },
	{ "master", "硕士研究生" },
	{ "doctor", "博士研究生" },
	{ NULL, NULL },
};

const struct enum_value person_political_statuses[] = {
	{ "masses", "群众" },
	{ "league", "共青团员" },
	{ "applicant", "入党申请人" },
	{ "activist", "入党积极分子" },
	{ "candidate", "发展对象" },
	{ "probationary", "中共预备党员" },
	{ "member", "中共党员" },
	{ "other_party", "民主党派" },
	{ NULL, NULL },
};

static const struct field person_fields[] = {
	{ "name", "姓名", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH, NULL, NULL, 50, NULL },
	{ "gender", "性别", FT_ENUM, F_LIST | F_FILTER, person_genders, NULL, 0, NULL },
	{ "id_number", "身份证号", FT_ID_NUMBER, F_LIST | F_SEARCH | F_UNIQUE, NULL, NULL, 0, NULL },
	{ "birth_date", "出生日期", FT_DATE, F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "phone", "联系电话", FT_PHONE, F_LIST | F_CARD, NULL, NULL, 0, NULL },
	{ "ethnicity", "民族", FT_STRING, F_FILTER, NULL, NULL, 20, NULL },
	{ "education", "学历", FT_ENUM, F_LIST | F_FILTER, person_educations, NULL, 0, NULL },
	{ "political_status", "政治面貌", FT_ENUM, F_LIST | F_FILTER, person_political_statuses, NULL, 0, NULL },
	{ "division_code", "所在地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER | F_CARD, NULL, NULL, 0, NULL },
	{ "address", "住址", FT_STRING, 0, NULL, NULL, 200, NULL },
	{ "employer", "工作单位", FT_STRING, F_SEARCH, NULL, NULL, 100, NULL },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 0, NULL },
	END,
};

/* Birth date and gender derive from the ID number and must agree with it; when
 * the number changes, values that merely followed the old number follow the new. */
static int persons_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	json_t *idv = json_object_get(rec, "id_number");
	const char *id = json_string_value(idv);
	int id_changed = !before || !json_equal(idv, json_object_get(before, "id_number"));
	struct idcard_info info;
	const char *why = NULL;
	static const char *const derived[] = { "birth_date", "gender" };
	int i;

	if (!id || strchr(id, '*') || idcard_check(id, &info, &why))
		return 0;
	for (i = 0; i < 2; i++) {
		json_t *v = json_object_get(rec, derived[i]);
		int follows = id_changed && before &&
			      json_equal(v, json_object_get(before, derived[i]));

		if (!json_is_string(v) || follows)
			json_object_set_new(rec, derived[i],
					    json_string(i ? info.gender : info.birth_date));
	}
	if (idcard_agrees(&info, json_string_value(json_object_get(rec, "birth_date")), NULL, &why))
		json_object_set_new(errors, "birth_date", json_string(why));
	if (idcard_agrees(&info, NULL, json_string_value(json_object_get(rec, "gender")), &why))
		json_object_set_new(errors, "gender", json_string(why));
	return 0;
}

static const struct resource_hooks person_hooks = {
	.validate = persons_validate,
};

static const struct scope_way division_ways[] = {
	{ WAY_DIVISION, "division_code" },
	WAY_END,
};

const struct resource res_persons = {
	.name = "persons", .label = "人员",
	.table = "persons", .fields = person_fields, .scope = division_ways,
	.label_field = "name", .hooks = &person_hooks,
	.flags = RES_SEARCH_INDEX,
};

/* ---- enterprises ---- */

static const struct enum_value ownerships[] = {
	{ "private", "民营" }, { "state", "国有" }, { "foreign", "外资" },
	{ "joint", "合资" }, { "collective", "集体" }, { "other", "其他" }, { NULL, NULL },
};

static const struct field enterprise_fields[] = {
	{ "name", "企业名称", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH, NULL, NULL, 100, NULL },
	{ "credit_code", "统一社会信用代码", FT_CREDIT_CODE, F_LIST | F_SEARCH | F_UNIQUE, NULL, NULL, 0, NULL },
	{ "division_code", "所在地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "park_org_id", "所属园区", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "ownership", "经济类型", FT_ENUM, F_FILTER, ownerships, NULL, 0, NULL },
	{ "industry", "所属行业", FT_STRING, F_FILTER, NULL, NULL, 50, NULL },
	{ "employees", "职工人数", FT_INT, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	{ "party_org_id", "党组织", FT_REF, F_LIST, NULL, "orgs", 0, NULL },
	{ "has_union", "建有工会", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "has_youth_league", "建有共青团", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "has_womens_federation", "建有妇联", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "instructor_person_id", "党建指导员", FT_REF, 0, NULL, "persons", 0, NULL },
	{ "commissioner_person_id", "企业特派员", FT_REF, 0, NULL, "persons", 0, NULL },
	/* 党的工作覆盖: a party organisation of its own or an instructor (modules/party) */
	{ "work_covered", "党的工作已覆盖", FT_BOOL, F_VIRTUAL | F_NO_IMPORT | F_FILTER, NULL, NULL, 0,
	  "(CASE WHEN t.party_org_id IS NOT NULL OR t.instructor_person_id IS NOT NULL THEN 1 ELSE 0 END)" },
	END,
};

/* An enterprise is seen by its area, by its own users and by the users of
 * the park or party organisation it belongs to. */
static const struct scope_way enterprise_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ENTERPRISE, "id" },
	{ WAY_ORG, "park_org_id" },
	{ WAY_ORG, "party_org_id" },
	WAY_END,
};

const struct resource res_enterprises = {
	.name = "enterprises", .label = "企业",
	.table = "enterprises", .fields = enterprise_fields, .scope = enterprise_ways,
	.label_field = "name",
	.flags = RES_SEARCH_INDEX,
};
