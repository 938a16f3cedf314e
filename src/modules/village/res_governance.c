/* res_governance: how a lagging village is turned round (新坪村) — the town's
 * 排队抓尾 indicators and each village's values, cadre talks and assessments,
 * 院坝协商, grids and 十联户 groups (disputes are tickets that name them),
 * civilisation activities and awards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "modules/village/village.h"
#include "modules/village/village_common.h"

#define END FIELD_END

static const struct village_bound year_bound[] = {
	{ "year", 2000, 2100, "年度应为 2000 到 2100" },
	{ NULL },
};

/* ---- 排队抓尾: indicators and values ---- */

const struct enum_value village_indicator_directions[] = {
	{ "higher_better", "越高越好" }, { "lower_better", "越低越好" }, { NULL, NULL },
};

static const struct field indicator_fields[] = {
	{ "year", "年度", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT },
	{ "code", "指标代码", FT_STRING, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 32 },
	{ "label", "指标名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH, NULL, NULL, 50 },
	{ "weight", "权重", FT_INT, F_REQUIRED | F_LIST },
	{ "direction", "方向", FT_ENUM, F_REQUIRED | F_LIST, village_indicator_directions },
	{ "unit", "单位", FT_STRING, F_LIST, NULL, NULL, 20 },
	END,
};

static const struct village_bound indicator_bounds[] = {
	{ "year", 2000, 2100, "年度应为 2000 到 2100" },
	{ "weight", 1, 1000, "权重应为 1 到 1000 的整数" },
	{ NULL },
};

static const char *const indicator_unique[] = { "year", "code", NULL };

static int indicators_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			       json_t *before, json_t *errors, struct buf *err)
{
	const char *code = village_str(rec, "code");

	village_check_bounds(rec, indicator_bounds, errors);
	if (code && strspn(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
			    != strlen(code))
		json_object_set_new(errors, "code", json_string("指标代码只能用字母、数字、下划线和连字符"));
	return village_check_unique(ctx, res, rec, before, indicator_unique, "code",
				    "这一年度已有该指标代码", errors, err);
}

static const struct resource_hooks indicator_hooks = {
	.validate = indicators_validate,
};

/* The indicators are the same for every town (no division): admins keep them. */
const struct resource res_village_indicators = {
	.name = "village_indicators", .label = "排队抓尾指标", .table = "village_indicators",
	.fields = indicator_fields, .label_field = "label", .hooks = &indicator_hooks,
	.flags = RES_READONLY, .default_sort = "-year",
};

static const struct field score_fields[] = {
	{ "year", "年度", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT },
	{ "division_code", "村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "indicator_code", "指标代码", FT_STRING, F_REQUIRED | F_LIST | F_FILTER, NULL, NULL, 32 },
	{ "indicator_label", "指标", FT_STRING, F_VIRTUAL | F_NO_IMPORT | F_LIST, NULL, NULL, 0,
	  "(SELECT i.label FROM village_indicators i WHERE i.year = t.year"
	  " AND i.code = t.indicator_code AND i.deleted_at IS NULL)" },
	/* a decimal number, kept as its shortest text (95.5, 15.9, 3) */
	{ "value", "数值", FT_STRING, F_REQUIRED | F_LIST, NULL, NULL, 24 },
	END,
};

static const char *const score_unique[] = { "year", "division_code", "indicator_code", NULL };

/* The value as a number: "95.5", " 12 ", 3, 0.25 → its shortest decimal text. */
static int normalize_value(struct request_ctx *ctx, json_t *rec)
{
	const char *s = village_str(rec, "value");
	char *end;
	double d;

	if (!s)
		return 0;
	d = strtod(s, &end);
	if (end == s || *end || d != d || d > 1e15 || d < -1e15)
		return -1;
	json_object_set_new(rec, "value", json_string(arena_printf(ctx->a, "%.15g", d + 0.0)));
	return 0;
}

static int scores_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	struct db_result r;
	struct db_param p[2];
	const char *code = village_str(rec, "indicator_code");

	/* the 排队抓尾 is the town's assessment of its villages */
	if (ctx->who && ctx->who->level < LEVEL_TOWN)
		json_object_set_new(errors, "division_code", json_string("排队抓尾指标数据由乡镇（街道）以上录入"));
	village_check_bounds(rec, year_bound, errors);
	village_check_village(rec, "division_code", errors);
	if (normalize_value(ctx, rec))
		json_object_set_new(errors, "value", json_string("数值应为数字，如 95.5"));
	if (code && json_is_integer(json_object_get(rec, "year")) &&
	    (village_changed(rec, before, "indicator_code") || village_changed(rec, before, "year"))) {
		p[0] = db_int(village_int(rec, "year"));
		p[1] = db_text(code);
		if (db_query(ctx->db, ctx->a, "SELECT id FROM village_indicators WHERE year = ?"
			     " AND code = ? AND deleted_at IS NULL", p, 2, &r, err))
			return -1;
		if (!r.nrows)
			json_object_set_new(errors, "indicator_code", json_string(arena_printf(ctx->a,
				"%lld 年度没有代码为“%s”的指标（见排队抓尾指标）", village_int(rec, "year"),
				code)));
	}
	return village_check_unique(ctx, res, rec, before, score_unique, "indicator_code",
				    "该村这一年度的这项指标已录入", errors, err);
}

static const struct resource_hooks score_hooks = {
	.validate = scores_validate,
	.filter = village_year_filter,
};

const struct resource res_village_scores = {
	.name = "village_scores", .label = "排队抓尾指标数据", .table = "village_scores",
	.fields = score_fields, .scope = village_division_ways, .label_field = "indicator_code",
	.hooks = &score_hooks, .default_sort = "-year",
};

/* ---- cadre talks and assessments ---- */

static const struct enum_value review_kinds[] = {
	{ "reminder_talk", "提醒谈话" }, { "heart_talk", "谈心谈话" },
	{ "annual_assessment", "年度考核" }, { NULL, NULL },
};

const struct enum_value village_review_grades[] = {
	{ "excellent", "优秀" }, { "competent", "称职" }, { "basic", "基本称职" },
	{ "incompetent", "不称职" }, { NULL, NULL },
};

static const struct field review_fields[] = {
	{ "person_id", "干部", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "persons" },
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "kind", "类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, review_kinds },
	{ "held_on", "日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "grade", "考核等次", FT_ENUM, F_LIST | F_FILTER, village_review_grades },
	{ "notes", "谈话或考核情况", FT_TEXT, 0, NULL, NULL, 2000 },
	END,
};

static int reviews_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	const char *kind = village_str(rec, "kind");
	int assessment = kind && !strcmp(kind, "annual_assessment");

	if (assessment && !village_str(rec, "grade"))
		json_object_set_new(errors, "grade", json_string("年度考核请填写考核等次"));
	if (kind && !assessment && village_str(rec, "grade"))
		json_object_set_new(errors, "grade", json_string("只有年度考核有考核等次"));
	return 0;
}

static const struct resource_hooks review_hooks = {
	.validate = reviews_validate,
};

const struct resource res_cadre_reviews = {
	.name = "cadre_reviews", .label = "干部谈话与考核", .table = "cadre_reviews",
	.fields = review_fields, .scope = village_division_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.hooks = &review_hooks, .default_sort = "-held_on",
};

/* ---- 院坝协商 ---- */

static const struct field consultation_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "held_on", "协商日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "place", "地点", FT_STRING, F_LIST, NULL, NULL, 100 },
	{ "topic", "议题", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH, NULL, NULL, 200 },
	{ "category", "议题类别", FT_STRING, F_LIST | F_FILTER, NULL, NULL, 50 },
	{ "participants", "参与人数", FT_INT, F_LIST },
	{ "agreed", "达成共识", FT_BOOL, F_LIST | F_FILTER },
	{ "outcome", "协商结果", FT_TEXT, 0, NULL, NULL, 2000 },
	{ "ticket_id", "跟进工单", FT_REF, F_FILTER, NULL, "tickets" },
	{ "follow_up", "跟进项目", FT_STRING, 0, NULL, NULL, 200 },
	END,
};

