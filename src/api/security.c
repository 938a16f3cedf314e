/* security: the shared security policy — reading it, changing it (audited),
 * and its two handlers. */
#include "api/security.h"

#include <string.h>

#include "api/generic.h"
#include "api/transition.h"
#include "core/log.h"
#include "domain/date.h"
#include "domain/roles.h"
#include "schema/resource.h"
#include "store/accounts.h"
#include "store/audit_store.h"
#include "store/settings.h"

#define KEY_TOTP_ROLES "totp_roles"
#define KEY_SEPARATION "separation"

int security_policy_load(struct db *db, struct arena *a, struct security_policy *out,
			 struct buf *err)
{
	const char *sep = NULL;

	out->totp_roles = "";
	out->separation = 0;
	if (settings_get(db, a, KEY_TOTP_ROLES, &out->totp_roles, err) < 0 ||
	    settings_get(db, a, KEY_SEPARATION, &sep, err) < 0)
		return -1;
	if (!out->totp_roles)
		out->totp_roles = "";
	out->separation = sep && !strcmp(sep, "on");
	return 0;
}

/* Whether `role` is one of the comma-separated `list`. */
static int listed(const char *list, const char *role)
{
	size_t n = strlen(role);
	const char *p;

	for (p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] ? 1 : 0))
		if (strcspn(p, ",") == n && !strncmp(p, role, n))
			return 1;
	return 0;
}

int security_totp_required(struct request_ctx *ctx, const char *role, int user_flag,
			   struct buf *err)
{
	const char *list = NULL;

	if (user_flag)
		return 1;
	if (settings_get(ctx->db, ctx->a, KEY_TOTP_ROLES, &list, err) < 0)
		return -1;
	return list && role && listed(list, role);
}

int security_separation(struct request_ctx *ctx, struct buf *err)
{
	const char *v = NULL;

	if (settings_get(ctx->db, ctx->a, KEY_SEPARATION, &v, err) < 0)
		return -1;
	return v && !strcmp(v, "on");
}

json_t *security_policy_json(const struct security_policy *p)
{
	json_t *roles = json_array();
	const char *s = p->totp_roles;

	while (s && *s) {
		size_t n = strcspn(s, ",");

		if (n)
			json_array_append_new(roles, json_stringn(s, n));
		s += n + (s[n] ? 1 : 0);
	}
	return json_pack("{s:o, s:b}", "totp_roles", roles, "separation", p->separation);
}

static int audit_setting(struct request_ctx *ctx, const char *key, const char *was,
			 const char *now_value, struct buf *err)
{
	json_t *before = json_pack("{s:s}", key, was ? was : "");
	json_t *after = json_pack("{s:s}", key, now_value);
	struct audit_entry e = { .user_id = ctx->who ? ctx->who->id : 0,
				 .username = ctx->who ? ctx->who->username : "cli",
				 .action = "update", .entity = "settings", .before = before,
				 .after = after, .ip = ctx->ip };
	int ret = audit_write(ctx->db, ctx->a, &e, err);

	json_decref(before);
	json_decref(after);
	return ret;
}

int security_set_totp_roles(struct request_ctx *ctx, json_t *roles, json_t *errors,
			    struct buf *err)
{
	struct buf list = BUF_INIT;
	char now[DATE_TIME_SIZE];
	const char *was = NULL;
	size_t i;
	json_t *v;
	int ret = -1;

	if (!json_is_array(roles)) {
		json_object_set_new(errors, "totp_roles", json_string("应为角色名称的列表"));
		return 1;
	}
	json_array_foreach(roles, i, v) {
		const char *r = json_string_value(v);

		if (!r || !role_known(r)) {
			json_object_set_new(errors, "totp_roles", json_string(arena_printf(ctx->a,
				"未知的角色：%s", r ? r : "（不是文本）")));
			buf_release(&list);
			return 1;
		}
		if (listed(list.ptr, r))
			continue;
		if (list.len)
			buf_addc(&list, ',');
		buf_adds(&list, r);
	}
	date_now_rfc3339(now);
	if (settings_get(ctx->db, ctx->a, KEY_TOTP_ROLES, &was, err) < 0 ||
	    settings_set(ctx->db, ctx->a, KEY_TOTP_ROLES, list.ptr, now, err) ||
	    audit_setting(ctx, KEY_TOTP_ROLES, was, list.ptr, err))
		goto out;
	json_array_foreach(roles, i, v)
		if (accounts_sessions_revoke_without_totp(ctx->db, ctx->a, json_string_value(v), err))
			goto out;
	ret = 0;
out:
	buf_release(&list);
	return ret;
}

