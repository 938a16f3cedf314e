/* res_talent: the village reserve talent pool (村级后备力量人才库, 下司镇) —
 * the talents ledger with its admission workflow 村级推荐 → 镇级考察 →
 * 多部门联审 → 入库 (or 未通过) and 调整出库, the steps it records, the
 * quarterly and annual reviews, and the import of a township's 台账. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_common.h"
#include "core/secret.h"
#include "modules/talent/talent_rules.h"
#include "store/records.h"
#include "modules/talent/talent_store.h"

#define END FIELD_END
#define PERSON(col) "(SELECT p." col " FROM persons p WHERE p.id = t.person_id)"

/* ---- talents ---- */

static const struct enum_value sources[] = {
	{ "returning_graduate", "返乡大学毕业生", "返乡大学生|回乡大学生|大学毕业生" },
	{ "veteran", "退役军人", "退伍军人|复员军人|转业军人" },
	{ "entrepreneur", "致富能手", "致富带头人|创业能人" },
	{ "coop_backbone", "合作社骨干", "专业合作社骨干" },
	{ "returning_worker", "返乡务工人员", "返乡农民工|外出务工返乡人员" },
	{ "other", "其他" },
	{ NULL, NULL },
};

static const struct enum_value channels[] = {
	{ "recommended", "村级推荐" }, { "self_applied", "主动申请" }, { NULL, NULL },
};

static const struct enum_value statuses[] = {
	{ "recommended", "村级推荐" },
	{ "inspected", "镇级考察" },
	{ "reviewed", "多部门联审" },
	{ "admitted", "已入库" },
	{ "rejected", "未通过" },
	{ "exited", "已出库" },
	{ NULL, NULL },
};

static const struct enum_value exit_reasons[] = {
	{ "long_absent", "长期在外" },
	{ "ineffective", "作用发挥不明显" },
	{ "joined_committee", "已进入两委" },
	{ "other", "其他" },
	{ NULL, NULL },
};

/* Joined from the person. Those named like an import column are read from the
 * 台账 by talents_import_row; the others are not imported at all. */
#define V F_VIRTUAL

static const struct field talent_fields[] = {
	{ "person_id", "人员", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_FILTER | F_NO_IMPORT, NULL, "persons", 0, NULL },
	{ "name", "姓名", FT_STRING, V | F_LIST | F_SEARCH | F_SORT, NULL, NULL, 0, PERSON("name") },
	{ "gender", "性别", FT_ENUM, V | F_LIST | F_FILTER, person_genders, NULL, 0, PERSON("gender") },
	{ "birth_date", "出生日期", FT_DATE, V | F_NO_IMPORT | F_SORT, NULL, NULL, 0, PERSON("birth_date") },
	{ "age", "年龄", FT_INT, V | F_NO_IMPORT | F_LIST | F_FILTER, NULL, NULL, 0, "NULL" },
	{ "education", "学历", FT_ENUM, V | F_LIST | F_FILTER, person_educations, NULL, 0, PERSON("education") },
	{ "political_status", "政治面貌", FT_ENUM, V | F_LIST | F_FILTER, person_political_statuses, NULL, 0, PERSON("political_status") },
	{ "phone", "联系电话", FT_PHONE, V | F_LIST | F_CARD, NULL, NULL, 0, PERSON("phone%s") },
	{ "village_code", "所在村", FT_DIVISION, F_REQUIRED | F_LIST | F_FILTER | F_CARD, NULL, NULL, 0, NULL,
	  "所在村(社区)|村(社区)|所属村(社区)|所属村|村名" },
	{ "source", "来源", FT_ENUM, F_LIST | F_FILTER | F_CARD, sources, NULL, 0, NULL, "人员来源|来源类别|人员类别" },
	{ "channel", "产生方式", FT_ENUM, F_LIST | F_FILTER, channels, NULL, 0, NULL },
	{ "status", "状态", FT_ENUM, F_READONLY | F_LIST | F_FILTER, statuses, NULL, 0, NULL },
	{ "recommended_on", "推荐时间", FT_DATE, F_LIST | F_SORT | F_FILTER | F_MONTH, NULL, NULL, 0, NULL, "推荐日期" },
	{ "admitted_on", "入库时间", FT_DATE, F_READONLY | F_LIST | F_SORT | F_FILTER | F_MONTH, NULL, NULL, 0, NULL },
	{ "exited_on", "出库时间", FT_DATE, F_READONLY | F_SORT | F_FILTER, NULL, NULL, 0, NULL },
	{ "exit_reason", "出库原因", FT_ENUM, F_READONLY | F_FILTER, exit_reasons, NULL, 0, NULL },
	{ "mentor_person_id", "培养联系人（老带新）", FT_REF, F_FILTER, NULL, "persons", 0, NULL },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 0, NULL },
	END,
};

