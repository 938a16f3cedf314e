/* todos: GET /api/v1/todos — 我的待办: for each kind of waiting work the
 * modules declare, how many records wait for this caller and the first few,
 * with the list filter that shows them all. */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "api/stats_parts.h"
#include "domain/date.h"
#include "schema/module.h"
#include "store/calendar_store.h"

#define TODO_FIRST 5

/* Whether the caller can be the action's actor: a user of an organisation
 * for a field naming organisations, of an enterprise for one naming enterprises. */
static int can_be_actor(const struct principal *who, const struct resource *res,
			const struct action *act)
{
	const struct field *f = act->actor ? resource_field(res, act->actor) : NULL;

	if (!f || !f->ref)
		return 0;
	if (!strcmp(f->ref, "enterprises"))
		return who->enterprise_id != 0;
	return !strcmp(f->ref, "orgs") && who->scope_org_id && who->scope.org_path;
}

/* Whether the caller's level fits the declaration and the action. */
static int applies(const struct principal *who, const struct resource *res,
		   const struct todo_def *t, const struct action *act, int *as_actor)
{
	int admin = who->level == LEVEL_ADMIN;

	*as_actor = 0;
	if (who->readonly)
		return 0;
	if (!admin && ((t->min_level && who->level < t->min_level) ||
		       (t->max_level && who->level > t->max_level)))
		return 0;
	if (!act)
		return 1;
	if (can_be_actor(who, res, act) &&
	    who->level < (act->min_level ? act->min_level : LEVEL_ADMIN)) {
		*as_actor = 1;
		return 1;
	}
	if (t->flags & TODO_ACTOR_ONLY)
		return 0;
	if (admin)
		return 1;
	return act->min_level ? who->level >= act->min_level : !act->actor;
}

/* The todo's filters as a query string: its states, the caller as actor, its where. */
static const char *query_of(struct request_ctx *ctx, const struct resource *res,
			    const struct todo_def *t, const struct action *act, int as_actor,
			    const char *today, const char *soon)
{
	struct buf q = BUF_INIT;
	const char *const *s;
	const char *out, *p;

	for (s = act && res->state_field ? act->from : NULL; s && *s; s++)
		buf_addf(&q, "%s%s=%s", q.len ? "&" : "", res->state_field, *s);
	if (as_actor) {
		const struct field *f = resource_field(res, act->actor);

		if (f && !strcmp(f->ref, "enterprises"))
			buf_addf(&q, "%s%s=%lld", q.len ? "&" : "", f->name, ctx->who->enterprise_id);
		else if (f)
			buf_addf(&q, "%s%s__under=%lld", q.len ? "&" : "", f->name,
				 ctx->who->scope_org_id);
	}
	for (p = t->where; p && *p; p++) {
		if (p == t->where && q.len)
			buf_addc(&q, '&');
		if (!strncmp(p, "$today", 6)) {
			buf_adds(&q, today);
			p += 5;
		} else if (!strncmp(p, "$soon", 5)) {
			buf_adds(&q, soon);
			p += 4;
		} else {
			buf_addc(&q, *p);
		}
	}
	out = arena_strdup(ctx->a, q.ptr);
	buf_release(&q);
	return out;
}

/* Splits a query string into arguments (in the arena). */
static size_t split(struct request_ctx *ctx, const char *query, struct query_arg *qa, size_t max)
{
	char *copy = arena_strdup(ctx->a, query), *save = NULL, *tok;
	size_t n = 0;

	for (tok = strtok_r(copy, "&", &save); tok && n < max; tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq)
			continue;
		*eq = '\0';
		qa[n].key = tok;
		qa[n].value = eq + 1;
		n++;
	}
	return n;
}

static int one_todo(struct request_ctx *ctx, const struct todo_def *t, const char *today,
		    const char *soon, json_t *items, long long *sum, struct buf *err)
{
	const struct resource *res = resource_find(t->resource);
	const struct action *act = res && t->action ? resource_action(res, t->action) : NULL;
	struct records_query q;
	struct query_arg qa[32];
	struct db_result rows;
	const char *query, *bad = NULL;
	json_t *first;
	long long total = 0;
	size_t i, n;
	int as_actor, ret = -1;

	if (!res || (t->action && !act)) {
		buf_setf(err, "todo %s: no resource or action", t->key);
		return -1;
	}
	if (!applies(ctx->who, res, t, act, &as_actor))
		return 0;
	query = query_of(ctx, res, t, act, as_actor, today, soon);
	n = split(ctx, query, qa, 32);
	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (generic_filters(ctx, res, qa, n, &q.where, &bad, err))
		goto out;
	q.limit = TODO_FIRST;
	q.want_total = 1;
	q.desc = 0;
	if (records_list(ctx->db, ctx->a, ctx->who, res, &q, &rows, &total, err))
		goto out;
	first = json_array();
	for (i = 0; i < rows.nrows; i++) {
		json_t *rec = record_from_row(ctx, res, &rows, i, 0);
		/* what names it: its label field, else a name or title shown with it */
		const char *label = json_string_value(json_object_get(rec, res->label_field
			? res->label_field : resource_field(res, "name") ? "name" : "title"));

		json_array_append_new(first, json_pack("{s:O, s:s?}", "id", json_object_get(rec, "id"),
						       "label", label));
		json_decref(rec);
	}
	json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:I, s:s, s:o}", "key", t->key,
					       "label", t->label, "resource", res->name,
					       "count", (json_int_t)total, "query", query,
					       "first", first));
	*sum += total;
	ret = 0;
out:
	sqlw_release(&q.where);
	return ret;
}

void api_todos(struct request_ctx *ctx)
{
	struct workday_calendar cal;
	struct buf err = BUF_INIT;
	char today[DATE_SIZE], soon[DATE_SIZE];
	json_t *items = json_array();
	long long sum = 0;
	const struct todo_def *t;
	int m;

	date_today(today);
	if (calendar_load(ctx->db, ctx->a, &cal, &err) || workday_add(&cal, today, 2, soon))
		goto fail;
	for (m = 0; modules[m]; m++)
		for (t = modules[m]->todos; t && t->key; t++)
			if (one_todo(ctx, t, today, soon, items, &sum, &err))
				goto fail;
	reply_json(ctx, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)sum));
	buf_release(&err);
	return;
fail:
	json_decref(items);
	generic_internal_error(ctx, &err);
	buf_release(&err);
}