/* Disables every active or locked admin account through the users' own
 * action, so that each is audited and loses its sessions. */
static int disable_admins(struct request_ctx *ctx, struct buf *err)
{
	const struct resource *users = resource_find("users");
	const struct action *act = users ? resource_action(users, "disable") : NULL;
	long long *ids = NULL;
	size_t n = 0, i;
	int ret = -1;

	if (!act) {
		buf_setf(err, "users has no disable action");
		return -1;
	}
	if (accounts_ids_of_role(ctx->db, ctx->a, "admin", &ids, &n, err))
		return -1;
	for (i = 0; i < n; i++) {
		json_t *errors = json_object(), *body = json_object();
		int st = transition_run(ctx, users, ids[i], act, body, -1, TRANSITION_INTERNAL,
					errors, NULL, err);

		json_decref(errors);
		json_decref(body);
		if (st != WS_OK && st != WS_WRONG_STATE) /* already disabled: nothing to do */
			goto out;
		buf_reset(err);
	}
	ret = 0;
out:
	return ret;
}

int security_set_separation(struct request_ctx *ctx, int on, struct buf *err)
{
	static const char *const needed[] = { "sysadmin", "secadmin", "auditor" };
	char now[DATE_TIME_SIZE];
	const char *was = NULL;
	size_t i;

	if (on) {
		for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
			long long n = accounts_count_active(ctx->db, ctx->a, needed[i], err);

			if (n < 0)
				return -1;
			if (!n) {
				buf_setf(err, "开启三权分立前，需要先有正常状态的系统管理员、安全管理员和"
					      "审计管理员账号（缺少角色 %s；jiceng user add 用户名 --role %s）",
					 needed[i], needed[i]);
				return 1;
			}
		}
	}
	date_now_rfc3339(now);
	if (settings_get(ctx->db, ctx->a, KEY_SEPARATION, &was, err) < 0 ||
	    settings_set(ctx->db, ctx->a, KEY_SEPARATION, on ? "on" : "off", now, err) ||
	    audit_setting(ctx, KEY_SEPARATION, was, on ? "on" : "off", err))
		return -1;
	return on ? disable_admins(ctx, err) : 0;
}

void api_security_get(struct request_ctx *ctx)
{
	struct security_policy p;
	struct buf err = BUF_INIT;

	if (security_policy_load(ctx->db, ctx->a, &p, &err))
		generic_internal_error(ctx, &err);
	else
		reply_json(ctx, 200, security_policy_json(&p));
	buf_release(&err);
}

void api_security_put(struct request_ctx *ctx)
{
	json_t *body = generic_body_or_reply(ctx), *errors = json_object();
	struct security_policy p;
	struct buf err = BUF_INIT;
	const char *key;
	json_t *v;
	int rc;

	if (!body)
		goto out;
	json_object_foreach(body, key, v) {
		if (!strcmp(key, "separation"))
			json_object_set_new(errors, key, json_string(
				"三权分立只能在服务器上用 jiceng security separation on|off 开启或关闭"));
		else if (strcmp(key, "totp_roles"))
			json_object_set_new(errors, key, json_string("未知字段"));
	}
	if (json_object_size(errors)) {
		reply_error(ctx, 422, "validation", "安全策略有误", json_incref(errors));
		goto out;
	}
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	rc = json_object_get(body, "totp_roles")
		? security_set_totp_roles(ctx, json_object_get(body, "totp_roles"), errors, &err) : 0;
	if (rc) {
		db_rollback(ctx->db);
		if (rc < 0)
			goto fail;
		reply_error(ctx, 422, "validation", "安全策略有误", json_incref(errors));
		goto out;
	}
	if (security_policy_load(ctx->db, ctx->a, &p, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	reply_json(ctx, 200, security_policy_json(&p));
	goto out;
fail:
	generic_internal_error(ctx, &err);
out:
	json_decref(body);
	json_decref(errors);
	buf_release(&err);
}
