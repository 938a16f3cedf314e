/* res_visits: the visits (走访) that keep a pairing alive — on site, by phone
 * or at a meeting, with the suggestions made and the problems found and
 * solved — and 转办工单: a problem found at a visit raised as a ticket of the
 * enterprise (企业服务 or 项目代办) that names the visit, in the same
 * transaction as the visit's count of tickets raised. */
#include "modules/pairing/pairing.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/date.h"
#include "modules/tickets/tickets.h"

static const struct enum_value visit_kinds[] = {
	{ "on_site", "实地走访" }, { "call", "电话联系" }, { "meeting", "座谈" }, { NULL, NULL },
};

#define PAIRING(col) "(SELECT p." col " FROM pairings p WHERE p.id = t.pairing_id)"
#define JOINED (F_VIRTUAL | F_NO_IMPORT)

static const struct field visit_fields[] = {
	{ "pairing_id", "结对", FT_REF, F_REQUIRED | F_LIST | F_FILTER, NULL, "pairings" },
	{ "pairing_kind", "结对类型", FT_ENUM, JOINED | F_LIST | F_FILTER, pairing_kinds, NULL, 0,
	  PAIRING("kind") },
	{ "pairing_level", "领导级别", FT_ENUM, JOINED | F_FILTER, pairing_levels, NULL, 0,
	  PAIRING("level") },
	{ "pairing_leader", "领导联系", FT_BOOL, JOINED | F_FILTER, NULL, NULL, 0,
	  "(SELECT CASE WHEN p.kind IN (" PAIRING_LEADER_KINDS ") THEN 1 ELSE 0 END"
	  " FROM pairings p WHERE p.id = t.pairing_id)" },
	{ "division_code", "村（社区）或所在地", FT_DIVISION, JOINED | F_FILTER, NULL, NULL, 0,
	  PAIRING("division_code") },
	{ "visited_on", "走访日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER },
	{ "kind", "走访方式", FT_ENUM, F_LIST | F_FILTER, visit_kinds },
	{ "visitors", "走访人员", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 100 },
	{ "summary", "走访情况", FT_TEXT, F_SEARCH, NULL, NULL, 2000 },
	{ "suggestions", "意见建议（条）", FT_INT, F_LIST },
	{ "problems_found", "发现问题（个）", FT_INT, F_LIST },
	{ "problems_solved", "解决问题（个）", FT_INT, F_LIST },
	{ "attachments", "附件（文件名，每行一个）", FT_TEXT, 0, NULL, NULL, 2000 },
	{ "tickets_raised", "转办工单（件）", FT_INT, F_READONLY | F_LIST },
	FIELD_END,
};

static int changed(json_t *rec, json_t *before, const char *field)
{
	return !before || !json_equal(json_object_get(rec, field), json_object_get(before, field));
}

/* Names only, one a line: at most 20, each at most 100 characters. */
static const char *attachments_why(const char *text)
{
	const char *line = text, *nl;
	int n = 0;

	for (; line && *line; line = nl ? nl + 1 : NULL) {
		size_t chars = 0;
		const char *p;

		nl = strchr(line, '\n');
		for (p = line; *p && p != nl; p++)
			chars += ((unsigned char)*p & 0xc0) != 0x80;
		if (chars > 100)
			return "每个附件名称不超过100个字";
		if (++n > 20)
			return "附件最多20个";
	}
	return NULL;
}

static int visits_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *before, json_t *errors, struct buf *err)
{
	static const char *const counts[] = { "suggestions", "problems_found", "problems_solved",
					      "tickets_raised", NULL };
	const char *on = record_str(rec, "visited_on"), *why;
	char today[DATE_SIZE];
	int i;

	for (i = 0; counts[i]; i++) {
		json_t *v = json_object_get(rec, counts[i]);

		if (!json_is_integer(v))
			json_object_set_new(rec, counts[i], json_integer(0));
		else if (json_integer_value(v) < 0 || json_integer_value(v) > 100000)
			json_object_set_new(errors, counts[i], json_string("应为 0 到 100000"));
	}
	if (!record_str(rec, "kind"))
		json_object_set_new(rec, "kind", json_string("on_site"));
	if (record_str(rec, "attachments") && (why = attachments_why(record_str(rec, "attachments"))))
		json_object_set_new(errors, "attachments", json_string(why));
	date_today(today);
	if (on && changed(rec, before, "visited_on") && strcmp(on, today) > 0)
		json_object_set_new(errors, "visited_on", json_string("走访日期不能晚于今天"));
	/* a visit lies within its pairing's term */
	if (on && record_int(rec, "pairing_id") &&
	    (changed(rec, before, "visited_on") || changed(rec, before, "pairing_id"))) {
		json_t *p = generic_load(ctx, &res_pairings, record_int(rec, "pairing_id"), 0);
		const char *start = record_str(p, "start_on"), *end = record_str(p, "end_on");

		if (start && strcmp(on, start) < 0)
			json_object_set_new(errors, "visited_on", json_string(arena_printf(ctx->a,
				"走访日期不能早于结对开始日期（%s）", start)));
		else if (end && strcmp(on, end) > 0)
			json_object_set_new(errors, "visited_on", json_string(arena_printf(ctx->a,
				"走访日期不能晚于结对结束日期（%s）", end)));
		json_decref(p);
	}
	return 0;
}

