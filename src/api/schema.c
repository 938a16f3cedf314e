/* schema: GET /api/v1/schema, from which the console draws every form and
 * table, and GET /healthz. Both are generated from the declarations. */
#include "api/api.h"

#include <string.h>

#include "api/generic.h"
#include "api/stats_parts.h"
#include "schema/module.h"

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
			      "sort", !(f->flags & F_COMPUTED) &&
				      ((f->flags & F_SORT) != 0 || !(f->flags & F_VIRTUAL)));
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
	if (f->flags & F_UNIQUE)
		json_object_set_new(o, "unique", json_true());
	if (f->flags & F_VIRTUAL)
		json_object_set_new(o, "virtual", json_true());
	if (f->flags & F_COMPUTED)
		json_object_set_new(o, "computed", json_true());
	if (f->flags & F_PERIOD)
		json_object_set_new(o, "period", json_true());
	if (f->flags & F_CARD)
		json_object_set_new(o, "card", json_true());
	if (f->shown_to)
		json_object_set_new(o, "shown_to", json_string(f->shown_to));
	if (f->maxlen)
		json_object_set_new(o, "maxlen", json_integer(f->maxlen));
	if (stats_groupable(f))
		json_object_set_new(o, "group", json_true());
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

static const char *const effect_names[] = {
	[EFFECT_STAMP] = "stamp", [EFFECT_STAMP_NOW] = "stamp_now", [EFFECT_COPY] = "copy",
	[EFFECT_COUNT] = "count", [EFFECT_SET] = "set", [EFFECT_CLEAR] = "clear",
};

static json_t *effects_json(const struct effect *effects)
{
	json_t *arr = json_array();
	const struct effect *e;

	for (e = effects; e && e->column; e++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s?}", "kind", effect_names[e->kind],
						     "column", e->column, "arg", e->arg));
	return arr;
}

static json_t *states_json(const char *const *states)
{
	json_t *arr = json_array();
	const char *const *s;

	for (s = states; s && *s; s++)
		json_array_append_new(arr, json_string(*s));
	return arr;
}

/* What the console needs to draw an action: its fields, what it does, who
 * may run it (a level, or the users of the organisation or enterprise that a
 * record's field names) and whether this caller's level suffices. */
