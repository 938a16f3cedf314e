/* res_users: the accounts — their fields, who may change what, and the
 * actions on them (lock, disable, reset a password or a second factor, lift
 * the login limit, approve). Who may do what follows the powers of
 * domain/roles.h, so that a deployment can separate its system, security
 * and audit administrators (三权分立, GB/T 22239-2019 8.1.5):
 *  - a system administrator (CAP_ACCOUNTS) creates accounts and looks after
 *    them, but cannot give rights: an account they create waits, 待授权,
 *    until a security administrator approves it;
 *  - a security administrator (CAP_GRANT) gives and changes rights (role,
 *    scope, PII permission, second factor required) and approves accounts;
 *  - administrators' own accounts are changed only by a caller with both
 *    powers (admin), or on the server (jiceng user), so that none of them
 *    can take over another's account. */
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "api/security.h"
#include "modules/platform/platform.h"
#include "core/password.h"
#include "http/login_limit.h"
#include "store/accounts.h"

#define END FIELD_END

static const struct enum_value roles[] = {
	{ "admin", "超级管理员" },
	{ "county", "县级用户" },
	{ "town", "乡镇用户" },
	{ "village", "村(社区)用户" },
	{ "org", "党组织用户" },
	{ "department", "部门用户" },
	{ "enterprise", "企业用户" },
	{ "viewer", "只读用户" },
	{ "sysadmin", "系统管理员" },
	{ "secadmin", "安全管理员" },
	{ "auditor", "审计管理员" },
	{ NULL, NULL },
};

static const struct enum_value user_statuses[] = {
	{ "active", "正常" }, { "pending", "待授权" }, { "locked", "已锁定" },
	{ "disabled", "已停用" }, { NULL, NULL },
};

static const struct field user_fields[] = {
	{ "username", "用户名", FT_STRING, F_REQUIRED | F_LIST | F_SORT | F_SEARCH | F_UNIQUE | F_CREATE_ONLY, NULL, NULL, 50, NULL },
	{ "display_name", "姓名", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 50, NULL },
	{ "role", "角色", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, roles, NULL, 0, NULL },
	{ "scope_division", "管辖地区", FT_DIVISION, F_LIST | F_FILTER, NULL, NULL, 0, NULL },
	{ "scope_org_id", "所属组织", FT_REF, F_LIST | F_REF_ANY, NULL, "orgs", 0, NULL },
	{ "enterprise_id", "所属企业", FT_REF, F_REF_ANY, NULL, "enterprises", 0, NULL },
	{ "pii_access", "可查看完整个人信息", FT_BOOL, F_LIST, NULL, NULL, 0, NULL },
	{ "totp_required", "必须使用动态验证码", FT_BOOL, F_FILTER, NULL, NULL, 0, NULL },
	{ "totp_enabled", "已设置动态验证码", FT_BOOL, F_LIST | F_FILTER | F_READONLY, NULL, NULL, 0, NULL },
	{ "status", "状态", FT_ENUM, F_LIST | F_FILTER | F_READONLY, user_statuses, NULL, 0, NULL },
	{ "password", "密码", FT_STRING, F_HIDDEN | F_NO_IMPORT | F_VIRTUAL | F_INPUT_ONLY | F_CREATE_ONLY, NULL, NULL, 128, "NULL" },
	{ "password_hash", "密码摘要", FT_STRING, F_HIDDEN | F_NO_IMPORT | F_READONLY, NULL, NULL, 0, NULL },
	END,
};

/* What a user may do: only a security administrator (CAP_GRANT) sets these. */
static const char *const rights[] = { "role", "scope_division", "scope_org_id",
				      "enterprise_id", "pii_access", "totp_required", NULL };
/* Who a user is: a system administrator (CAP_ACCOUNTS) looks after these. */
static const char *const identity[] = { "username", "display_name", NULL };

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int changed(json_t *rec, json_t *before, const char *f)
{
	json_t *now = json_object_get(rec, f), *was = before ? json_object_get(before, f) : NULL;

	return !json_equal(now ? now : json_null(), was ? was : json_null());
}

static int both_powers(const struct request_ctx *ctx)
{
	unsigned both = CAP_ACCOUNTS | CAP_GRANT;

	return !ctx->who || (ctx->who->caps & both) == both;
}

