/* transition: the one function that moves a workflow record — for the
 * actions route and for rules acting from inside another write — and the
 * event log it writes. Everything an action does is read from its
 * declaration (schema/resource.h struct action); a `run` hook adds only the
 * rules that are really code. */
#include "api/transition.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/date.h"
#include "store/events_store.h"

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *state_label(const struct resource *res, const char *state)
{
	return state ? resource_enum_label(res, res->state_field, state) : "空";
}

static int state_allowed(const struct action *act, const char *state)
{
	const char *const *s;

	if (!act->from)
		return 1;
	for (s = act->from; *s; s++)
		if (state && !strcmp(*s, state))
			return 1;
	return 0;
}

/* 1 when the caller is the action's actor: a user of the organisation (or one
 * above it) or of the enterprise the record's `actor` field names. */
static int is_actor(struct request_ctx *ctx, const struct resource *res,
		    const struct action *act, json_t *rec, struct buf *why)
{
	struct buf err = BUF_INIT;
	int r = act->actor ? generic_member_of(ctx, resource_field(res, act->actor), rec, &err) : 0;

	if (r < 0)
		buf_setf(why, "%s", err.ptr);
	buf_release(&err);
	return r;
}

/* Whether the caller's level or relation allows the action, regardless of
 * the record's state: 1, 0 (why set), -1 on failure. */
static int caller_allowed(struct request_ctx *ctx, const struct resource *res,
			  const struct action *act, json_t *rec, struct buf *why)
{
	const struct principal *who = ctx->who;
	int r;

	if (!who)
		return 1;
	if (act->caps) {
		if (who->caps & act->caps)
			return 1;
		buf_setf(why, "只有%s可以执行“%s”", role_caps_holders(act->caps), act->label);
		return 0;
	}
	if (who->level == LEVEL_ADMIN)
		return 1;
	if (who->readonly) {
		buf_setf(why, "只读账号不能修改数据");
		return 0;
	}
	if (!act->actor)
		goto by_level;
	if (act->min_level && who->level >= act->min_level)
		return 1;
	if ((r = is_actor(ctx, res, act, rec, why)) != 0)
		return r;
	buf_setf(why, "只有%s的用户%s可以执行“%s”",
		 resource_field(res, act->actor)->label,
		 act->min_level >= LEVEL_COUNTY ? "或县级以上用户"
		 : act->min_level >= LEVEL_TOWN ? "或乡镇以上用户"
		 : act->min_level ? "或村级以上用户" : "", act->label);
	return 0;
by_level:
	if (!act->min_level || who->level >= act->min_level)
		return 1;
	buf_setf(why, "您的账号级别不能执行“%s”", act->label);
	return 0;
}

int transition_permitted(struct request_ctx *ctx, const struct resource *res,
			 const struct action *act, json_t *rec, struct buf *why)
{
	struct buf ignored = BUF_INIT;
	struct buf *w = why ? why : &ignored;
	const char *state = res->state_field ? str(rec, res->state_field) : NULL;
	int r;

	if (act->flags & ACT_CREATE)
		r = 0;
	else if (res->state_field && !state_allowed(act, state)) {
		buf_setf(w, "当前状态为“%s”，不能执行“%s”", state_label(res, state), act->label);
		r = 0;
	} else {
		r = caller_allowed(ctx, res, act, rec, w);
		if (r == 1 && act->check && act->check(ctx, res, rec, w) != WS_OK)
			r = 0;
	}
	buf_release(&ignored);
	return r;
}

json_t *transition_available(struct request_ctx *ctx, const struct resource *res, json_t *rec)
{
	json_t *names = json_array();
	const struct action *a;

	for (a = res->actions; a && a->name; a++)
		if (transition_permitted(ctx, res, a, rec, NULL) == 1)
			json_array_append_new(names, json_string(a->name));
	return names;
}

int transition_log(struct request_ctx *ctx, const struct resource *res, long long id,
		   const struct action *act, const char *from, const char *to, const char *on,
		   json_t *fields, const char *comment, struct buf *err)
{
	char today[DATE_SIZE];
	char *text = fields && json_object_size(fields) ? json_dumps(fields, JSON_COMPACT) : NULL;
	struct event_entry e = {
		.entity = res->name, .entity_id = id, .action = act->name, .from_state = from,
		.to_state = to, .on = on, .fields = text, .comment = comment,
		.user_id = ctx->who ? ctx->who->id : 0,
		.username = ctx->who ? ctx->who->username : "cli",
	};
	int ret;

	if (!e.on) {
		date_today(today);
		e.on = today;
	}
	ret = events_add(ctx->db, ctx->a, &e, err);
	free(text);
	return ret;
}

/* The action's body validated against its fields: unknown fields, bad values
 * and missing required ones go to errors; `fields` gets the normalized values. */