/* The 台账 columns a township keeps, besides the talent's own (所在村, 来源, 备注):
 * the person's data, matched or created by ID number, and the admission date. */
static const struct field talent_import_columns[] = {
	{ "name", "姓名", FT_STRING, F_NAME, NULL, NULL, 50, NULL },
	{ "gender", "性别", FT_ENUM, 0, person_genders, NULL, 0, NULL },
	{ "id_number", "身份证号", FT_ID_NUMBER, 0, NULL, NULL, 0, NULL },
	{ "ethnicity", "民族", FT_STRING, 0, NULL, NULL, 20, NULL },
	{ "education", "学历", FT_ENUM, 0, person_educations, NULL, 0, NULL, PERSON_EDUCATION_HEADERS },
	{ "political_status", "政治面貌", FT_ENUM, 0, person_political_statuses, NULL, 0, NULL, PERSON_POLITICAL_HEADERS },
	{ "phone", "联系电话", FT_PHONE, 0, NULL, NULL, 0, NULL },
	{ "admitted_on", "入库时间", FT_DATE, F_MONTH, NULL, NULL, 0, NULL, "入库日期|纳入时间|入库年月" },
	END,
};

static int date_before(const char *a, const char *b)
{
	return a && b && strcmp(a, b) < 0;
}

static int talents_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    json_t *before, json_t *errors, struct buf *err)
{
	long long person = talent_common_int(rec, "person_id");
	long long self = before ? talent_common_int(before, "id") : 0;
	long long mentor = talent_common_int(rec, "mentor_person_id");
	const char *status;

	if (!before) {
		char today[DATE_SIZE];

		date_today(today);
		if (!talent_common_str(rec, "status"))
			json_object_set_new(rec, "status", json_string("recommended"));
		if (!talent_common_str(rec, "channel"))
			json_object_set_new(rec, "channel", json_string("recommended"));
		if (!talent_common_str(rec, "recommended_on"))
			json_object_set_new(rec, "recommended_on", json_string(
				talent_common_str(rec, "admitted_on") ? talent_common_str(rec, "admitted_on")
								      : today));
	}
	if (talent_common_check_village(ctx, rec, before, "village_code", errors, err))
		return -1;
	status = talent_common_str(rec, "status");
	if (person && status && strcmp(status, "rejected") && strcmp(status, "exited")) {
		long long other = talent_store_open_talent(ctx->db, ctx->a, person, self, err);

		if (other < 0)
			return -1;
		if (other)
			json_object_set_new(errors, "person_id",
					    json_string("该人员已在后备力量人才库中（或正在入库审核）"));
	}
	if (mentor && mentor == person)
		json_object_set_new(errors, "mentor_person_id", json_string("培养联系人不能是本人"));
	if (date_before(talent_common_str(rec, "admitted_on"), talent_common_str(rec, "recommended_on")))
		json_object_set_new(errors, "admitted_on", json_string("入库时间不能早于推荐时间"));
	if (date_before(talent_common_str(rec, "exited_on"), talent_common_str(rec, "admitted_on")))
		json_object_set_new(errors, "exited_on", json_string("出库时间不能早于入库时间"));
	return 0;
}

static void talents_decorate(struct request_ctx *ctx, json_t *rec)
{
	talent_common_set_age(rec);
}

/* Exit candidates among the admitted talents: the rule of talent_rules over
 * their reviews. Fills ids (an arena array) and returns how many, or -1. */
