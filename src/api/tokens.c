/* tokens: API tokens for integrations. The secret is shown once at creation
 * and stored only as its SHA-256. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "core/secret.h"
#include "domain/date.h"
#include "http/auth.h"
#include "store/accounts.h"
#include "store/audit_store.h"

void api_tokens_list(struct request_ctx *ctx)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	json_t *items = json_array();
	size_t i;

	if (accounts_token_list(ctx->db, ctx->a,
				ctx->who->caps & CAP_ACCOUNTS ? 0 : ctx->who->id, &r, &err)) {
		json_decref(items);
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	for (i = 0; i < r.nrows; i++)
		json_array_append_new(items, json_pack(
			"{s:I, s:s, s:I, s:s, s:s, s:s?}",
			"id", (json_int_t)strtoll(db_cell(&r, i, 0), NULL, 10), "name", db_cell(&r, i, 1),
			"user_id", (json_int_t)strtoll(db_cell(&r, i, 2), NULL, 10),
			"username", db_cell(&r, i, 3), "created_at", db_cell(&r, i, 4),
			"last_used_at", db_cell(&r, i, 5)));
	reply_json(ctx, 200, json_pack("{s:o}", "items", items));
out:
	buf_release(&err);
}

void api_tokens_create(struct request_ctx *ctx)
{
	json_t *body = generic_body_or_reply(ctx);
	const char *name;
	json_t *uid;
	const struct principal *owner;
	long long user_id, id = 0;
	char token[SECRET_TOKEN_SIZE], hash[SECRET_HASH_HEX_SIZE], now[DATE_TIME_SIZE];
	struct buf err = BUF_INIT;
	struct audit_entry e = { 0 };

	if (!body)
		return;
	name = json_string_value(json_object_get(body, "name"));
	uid = json_object_get(body, "user_id");
	if (!name || !*name || strlen(name) > 100) {
		reply_error(ctx, 422, "validation", "令牌名称不能为空",
			    json_pack("{s:s}", "name", "令牌名称不能为空"));
		goto out;
	}
	user_id = json_is_integer(uid) ? json_integer_value(uid) : ctx->who->id;
	if (!(owner = auth_load_principal(ctx, user_id))) {
		reply_error(ctx, 422, "validation", "用户不存在或已停用",
			    json_pack("{s:s}", "user_id", "用户不存在或已停用"));
		goto out;
	}
	/* a token acts as its user: one for another administrator would let the
	 * caller act with powers that are not theirs */
	if (user_id != ctx->who->id && role_is_administrator(owner->role) &&
	    (ctx->who->caps & (CAP_ACCOUNTS | CAP_GRANT)) != (CAP_ACCOUNTS | CAP_GRANT)) {
		reply_error(ctx, 403, "forbidden", "不能为其他管理员创建令牌", NULL);
		goto out;
	}
	secret_random_token(token);
	secret_token_hash(token, hash);
	date_now_rfc3339(now);
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	e.user_id = ctx->who->id;
	e.username = ctx->who->username;
	e.action = "create";
	e.entity = "tokens";
	e.ip = ctx->ip;
	if (accounts_token_create(ctx->db, ctx->a, name, user_id, hash, now, &id, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	e.entity_id = id;
	e.after = json_pack("{s:s, s:I}", "name", name, "user_id", (json_int_t)user_id);
	if (audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		json_decref(e.after);
		db_rollback(ctx->db);
		goto fail;
	}
	json_decref(e.after);
	reply_json(ctx, 201, json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)id, "name", name,
				       "user_id", (json_int_t)user_id, "token", token));
	goto out;
fail:
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
out:
	json_decref(body);
	buf_release(&err);
}

void api_tokens_revoke(struct request_ctx *ctx)
{
	long long id = strtoll(ctx->params[0], NULL, 10);
	char now[DATE_TIME_SIZE];
	struct buf err = BUF_INIT;
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "delete", .entity = "tokens", .entity_id = id,
				 .ip = ctx->ip };
	int rc;

	date_now_rfc3339(now);
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	rc = accounts_token_revoke(ctx->db, ctx->a, id,
				   ctx->who->caps & CAP_ACCOUNTS ? 0 : ctx->who->id, now, &err);
	if (rc < 0 || (rc == 1 && audit_write(ctx->db, ctx->a, &e, &err))) {
		db_rollback(ctx->db);
		goto fail;
	}
	if (rc == 0) {
		db_rollback(ctx->db);
		reply_error(ctx, 404, "not_found", "令牌不存在", NULL);
		goto out;
	}
	if (db_commit(ctx->db, &err))
		goto fail;
	reply_no_content(ctx);
	goto out;
fail:
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
out:
	buf_release(&err);
}
