/* write: creating, changing and deleting records (POST, PATCH, DELETE of
 * API.md) and generic_write, the one path every write of a declared resource
 * takes — hooks, the fields its kind requires, unique checks, the row, search
 * terms, the creation event of a workflow record and the audit row, all in
 * the caller's transaction. */
#include "api/generic.h"

#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "api/search.h"
#include "api/tallies.h"
#include "api/transition.h"
#include "core/secret.h"
#include "domain/date.h"
#include "store/audit_store.h"

static int unique_checks(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 long long self, json_t *errors, struct buf *err)
{
	const struct field *f;

	for (f = res->fields; f->name; f++) {
		const char *v;
		const char *col = f->name;
		long long other;
		int rc;

		if (!(f->flags & F_UNIQUE) || !(v = json_string_value(json_object_get(rec, f->name))))
			continue;
		if (field_secret(f)) {
			char h[SECRET_HASH_HEX_SIZE];

			secret_hash(v, h);
			v = arena_strdup(ctx->a, h);
			col = arena_printf(ctx->a, "%s_hash", f->name);
		}
		other = records_find_other(ctx->db, ctx->a, res, col, v, self, err);
		if (!other)
			continue;
		rc = generic_unique_clash(ctx, res, f, other, errors, err);
		if (rc < 0)
			return -1;
		if (!rc)
			json_object_set_new(errors, f->name,
					    json_string(arena_printf(ctx->a, "该%s已登记", f->label)));
	}
	return 0;
}

/* Only what changed is written, so concurrent edits of other fields are not undone. */
static json_t *changed_fields(const struct resource *res, json_t *rec, json_t *before)
{
	json_t *changed = json_object();
	const char *key;
	json_t *v;

	json_object_foreach(rec, key, v) {
		const struct field *f = resource_field(res, key);

		if (!f || (f->flags & F_VIRTUAL))
			continue;
		if (before && json_equal(v, json_object_get(before, key)))
			continue;
		if (before && json_is_null(v) && !json_object_get(before, key))
			continue;
		json_object_set(changed, key, v);
	}
	return changed;
}

/* The creation event of a workflow record: the ACT_CREATE action that leads
 * to the state the record is created in. */
static const struct action *create_action(const struct resource *res, json_t *rec)
{
	const char *state = res->state_field
		? json_string_value(json_object_get(rec, res->state_field)) : NULL;
	const struct action *a;

	for (a = res->actions; state && a && a->name; a++)
		if ((a->flags & ACT_CREATE) && a->to && !strcmp(a->to, state))
			return a;
	return NULL;
}

static int log_creation(struct request_ctx *ctx, const struct resource *res, long long id,
			json_t *rec, struct buf *err)
{
	const struct action *act = create_action(res, rec);
	const struct field *f;
	const char *dated;
	char day[DATE_SIZE];
	json_t *fields;
	int ret;

	if (!act)
		return 0;
	fields = json_object();
	for (f = act->fields; f && f->name; f++) {
		json_t *v = json_object_get(rec, f->name);

		if (v && !json_is_null(v))
			json_object_set(fields, f->name, v);
	}
	dated = act->date_field ? json_string_value(json_object_get(rec, act->date_field)) : NULL;
	/* an instant dates the event by its local day */
	if (dated && strlen(dated) == DATE_TIME_SIZE - 1)
		dated = date_local_day(dated, day) ? NULL : day;
	ret = transition_log(ctx, res, id, act, NULL, act->to, dated, fields, NULL, err);
	json_decref(fields);
	return ret;
}

static int audit_change(struct request_ctx *ctx, const struct resource *res, long long id,
			const char *action, json_t *before, json_t *after, struct buf *err)
{
	json_t *amask = after ? json_deep_copy(after) : NULL;
	json_t *bmask = before ? json_deep_copy(before) : NULL;
	struct audit_entry e = { .user_id = ctx->who ? ctx->who->id : 0,
				 .username = ctx->who ? ctx->who->username : "cli",
				 .action = action, .entity = res->name, .entity_id = id,
				 .before = bmask, .after = amask, .ip = ctx->ip };
	int ret;

	if (amask)
		record_mask(res, amask);
	if (bmask)
		record_mask(res, bmask);
	ret = audit_write(ctx->db, ctx->a, &e, err);
	json_decref(amask);
	json_decref(bmask);
	return ret;
}

/* The resource's validate hook on `merged` (which it may complete), the fields
 * its kind requires, then the unique values among the fields that change;
 * *changed gets those fields. */