static long long exit_candidates(struct request_ctx *ctx, const char *lo, const char *hi,
				 long long **ids, struct buf *err)
{
	struct db_result r;
	struct talent_rules_eval *ev;
	size_t i, start;
	long long n = 0;

	if (talent_store_admitted_evaluations(ctx->db, ctx->a, lo, hi, &r, err))
		return -1;
	ev = arena_alloc(ctx->a, sizeof(*ev) * (r.nrows + 1));
	*ids = arena_alloc(ctx->a, sizeof(**ids) * (r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		ev[i].kind = db_cell(&r, i, 1);
		ev[i].period = db_cell(&r, i, 2);
		ev[i].grade = db_cell(&r, i, 3);
		ev[i].long_absent = db_cell(&r, i, 4) && strcmp(db_cell(&r, i, 4), "0");
	}
	for (start = 0; start < r.nrows; start = i) {
		for (i = start; i < r.nrows && !strcmp(db_cell(&r, i, 0), db_cell(&r, start, 0)); i++)
			;
		if (talent_rules_exit_candidate(ev + start, i - start, NULL))
			(*ids)[n++] = strtoll(db_cell(&r, start, 0), NULL, 10);
	}
	return n;
}

long long res_talent_exit_candidates(struct request_ctx *ctx, const char *lo, const char *hi,
				     struct buf *err)
{
	long long *ids;

	return exit_candidates(ctx, lo, hi, &ids, err);
}

/* age__lte / age__gte become bounds on the birth date; exit_candidate=1 lists
 * the talents the reviews put up for the town's decision (待研判出库). */
static int talents_filter(struct request_ctx *ctx, const char *key, const char *value,
			  struct sqlw *w, struct buf *err)
{
	if (!strcmp(key, "age__lte") || !strcmp(key, "age__gte") || !strcmp(key, "age")) {
		char today[DATE_SIZE], bound[DATE_SIZE];
		char *end;
		long years = strtol(value, &end, 10);
		int exact = !strcmp(key, "age");

		date_today(today);
		if (!*value || *end || years < 0 || years > 200) {
			buf_setf(err, "应为 0 到 200 的整数");
			return -1;
		}
		if (exact || !strcmp(key, "age__lte")) {
			talent_rules_birth_bound(today, (int)years, 1, bound);
			sqlw_add(w, " AND " PERSON("birth_date") " >= ");
			sqlw_param(w, db_text(arena_strdup(w->a, bound)));
		}
		if (exact || !strcmp(key, "age__gte")) {
			talent_rules_birth_bound(today, (int)years, 0, bound);
			sqlw_add(w, " AND " PERSON("birth_date") " <= ");
			sqlw_param(w, db_text(arena_strdup(w->a, bound)));
		}
		return 1;
	}
	if (!strcmp(key, "exit_candidate")) {
		long long *ids = NULL, n, i;

		if (strcmp(value, "1") && strcmp(value, "true") && strcmp(value, "0") &&
		    strcmp(value, "false")) {
			buf_setf(err, "应为 1 或 0");
			return -1;
		}
		n = exit_candidates(ctx, "000000000000", "999999999999", &ids, err);
		if (n < 0)
			return -1;
		if (!strcmp(value, "0") || !strcmp(value, "false")) {
			for (i = 0; i < n; i++) {
				sqlw_add(w, " AND t.id <> ");
				sqlw_param(w, db_int(ids[i]));
			}
			return 1;
		}
		if (!n) {
			sqlw_add(w, " AND 1 = 0");
			return 1;
		}
		sqlw_add(w, " AND t.id IN (");
		for (i = 0; i < n; i++) {
			sqlw_add(w, i ? ", " : "");
			sqlw_param(w, db_int(ids[i]));
		}
		sqlw_add(w, ")");
		return 1;
	}
	return 0;
}

/* A person entering the pool through `how` (直接入库 or 村级推荐): the person
 * matched by ID number (the same name, in the caller's reach), else created in
 * the village with the birth date and gender the number holds; then the talent.
 * `in` maps field names to text. Returns 1 with the talent in *out (may be
 * NULL), 0 when it added errors, -1 on failure. */
static int talent_enter(struct request_ctx *ctx, const struct resource *res, json_t *in,
			const struct action *how, json_t *errors, json_t **out, struct buf *err)
{
	static const char *const person_keys[] = { "name", "gender", "id_number", "ethnicity",
						   "education", "political_status", "phone", NULL };
	static const char *const talent_keys[] = { "village_code", "source", "channel",
						   "recommended_on", "mentor_person_id", "notes", NULL };
	json_t *pin = json_object(), *prec = json_object(), *tin = json_object();
	json_t *trec = json_object(), *after = NULL, *admitted = NULL;
	const char *idtext = talent_common_str(in, "id_number"), *why = NULL;
	int admits = how && !strcmp(how->to, "admitted");
	long long person = 0;
	int i, status, ret = -1;

	for (i = 0; talent_keys[i]; i++)
		if (json_object_get(in, talent_keys[i]))
			json_object_set(tin, talent_keys[i], json_object_get(in, talent_keys[i]));
	record_validate(ctx, res, tin, trec, 1, VALUE_IMPORT, errors);
	json_object_del(errors, "person_id");
	if (!admits) {
		/* 入库时间 is the town's to give, through 考察, 联审 and 入库 */
	} else if (!talent_common_str(in, "admitted_on")) {
		json_object_set_new(errors, "admitted_on", json_string("入库时间不能为空"));
	} else if (record_value(ctx, res, resource_field(res, "admitted_on"),
				json_object_get(in, "admitted_on"), VALUE_IMPORT, &admitted, &why)) {
		json_object_set_new(errors, "admitted_on",
				    json_string(arena_printf(ctx->a, "入库时间%s", why)));
	}
	for (i = 0; person_keys[i]; i++)
		if (json_object_get(in, person_keys[i]))
			json_object_set(pin, person_keys[i], json_object_get(in, person_keys[i]));
	if (json_object_get(trec, "village_code"))
		json_object_set(pin, "division_code", json_object_get(trec, "village_code"));
	if (!idtext)
		json_object_set_new(errors, "id_number", json_string("身份证号不能为空"));
	record_validate(ctx, &res_persons, pin, prec, 1, VALUE_IMPORT, errors);
	json_object_del(errors, "division_code"); /* reported as village_code */
	if (json_object_size(errors)) {
		ret = 0;
		goto out;
	}
	{
		char h[SECRET_HASH_HEX_SIZE];

		secret_hash(talent_common_str(prec, "id_number"), h);
		person = records_find_other(ctx->db, ctx->a, &res_persons, "id_number_hash", h, 0, err);
	}
	/* found in another town: not a name to tell, nor a person to take */
	if (person && (i = generic_unique_clash(ctx, &res_persons,
						 resource_field(&res_persons, "id_number"), person,
						 errors, err))) {
		if (i < 0)
			goto out;
	} else if (person) {
		json_t *known = generic_load(ctx, &res_persons, person, 0);
		const char *name = talent_common_str(known, "name");

		if (!name || strcmp(name, talent_common_str(prec, "name")))
			json_object_set_new(errors, "name", json_string(arena_printf(ctx->a,
				"该身份证号已登记为“%s”，与姓名不一致", name ? name : "")));
		json_decref(known);
	} else {
		status = generic_write(ctx, &res_persons, prec, NULL, -1, "create", errors, &after, err);
		if (status && !json_object_size(errors))
			goto out;
		person = talent_common_int(after, "id");
		json_decref(after);
		after = NULL;
	}
	if (json_object_size(errors)) {
		ret = 0;
		goto out;
	}
	json_object_set_new(trec, "person_id", json_integer(person));
	json_object_set_new(trec, "status", json_string(how ? how->to : "recommended"));
	if (admits)
		json_object_set(trec, "admitted_on", admitted);
	status = generic_write(ctx, res, trec, NULL, -1, "create", errors, &after, err);
	if (status && !json_object_size(errors))
		goto out;
	ret = json_object_size(errors) ? 0 : 1;
	if (ret == 1 && out) {
		*out = after;
		after = NULL;
	}
out:
	json_decref(pin);
	json_decref(prec);
	json_decref(tin);
	json_decref(trec);
	json_decref(after);
	json_decref(admitted);
	return ret;
}

/* One row of a township's 台账: admitted with its 入库时间 when the caller may
 * admit (town level and above), else a 村级推荐 that the town takes through
 * 考察, 联审 and 入库 (resource_import_action). */
static int talents_import_row(struct request_ctx *ctx, const struct resource *res, json_t *in,
			      json_t *errors, struct buf *err)
{
	return talent_enter(ctx, res, in, resource_import_action(res, ctx->who), errors, NULL, err);
}

void talents_recommend(struct request_ctx *ctx)
{
	const struct resource *res = &res_talents;
	json_t *body = NULL, *in = json_object(), *errors = json_object(), *after = NULL, *v;
	struct buf err = BUF_INIT;
	const char *key;
	int rc;

	if (generic_can_write_or_reply(ctx, res) || !(body = generic_body_or_reply(ctx)))
		goto out;
	/* the same text an import row carries: every value as written */
	json_object_foreach(body, key, v)
		if (json_is_string(v) && *json_string_value(v))
			json_object_set(in, key, v);
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	rc = talent_enter(ctx, res, in, resource_action(res, "recommend"), errors, &after, &err);
	if (rc != 1 || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		generic_reply_failure(ctx, rc == 0 ? WS_INVALID : WS_ERROR, errors, &err);
		goto out;
	}
	record_mask(res, after);
	reply_json(ctx, 201, after);
	after = NULL;
out:
	json_decref(body);
	json_decref(in);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}

static const struct resource_hooks talent_hooks = {
	.validate = talents_validate,
	.filter = talents_filter,
	.import_row = talents_import_row,
	.decorate = talents_decorate,
};

/* ---- the admission workflow ---- */

static const struct field f_step[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 0, NULL },
	END,
};

