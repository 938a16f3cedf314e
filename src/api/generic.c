/* generic: what the handlers of every resource share — finding the resource,
 * the write permission, the body, ids, full-PII reads and their audit, and
 * the one place that chooses the HTTP status of a refused change. */
#include "api/generic.h"

#include <stdlib.h>
#include <string.h>

#include "api/record.h"
#include "core/log.h"
#include "store/audit_store.h"
#include "store/org_tree.h"

const struct resource *generic_resource_or_reply(struct request_ctx *ctx)
{
	const struct resource *res = resource_find(ctx->params[0]);

	if (!res)
		reply_error(ctx, 404, "not_found", "没有这类数据", NULL);
	return res;
}

int generic_can_write_or_reply(struct request_ctx *ctx, const struct resource *res)
{
	if (ctx->who->readonly) {
		reply_error(ctx, 403, "forbidden", "只读账号不能修改数据", NULL);
		return -1;
	}
	if (resource_write_caps(res) && !(ctx->who->caps & resource_write_caps(res))) {
		reply_error(ctx, 403, "forbidden",
			    res->flags & RES_ADMIN_ONLY ? "只有系统管理员或安全管理员可以修改账号"
							: "只有系统管理员可以修改这类数据",
			    NULL);
		return -1;
	}
	return 0;
}

json_t *generic_body_or_reply(struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *body = ctx->body_len ? json_loadb(ctx->body, ctx->body_len, 0, &jerr) : NULL;

	if (!json_is_object(body)) {
		json_decref(body);
		reply_error(ctx, 400, "bad_request", "请求内容应为 JSON 对象", NULL);
		return NULL;
	}
	return body;
}

int generic_id_or_reply(struct request_ctx *ctx, int i, long long *id)
{
	char *end;

	*id = strtoll(ctx->params[i], &end, 10);
	if (*end || *id <= 0) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		return -1;
	}
	return 0;
}

int generic_version_or_reply(struct request_ctx *ctx, json_t *body, long long *version)
{
	json_t *v = json_object_get(body, "version");

	if (!json_is_integer(v)) {
		reply_error(ctx, 422, "validation", "缺少版本号 version",
			    json_pack("{s:s}", "version", "缺少版本号"));
		return -1;
	}
	*version = json_integer_value(v);
	return 0;
}

void generic_log_error(struct request_ctx *ctx, const struct buf *err)
{
	log_line("error", json_pack("{s:s, s:s}", "method", ctx->method, "path", ctx->path),
		 "%s", err->len ? err->ptr : "unknown failure");
}

void generic_internal_error(struct request_ctx *ctx, struct buf *err)
{
	generic_log_error(ctx, err);
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
}

void generic_reply_failure(struct request_ctx *ctx, int status, json_t *errors,
			   struct buf *err)
{
	const char *msg = err && err->len ? err->ptr : NULL;

	switch (status) {
	case WS_INVALID: {
		const char *first = NULL, *key;
		json_t *v;

		json_object_foreach(errors, key, v) {
			first = json_string_value(v);
			break;
		}
		reply_error(ctx, 422, "validation", first ? first : msg ? msg : "数据校验未通过",
			    json_incref(errors));
		break;
	}
	case WS_STALE:
		reply_error(ctx, 409, "conflict", "该记录已被他人修改，请刷新后重试", NULL);
		break;
	case WS_CONFLICT:
		reply_error(ctx, 409, "conflict", msg ? msg : "与已有记录冲突，请刷新后重试", NULL);
		break;
	case WS_WRONG_STATE:
		reply_error(ctx, 409, "conflict", msg ? msg : "当前状态不能执行该操作", NULL);
		break;
	case WS_FORBIDDEN:
		reply_error(ctx, 403, "forbidden", msg ? msg : "您没有执行该操作的权限", NULL);
		break;
	case WS_NOT_FOUND:
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		break;
	default:
		generic_internal_error(ctx, err);
	}
}

json_t *generic_load(struct request_ctx *ctx, const struct resource *res, long long id,
		     unsigned flags)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	json_t *o = NULL;

	if (records_get(ctx->db, ctx->a, NULL, res, id, &r, &err) == REC_OK)
		o = record_from_row(ctx, res, &r, 0, flags);
	buf_release(&err);
	return o;
}

int generic_reveal_or_reply(struct request_ctx *ctx)
{
	const char *r = request_arg(ctx, "reveal");

	if (!r || strcmp(r, "1"))
		return 0;
	if (!ctx->who->pii) {
		reply_error(ctx, 403, "forbidden", "您没有查看完整个人信息的权限", NULL);
		return -1;
	}
	return 1;
}

