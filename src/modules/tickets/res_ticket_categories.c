/* res_ticket_categories: the categories of each kind of ticket (融资协调,
 * 用地保障, 微心愿…) with the SLA in working days and the organisation 派单
 * goes to by default; and the look-ups the ticket rules make of them. */
#include "modules/tickets/tickets.h"

#include <stdlib.h>
#include <string.h>

#include "store/calendar_store.h"

static const struct field category_fields[] = {
	{ "kind", "工单类型", FT_ENUM, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, ticket_kinds },
	{ "code", "代码", FT_STRING, F_REQUIRED | F_CREATE_ONLY | F_LIST | F_FILTER, NULL, NULL, 32 },
	{ "label", "类别", FT_STRING, F_REQUIRED | F_LIST | F_SEARCH, NULL, NULL, 30 },
	{ "sla_days", "办理时限（工作日）", FT_INT, F_REQUIRED | F_LIST },
	{ "default_org_id", "默认承办单位", FT_REF, F_LIST, NULL, "orgs" },
	{ "active", "启用", FT_BOOL, F_LIST | F_FILTER },
	FIELD_END,
};

static int categories_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			       json_t *before, json_t *errors, struct buf *err)
{
	const char *code = json_string_value(json_object_get(rec, "code"));
	json_t *sla = json_object_get(rec, "sla_days");
	struct ticket_category cat;
	int r;

	if (!before && !json_is_boolean(json_object_get(rec, "active")))
		json_object_set_new(rec, "active", json_true());
	if (json_is_integer(sla) && (json_integer_value(sla) < 1 || json_integer_value(sla) > 365))
		json_object_set_new(errors, "sla_days", json_string("办理时限应为 1 到 365 个工作日"));
	if (code && strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code))
		json_object_set_new(errors, "code", json_string("代码只能是小写字母、数字和下划线"));
	if (before || !code)
		return 0;
	r = tickets_category(ctx, json_string_value(json_object_get(rec, "kind")), code, &cat, err);
	if (r < 0)
		return -1;
	if (r)
		json_object_set_new(errors, "code", json_string("该类型下已有这个代码"));
	return 0;
}

static const struct resource_hooks category_hooks = {
	.validate = categories_validate,
};

const struct resource res_ticket_categories = {
	.name = "ticket_categories", .label = "办理类别", .table = "ticket_categories",
	.fields = category_fields, .label_field = "label", .hooks = &category_hooks,
	.flags = RES_READONLY | RES_NO_DELETE, .default_sort = "id",
};

int tickets_category(struct request_ctx *ctx, const char *kind, const char *code,
		     struct ticket_category *out, struct buf *err)
{
	static const char sql[] =
		"SELECT id, label, sla_days, default_org_id, active FROM ticket_categories"
		" WHERE kind = ? AND code = ? AND deleted_at IS NULL";
	struct db_param p[2] = { db_text(kind), db_text(code) };
	struct db_result r;

	memset(out, 0, sizeof(*out));
	if (db_query(ctx->db, ctx->a, sql, p, 2, &r, err))
		return -1;
	if (!r.nrows || !strcmp(db_cell(&r, 0, 4), "0"))
		return 0;
	out->id = strtoll(db_cell(&r, 0, 0), NULL, 10);
	out->label = db_cell(&r, 0, 1);
	out->sla_days = atoi(db_cell(&r, 0, 2));
	out->default_org_id = db_cell(&r, 0, 3) ? strtoll(db_cell(&r, 0, 3), NULL, 10) : 0;
	return 1;
}

int tickets_due(struct request_ctx *ctx, const char *from, int days, char out[11],
		struct buf *err)
{
	struct workday_calendar cal;

	if (calendar_load(ctx->db, ctx->a, &cal, err))
		return -1;
	if (workday_add(&cal, from, days, out)) {
		buf_setf(err, "working days: bad date %s", from);
		return -1;
	}
	return 0;
}
