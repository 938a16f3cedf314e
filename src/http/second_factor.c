/* second_factor: TOTP codes at login and the routes that set the factor up.
 * Secrets are stored encrypted (core/secret.h) and decrypted only to check a
 * code; a code's time step is used once (accounts_totp_use_step). */
#include "http/second_factor.h"

#include <string.h>

#include "api/generic.h"
#include "api/security.h"
#include "core/password.h"
#include "core/secret.h"
#include "core/totp.h"
#include "http/auth.h"
#include "store/audit_store.h"

#define TOTP_ISSUER "jiceng"

/* The plain base32 secret of an encrypted one into out (wiped by the caller). */
static int open_secret(const char *enc, struct buf *out)
{
	return enc && *enc ? secret_decrypt(enc, out) : -1;
}

static void wipe(struct buf *b)
{
	if (b->cap)
		memset(b->ptr, 0, b->cap);
	buf_release(b);
}

int second_factor_check(struct request_ctx *ctx, const struct account *acc, const char *code,
			time_t now, struct buf *err)
{
	struct buf plain = BUF_INIT;
	long long step = 0;
	int r;

	if (open_secret(acc->totp_secret_enc, &plain)) {
		wipe(&plain);
		buf_setf(err, "用户 %lld 的动态验证码密钥无法解密（密钥文件是否换过？）", acc->id);
		return -1;
	}
	r = totp_check(plain.ptr, code, now, &step);
	wipe(&plain);
	if (r < 0) {
		buf_setf(err, "用户 %lld 的动态验证码密钥无效", acc->id);
		return -1;
	}
	if (!r)
		return 0;
	return accounts_totp_use_step(ctx->db, ctx->a, acc->id, step, err);
}

static int audit_self(struct request_ctx *ctx, const char *action, struct buf *err)
{
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = action, .entity = "users", .entity_id = ctx->who->id,
				 .ip = ctx->ip };

	return audit_write(ctx->db, ctx->a, &e, err);
}

/* The caller's account, with the password in the body checked: 0, or -1
 * with the reply queued. A second factor belongs to a person at a browser:
 * API tokens cannot change it. */
static int account_with_password_or_reply(struct request_ctx *ctx, json_t *body,
					  struct account *acc)
{
	const char *pw = json_string_value(json_object_get(body, "password"));
	struct buf err = BUF_INIT;
	int r;

	if (ctx->who->via_token) {
		reply_error(ctx, 403, "forbidden", "动态验证码只能在登录后的页面上设置", NULL);
		return -1;
	}
	memset(acc, 0, sizeof(*acc));
	r = accounts_by_id(ctx->db, ctx->a, ctx->who->id, acc, &err);
	buf_release(&err);
	if (r != 1) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		return -1;
	}
	if (!pw || password_verify(acc->password_hash, pw)) {
		reply_error(ctx, 422, "validation", pw ? "密码不正确" : "请输入登录密码",
			    json_pack("{s:s}", "password", pw ? "密码不正确" : "请输入登录密码"));
		return -1;
	}
	return 0;
}

