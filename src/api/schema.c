/* schema: GET /api/v1/schema, from which the console draws every form and
 * table, and GET /healthz. Both are generated from the declarations. */
#include "api/api.h"

#include <string.h>

#include "api/generic.h"
#include "api/resource.h"

static const char *const type_names[] = {
	[FT_STRING] = "string", [FT_TEXT] = "text", [FT_INT] = "int", [FT_MONEY] = "money_fen",
	[FT_DATE] = "date", [FT_DATETIME] = "datetime", [FT_BOOL] = "bool", [FT_ENUM] = "enum",
	[FT_REF] = "ref", [FT_DIVISION] = "division", [FT_ID_NUMBER] = "id_number",
	[FT_PHONE] = "phone", [FT_CREDIT_CODE] = "credit_code", [FT_JSON] = "json",
};

void api_health(struct request_ctx *ctx)
{
	struct buf err = BUF_INIT;
	struct db_result r;

	if (db_query(ctx->db, ctx->a, "SELECT 1", NULL, 0, &r, &err))
		reply_json(ctx, 503, json_pack("{s:b, s:s}", "ok", 0, "db", ctx->db->be->name));
	else
		reply_json(ctx, 200, json_pack("{s:b, s:s}", "ok", 1, "db", ctx->db->be->name));
	buf_release(&err);
}

static json_t *field_json(const struct field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b}", "name", f->name,
			      "label", f->label, "type", type_names[f->type], "required",
			      (f->flags & F_REQUIRED) != 0, "readonly", (f->flags & F_READONLY) != 0,
			      "list", (f->flags & F_LIST) != 0, "filter", (f->flags & F_FILTER) != 0,
			      "sort", (f->flags & F_SORT) != 0 || !(f->flags & F_VIRTUAL));
	const struct enum_value *e;

	if (f->enums) {
		json_t *arr = json_array();

		for (e = f->enums; e->value; e++)
			json_array_append_new(arr, json_pack("{s:s, s:s}", "value", e->value,
							     "label", e->label));
		json_object_set_new(o, "enum", arr);
	}
	json_object_set_new(o, "ref", f->ref ? json_string(f->ref) : json_null());
	if (f->flags & F_INPUT_ONLY)
		json_object_set_new(o, "input_only", json_true());
	if (f->flags & F_CREATE_ONLY)
		json_object_set_new(o, "create_only", json_true());
	if (f->flags & F_VIRTUAL)
		json_object_set_new(o, "virtual", json_true());
	if (f->maxlen)
		json_object_set_new(o, "maxlen", json_integer(f->maxlen));
	return o;
}

static json_t *fields_json(const struct field *fields)
{
	json_t *arr = json_array();
	const struct field *f;

	for (f = fields; f && f->name; f++)
		if (!(f->flags & F_HIDDEN) || (f->flags & F_INPUT_ONLY))
			json_array_append_new(arr, field_json(f));
	return arr;
}

static json_t *actions_json(const struct resource *res)
{
	json_t *arr = json_array();
	const struct action *a;
	const char *const *s;

	for (a = res->actions; a && a->name; a++) {
		json_t *from = json_array();

		for (s = a->from; s && *s; s++)
			json_array_append_new(from, json_string(*s));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:s?, s:o, s:i}", "name",
						     a->name, "label", a->label, "from", from,
						     "to", a->to, "fields", fields_json(a->fields),
						     "min_level", (int)a->min_level));
	}
	return arr;
}

static json_t *search_json(const struct resource *res)
{
	json_t *arr = json_array();
	const struct field *f;

	for (f = res->fields; f->name; f++)
		if (f->flags & F_SEARCH)
			json_array_append_new(arr, json_string(f->name));
	return arr;
}

void api_schema(struct request_ctx *ctx)
{
	json_t *list = json_array();
	int i;

	for (i = 0; resources[i]; i++) {
		const struct resource *res = resources[i];
		int admin = ctx->who->level == LEVEL_ADMIN;
		int write = !ctx->who->readonly &&
			    (admin || !(res->flags & RES_READONLY));
		const char *scope = res->scope == SCOPE_DIVISION ? "division"
				  : res->scope == SCOPE_REF ? "ref"
				  : res->scope == SCOPE_ADMIN ? "admin" : "none";

		if (res->scope == SCOPE_ADMIN && !admin)
			continue;
		json_array_append_new(list, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:{s:b, s:b, s:b, s:b, s:b},"
			" s:o, s:o, s:s?}",
			"name", res->name, "label", res->label, "module", res->module,
			"module_label", res->module_label, "scope", scope,
			"scope_field", res->scope_field, "label_field", res->label_field,
			"search", search_json(res),
			"can", "create", write, "update", write,
			"delete", write && !(res->flags & RES_NO_DELETE),
			"import", write && !(res->flags & RES_NO_IMPORT), "export", 1,
			"fields", fields_json(res->fields), "actions", actions_json(res),
			"state_field", res->state_field));
	}
	reply_json(ctx, 200, json_pack("{s:o}", "resources", list));
}
