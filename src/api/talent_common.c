/* talent_common: helpers shared by the talent pool's resources (res_talent*.c),
 * its growth file and its statistics. */
#include "api/talent_common.h"
#include "domain/date.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "api/resources.h"
#include "store/talent_store.h"

long long talent_common_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

const char *talent_common_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int talent_common_check_village(struct request_ctx *ctx, json_t *rec, json_t *before,
				const char *field, json_t *errors)
{
	const char *code = talent_common_str(rec, field);
	const char *was = before ? talent_common_str(before, field) : NULL;
	struct buf err = BUF_INIT;
	int level, ret = 0;

	if (!code || (was && !strcmp(code, was)))
		return 0;
	level = talent_store_division_level(ctx->db, ctx->a, code, &err);
	if (level < 0)
		ret = -1;
	else if (level != 5)
		json_object_set_new(errors, field, json_string("所在村应为村（社区）一级的区划"));
	buf_release(&err);
	return ret;
}

int talent_common_step(struct request_ctx *ctx, long long talent_id, const char *action,
		       const char *from, const char *to, const char *date, const char *opinion,
		       json_t *detail, struct buf *err)
{
	char *d = detail && json_object_size(detail) ? json_dumps(detail, JSON_COMPACT) : NULL;
	struct talent_store_step s = {
		.talent_id = talent_id, .action = action, .from_status = from, .to_status = to,
		.step_on = date, .opinion = opinion, .detail = d,
		.user_id = ctx->who ? ctx->who->id : 0,
		.username = ctx->who ? ctx->who->username : "cli",
	};
	int ret = talent_store_add_step(ctx->db, ctx->a, &s, err);

	free(d);
	return ret;
}

int talent_common_act(struct request_ctx *ctx, const struct resource *res, long long id,
		      const char *name, json_t *body, json_t *errors, struct buf *err)
{
	const struct action *act = resource_action(res, name);
	json_t *before = generic_load(ctx, res, id, RECORD_REVEAL);
	json_t *set = json_object(), *after = NULL;
	const char *state;
	const char *const *s;
	int status = 500, allowed = !act || !act->from;

	if (!act || !before) {
		buf_setf(err, "%s %lld: no action %s or no record", res->name, id, name);
		goto out;
	}
	state = talent_common_str(before, res->state_field);
	for (s = act->from; s && *s; s++)
		if (state && !strcmp(*s, state))
			allowed = 1;
	if (!allowed) {
		status = 409;
		goto out;
	}
	if (act->run) {
		struct action_call call = { .res = res, .act = act, .id = id, .before = before,
					    .body = body, .set = set };

		status = act->run(ctx, &call, errors);
		if (!status && json_object_size(errors))
			status = 422;
		if (status)
			goto out;
	}
	if (act->to)
		json_object_set_new(set, res->state_field, json_string(act->to));
	status = generic_write(ctx, res, set, before, -1,
			       arena_printf(ctx->a, "action:%s", act->name), errors, &after, err);
out:
	json_decref(before);
	json_decref(set);
	json_decref(after);
	return status;
}

int talent_common_set_political_status(struct request_ctx *ctx, long long person_id,
				       const char *status, struct buf *err)
{
	json_t *before = generic_load(ctx, &res_persons, person_id, RECORD_REVEAL);
	json_t *rec = NULL, *errors = NULL, *after = NULL;
	const char *now;
	int ret = -1;

	if (!before) {
		buf_setf(err, "person %lld not found", person_id);
		return -1;
	}
	now = talent_common_str(before, "political_status");
	if (now && !strcmp(now, status)) {
		ret = 0;
		goto out;
	}
	rec = json_pack("{s:s}", "political_status", status);
	errors = json_object();
	if (generic_write(ctx, &res_persons, rec, before, -1, "update", errors, &after, err)) {
		if (json_object_size(errors)) {
			char *e = json_dumps(errors, JSON_COMPACT);

			buf_setf(err, "person %lld: %s", person_id, e);
			free(e);
		}
		goto out;
	}
	ret = 0;
out:
	json_decref(before);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	return ret;
}

const char *talent_common_label(const struct resource *res, const char *field,
				const char *value)
{
	const struct field *f = resource_field(res, field);
	const struct enum_value *e = f && value ? field_enum(f, value) : NULL;

	return e ? e->label : value ? value : "";
}

void talent_common_set_age(json_t *rec)
{
	const char *birth = talent_common_str(rec, "birth_date");
	char today[DATE_SIZE];
	int age;

	date_today(today);
	age = birth ? date_age(birth, today) : -1;
	json_object_set_new(rec, "age", age >= 0 ? json_integer(age) : json_null());
}