static void validate_body(struct request_ctx *ctx, const struct resource *res,
			  const struct action *act, json_t *body, json_t *fields, json_t *errors)
{
	const struct field *f;
	const char *key;
	json_t *val;

	json_object_foreach(body, key, val) {
		json_t *norm = NULL;
		const char *why = NULL;

		if (!strcmp(key, "version"))
			continue;
		for (f = act->fields; f && f->name && strcmp(f->name, key); f++)
			;
		if (!f || !f->name) {
			json_object_set_new(errors, key, json_string("未知字段"));
			continue;
		}
		if (record_value(ctx, res, f, val, 0, &norm, &why)) {
			json_object_set_new(errors, key,
					    json_string(arena_printf(ctx->a, "%s%s", f->label, why)));
			continue;
		}
		json_object_set_new(fields, key, norm);
	}
	for (f = act->fields; f && f->name; f++) {
		json_t *v = json_object_get(fields, f->name);

		if ((f->flags & F_REQUIRED) && (!v || json_is_null(v)) &&
		    !json_object_get(errors, f->name))
			json_object_set_new(errors, f->name,
					    json_string(arena_printf(ctx->a, "%s不能为空", f->label)));
	}
}

/* A literal of EFFECT_SET as the column's JSON value. */
static json_t *literal(const struct resource *res, const char *column, const char *text)
{
	const struct field *f = resource_field(res, column);

	if (f && f->type == FT_BOOL)
		return json_boolean(!strcmp(text, "true"));
	if (f && (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF))
		return json_integer(strtoll(text, NULL, 10));
	return json_string(text);
}

static void apply_effects(struct request_ctx *ctx, const struct resource *res,
			  const struct effect *effects, struct action_call *call)
{
	const struct effect *e;

	for (e = effects; e && e->column; e++) {
		switch (e->kind) {
		case EFFECT_STAMP:
			json_object_set_new(call->set, e->column, json_string(call->on));
			break;
		case EFFECT_STAMP_NOW:
			json_object_set_new(call->set, e->column, json_string(call->at));
			break;
		case EFFECT_COPY: {
			json_t *v = json_object_get(call->body, e->arg ? e->arg : e->column);

			if (v)
				json_object_set(call->set, e->column, v);
			break;
		}
		case EFFECT_COUNT: {
			json_t *by = e->arg ? json_object_get(call->body, e->arg) : NULL;
			json_t *was = json_object_get(call->set, e->column);
			long long n = json_is_integer(was) ? json_integer_value(was)
				    : json_integer_value(json_object_get(call->before, e->column));

			if (e->arg && !json_is_integer(by))
				break;
			json_object_set_new(call->set, e->column,
					    json_integer(n + (by ? json_integer_value(by) : 1)));
			break;
		}
		case EFFECT_SET:
			json_object_set_new(call->set, e->column, literal(res, e->column, e->arg));
			break;
		case EFFECT_CLEAR:
			json_object_set_new(call->set, e->column, json_null());
			break;
		}
	}
	(void)ctx;
}

/* A body value as the text a branch compares with. */
static const char *as_text(struct request_ctx *ctx, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	if (json_is_integer(v))
		return arena_printf(ctx->a, "%lld", (long long)json_integer_value(v));
	return NULL;
}

/* The event's fields: the body's besides the date and the comment. */
static json_t *event_fields(const struct action *act, json_t *fields)
{
	json_t *o = json_object();
	const char *key;
	json_t *v;

	json_object_foreach(fields, key, v) {
		if ((act->date_field && !strcmp(key, act->date_field)) ||
		    (act->comment_field && !strcmp(key, act->comment_field)) || json_is_null(v))
			continue;
		json_object_set(o, key, v);
	}
	return o;
}

