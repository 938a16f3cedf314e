/* res_talent_work: how reserve talents are trained and tempered — trainings
 * (县委党校专题培训, 镇级能力提升课堂, 田间课堂) with their attendance (人次),
 * and placements (跟岗锻炼, 试岗锻炼, 轮岗) at host organisations. */
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_common.h"
#include "modules/talent/talent_store.h"

#define END FIELD_END

static void check_period(json_t *rec, const char *start, const char *end, json_t *errors)
{
	const char *s = talent_common_str(rec, start), *e = talent_common_str(rec, end);

	if (s && e && strcmp(e, s) < 0)
		json_object_set_new(errors, end, json_string("结束日期不能早于开始日期"));
}

/* ---- trainings ---- */

static const struct enum_value training_kinds[] = {
	{ "party_school", "县委党校专题培训" },
	{ "town_class", "镇级能力提升课堂" },
	{ "field_class", "田间课堂" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct field training_fields[] = {
	{ "title", "培训名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 100, NULL },
	{ "kind", "培训类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, training_kinds, NULL, 0, NULL },
	{ "division_code", "举办地区", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "organizer_org_id", "主办单位", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "start_on", "开始日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "end_on", "结束日期", FT_DATE, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	{ "hours", "学时", FT_INT, F_LIST, NULL, NULL, 0, NULL },
	{ "location", "地点", FT_STRING, F_LIST, NULL, NULL, 100, NULL },
	END,
};

static int trainings_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			      json_t *before, json_t *errors, struct buf *err)
{
	json_t *hours = json_object_get(rec, "hours");

	check_period(rec, "start_on", "end_on", errors);
	if (json_is_integer(hours) && (json_integer_value(hours) < 0 || json_integer_value(hours) > 10000))
		json_object_set_new(errors, "hours", json_string("学时应为 0 到 10000"));
	return 0;
}

static const struct resource_hooks training_hooks = {
	.validate = trainings_validate,
};

/* Held in the caller's area, or attended by people the caller sees: a county
 * training counts in a village's 人次, so the village sees it (not changes it). */
static const struct scope_way training_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_CHILD, "training_id", "training_attendance" },
	WAY_END,
};

const struct resource res_trainings = {
	.name = "trainings", .label = "培训",
	.table = "trainings", .fields = training_fields, .scope = training_ways,
	.label_field = "title", .hooks = &training_hooks,
	.default_sort = "-start_on",
};

/* ---- attendance: one row is one 人次 ---- */

static const struct field attendance_fields[] = {
	{ "training_id", "培训", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "trainings", 0, NULL },
	{ "person_id", "参训人员", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "persons", 0, NULL },
	{ "start_on", "培训日期", FT_DATE, F_VIRTUAL | F_NO_IMPORT | F_LIST | F_SORT, NULL, NULL, 0,
	  "(SELECT tr.start_on FROM trainings tr WHERE tr.id = t.training_id)" },
	END,
};

static int attendance_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			       json_t *before, json_t *errors, struct buf *err)
{
	long long training = talent_common_int(rec, "training_id");
	long long person = talent_common_int(rec, "person_id");
	long long self = before ? talent_common_int(before, "id") : 0, other;

	if (!training || !person)
		return 0;
	other = talent_store_find_attendance(ctx->db, ctx->a, training, person, self, err);
	if (other > 0)
		json_object_set_new(errors, "person_id", json_string("该人员已登记参加本次培训"));
	return other < 0 ? -1 : 0;
}

static const struct resource_hooks attendance_hooks = {
	.validate = attendance_validate,
};

/* Of a training the caller sees, or of a person the caller sees (their own
 * people at a county training). */
static const struct scope_way attendance_ways[] = {
	{ WAY_REF, "training_id" },
	{ WAY_REF, "person_id" },
	WAY_END,
};

const struct resource res_training_attendance = {
	.name = "training_attendance", .label = "参训人次",
	.table = "training_attendance", .fields = attendance_fields, .scope = attendance_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.hooks = &attendance_hooks, .default_sort = "-id",
};

/* ---- placements ---- */

static const struct enum_value placement_kinds[] = {
	{ "shadowing", "跟岗锻炼" }, { "trial_post", "试岗锻炼" }, { "rotation", "轮岗" },
	{ NULL, NULL },
};

static const struct field placement_fields[] = {
	{ "talent_id", "后备力量", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "talents", 0, NULL },
	{ "kind", "锻炼方式", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, placement_kinds, NULL, 0, NULL },
	{ "host_org_id", "锻炼单位", FT_REF, F_LIST | F_FILTER, NULL, "orgs", 0, NULL },
	{ "post", "岗位", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 50, NULL },
	{ "start_on", "开始日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "end_on", "结束日期", FT_DATE, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	{ "tasks", "参与工作", FT_TEXT, 0, NULL, NULL, 0, NULL },
	{ "evaluation", "锻炼评价", FT_TEXT, 0, NULL, NULL, 0, NULL },
	END,
};

static int placements_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			       json_t *before, json_t *errors, struct buf *err)
{
	long long talent = talent_common_int(rec, "talent_id");

	check_period(rec, "start_on", "end_on", errors);
	if (talent && !before) {
		json_t *t = generic_load(ctx, &res_talents, talent, 0);
		const char *st = talent_common_str(t, "status");

		if (!st || (strcmp(st, "admitted") && strcmp(st, "exited")))
			json_object_set_new(errors, "talent_id",
					    json_string("只能安排已入库的后备力量锻炼"));
		json_decref(t);
	}
	return 0;
}

static const struct resource_hooks placement_hooks = {
	.validate = placements_validate,
};

static const struct scope_way placement_ways[] = {
	{ WAY_REF, "talent_id" },
	WAY_END,
};

const struct resource res_placements = {
	.name = "placements", .label = "跟岗试岗锻炼",
	.table = "placements", .fields = placement_fields, .scope = placement_ways,
	.label_field = "post",
	.hooks = &placement_hooks, .default_sort = "-start_on",
};