static const struct field f_review[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 0, NULL },
	{ "departments", "联审部门", FT_JSON, F_REQUIRED, NULL, NULL, 0, NULL },
	END,
};

static const struct field f_reject[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 0, NULL },
	{ "reason", "未通过原因", FT_TEXT, F_REQUIRED, NULL, NULL, 0, NULL },
	END,
};

static const struct field f_exit[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "opinion", "意见", FT_TEXT, 0, NULL, NULL, 0, NULL },
	{ "exit_reason", "出库原因", FT_ENUM, F_REQUIRED, exit_reasons, NULL, 0, NULL },
	END,
};

/* Every step: a date not in the future and not before the talent's last
 * milestone (its recommendation; for an exit, its admission); 联审 names the
 * departments that reviewed. */
static int talent_step_check(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			     struct buf *err)
{
	int exiting = !strcmp(call->act->name, "exit");
	const char *date = talent_common_str(call->body, "date");
	const char *since = talent_common_str(call->before, exiting ? "admitted_on" : "recommended_on");
	char today[DATE_SIZE];

	date_today(today);
	if (date && strcmp(date, today) > 0)
		json_object_set_new(errors, "date", json_string("日期不能晚于今天"));
	else if (date_before(date, since))
		json_object_set_new(errors, "date", json_string(arena_printf(ctx->a,
			"日期不能早于%s（%s）", exiting ? "入库时间" : "推荐时间", since)));
	if (!strcmp(call->act->name, "review")) {
		json_t *deps = json_object_get(call->body, "departments"), *d;
		size_t i;
		int ok = json_is_array(deps) && json_array_size(deps) > 0;

		json_array_foreach(deps, i, d)
			if (!json_is_string(d) || !*json_string_value(d))
				ok = 0;
		if (!ok)
			json_object_set_new(errors, "departments",
					    json_string("联审部门应为部门名称的列表，至少一个"));
	}
	return json_object_size(errors) ? WS_INVALID : WS_OK;
}

