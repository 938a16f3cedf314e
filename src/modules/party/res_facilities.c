/* res_facilities: the facilities (阵地) of party building — 党群服务中心,
 * 党建工作指导站, 活动室 — with their area and whether the park cleared offices
 * for them (园区清理) or an enterprise gave its space (企业腾出). */
#include "modules/party/party.h"

#include <string.h>

#include "api/generic.h"
#include "domain/date.h"
#include "modules/party/party_common.h"
#include "modules/platform/platform.h"

static const struct enum_value facility_kinds[] = {
	{ "service_center", "党群服务中心" },
	{ "guidance_station", "党建工作指导站" },
	{ "activity_room", "党员活动室" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct enum_value hosts[] = {
	{ "park_cleared", "园区清理办公用房" },
	{ "enterprise_space", "企业腾出空置场地" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct field facility_fields[] = {
	{ "name", "名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100 },
	{ "kind", "类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, facility_kinds },
	{ "org_id", "所属党组织", FT_REF, F_LIST | F_FILTER, NULL, "orgs" },
	/* required; taken from the organisation when not given (facilities_validate) */
	{ "division_code", "所在地区", FT_DIVISION, F_LIST | F_FILTER },
	{ "host", "场地来源", FT_ENUM, F_LIST | F_FILTER, hosts },
	{ "enterprise_id", "腾出场地的企业", FT_REF, F_FILTER, NULL, "enterprises" },
	{ "address", "地址", FT_STRING, 0, NULL, NULL, 200 },
	{ "area_m2", "面积（平方米）", FT_INT, F_LIST | F_SORT },
	{ "opened_on", "建成日期", FT_DATE, F_LIST | F_SORT | F_FILTER },
	FIELD_END,
};

static int facilities_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			       json_t *before, json_t *errors, struct buf *err)
{
	json_t *area = json_object_get(rec, "area_m2");
	const char *host = party_str(rec, "host"), *opened = party_str(rec, "opened_on");
	char today[DATE_SIZE];

	if (!party_str(rec, "division_code") && party_int(rec, "org_id")) {
		json_t *org = generic_load(ctx, &res_orgs, party_int(rec, "org_id"), 0);

		if (org)
			json_object_set(rec, "division_code", json_object_get(org, "division_code"));
		json_decref(org);
	}
	if (!party_str(rec, "division_code"))
		json_object_set_new(errors, "division_code",
				    json_string("所在地区不能为空（或填写所属党组织）"));
	if (json_is_integer(area) && (json_integer_value(area) < 0 || json_integer_value(area) > 1000000))
		json_object_set_new(errors, "area_m2", json_string("面积应为 0 到 1000000 平方米"));
	if (party_int(rec, "enterprise_id") && (!host || strcmp(host, "enterprise_space")))
		json_object_set_new(errors, "enterprise_id",
				    json_string("只有企业腾出的场地登记腾出场地的企业"));
	date_today(today);
	if (opened && strcmp(opened, today) > 0)
		json_object_set_new(errors, "opened_on", json_string("建成日期不能晚于今天"));
	return 0;
}

static const struct resource_hooks facility_hooks = {
	.validate = facilities_validate,
};

/* Seen by its area and by whoever sees its organisation. */
static const struct scope_way facility_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_REF, "org_id" },
	WAY_END,
};

const struct resource res_facilities = {
	.name = "facilities", .label = "党建阵地",
	.table = "facilities", .fields = facility_fields, .scope = facility_ways,
	.label_field = "name", .hooks = &facility_hooks, .default_sort = "-id",
};
