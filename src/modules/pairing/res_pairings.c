/* res_pairings: the pairings ledger — one row per assignment of one party to
 * another, its kind deciding which of person, enterprise, organisation and
 * place it names (declared once in pairing_requires, checked by the generic
 * write and shown in the schema) — and its cadence on a reference date
 * (`?as_of=`): active, last visit, next visit due, ok/overdue and the visits
 * of the year, computed from the visits when read, never stored. */
#include "modules/pairing/pairing.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/date.h"
#include "domain/division.h"
#include "modules/pairing/pairing_rules.h"
#include "modules/pairing/pairing_store.h"
#include "modules/platform/platform.h"

const struct enum_value pairing_kinds[] = {
	{ "leader_enterprise", "领导联系企业" },
	{ "commissioner", "企业特派员" },
	{ "instructor", "党建指导员" },
	{ "enterprise_village", "万企兴万村" },
	{ "enterprise_community", "社区共驻共建" },
	{ "leader_village", "县领导包村" },
	{ "department_village", "部门联系村" },
	{ "first_secretary", "第一书记" },
	{ "mentor", "老带新" },
	{ NULL, NULL },
};

const struct enum_value pairing_levels[] = {
	{ "prefecture", "州级" }, { "county", "县级" }, { "town", "镇级" }, { NULL, NULL },
};

static const struct enum_value places[] = {
	{ "village", "村" }, { "community", "社区" }, { NULL, NULL },
};

static const struct enum_value cadences[] = {
	{ "ok", "正常" }, { "overdue", "逾期" }, { NULL, NULL },
};

/* ---- what each kind names ---- */

static const char *const need_leader_enterprise[] = { "person_id", "enterprise_id", "level", NULL };
static const char *const need_person_enterprise[] = { "person_id", "enterprise_id", NULL };
static const char *const need_enterprise_place[] = { "enterprise_id", "division_code", NULL };
static const char *const need_place[] = { "division_code", NULL };
static const char *const any_party[] = { "enterprise_id", "org_id", "person_id", NULL };
static const char *const need_leader_place[] = { "person_id", "division_code", "level", NULL };
static const char *const need_org_place[] = { "org_id", "division_code", NULL };
static const char *const need_person_place[] = { "person_id", "division_code", NULL };
static const char *const need_persons[] = { "person_id", "partner_person_id", NULL };

static const struct requirement pairing_requires[] = {
	{ "leader_enterprise", need_leader_enterprise },
	{ "commissioner", need_person_enterprise },
	{ "instructor", need_person_enterprise },
	{ "enterprise_village", need_enterprise_place },
	/* 234 enterprises and 889 members paired with 77 communities */
	{ "enterprise_community", need_place, any_party },
	{ "leader_village", need_leader_place },
	{ "department_village", need_org_place },
	{ "first_secretary", need_person_place },
	{ "mentor", need_persons },
	REQUIREMENT_END,
};

/* Where a kind's division_code comes from, and what it must be. */
enum kind_flags {
	K_FROM_ENTERPRISE = 1 << 0, /* always the enterprise's */
	K_FROM_PARTNER = 1 << 1,    /* the partner's unless given (老带新: the new cadre's village) */
	K_PLACE = 1 << 2,           /* a village or community the pairing serves */
	K_VILLAGE = 1 << 3,         /* … a 村 (村民委员会) */
	K_COMMUNITY = 1 << 4,       /* … a 社区 (居民委员会) */
};

static const struct {
	const char *kind;
	unsigned flags;
} kind_rules[] = {
	{ "leader_enterprise", K_FROM_ENTERPRISE },
	{ "commissioner", K_FROM_ENTERPRISE },
	{ "instructor", K_FROM_ENTERPRISE },
	{ "enterprise_village", K_PLACE | K_VILLAGE },
	{ "enterprise_community", K_PLACE | K_COMMUNITY },
	{ "leader_village", K_PLACE },
	{ "department_village", K_PLACE },
	{ "first_secretary", K_PLACE },
	{ "mentor", K_FROM_PARTNER },
};

static unsigned kind_flags(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < sizeof(kind_rules) / sizeof(kind_rules[0]); i++)
		if (!strcmp(kind_rules[i].kind, kind))
			return kind_rules[i].flags;
	return 0;
}

/* ---- fields ---- */

/* Computed on the request's reference date by pairings_decorate. */
#define COMPUTED (F_VIRTUAL | F_COMPUTED | F_READONLY | F_NO_IMPORT)