static const char *const from_recommended[] = { "recommended", NULL };
static const char *const from_inspected[] = { "inspected", NULL };
static const char *const from_reviewed[] = { "reviewed", NULL };
static const char *const from_pending[] = { "recommended", "inspected", "reviewed", NULL };
static const char *const from_admitted[] = { "admitted", NULL };

/* The event of a new talent keeps how it came (村级推荐 or 主动申请). */
static const struct field f_created[] = {
	{ "channel", "产生方式", FT_ENUM, 0, channels, NULL, 0, NULL },
	END,
};

static const struct effect stamp_admitted[] = {
	{ EFFECT_STAMP, "admitted_on", NULL },
	EFFECT_END,
};

static const struct effect stamp_exited[] = {
	{ EFFECT_STAMP, "exited_on", NULL },
	{ EFFECT_COPY, "exit_reason", NULL },
	EFFECT_END,
};

#define STEP .min_level = LEVEL_TOWN, .date_field = "date", .comment_field = "opinion", \
	     .run = talent_step_check

static const struct action talent_actions[] = {
	{ .name = "recommend", .label = "村级推荐", .to = "recommended", .fields = f_created,
	  .date_field = "recommended_on", .flags = ACT_CREATE },
	{ .name = "import", .label = "直接入库", .to = "admitted", .fields = f_created,
	  .date_field = "admitted_on", .min_level = LEVEL_TOWN, .flags = ACT_CREATE | ACT_IMPORT },
	{ .name = "inspect", .label = "镇级考察", .from = from_recommended, .to = "inspected",
	  .fields = f_step, STEP },
	{ .name = "review", .label = "多部门联审", .from = from_inspected, .to = "reviewed",
	  .fields = f_review, STEP },
	{ .name = "admit", .label = "入库", .from = from_reviewed, .to = "admitted",
	  .fields = f_step, .effects = stamp_admitted, STEP },
	{ .name = "reject", .label = "未通过", .from = from_pending, .to = "rejected",
	  .fields = f_reject, STEP },
	{ .name = "exit", .label = "调整出库", .from = from_admitted, .to = "exited",
	  .fields = f_exit, .effects = stamp_exited, STEP },
	ACTION_END,
};