static json_t *actions_json(struct request_ctx *ctx, const struct resource *res)
{
	json_t *arr = json_array();
	const struct action *a;

	for (a = res->actions; a && a->name; a++) {
		json_t *o, *branches;
		const struct action_branch *b;
		int by_level = !ctx->who->readonly &&
			       (a->caps ? (ctx->who->caps & a->caps) != 0
				: ctx->who->level == LEVEL_ADMIN ||
				  (a->min_level ? ctx->who->level >= a->min_level : !a->actor));

		if (a->flags & ACT_CREATE)
			continue;
		branches = json_array();
		for (b = a->branches; b && b->field; b++)
			json_array_append_new(branches, json_pack("{s:s, s:s, s:s?, s:o}", "field",
				b->field, "equals", b->equals, "to", b->to, "effects",
				effects_json(b->effects)));
		o = json_pack("{s:s, s:s, s:o, s:s?, s:o, s:i, s:s?, s:o, s:o, s:s?, s:s?, s:b}",
			      "name", a->name, "label", a->label, "from", states_json(a->from),
			      "to", a->to, "fields", fields_json(a->fields),
			      "min_level", (int)a->min_level, "actor", a->actor,
			      "effects", effects_json(a->effects), "branches", branches,
			      "date_field", a->date_field, "comment_field", a->comment_field,
			      "by_level", by_level);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *names_json(const char *const *names)
{
	json_t *arr = json_array();

	for (; names && *names; names++)
		json_array_append_new(arr, json_string(*names));
	return arr;
}

/* Which fields each value of one field makes required (a pairing's kind):
 * {"field", "values": {value: {"required": [...], "any_of": [...]}}}. */
static json_t *requires_json(const struct resource *res)
{
	json_t *values = json_object();
	const struct requirement *r;

	for (r = res->requires; r && r->equals; r++)
		json_object_set_new(values, r->equals, json_pack("{s:o, s:o}", "required",
			names_json(r->required), "any_of", names_json(r->any_of)));
	return json_pack("{s:s, s:o}", "field", res->requires_field, "values", values);
}

static const char *way_name(enum scope_way_kind kind)
{
	static const char *const names[] = { [WAY_DIVISION] = "division", [WAY_ORG] = "org",
					     [WAY_ENTERPRISE] = "enterprise", [WAY_REF] = "ref",
					     [WAY_CHILD] = "child" };

	return kind >= WAY_DIVISION && kind <= WAY_CHILD ? names[kind] : "none";
}

static const char *scope_name(const struct resource *res)
{
	if (res->flags & RES_ADMIN_ONLY)
		return "admin";
	return res->scope && res->scope[0].kind ? way_name(res->scope[0].kind) : "none";
}

static json_t *ways_json(const struct resource *res)
{
	json_t *arr = json_array();
	const struct scope_way *w;

	for (w = res->scope; w && w->kind; w++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s?}", "kind", way_name(w->kind),
						     "column", w->column, "child", w->child));
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

/* The named statistics a report page offers (those declaring figures), each
 * with its module and the figures' labels. */
static json_t *stats_json(void)
{
	json_t *arr = json_array();
	const struct stats_def *d;
	const struct stat_figure *f;
	int m;

	for (m = 0; modules[m]; m++)
		for (d = modules[m]->stats; d && d->name; d++) {
			json_t *figs;

			if (!d->figures)
				continue;
			figs = json_array();
			for (f = d->figures; f->key; f++)
				json_array_append_new(figs, json_pack("{s:s, s:s}", "key", f->key,
								      "label", f->label));
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:o}", "name",
				d->name, "label", d->label, "module", modules[m]->name,
				"module_label", modules[m]->label, "figures", figs));
		}
	return arr;
}

void api_schema(struct request_ctx *ctx)
{
	const struct resource *const *all = resources_all();
	json_t *list = json_array();
	int i;

	for (i = 0; all[i]; i++) {
		const struct resource *res = all[i];
		const struct module *m = resource_module(res);
		unsigned need = resource_write_caps(res);
		int write = !ctx->who->readonly && (!need || (ctx->who->caps & need));
		json_t *o;

		if ((res->flags & RES_ADMIN_ONLY) && !ctx->who->scope.accounts)
			continue;
		o = json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:{s:b, s:b, s:b, s:b, s:b},"
			" s:o, s:o, s:s?}",
			"name", res->name, "label", res->label, "module", m->name,
			"module_label", m->label, "scope", scope_name(res),
			"scope_field", res->scope && res->scope[0].kind ? res->scope[0].column : NULL,
			"label_field", res->label_field,
			"search", search_json(res),
			"can", "create", write, "update", write,
			"delete", write && !(res->flags & RES_NO_DELETE),
			"import", write && !(res->flags & RES_NO_IMPORT), "export", 1,
			"fields", fields_json(res->fields), "actions", actions_json(ctx, res),
			"state_field", res->state_field);
		json_object_set_new(o, "ways", ways_json(res));
		json_object_set_new(o, "queues", states_json(res->queues));
		if (res->requires_field && res->requires)
			json_object_set_new(o, "requires_by", requires_json(res));
		{
			/* what this caller's import creates records as (直接入库 or 村级推荐) */
			const struct action *ia = resource_import_action(res, ctx->who);

			if (ia)
				json_object_set_new(o, "import_action", json_pack(
					"{s:s, s:s, s:s?}", "name", ia->name, "label", ia->label,
					"to", ia->to));
		}
		json_array_append_new(list, o);
	}
	reply_json(ctx, 200, json_pack("{s:o, s:o}", "resources", list, "stats", stats_json()));
}