static int write_checks(struct request_ctx *ctx, const struct resource *res, json_t *merged,
			json_t *before, json_t *errors, json_t **changed, struct buf *err)
{
	long long id = before ? json_integer_value(json_object_get(before, "id")) : 0;

	*changed = NULL;
	if (res->hooks && res->hooks->validate &&
	    res->hooks->validate(ctx, res, merged, before, errors, err))
		return WS_ERROR;
	/* the fields the record's kind requires (requires_by), after the hook filled its own */
	record_check_requires(ctx, res, merged, errors);
	*changed = changed_fields(res, merged, before);
	if (unique_checks(ctx, res, *changed, id, errors, err))
		return WS_ERROR;
	return json_object_size(errors) ? WS_INVALID : WS_OK;
}

int generic_write_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			json_t *before, json_t *errors, int *unchanged, struct buf *err)
{
	json_t *merged = json_deep_copy(before ? before : rec), *changed = NULL;
	int status;

	if (before)
		json_object_update(merged, rec);
	status = write_checks(ctx, res, merged, before, errors, &changed, err);
	if (unchanged)
		*unchanged = status == WS_OK && before && !json_object_size(changed);
	json_decref(merged);
	json_decref(changed);
	return status;
}

int generic_write(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		  json_t *before, long long version, const char *audit_action, json_t *errors,
		  json_t **after, struct buf *err)
{
	struct records_values vals = { 0 };
	json_t *merged = NULL, *changed = NULL;
	long long id = before ? json_integer_value(json_object_get(before, "id")) : 0;
	int rc, status = WS_ERROR;

	*after = NULL;
	if (before) {
		merged = json_deep_copy(before);
		json_object_update(merged, rec);
	} else {
		merged = json_incref(rec);
	}
	status = write_checks(ctx, res, merged, before, errors, &changed, err);
	if (status != WS_OK)
		goto out;
	status = WS_ERROR;
	if (before && !json_object_size(changed) && strncmp(audit_action, "action:", 7)) {
		/* nothing to change: no new version, no audit row (re-importing an export) */
		*after = json_deep_copy(before);
		status = WS_OK;
		goto out;
	}
	record_values(ctx, res, changed, &vals);
	if (before)
		rc = records_update(ctx->db, ctx->a, res, id, version, &vals, err);
	else
		rc = records_insert(ctx->db, ctx->a, res, &vals, &id, err);
	if (rc == REC_CONFLICT) {
		status = WS_STALE;
		goto out;
	}
	if (rc == REC_CONSTRAINT) {
		status = WS_CONFLICT;
		goto out;
	}
	if (rc)
		goto out;
	if (res->hooks && res->hooks->after_write &&
	    res->hooks->after_write(ctx, res, id, merged, before, err))
		goto out;
	if (search_reindex(ctx, res, id, merged, before, err))
		goto out;
	if (!before && log_creation(ctx, res, id, merged, err))
		goto out;
	{
		struct db_result row;

		if (records_get(ctx->db, ctx->a, NULL, res, id, &row, err))
			goto out;
		*after = record_from_row(ctx, res, &row, 0, RECORD_REVEAL);
	}
	if (tallies_change(ctx, res, before, *after, err) ||
	    audit_change(ctx, res, id, audit_action, before, *after, err))
		goto out;
	status = WS_OK;
out:
	if (status != WS_OK) {
		json_decref(*after);
		*after = NULL;
	}
	json_decref(merged);
	json_decref(changed);
	return status;
}

int generic_update(struct request_ctx *ctx, const struct resource *res, long long id,
		   json_t *set, struct buf *err)
{
	json_t *before = generic_load(ctx, res, id, RECORD_REVEAL);
	json_t *errors = json_object(), *after = NULL;
	int ret = -1;

	if (!before) {
		buf_setf(err, "%s %lld not found", res->name, id);
		goto out;
	}
	if (generic_write(ctx, res, set, before, -1, "update", errors, &after, err)) {
		if (json_object_size(errors)) {
			char *e = json_dumps(errors, JSON_COMPACT);

			buf_setf(err, "%s %lld: %s", res->name, id, e);
			free(e);
		}
		goto out;
	}
	ret = 0;
out:
	json_decref(before);
	json_decref(set);
	json_decref(errors);
	json_decref(after);
	return ret;
}

/* A change must leave the record where the caller can see it (a town user
 * cannot create a record for another town): in scope, or 422 on the first
 * field that decides the scope. */
static int still_visible(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 json_t *errors, struct buf *err)
{
	struct db_result r;
	long long id = json_integer_value(json_object_get(rec, "id"));
	int rc = records_get(ctx->db, ctx->a, generic_owner(ctx), res, id, &r, err);

	if (rc == REC_NOTFOUND) {
		const char *field = res->scope ? res->scope[0].column : "id";

		json_object_set_new(errors, field, json_string("不在您的管辖范围内"));
		return WS_INVALID;
	}
	return rc ? WS_ERROR : WS_OK;
}