/* The town's work queues: 待考察, 待联审, 待入库. */
static const char *const talent_queues[] = { "recommended", "inspected", "reviewed", NULL };

static const struct scope_way village_ways[] = {
	{ WAY_DIVISION, "village_code" },
	WAY_END,
};

const struct resource res_talents = {
	.name = "talents", .label = "后备力量",
	.table = "talents", .fields = talent_fields, .scope = village_ways,
	.label_expr = "(SELECT p.name FROM persons p WHERE p.id = r.person_id)",
	.state_field = "status", .actions = talent_actions, .queues = talent_queues,
	.hooks = &talent_hooks, .default_sort = "-id", .import_columns = talent_import_columns,
};

/* ---- quarterly and annual reviews ---- */

static const struct enum_value review_kinds[] = {
	{ "quarterly", "季度研判" }, { "annual", "年度考核" }, { NULL, NULL },
};

static const struct enum_value grades[] = {
	{ "excellent", "优秀" },
	{ "competent", "称职" },
	{ "basic", "基本称职" },
	{ "incompetent", "不称职" },
	{ NULL, NULL },
};

static const struct field evaluation_fields[] = {
	{ "talent_id", "后备力量", FT_REF, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, "talents", 0, NULL },
	{ "kind", "类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, review_kinds, NULL, 0, NULL },
	{ "period", "期间", FT_STRING, F_REQUIRED | F_LIST | F_FILTER | F_SORT | F_PERIOD, NULL, NULL, 6, NULL },
	{ "grade", "等次", FT_ENUM, F_LIST | F_FILTER, grades, NULL, 0, NULL },
	{ "long_absent", "长期在外", FT_BOOL, F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "comment", "研判意见", FT_TEXT, F_LIST, NULL, NULL, 0, NULL },
	{ "evaluated_on", "研判日期", FT_DATE, F_LIST | F_SORT, NULL, NULL, 0, NULL },
	END,
};

static int evaluations_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
				json_t *before, json_t *errors, struct buf *err)
{
	long long talent = talent_common_int(rec, "talent_id");
	long long self = before ? talent_common_int(before, "id") : 0;
	const char *kind = talent_common_str(rec, "kind"), *period = talent_common_str(rec, "period");
	const char *why = NULL;
	char today[DATE_SIZE], start[DATE_SIZE];

	date_today(today);
	if (!before && !talent_common_str(rec, "evaluated_on"))
		json_object_set_new(rec, "evaluated_on", json_string(today));
	if (!before && !json_is_boolean(json_object_get(rec, "long_absent")))
		json_object_set_new(rec, "long_absent", json_false());
	if (talent && !before) {
		json_t *t = generic_load(ctx, &res_talents, talent, 0);
		const char *st = talent_common_str(t, "status");

		if (!st || (strcmp(st, "admitted") && strcmp(st, "exited")))
			json_object_set_new(errors, "talent_id",
					    json_string("只能对已入库的后备力量进行研判和考核"));
		json_decref(t);
	}
	if (kind && period) {
		if (talent_rules_period_check(kind, period, &why)) {
			json_object_set_new(errors, "period", json_string(why));
		} else if (!talent_rules_period_start(period, start) && strcmp(start, today) > 0) {
			json_object_set_new(errors, "period", json_string("期间尚未开始，不能研判"));
		} else if (talent) {
			long long other = talent_store_find_evaluation(ctx->db, ctx->a, talent, kind,
								       period, self, err);

			if (other < 0)
				return -1;
			if (other)
				json_object_set_new(errors, "period", json_string(arena_printf(ctx->a,
					"该后备力量%s的%s已登记", period,
					resource_enum_label(res, "kind", kind))));
		}
	}
	return 0;
}

static const struct resource_hooks evaluation_hooks = {
	.validate = evaluations_validate,
};

static const struct scope_way talent_ways[] = {
	{ WAY_REF, "talent_id" },
	WAY_END,
};

const struct resource res_talent_evaluations = {
	.name = "talent_evaluations", .label = "研判考核",
	.table = "talent_evaluations", .fields = evaluation_fields, .scope = talent_ways,
	.label_field = "period",
	.hooks = &evaluation_hooks, .default_sort = "-id",
};