int transition_run(struct request_ctx *ctx, const struct resource *res, long long id,
		   const struct action *act, json_t *body, long long version, unsigned flags,
		   json_t *errors, json_t **after_out, struct buf *err)
{
	json_t *before = NULL, *fields = json_object(), *set = json_object(), *after = NULL;
	json_t *evf = NULL;
	const struct action_branch *b;
	const char *from, *dated;
	char today[DATE_SIZE], day[DATE_SIZE], now[DATE_TIME_SIZE];
	struct action_call call;
	int status = WS_ERROR, r;

	if (after_out)
		*after_out = NULL;
	if (act->flags & ACT_CREATE) {
		status = WS_NOT_FOUND;
		goto out;
	}
	if (flags & TRANSITION_INTERNAL) {
		before = generic_load(ctx, res, id, RECORD_REVEAL);
	} else {
		struct db_result row;

		r = records_get(ctx->db, ctx->a, generic_owner(ctx), res, id, &row, err);
		if (r && r != REC_NOTFOUND)
			goto out;
		if (!r)
			before = record_from_row(ctx, res, &row, 0, RECORD_REVEAL);
	}
	if (!before) {
		status = WS_NOT_FOUND;
		goto out;
	}
	if (version >= 0 && json_integer_value(json_object_get(before, "version")) != version) {
		status = WS_STALE;
		goto out;
	}
	/* counters and copies are computed from this read: the write must find it unchanged */
	version = json_integer_value(json_object_get(before, "version"));
	from = res->state_field ? str(before, res->state_field) : NULL;
	if (res->state_field && !state_allowed(act, from)) {
		buf_setf(err, "当前状态为“%s”，不能执行“%s”", state_label(res, from), act->label);
		status = WS_WRONG_STATE;
		goto out;
	}

	if (!(flags & TRANSITION_INTERNAL)) {
		r = caller_allowed(ctx, res, act, before, err);
		if (r <= 0) {
			status = r < 0 ? WS_ERROR : WS_FORBIDDEN;
			goto out;
		}
	}
	if (act->check && (status = act->check(ctx, res, before, err)) != WS_OK)
		goto out;
	validate_body(ctx, res, act, body, fields, errors);
	date_today(today);
	date_now_rfc3339(now);
	/* an action records what has happened: its date cannot lie ahead */
	if (act->date_field && (dated = str(fields, act->date_field)) &&
	    strcmp(dated, strlen(dated) == DATE_TIME_SIZE - 1 ? now : today) > 0) {
		const struct field *df;

		for (df = act->fields; df && df->name && strcmp(df->name, act->date_field); df++)
			;
		json_object_set_new(errors, act->date_field, json_string(arena_printf(ctx->a,
			"%s不能晚于%s", df && df->name ? df->label : "日期",
			strlen(dated) == DATE_TIME_SIZE - 1 ? "当前时间" : "今天")));
	}
	if (json_object_size(errors)) {
		status = WS_INVALID;
		goto out;
	}
	memset(&call, 0, sizeof(call));
	call.res = res;
	call.act = act;
	call.id = id;
	call.before = before;
	call.body = fields;
	call.set = set;
	call.to = act->to;
	call.on = today;
	call.at = now;
	if (act->date_field && (dated = str(fields, act->date_field))) {
		if (strlen(dated) == DATE_TIME_SIZE - 1) {
			call.at = dated;
			call.on = date_local_day(dated, day) ? today : day;
		} else {
			call.on = dated;
		}
	}
	apply_effects(ctx, res, act->effects, &call);
	for (b = act->branches; b && b->field; b++) {
		const char *v = as_text(ctx, json_object_get(fields, b->field));

		if (v && !strcmp(v, b->equals)) {
			call.to = b->to;
			apply_effects(ctx, res, b->effects, &call);
			break;
		}
	}
	if (act->run) {
		status = act->run(ctx, &call, errors, err);
		if (!status && json_object_size(errors))
			status = WS_INVALID;
		if (status)
			goto out;
	}
	if (res->state_field && call.to)
		json_object_set_new(set, res->state_field, json_string(call.to));
	status = generic_write(ctx, res, set, before, version,
			       arena_printf(ctx->a, "action:%s", act->name), errors, &after, err);
	if (status)
		goto out;
	evf = event_fields(act, fields);
	if (transition_log(ctx, res, id, act, from, res->state_field ? str(after, res->state_field)
								      : NULL,
			   call.on, evf, act->comment_field ? str(fields, act->comment_field) : NULL,
			   err)) {
		status = WS_ERROR;
		goto out;
	}
	if (after_out) {
		*after_out = after;
		after = NULL;
	}
out:
	json_decref(before);
	json_decref(fields);
	json_decref(set);
	json_decref(after);
	json_decref(evf);
	return status;
}

void generic_action(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const struct action *act;
	json_t *body = NULL, *errors = NULL, *after = NULL;
	struct buf err = BUF_INIT;
	long long id, version;
	int status;

	if (!res || generic_id_or_reply(ctx, 1, &id))
		return;
	if (!(act = resource_action(res, ctx->params[2])) || (act->flags & ACT_CREATE)) {
		reply_error(ctx, 404, "not_found", "没有这个操作", NULL);
		return;
	}
	if (generic_can_write_or_reply(ctx, res))
		return;
	/* a level the action can never accept is refused before any record is read */
	if (!act->actor && act->min_level && ctx->who->level < act->min_level) {
		reply_error(ctx, 403, "forbidden",
			    arena_printf(ctx->a, "您的账号级别不能执行“%s”", act->label), NULL);
		return;
	}
	if (!(body = generic_body_or_reply(ctx)))
		return;
	if (generic_version_or_reply(ctx, body, &version))
		goto out;
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	errors = json_object();
	status = transition_run(ctx, res, id, act, body, version, 0, errors, &after, &err);
	if (status || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		generic_reply_failure(ctx, status ? status : WS_ERROR, errors, &err);
		goto out;
	}
	record_mask(res, after);
	json_object_set_new(after, "_actions", transition_available(ctx, res, after));
	reply_json(ctx, 200, after);
	after = NULL;
out:
	json_decref(body);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}