/* Who may change what (see the top of the file): field errors for the rest. */
static void check_powers(struct request_ctx *ctx, json_t *rec, json_t *before, json_t *errors)
{
	unsigned caps = ctx->who ? ctx->who->caps : CAP_ALL;
	const char *const *f;

	if ((role_is_administrator(str(rec, "role")) ||
	     (before && role_is_administrator(str(before, "role")))) && !both_powers(ctx)) {
		json_object_set_new(errors, "role", json_string(
			"管理员账号只能由超级管理员或在服务器上（jiceng user）管理"));
		return;
	}
	if (!before && !(caps & CAP_ACCOUNTS)) {
		json_object_set_new(errors, "username", json_string("只有系统管理员可以创建账号"));
		return;
	}
	for (f = identity; before && !(caps & CAP_ACCOUNTS) && *f; f++)
		if (changed(rec, before, *f))
			json_object_set_new(errors, *f, json_string("只有系统管理员可以修改账号信息"));
	for (f = rights; before && !(caps & CAP_GRANT) && *f; f++)
		if (changed(rec, before, *f))
			json_object_set_new(errors, *f, json_string("只有安全管理员可以修改权限"));
}

/* Under 三权分立 no account may be or become an active admin. */
static int check_separation(struct request_ctx *ctx, json_t *rec, json_t *before,
			    json_t *errors, struct buf *err)
{
	int sep;

	if (strcmp(str(rec, "role") ? str(rec, "role") : "", "admin"))
		return 0;
	if (before && !strcmp(str(before, "role") ? str(before, "role") : "", "admin") &&
	    !changed(rec, before, "status"))
		return 0;
	if (before && strcmp(str(rec, "status") ? str(rec, "status") : "", "active") &&
	    !changed(rec, before, "role"))
		return 0; /* disabling or locking an admin is always allowed */
	if ((sep = security_separation(ctx, err)) < 0)
		return -1;
	if (sep)
		json_object_set_new(errors, before && !changed(rec, before, "role") ? "status" : "role",
				    json_string("已开启三权分立，超级管理员（admin）账号不能使用"));
	return 0;
}