void generic_commit_and_reply(struct request_ctx *ctx, const struct resource *res, int status,
			      json_t *errors, json_t **after, struct buf *err, int ok_status)
{
	if (!status)
		status = still_visible(ctx, res, *after, errors, err);
	if (status || db_commit(ctx->db, err)) {
		db_rollback(ctx->db);
		generic_reply_failure(ctx, status ? status : WS_ERROR, errors, err);
		return;
	}
	record_mask(res, *after);
	reply_json(ctx, ok_status, *after);
	*after = NULL;
}

void generic_create(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	json_t *body = NULL, *rec = NULL, *errors = NULL, *after = NULL;
	struct buf err = BUF_INIT;
	int status;

	if (!res || generic_can_write_or_reply(ctx, res) || !(body = generic_body_or_reply(ctx)))
		goto out;
	rec = json_object();
	errors = json_object();
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	record_validate(ctx, res, body, rec, 1, 0, errors);
	if (json_object_size(errors))
		status = WS_INVALID;
	else
		status = generic_write(ctx, res, rec, NULL, -1, "create", errors, &after, &err);
	generic_commit_and_reply(ctx, res, status, errors, &after, &err, 201);
out:
	json_decref(body);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}

/* The record for a change, in the caller's scope and at `version`: WS_OK with
 * it in *before, else WS_NOT_FOUND, WS_STALE or WS_ERROR. */
static int load_for_change(struct request_ctx *ctx, const struct resource *res, long long id,
			   long long version, json_t **before, struct buf *err)
{
	struct db_result r;
	int rc = records_get(ctx->db, ctx->a, generic_owner(ctx), res, id, &r, err);

	*before = NULL;
	if (rc == REC_NOTFOUND)
		return WS_NOT_FOUND;
	if (rc)
		return WS_ERROR;
	*before = record_from_row(ctx, res, &r, 0, RECORD_REVEAL);
	if (version >= 0 && json_integer_value(json_object_get(*before, "version")) != version) {
		json_decref(*before);
		*before = NULL;
		return WS_STALE;
	}
	return WS_OK;
}

void generic_patch(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	json_t *body = NULL, *rec = NULL, *errors = NULL, *after = NULL, *before = NULL;
	struct buf err = BUF_INIT;
	long long id, version;
	int status;

	if (!res || generic_can_write_or_reply(ctx, res) || generic_id_or_reply(ctx, 1, &id) ||
	    !(body = generic_body_or_reply(ctx)) || generic_version_or_reply(ctx, body, &version))
		goto out;
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	rec = json_object();
	errors = json_object();
	status = load_for_change(ctx, res, id, version, &before, &err);
	if (!status) {
		record_validate(ctx, res, body, rec, 0, 0, errors);
		status = json_object_size(errors)
			? WS_INVALID
			: generic_write(ctx, res, rec, before, version, "update", errors, &after, &err);
	}
	generic_commit_and_reply(ctx, res, status, errors, &after, &err, 200);
out:
	json_decref(body);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	json_decref(before);
	buf_release(&err);
}

void generic_delete(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const char *vs = request_arg(ctx, "version");
	json_t *before = NULL;
	struct buf err = BUF_INIT;
	long long id, version;
	char *end;
	int status;

	if (!res || generic_can_write_or_reply(ctx, res))
		goto out;
	if (res->flags & RES_NO_DELETE) {
		reply_error(ctx, 403, "forbidden", "这类数据不能删除", NULL);
		goto out;
	}
	if (generic_id_or_reply(ctx, 1, &id))
		goto out;
	version = vs ? strtoll(vs, &end, 10) : -1;
	if (!vs || *end || !*vs) {
		reply_error(ctx, 422, "validation", "缺少版本号 version",
			    json_pack("{s:s}", "version", "缺少版本号"));
		goto out;
	}
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	status = load_for_change(ctx, res, id, version, &before, &err);
	if (!status) {
		int rc = records_delete(ctx->db, ctx->a, res, id, version, &err);

		if (rc == REC_CONFLICT)
			status = WS_STALE;
		else if (rc == REC_CONSTRAINT) {
			status = WS_CONFLICT;
			buf_setf(&err, "该记录仍被其他数据引用，不能删除");
		} else if (rc || tallies_change(ctx, res, before, NULL, &err) ||
			   audit_change(ctx, res, id, "delete", before, NULL, &err))
			status = WS_ERROR;
	}
	if (status || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		generic_reply_failure(ctx, status ? status : WS_ERROR, NULL, &err);
		goto out;
	}
	reply_no_content(ctx);
out:
	json_decref(before);
	buf_release(&err);
}