static const struct field pairing_fields[] = {
	{ "title", "结对", FT_STRING, F_VIRTUAL | F_NO_IMPORT | F_LIST | F_SEARCH, NULL, NULL, 0,
	  PAIRING_LABEL("t") },
	{ "kind", "结对类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, pairing_kinds },
	{ "person_id", "联系人员", FT_REF, F_FILTER, NULL, "persons" },
	{ "enterprise_id", "联系企业", FT_REF, F_FILTER, NULL, "enterprises" },
	{ "org_id", "联系单位", FT_REF, F_FILTER, NULL, "orgs" },
	/* required, but for the enterprise kinds always the enterprise's (pairings_validate) */
	{ "division_code", "村（社区）或所在地", FT_DIVISION, F_LIST | F_FILTER },
	{ "partner_person_id", "结对对象", FT_REF, F_FILTER, NULL, "persons" },
	{ "place", "村或社区", FT_ENUM, F_READONLY | F_FILTER, places },
	{ "level", "领导级别", FT_ENUM, F_LIST | F_FILTER, pairing_levels },
	{ "leader", "领导联系", FT_BOOL, F_VIRTUAL | F_NO_IMPORT | F_FILTER, NULL, NULL, 0,
	  "(CASE WHEN t.kind IN (" PAIRING_LEADER_KINDS ") THEN 1 ELSE 0 END)" },
	{ "start_on", "开始日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "end_on", "结束日期", FT_DATE, F_SORT | F_FILTER },
	{ "visit_every_months", "走访周期（月）", FT_INT, F_LIST | F_FILTER },
	{ "min_visits_per_year", "每年至少走访（次）", FT_INT },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 1000 },
	{ "active", "在结对期内", FT_BOOL, COMPUTED | F_FILTER, NULL, NULL, 0, "NULL" },
	{ "last_visit_on", "最近走访", FT_DATE, COMPUTED | F_LIST, NULL, NULL, 0, "NULL" },
	{ "next_due_on", "下次应访", FT_DATE, COMPUTED | F_LIST, NULL, NULL, 0, "NULL" },
	{ "cadence", "走访状态", FT_ENUM, COMPUTED | F_LIST | F_FILTER, cadences, NULL, 0, "NULL" },
	{ "visits_this_year", "本年走访（次）", FT_INT, COMPUTED | F_LIST, NULL, NULL, 0, "NULL" },
	FIELD_END,
};

int pairing_as_of(struct request_ctx *ctx, char out[DATE_SIZE])
{
	const char *v = request_arg(ctx, "as_of");

	if (!v || !*v) {
		date_today(out);
		return 0;
	}
	return date_parse(v, out, NULL);
}

/* The statistics' period as the request gives it (API.md: from = 1 January of
 * the as_of year, to = as_of). 0, or -1 on a date that does not parse. */
static int period(struct request_ctx *ctx, const char *as_of, char from[DATE_SIZE],
		  char to[DATE_SIZE])
{
	const char *f = request_arg(ctx, "from"), *t = request_arg(ctx, "to");

	memcpy(from, as_of, 4);
	memcpy(from + 4, "-01-01", 7);
	memcpy(to, as_of, DATE_SIZE);
	if (f && *f && date_parse(f, from, NULL))
		return -1;
	return t && *t ? date_parse(t, to, NULL) : 0;
}

/* ---- validation ---- */

/* The division a kind takes from the record it names. */
static void derive_division(struct request_ctx *ctx, json_t *rec, unsigned flags)
{
	const struct resource *from = NULL;
	long long id = 0;
	json_t *r;

	if ((flags & K_FROM_ENTERPRISE) && (id = record_int(rec, "enterprise_id")))
		from = &res_enterprises;
	else if ((flags & K_FROM_PARTNER) && !record_str(rec, "division_code") &&
		 (id = record_int(rec, "partner_person_id")))
		from = &res_persons;
	if (!from || !(r = generic_load(ctx, from, id, 0)))
		return;
	json_object_set(rec, "division_code", json_object_get(r, "division_code"));
	json_decref(r);
}

static void check_range(json_t *rec, const char *field, long long lo, long long hi,
			const char *why, json_t *errors)
{
	json_t *v = json_object_get(rec, field);

	if (json_is_integer(v) && (json_integer_value(v) < lo || json_integer_value(v) > hi))
		json_object_set_new(errors, field, json_string(why));
}

static int pairings_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			     json_t *before, json_t *errors, struct buf *err)
{
	const char *kind = record_str(rec, "kind"), *code, *place = NULL;
	unsigned flags = kind_flags(kind);

	derive_division(ctx, rec, flags);
	code = record_str(rec, "division_code");
	if (code && (flags & K_PLACE)) {
		place = pairing_rules_place(code);
		if (division_level(code) != DIVISION_VILLAGE || !place)
			json_object_set_new(errors, "division_code",
					    json_string("应为村（社区）一级的区划"));
		else if ((flags & K_VILLAGE) && strcmp(place, "village"))
			json_object_set_new(errors, "division_code",
					    json_string("万企兴万村应结对村（村民委员会）"));
		else if ((flags & K_COMMUNITY) && strcmp(place, "community"))
			json_object_set_new(errors, "division_code",
					    json_string("社区共驻共建应结对城市社区（居民委员会）"));
	}
	json_object_set_new(rec, "place", place ? json_string(place) : json_null());
	if (!code && kind && !flags)
		json_object_set_new(errors, "division_code", json_string("所在地区不能为空"));
	if (record_str(rec, "end_on") && record_str(rec, "start_on") && strcmp(record_str(rec, "end_on"), record_str(rec, "start_on")) < 0)
		json_object_set_new(errors, "end_on", json_string("结束日期不能早于开始日期"));
	check_range(rec, "visit_every_months", 1, PAIRING_RULES_MAX_MONTHS,
		    "走访周期应为 1 到 12 个月", errors);
	check_range(rec, "min_visits_per_year", 1, 366, "每年至少走访次数应为 1 到 366", errors);
	if (record_int(rec, "person_id") && record_int(rec, "person_id") == record_int(rec, "partner_person_id"))
		json_object_set_new(errors, "partner_person_id", json_string("结对对象不能是联系人员本人"));
	return 0;
}