static int users_validate(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			  json_t *before, json_t *errors, struct buf *err)
{
	const char *role = str(rec, "role");
	const char *username = str(rec, "username");
	json_t *div = json_object_get(rec, "scope_division");

	if (username && (strlen(username) < 2 || strspn(username,
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-@") != strlen(username)))
		json_object_set_new(errors, "username",
				    json_string("用户名应为2个以上的字母、数字或 _ . - @"));
	if (role && role_scope(role) == ROLE_SCOPE_DIVISION && !json_is_string(div))
		json_object_set_new(errors, "scope_division", json_string("该角色需要指定管辖地区"));
	if (role && role_scope(role) == ROLE_SCOPE_ORG &&
	    !json_is_integer(json_object_get(rec, "scope_org_id")))
		json_object_set_new(errors, "scope_org_id", json_string(!strcmp(role, "department")
			? "部门用户需要指定所属部门（组织）" : "党组织用户需要指定所属组织"));
	if (role && role_scope(role) == ROLE_SCOPE_ENTERPRISE &&
	    !json_is_integer(json_object_get(rec, "enterprise_id")))
		json_object_set_new(errors, "enterprise_id", json_string("企业用户需要指定所属企业"));
	check_powers(ctx, rec, before, errors);
	/* an account made by someone who cannot give rights waits for one who can */
	if (!before && !json_object_get(rec, "status"))
		json_object_set_new(rec, "status", json_string(
			!ctx->who || (ctx->who->caps & CAP_GRANT) ? "active" : "pending"));
	if (check_separation(ctx, rec, before, errors, err))
		return -1;
	if (!before) {
		const char *pw = str(rec, "password");
		const char *why = NULL;
		char hash[PASSWORD_HASH_SIZE];

		if (!pw)
			json_object_set_new(errors, "password", json_string("请设置初始密码"));
		else if (password_policy(pw, &why))
			json_object_set_new(errors, "password", json_string(why));
		else if (password_hash(pw, hash))
			return buf_setf(err, "password hashing failed"), -1;
		else
			json_object_set_new(rec, "password_hash", json_string(hash));
	}
	json_object_del(rec, "password");
	return 0;
}

/* What a user may do, or what proves who they are, changed: their sessions
 * end, so the change holds from the next request on and not when they next
 * log in (the user logs in again and gets the new rights). */
static int end_sessions(struct request_ctx *ctx, long long id, struct buf *err)
{
	return accounts_sessions_revoke_user(ctx->db, ctx->a, id, 0, err) ? -1 : 0;
}

static int users_after_write(struct request_ctx *ctx, const struct resource *res, long long id,
			     json_t *rec, json_t *before, struct buf *err)
{
	const char *const *f;

	if (before && changed(rec, before, "status"))
		return end_sessions(ctx, id, err);
	for (f = rights; before && *f; f++)
		if (changed(rec, before, *f))
			return end_sessions(ctx, id, err);
	return 0;
}

static const struct resource_hooks user_hooks = {
	.validate = users_validate,
	.after_write = users_after_write,
};

static const struct field password_field[] = {
	{ "password", "新密码", FT_STRING, F_REQUIRED, NULL, NULL, 128, NULL },
	END,
};

static int users_reset_password(struct request_ctx *ctx, struct action_call *call,
				json_t *errors, struct buf *err)
{
	const char *pw = str(call->body, "password");
	const char *why = NULL;
	char hash[PASSWORD_HASH_SIZE];

	if (password_policy(pw, &why)) {
		json_object_set_new(errors, "password", json_string(why));
		return WS_INVALID;
	}
	if (password_hash(pw, hash)) {
		buf_setf(err, "password hashing failed");
		return WS_ERROR;
	}
	json_object_set_new(call->set, "password_hash", json_string(hash));
	return end_sessions(ctx, call->id, err) ? WS_ERROR : WS_OK;
}

/* Removes a lost second factor: the user sets a new one at their next login
 * when the policy requires it. */
static int users_reset_totp(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			    struct buf *err)
{
	json_object_set_new(call->set, "totp_enabled", json_false());
	return accounts_totp_clear(ctx->db, ctx->a, call->id, err) ||
	       end_sessions(ctx, call->id, err) ? WS_ERROR : WS_OK;
}

static int users_end_sessions(struct request_ctx *ctx, struct action_call *call,
			      json_t *errors, struct buf *err)
{
	return end_sessions(ctx, call->id, err) ? WS_ERROR : WS_OK;
}

/* Lifts the soft lock that many failed logins put on the account (http/login_limit.h). */
static int users_unlock_login(struct request_ctx *ctx, struct action_call *call, json_t *errors,
			      struct buf *err)
{
	const char *name = str(call->before, "username");

	return name && login_limit_unlock(ctx, name, err) ? WS_ERROR : WS_OK;
}

/* Every action on an administrator's account needs both powers (see the top). */
static int users_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		       struct buf *why)
{
	if (role_is_administrator(str(rec, "role")) && !both_powers(ctx)) {
		buf_setf(why, "管理员账号只能由超级管理员或在服务器上（jiceng user）管理");
		return WS_FORBIDDEN;
	}
	return WS_OK;
}

static int users_check_totp(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			    struct buf *why)
{
	if (!json_is_true(json_object_get(rec, "totp_enabled"))) {
		buf_setf(why, "该用户尚未设置动态验证码");
		return WS_WRONG_STATE;
	}
	return users_check(ctx, res, rec, why);
}

static const char *const from_active[] = { "active", NULL };
static const char *const from_pending[] = { "pending", NULL };
static const char *const from_locked[] = { "locked", "disabled", NULL };
static const char *const from_live[] = { "active", "locked", "pending", NULL };
static const char *const from_any[] = { "active", "pending", "locked", "disabled", NULL };

static const struct action user_actions[] = {
	{ .name = "approve", .label = "授权", .from = from_pending, .to = "active",
	  .caps = CAP_GRANT, .check = users_check },
	{ .name = "lock", .label = "锁定", .from = from_active, .to = "locked",
	  .caps = CAP_ACCOUNTS | CAP_GRANT, .run = users_end_sessions, .check = users_check },
	{ .name = "unlock", .label = "解锁", .from = from_locked, .to = "active",
	  .caps = CAP_ACCOUNTS, .check = users_check },
	{ .name = "disable", .label = "停用", .from = from_live, .to = "disabled",
	  .caps = CAP_ACCOUNTS, .run = users_end_sessions, .check = users_check },
	{ .name = "reset_password", .label = "重置密码", .from = from_any, .fields = password_field,
	  .caps = CAP_ACCOUNTS, .run = users_reset_password, .check = users_check },
	{ .name = "reset_totp", .label = "重置动态验证码", .from = from_any,
	  .caps = CAP_ACCOUNTS, .run = users_reset_totp, .check = users_check_totp },
	{ .name = "unlock_login", .label = "解除登录限制", .from = from_any,
	  .caps = CAP_ACCOUNTS, .run = users_unlock_login, .check = users_check },
	ACTION_END,
};

/* Accounts are disabled, never deleted: the audit trail names them. */
const struct resource res_users = {
	.name = "users", .label = "用户",
	.table = "users", .fields = user_fields, .label_field = "username",
	.state_field = "status", .actions = user_actions, .hooks = &user_hooks,
	.flags = RES_ADMIN_ONLY | RES_NO_DELETE | RES_NO_IMPORT,
};
