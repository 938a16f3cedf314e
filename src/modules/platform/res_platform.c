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
	{ "male", "男", "男性" }, { "female", "女", "女性" }, { NULL, NULL },
};

/* 学历: the levels of GB/T 4658-2006 (学历代码) folded into the ones the
 * statistics count, with the code table's names and the short forms clerks write. */
const struct enum_value person_educations[] = {
	{ "primary", "小学及以下", "小学|小学毕业|小学以下|文盲|半文盲|不识字" },
	{ "junior", "初中", "初级中学|初中毕业" },
	{ "senior", "高中/中专", "高中|中专|普通高中|普通高级中学|高中毕业|职业高中|职高|中等专业学校|"
				 "中等专科学校|中专毕业|中等职业学校|中职|技工学校|技校|高中及中专" },
	{ "college", "大专", "大学专科|专科|大专毕业|专科毕业|高职|高等职业教育|大学专科和专科学校" },
	{ "bachelor", "本科", "大学本科|本科毕业|大学本科毕业|学士" },
	{ "master", "硕士研究生", "研究生|硕士|硕士研究生毕业|研究生毕业" },
	{ "doctor", "博士研究生", "博士|博士研究生毕业" },
	{ NULL, NULL },
};

/* 政治面貌: GB/T 4762-1984 (政治面貌代码) names and their common short forms. */
const struct enum_value person_political_statuses[] = {
	{ "masses", "群众", "普通群众" },
	{ "league", "共青团员", "中国共产主义青年团团员|团员|共青团" },
	{ "applicant", "入党申请人", NULL },
	{ "activist", "入党积极分子", "积极分子|入党积极份子" },
	{ "candidate", "发展对象", "入党发展对象" },
	{ "probationary", "中共预备党员", "中国共产党预备党员|预备党员" },
	{ "member", "中共党员", "中国共产党党员|党员|共产党员|正式党员|中共正式党员" },
	{ "other_party", "民主党派", "民革会员|民盟盟员|民建会员|民进会员|农工党党员|致公党党员|"
				   "九三学社社员|台盟盟员|民主党派成员" },
	{ NULL, NULL },
};

static const struct field person_fields[] = {
	{ "name", "姓名", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH | F_NAME, NULL, NULL, 50, NULL },
	{ "gender", "性别", FT_ENUM, F_LIST | F_FILTER, person_genders, NULL, 0, NULL },
	{ "id_number", "身份证号", FT_ID_NUMBER, F_LIST | F_SEARCH | F_UNIQUE, NULL, NULL, 0, NULL },
	{ "birth_date", "出生日期", FT_DATE, F_LIST | F_SORT | F_FILTER | F_MONTH, NULL, NULL, 0, NULL, "出生年月|出生年月日|出生时间" },
	{ "phone", "联系电话", FT_PHONE, F_LIST | F_CARD, NULL, NULL, 0, NULL },
	{ "ethnicity", "民族", FT_STRING, F_FILTER, NULL, NULL, 20, NULL },
	{ "education", "学历", FT_ENUM, F_LIST | F_FILTER, person_educations, NULL, 0, NULL, PERSON_EDUCATION_HEADERS },
	{ "political_status", "政治面貌", FT_ENUM, F_LIST | F_FILTER, person_political_statuses, NULL, 0, NULL, PERSON_POLITICAL_HEADERS },
	{ "division_code", "所在地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER | F_CARD, NULL, NULL, 0, NULL,
	  "所在村|所在村(社区)|村(社区)|所属村(社区)|所属村|所属地区|所在社区" },
	{ "address", "住址", FT_STRING, 0, NULL, NULL, 200, NULL, "家庭住址|现住址|居住地址|家庭地址|住所" },
	{ "employer", "工作单位", FT_STRING, F_SEARCH, NULL, NULL, 100, NULL, "所在单位|单位|单位名称" },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 0, NULL },
	END,
};

/* Birth date and gender derive from the ID number and must agree with it; when
 * the number changes, values that merely followed the old number follow the new.
 * A birth month alone (出生年月 “1990.05” in a 台账) takes its day from the ID
 * number; without one it is refused rather than stored as the 1st. */
static int persons_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	json_t *idv = json_object_get(rec, "id_number");
	const char *id = json_string_value(idv);
	int id_changed = !before || !json_equal(idv, json_object_get(before, "id_number"));
	struct idcard_info info;
	const char *why = NULL;
	static const char *const derived[] = { "birth_date", "gender" };
	int month = json_is_true(json_object_get(rec, "birth_date" RECORD_MONTH_SUFFIX));
	int i;

	if (!id || strchr(id, '*') || idcard_check(id, &info, &why)) {
		if (month)
			json_object_set_new(errors, "birth_date",
					    json_string("出生日期只有年月，应填写到日，或填写身份证号"));
		return 0;
	}
	if (month) {
		const char *b = json_string_value(json_object_get(rec, "birth_date"));

		if (b && !strncmp(b, info.birth_date, 7))
			json_object_set_new(rec, "birth_date", json_string(info.birth_date));
	}
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
	{ "private", "民营", "私营|民营企业|私营企业" },
	{ "state", "国有", "国有企业|国企|国有控股" },
	{ "foreign", "外资", "外商独资|外资企业|外商投资" },
	{ "joint", "合资", "中外合资|合资企业|中外合作" },
	{ "collective", "集体", "集体企业" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct field enterprise_fields[] = {
	{ "name", "企业名称", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH, NULL, NULL, 100, NULL, "企业全称|单位名称" },
	{ "credit_code", "统一社会信用代码", FT_CREDIT_CODE, F_LIST | F_SEARCH | F_UNIQUE, NULL, NULL, 0, NULL },
	{ "division_code", "所在地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "park_org_id", "所属园区", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "ownership", "经济类型", FT_ENUM, F_FILTER, ownerships, NULL, 0, NULL },
	{ "industry", "所属行业", FT_STRING, F_FILTER, NULL, NULL, 50, NULL },
	{ "employees", "职工人数", FT_INT, F_LIST | F_SORT, NULL, NULL, 0, NULL, "员工人数|从业人员数|职工数" },
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