void totp_begin(struct request_ctx *ctx)
{
	json_t *body = generic_body_or_reply(ctx);
	char secret[TOTP_BASE32_SIZE];
	struct buf enc = BUF_INIT, err = BUF_INIT;
	struct account acc;

	if (!body || account_with_password_or_reply(ctx, body, &acc))
		goto out;
	if (totp_new_secret(secret) || secret_encrypt(secret, &enc)) {
		buf_setf(&err, "cannot make a second-factor secret");
		goto fail;
	}
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	if (accounts_totp_set_pending(ctx->db, ctx->a, acc.id, enc.ptr, &err) ||
	    db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	reply_json(ctx, 200, json_pack("{s:s, s:s, s:s, s:s, s:i, s:i}", "secret", secret,
				       "uri", totp_uri(ctx->a, TOTP_ISSUER, acc.username, secret),
				       "issuer", TOTP_ISSUER, "account", acc.username,
				       "digits", TOTP_DIGITS, "period", TOTP_STEP_S));
	goto out;
fail:
	generic_internal_error(ctx, &err);
out:
	memset(secret, 0, sizeof(secret));
	json_decref(body);
	buf_release(&enc);
	buf_release(&err);
}

void totp_confirm(struct request_ctx *ctx)
{
	json_t *body = generic_body_or_reply(ctx);
	const char *code;
	struct buf plain = BUF_INIT, err = BUF_INIT;
	struct account acc;
	long long step = 0;
	int r;

	if (!body)
		goto out;
	code = json_string_value(json_object_get(body, "code"));
	memset(&acc, 0, sizeof(acc));
	if (accounts_by_id(ctx->db, ctx->a, ctx->who->id, &acc, &err) != 1)
		goto fail;
	if (!acc.totp_pending_enc) {
		reply_error(ctx, 409, "conflict", "请先生成新的动态验证码密钥", NULL);
		goto out;
	}
	if (open_secret(acc.totp_pending_enc, &plain)) {
		buf_setf(&err, "pending second-factor secret of user %lld cannot be read", acc.id);
		goto fail;
	}
	r = code ? totp_check(plain.ptr, code, time(NULL), &step) : 0;
	if (r <= 0) {
		const char *why = code ? "动态验证码不正确，请核对手机时间后输入验证器上最新的 6 位数字"
				       : "请输入验证器上显示的 6 位动态验证码";

		reply_error(ctx, 422, "validation", why, json_pack("{s:s}", "code", why));
		goto out;
	}
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	/* sessions made without the factor end; this one, which proved it, stays */
	if (accounts_totp_enable(ctx->db, ctx->a, acc.id, acc.totp_pending_enc, step, &err) ||
	    (ctx->who->session_id &&
	     accounts_session_setup_done(ctx->db, ctx->a, ctx->who->session_id, &err)) ||
	    accounts_sessions_revoke_user(ctx->db, ctx->a, acc.id, ctx->who->session_id, &err) ||
	    audit_self(ctx, "totp_enable", &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	ctx->who->setup_only = 0;
	ctx->who->totp = 1;
	reply_json(ctx, 200, json_pack("{s:o, s:s?}", "user", auth_user_json(ctx, ctx->who),
				       "csrf", ctx->who->csrf));
	goto out;
fail:
	generic_internal_error(ctx, &err);
out:
	wipe(&plain);
	json_decref(body);
	buf_release(&err);
}

void totp_remove(struct request_ctx *ctx)
{
	json_t *body = generic_body_or_reply(ctx);
	const char *code;
	struct buf err = BUF_INIT;
	struct account acc;
	int r;

	if (!body || account_with_password_or_reply(ctx, body, &acc))
		goto out;
	if (!acc.totp_enabled) {
		reply_error(ctx, 409, "conflict", "尚未设置动态验证码", NULL);
		goto out;
	}
	r = security_totp_required(ctx, acc.role, acc.totp_required, &err);
	if (r < 0)
		goto fail;
	if (r) {
		reply_error(ctx, 403, "forbidden", "您的账号按安全策略必须使用动态验证码，不能关闭", NULL);
		goto out;
	}
	code = json_string_value(json_object_get(body, "code"));
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	r = code ? second_factor_check(ctx, &acc, code, time(NULL), &err) : 0;
	if (r <= 0) {
		db_rollback(ctx->db);
		if (r < 0)
			goto fail;
		reply_error(ctx, 422, "validation", "动态验证码不正确或已使用",
			    json_pack("{s:s}", "code", "动态验证码不正确或已使用"));
		goto out;
	}
	if (accounts_totp_clear(ctx->db, ctx->a, acc.id, &err) ||
	    audit_self(ctx, "totp_disable", &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	reply_no_content(ctx);
	goto out;
fail:
	generic_internal_error(ctx, &err);
out:
	json_decref(body);
	buf_release(&err);
}