int generic_unique_clash(struct request_ctx *ctx, const struct resource *res,
			 const struct field *f, long long other, json_t *errors, struct buf *err)
{
	struct db_result r;
	int rc;

	if (!ctx->who || ctx->who->scope.all)
		return 0;
	rc = records_get(ctx->db, ctx->a, ctx->who, res, other, &r, err);
	if (rc == REC_OK)
		return 0;
	if (rc != REC_NOTFOUND)
		return -1;
	json_object_set_new(errors, f->name,
			    json_string(arena_printf(ctx->a, "该%s不能使用，请联系上级管理员",
						     f->label)));
	generic_defer_audit(ctx, "unique_clash", res, other,
			    json_pack("{s:s, s:s}", "field", f->name, "path", ctx->path));
	return 1;
}

void generic_defer_audit(struct request_ctx *ctx, const char *action, const struct resource *res,
			 long long id, json_t *detail)
{
	if (!ctx->deferred_audit)
		ctx->deferred_audit = json_array();
	json_array_append_new(ctx->deferred_audit,
			      json_pack("{s:s, s:s, s:I, s:o}", "action", action, "entity",
					res->name, "id", (json_int_t)id, "detail",
					detail ? detail : json_null()));
}

void generic_flush_deferred_audit(struct request_ctx *ctx)
{
	struct buf err = BUF_INIT;
	size_t i;
	json_t *row;

	if (!ctx->deferred_audit)
		return;
	if (db_begin(ctx->db, 1, &err))
		goto out;
	json_array_foreach(ctx->deferred_audit, i, row) {
		struct audit_entry e = {
			.user_id = ctx->who ? ctx->who->id : 0,
			.username = ctx->who ? ctx->who->username : "-",
			.action = json_string_value(json_object_get(row, "action")),
			.entity = json_string_value(json_object_get(row, "entity")),
			.entity_id = json_integer_value(json_object_get(row, "id")),
			.after = json_object_get(row, "detail"), .ip = ctx->ip,
		};

		if (audit_write(ctx->db, ctx->a, &e, &err)) {
			db_rollback(ctx->db);
			goto out;
		}
	}
	if (db_commit(ctx->db, &err))
		db_rollback(ctx->db);
out:
	if (err.len)
		log_line("error", json_pack("{s:s, s:s}", "method", ctx->method, "path", ctx->path),
			 "deferred audit: %s", err.ptr);
	json_decref(ctx->deferred_audit);
	ctx->deferred_audit = NULL;
	buf_release(&err);
}

int generic_audit_reveal_or_reply(struct request_ctx *ctx, const struct resource *res,
				  long long id, json_t *detail)
{
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "reveal", .entity = res->name, .entity_id = id,
				 .after = detail, .ip = ctx->ip };
	struct buf err = BUF_INIT;
	int ret = -1;

	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		generic_internal_error(ctx, &err);
	json_decref(detail);
	buf_release(&err);
	return ret;
}

const struct principal *generic_owner(struct request_ctx *ctx)
{
	struct principal *me;

	if (!ctx->who)
		return NULL;
	me = arena_alloc(ctx->a, sizeof(*me));
	*me = *ctx->who;
	me->scope.own = 1;
	return me;
}

int generic_member_of(struct request_ctx *ctx, const struct field *f, json_t *rec,
		      struct buf *err)
{
	json_t *v = f && f->ref ? json_object_get(rec, f->name) : NULL;
	long long ref;

	if (!json_is_integer(v) || !ctx->who)
		return 0;
	ref = json_integer_value(v);
	if (!strcmp(f->ref, "enterprises"))
		return ctx->who->enterprise_id && ctx->who->enterprise_id == ref;
	if (strcmp(f->ref, "orgs") || !ctx->who->scope_org_id || !ctx->who->scope.org_path)
		return 0;
	return org_tree_is_descendant(ctx->db, ctx->a, ref, ctx->who->scope_org_id, err);
}

int generic_show_to_members_or_reply(struct request_ctx *ctx, const struct resource *res,
				     const struct db_result *r, long long id, json_t *o)
{
	json_t *full = NULL, *fields = json_array();
	const struct field *f;
	const char *as = NULL;
	struct buf err = BUF_INIT;
	int ret = 0, m;

	for (f = res->fields; f->name; f++) {
		if (!field_secret(f) || !f->shown_to || json_is_null(json_object_get(o, f->name)) ||
		    !json_object_get(o, f->name))
			continue;
		m = generic_member_of(ctx, resource_field(res, f->shown_to), o, &err);
		if (m < 0) {
			generic_internal_error(ctx, &err);
			ret = -1;
			goto out;
		}
		if (!m)
			continue;
		if (!full)
			full = record_from_row(ctx, res, r, 0, RECORD_REVEAL);
		json_object_set(o, f->name, json_object_get(full, f->name));
		json_array_append_new(fields, json_string(f->name));
		as = f->shown_to;
	}
	if (json_array_size(fields))
		ret = generic_audit_reveal_or_reply(ctx, res, id,
						    json_pack("{s:O, s:s}", "fields", fields, "as", as));
out:
	json_decref(full);
	json_decref(fields);
	buf_release(&err);
	return ret;
}