static const struct village_bound count_bounds[] = {
	{ "participants", 0, 100000, "人数应为 0 到 100000" },
	{ "households", 0, 100000, "户数应为 0 到 100000" },
	{ NULL },
};

static int counts_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	village_check_bounds(rec, count_bounds, errors);
	return 0;
}

static const struct resource_hooks count_hooks = {
	.validate = counts_validate,
};

const struct resource res_consultations = {
	.name = "consultations", .label = "院坝协商", .table = "consultations",
	.fields = consultation_fields, .scope = village_division_ways, .label_field = "topic",
	.hooks = &count_hooks, .default_sort = "-held_on",
};

/* ---- grids and 十联户 ---- */

static const struct field grid_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "name", "网格名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 50 },
	{ "grid_worker_person_id", "网格员", FT_REF, F_LIST | F_FILTER, NULL, "persons" },
	{ "households", "户数", FT_INT, F_LIST },
	END,
};

const struct resource res_grids = {
	.name = "grids", .label = "网格", .table = "grids", .fields = grid_fields,
	.scope = village_division_ways, .label_field = "name", .hooks = &count_hooks, .default_sort = "id",
};

static const struct field group_fields[] = {
	{ "grid_id", "网格", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "grids" },
	{ "name", "联户名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 50 },
	{ "lead_person_id", "联户长", FT_REF, F_LIST | F_FILTER, NULL, "persons" },
	{ "households", "户数", FT_INT, F_LIST },
	END,
};

static const struct scope_way group_ways[] = {
	{ WAY_REF, "grid_id" },
	WAY_END,
};

const struct resource res_household_groups = {
	.name = "household_groups", .label = "十联户", .table = "household_groups",
	.fields = group_fields, .scope = group_ways, .label_field = "name", .hooks = &count_hooks,
	.default_sort = "id",
};

/* ---- where a ticket arose ---- */

int village_ticket_place(struct request_ctx *ctx, json_t *rec, json_t *before, json_t *errors,
			 struct buf *err)
{
	long long grid = village_int(rec, "grid_id"), group = village_int(rec, "household_group_id");
	int moved = village_changed(rec, before, "grid_id") ||
		    village_changed(rec, before, "household_group_id");

	if (group && moved) {
		json_t *g = generic_load(ctx, &res_household_groups, group, 0);
		long long of = g ? village_int(g, "grid_id") : 0;

		json_decref(g);
		if (!grid) {
			json_object_set_new(rec, "grid_id", json_integer(of));
			grid = of;
		} else if (of != grid) {
			json_object_set_new(errors, "household_group_id",
					    json_string("该十联户不属于所选网格"));
		}
	}
	if (grid && (moved || village_changed(rec, before, "division_code"))) {
		json_t *g = generic_load(ctx, &res_grids, grid, 0);
		const char *where = g ? village_str(g, "division_code") : NULL;
		const char *div = village_str(rec, "division_code");

		if (where && !div)
			json_object_set_new(rec, "division_code", json_string(where));
		else if (where && strcmp(where, div))
			json_object_set_new(errors, "grid_id", json_string(arena_printf(ctx->a,
				"该网格属于%s，不在事项所在地区",
				json_string_value(json_object_get(g, "division_code_label")) ?
				json_string_value(json_object_get(g, "division_code_label")) : where)));
		json_decref(g);
	}
	return 0;
}

/* ---- activities and awards ---- */

static const struct enum_value activity_kinds[] = {
	{ "culture", "文化宣传" }, { "training", "培训" }, { "volunteer", "志愿服务" },
	{ "festival", "节庆活动" }, { NULL, NULL },
};

static const struct field activity_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "kind", "活动类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, activity_kinds },
	{ "title", "活动名称", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH, NULL, NULL, 100 },
	{ "held_on", "活动日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "participants", "参与人次", FT_INT, F_LIST },
	END,
};

const struct resource res_activities = {
	.name = "activities", .label = "文明实践活动", .table = "activities",
	.fields = activity_fields, .scope = village_division_ways, .label_field = "title",
	.hooks = &count_hooks, .default_sort = "-held_on",
};

const struct enum_value village_award_kinds[] = {
	{ "model_family", "最美家庭" }, { "filial", "孝老爱亲模范" },
	{ "excellent_cadre", "优秀村干部" }, { "other", "其他" }, { NULL, NULL },
};

static const struct field award_fields[] = {
	{ "division_code", "所在村（社区）", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER },
	{ "year", "年度", FT_INT, F_REQUIRED | F_LIST | F_FILTER | F_SORT },
	{ "kind", "评选类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, village_award_kinds },
	{ "household", "家庭（户主）", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 50 },
	{ "person_id", "个人", FT_REF, F_LIST | F_FILTER, NULL, "persons" },
	{ "reason", "事迹", FT_TEXT, 0, NULL, NULL, 2000 },
	END,
};

static int awards_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	village_check_bounds(rec, year_bound, errors);
	if (!village_str(rec, "household") && !village_int(rec, "person_id"))
		json_object_set_new(errors, "household", json_string("请填写受表彰的家庭或个人"));
	return 0;
}

static const struct resource_hooks award_hooks = {
	.validate = awards_validate,
	.filter = village_year_filter,
};

const struct resource res_awards = {
	.name = "awards", .label = "评选表彰", .table = "awards", .fields = award_fields,
	.scope = village_division_ways, .label_field = "household", .hooks = &award_hooks,
	.default_sort = "-year",
};