static const struct resource_hooks visit_hooks = {
	.validate = visits_validate,
};

/* ---- 转办工单 ---- */

static const struct enum_value raise_kinds[] = {
	{ "enterprise_service", "企业服务" }, { "project_agency", "项目代办" }, { NULL, NULL },
};

static const struct field f_raise[] = {
	{ "ticket_kind", "工单类型", FT_ENUM, 0, raise_kinds },
	{ "category", "类别", FT_STRING, F_REQUIRED, NULL, NULL, 32 },
	{ "title", "事项", FT_STRING, F_REQUIRED, NULL, NULL, 100 },
	{ "description", "具体内容", FT_TEXT, 0, NULL, NULL, 2000 },
	FIELD_END,
};

static const struct effect raise_effects[] = { { EFFECT_COUNT, "tickets_raised" }, EFFECT_END };

/* The ticket, from the enterprise of the visit's pairing, through the same
 * validation and write as any 点单; its errors are the action's. */
static int raise_ticket_run(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			    struct buf *err)
{
	json_t *pairing = generic_load(ctx, &res_pairings, record_int(call->before, "pairing_id"), 0);
	long long enterprise = record_int(pairing, "enterprise_id");
	const char *kind = record_str(call->body, "ticket_kind");
	json_t *in, *rec, *ticket_errors, *after = NULL;
	const char *key;
	json_t *v;
	int status;

	json_decref(pairing);
	if (!enterprise) {
		json_object_set_new(errors, "ticket_kind",
				    json_string("该结对没有联系企业，不能转办企业工单"));
		return WS_INVALID;
	}
	in = json_pack("{s:s, s:O, s:O, s:I, s:s, s:I}", "kind", kind ? kind : "enterprise_service",
		       "category", json_object_get(call->body, "category"),
		       "title", json_object_get(call->body, "title"),
		       "requester_enterprise_id", (json_int_t)enterprise, "source", "visit",
		       "visit_id", (json_int_t)call->id);
	if (record_str(call->body, "description"))
		json_object_set(in, "description", json_object_get(call->body, "description"));
	rec = json_object();
	ticket_errors = json_object();
	record_validate(ctx, &res_tickets, in, rec, 1, 0, ticket_errors);
	status = json_object_size(ticket_errors)
		? WS_INVALID
		: generic_write(ctx, &res_tickets, rec, NULL, -1, "create", ticket_errors, &after, err);
	/* the ticket's kind is the action's ticket_kind */
	json_object_foreach(ticket_errors, key, v)
		json_object_set(errors, strcmp(key, "kind") ? key : "ticket_kind", v);
	json_decref(in);
	json_decref(rec);
	json_decref(ticket_errors);
	json_decref(after);
	return status;
}

static const struct action visit_actions[] = {
	{ .name = "raise_ticket", .label = "转办工单", .fields = f_raise, .effects = raise_effects,
	  .comment_field = "title", .run = raise_ticket_run },
	ACTION_END,
};

static const struct scope_way visit_ways[] = {
	{ WAY_REF, "pairing_id" },
	WAY_END,
};

const struct resource res_visits = {
	.name = "visits", .label = "走访记录", .table = "visits", .fields = visit_fields,
	.scope = visit_ways,
	.label_expr = "(r.visited_on || ' ' || (SELECT " PAIRING_LABEL("pa")
		      " FROM pairings pa WHERE pa.id = r.pairing_id))",
	.actions = visit_actions, .hooks = &visit_hooks, .default_sort = "-visited_on",
};