/* ---- the computed fields ---- */

static void pairings_decorate(struct request_ctx *ctx, json_t *rec)
{
	char as_of[DATE_SIZE], first[DATE_SIZE], last[DATE_SIZE], due[DATE_SIZE];
	const char *start = record_str(rec, "start_on"), *seen = NULL, *cadence;
	long long every = record_int(rec, "visit_every_months"), n = 0;
	struct buf err = BUF_INIT;
	int known;

	/* a reference date that does not parse shows nothing rather than today's figures */
	known = !pairing_as_of(ctx, as_of) && !pairing_rules_year(as_of, first, last) &&
		!pairing_store_facts(ctx->db, ctx->a, record_int(rec, "id"), as_of, first, last, &seen,
				     &n, &err);
	buf_release(&err);
	if (!known || pairing_rules_next_due(seen, start, (int)every, due))
		due[0] = '\0';
	cadence = known ? pairing_rules_cadence(due, as_of) : NULL;
	json_object_set_new(rec, "active", known ? json_boolean(pairing_rules_active(start,
				record_str(rec, "end_on"), as_of)) : json_null());
	json_object_set_new(rec, "last_visit_on", seen ? json_string(seen) : json_null());
	json_object_set_new(rec, "next_due_on", due[0] ? json_string(due) : json_null());
	json_object_set_new(rec, "cadence", cadence ? json_string(cadence) : json_null());
	json_object_set_new(rec, "visits_this_year", known ? json_integer(n) : json_null());
}

/* ---- the filters of the computed fields, on the same reference date ---- */

static int truth(const char *v, int *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "是"))
		return *out = 1, 0;
	if (!strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "否"))
		return *out = 0, 0;
	return -1;
}

static const struct {
	const char *op;
	const char *cmp;
} comparisons[] = {
	{ "", " = " }, { "gte", " >= " }, { "gt", " > " }, { "lte", " <= " }, { "lt", " < " },
};

static const char *comparison(const char *op)
{
	size_t i;

	for (i = 0; i < sizeof(comparisons) / sizeof(comparisons[0]); i++)
		if (!strcmp(comparisons[i].op, op))
			return comparisons[i].cmp;
	return NULL;
}

/* next_due_on <op> d through the due-date bounds: >= d, > d (>= d+1), < d,
 * <= d (< d+1), = d (>= d and < d+1); __null: whether there is a cadence. */
static int next_due_filter(struct request_ctx *ctx, const char *as_of, const char *op,
			   const char *value, struct sqlw *w, struct buf *err)
{
	char d[DATE_SIZE], d1[DATE_SIZE];
	int b;

	if (!strcmp(op, "null")) {
		if (truth(value, &b))
			return buf_setf(err, "应为 1 或 0"), -1;
		sqlw_add(w, b ? " AND t.visit_every_months IS NULL"
			      : " AND t.visit_every_months IS NOT NULL");
		return 1;
	}
	if (!comparison(op))
		return buf_setf(err, "不支持的条件"), -1;
	if (date_parse(value, d, NULL) || date_add_days(d, 1, d1))
		return buf_setf(err, "应为日期，如 2024-03-05"), -1;
	if (!*op || !strcmp(op, "gte"))
		pairing_store_due(w, as_of, d, 0);
	if (!*op || !strcmp(op, "lte"))
		pairing_store_due(w, as_of, d1, 1);
	if (!strcmp(op, "gt"))
		pairing_store_due(w, as_of, d1, 0);
	if (!strcmp(op, "lt"))
		pairing_store_due(w, as_of, d, 1);
	return 1;
}

