/* res_projects: what pairings deliver and who serves where they live — the
 * assistance projects (帮扶项目: funds, industry, jobs, sales, infrastructure)
 * of a village or community with their funds, jobs, progress and output (17万
 * 菌棒, 2.1 公里 道路), and the members serving as 联户长, 网格员 or 楼栋长. */
#include "modules/pairing/pairing.h"

#include <ctype.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/division.h"

static void check_period(json_t *rec, json_t *errors)
{
	const char *s = record_str(rec, "start_on"), *e = record_str(rec, "end_on");

	if (s && e && strcmp(e, s) < 0)
		json_object_set_new(errors, "end_on", json_string("结束日期不能早于开始日期"));
}

static void check_village(json_t *rec, json_t *errors)
{
	const char *code = record_str(rec, "division_code");

	if (code && division_level(code) != DIVISION_VILLAGE)
		json_object_set_new(errors, "division_code", json_string("应为村（社区）一级的区划"));
}

/* ---- assistance projects ---- */

static const struct enum_value project_kinds[] = {
	{ "funds", "资金帮扶" },
	{ "industry", "产业帮扶" },
	{ "employment", "就业吸纳" },
	{ "sales", "产品帮销" },
	{ "infrastructure", "基础设施" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct enum_value project_statuses[] = {
	{ "planned", "计划" }, { "in_progress", "实施中" }, { "done", "已完成" }, { NULL, NULL },
};

#define PAIRING(col) "(SELECT p." col " FROM pairings p WHERE p.id = t.pairing_id)"

static const struct field project_fields[] = {
	{ "title", "项目名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "kind", "帮扶方式", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, project_kinds },
	/* required, but taken from the pairing when not given (projects_validate) */
	{ "division_code", "帮扶村（社区）", FT_DIVISION, F_LIST | F_FILTER },
	{ "pairing_id", "结对", FT_REF, F_FILTER, NULL, "pairings" },
	{ "pairing_kind", "结对类型", FT_ENUM, F_VIRTUAL | F_NO_IMPORT | F_LIST | F_FILTER,
	  pairing_kinds, NULL, 0, PAIRING("kind") },
	{ "funds_fen", "帮扶资金", FT_MONEY, F_LIST | F_SORT },
	{ "jobs", "吸纳就业（人）", FT_INT, F_LIST },
	{ "persons_employed", "带动就业（人次）", FT_INT },
	{ "status", "进度状态", FT_ENUM, F_LIST | F_FILTER, project_statuses },
	{ "progress", "完成进度（%）", FT_INT, F_LIST },
	{ "start_on", "开始日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "end_on", "完成日期", FT_DATE, F_SORT | F_FILTER },
	{ "output_quantity", "产出数量", FT_STRING, F_LIST, NULL, NULL, 20 },
	{ "output_unit", "产出单位", FT_STRING, F_LIST, NULL, NULL, 20 },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	FIELD_END,
};

/* A quantity as people write it in a 台账: digits with at most one decimal point. */
static int decimal(const char *s)
{
	int digits = 0, point = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s == '.' && !point++ && digits)
			continue;
		else
			return 0;
	}
	return digits > 0 && s[-1] != '.';
}

static int projects_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			     json_t *before, json_t *errors, struct buf *err)
{
	static const char *const amounts[] = { "funds_fen", "jobs", "persons_employed", NULL };
	const char *status = record_str(rec, "status"), *q = record_str(rec, "output_quantity");
	json_t *progress = json_object_get(rec, "progress");
	int i;

	/* the place a pairing's project serves is the pairing's unless said otherwise */
	if (!record_str(rec, "division_code") && record_int(rec, "pairing_id")) {
		json_t *p = generic_load(ctx, &res_pairings, record_int(rec, "pairing_id"), 0);

		if (p)
			json_object_set(rec, "division_code", json_object_get(p, "division_code"));
		json_decref(p);
	}
	if (!record_str(rec, "division_code"))
		json_object_set_new(errors, "division_code", json_string("帮扶村（社区）不能为空"));
	check_village(rec, errors);
	check_period(rec, errors);
	for (i = 0; amounts[i]; i++)
		if (record_int(rec, amounts[i]) < 0)
			json_object_set_new(errors, amounts[i], json_string("不能为负数"));
	if (!status)
		json_object_set_new(rec, "status", json_string(status = "planned"));
	/* progress follows the state at its ends: nothing planned is done, a done one is whole */
	if (!strcmp(status, "done") && !json_is_integer(progress))
		json_object_set_new(rec, "progress", json_integer(100));
	else if (!strcmp(status, "planned") && !json_is_integer(progress))
		json_object_set_new(rec, "progress", json_integer(0));
	progress = json_object_get(rec, "progress");
	if (json_is_integer(progress) &&
	    (json_integer_value(progress) < 0 || json_integer_value(progress) > 100))
		json_object_set_new(errors, "progress", json_string("完成进度应为 0 到 100"));
	else if (!strcmp(status, "done") && json_integer_value(progress) != 100)
		json_object_set_new(errors, "progress", json_string("已完成的项目进度应为 100"));
	if (q && !decimal(q))
		json_object_set_new(errors, "output_quantity", json_string("产出数量应为数字，如 2.1"));
	if (q && !record_str(rec, "output_unit"))
		json_object_set_new(errors, "output_unit", json_string("请填写产出单位，如 公里"));
	return 0;
}

static const struct resource_hooks project_hooks = {
	.validate = projects_validate,
};

/* A project is seen by the area it serves and by those who see its pairing. */
static const struct scope_way project_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_REF, "pairing_id" },
	WAY_END,
};

const struct resource res_assistance_projects = {
	.name = "assistance_projects", .label = "帮扶项目", .table = "assistance_projects",
	.fields = project_fields, .scope = project_ways, .label_field = "title",
	.hooks = &project_hooks, .default_sort = "-id",
};

/* ---- members serving where they live ---- */

static const struct enum_value resident_roles[] = {
	{ "household_lead", "联户长" }, { "grid_worker", "网格员" }, { "building_lead", "楼栋长" },
	{ NULL, NULL },
};

static const struct field role_fields[] = {
	{ "person_id", "党员", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "persons" },
	{ "role", "担任", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, resident_roles },
	{ "division_code", "居住村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "enterprise_id", "所在企业", FT_REF, F_LIST | F_FILTER, NULL, "enterprises" },
	{ "household_group_id", "所在十联户", FT_REF, F_FILTER, NULL, "household_groups" },
	{ "start_on", "开始日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	{ "end_on", "结束日期", FT_DATE, F_SORT | F_FILTER },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	FIELD_END,
};

static int roles_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	check_village(rec, errors);
	check_period(rec, errors);
	return 0;
}

static const struct resource_hooks role_hooks = {
	.validate = roles_validate,
};

static const struct scope_way role_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ENTERPRISE, "enterprise_id" },
	WAY_END,
};

const struct resource res_resident_roles = {
	.name = "resident_roles", .label = "党员居住地服务", .table = "resident_roles",
	.fields = role_fields, .scope = role_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.hooks = &role_hooks, .default_sort = "-id",
};