static int last_visit_filter(const char *as_of, const char *op, const char *value,
			     struct sqlw *w, struct buf *err)
{
	char d[DATE_SIZE];
	int b;

	if (!strcmp(op, "null")) {
		if (truth(value, &b))
			return buf_setf(err, "应为 1 或 0"), -1;
		pairing_store_last_visit(w, as_of, b ? NULL : "", NULL);
		return 1;
	}
	if (!comparison(op))
		return buf_setf(err, "不支持的条件"), -1;
	if (date_parse(value, d, NULL))
		return buf_setf(err, "应为日期，如 2024-03-05"), -1;
	pairing_store_last_visit(w, as_of, comparison(op), arena_strdup(w->a, d));
	return 1;
}

static int pairings_filter(struct request_ctx *ctx, const char *key, const char *value,
			   struct sqlw *w, struct buf *err)
{
	static const char *const computed[] = { "active", "cadence", "due_within", "min_visits_met",
						"next_due_on", "last_visit_on", "visits_this_year",
						NULL };
	char name[32], as_of[DATE_SIZE], from[DATE_SIZE], to[DATE_SIZE], d[DATE_SIZE];
	const char *sep = strstr(key, "__"), *op = sep ? sep + 2 : "";
	size_t len = sep ? (size_t)(sep - key) : strlen(key);
	const struct enum_value *e;
	long long n;
	char *end;
	int i, b;

	if (len >= sizeof(name))
		return 0;
	memcpy(name, key, len);
	name[len] = '\0';
	for (i = 0; computed[i] && strcmp(computed[i], name); i++)
		;
	if (!computed[i])
		return 0;
	if (pairing_as_of(ctx, as_of))
		return buf_setf(err, "参考日期 as_of 应为日期，如 2024-03-05"), -1;
	if (!strcmp(name, "next_due_on"))
		return next_due_filter(ctx, as_of, op, value, w, err);
	if (!strcmp(name, "last_visit_on"))
		return last_visit_filter(as_of, op, value, w, err);
	if (!strcmp(name, "cadence") && !strcmp(op, "null"))
		return next_due_filter(ctx, as_of, op, value, w, err);
	if (!strcmp(name, "visits_this_year")) {
		n = strtoll(value, &end, 10);
		if (!comparison(op) || !*value || *end)
			return buf_setf(err, *value && !*end ? "不支持的条件" : "应为整数"), -1;
		pairing_rules_year(as_of, from, to);
		pairing_store_visits(w, from, to, comparison(op), &n);
		return 1;
	}
	if (*op)
		return buf_setf(err, "不支持的条件"), -1;
	if (!strcmp(name, "cadence")) {
		const struct field *f = resource_field(&res_pairings, "cadence");

		if (!strcmp(value, "none") || !strcmp(value, "无")) {
			sqlw_add(w, " AND t.visit_every_months IS NULL");
			return 1;
		}
		if (!(e = field_enum(f, value)))
			return buf_setf(err, "应为 ok（正常）、overdue（逾期）或 none"), -1;
		pairing_store_due(w, as_of, as_of, strcmp(e->value, "ok") != 0);
		return 1;
	}
	if (!strcmp(name, "due_within")) {
		n = strtoll(value, &end, 10);
		if (!*value || *end || n < 0 || n > 366)
			return buf_setf(err, "应为 0 到 366 天"), -1;
		date_add_days(as_of, (int)n + 1, d);
		pairing_store_active(w, as_of, 1);
		pairing_store_due(w, as_of, d, 1);
		return 1;
	}
	if (truth(value, &b))
		return buf_setf(err, "应为 true 或 false"), -1;
	if (!strcmp(name, "active")) {
		pairing_store_active(w, as_of, b);
		return 1;
	}
	/* min_visits_met: the visits of the request's period reach min_visits_per_year */
	if (period(ctx, as_of, from, to))
		return buf_setf(err, "统计期间 from/to 应为日期"), -1;
	pairing_store_visits(w, from, to, b ? " >= " : " < ", NULL);
	return 1;
}

static const struct resource_hooks pairing_hooks = {
	.validate = pairings_validate,
	.filter = pairings_filter,
	.decorate = pairings_decorate,
};

/* A pairing is seen by the area it serves (the enterprise's for the
 * enterprise kinds), by the organisation that holds it and by the enterprise. */
static const struct scope_way pairing_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ORG, "org_id" },
	{ WAY_ENTERPRISE, "enterprise_id" },
	WAY_END,
};

const struct resource res_pairings = {
	.name = "pairings", .label = "结对联系", .table = "pairings", .fields = pairing_fields,
	.scope = pairing_ways, .label_expr = PAIRING_LABEL("r"), .hooks = &pairing_hooks,
	.default_sort = "-id", .requires_field = "kind", .requires = pairing_requires,
};
