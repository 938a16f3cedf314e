/* auth: sessions (cookie token stored only as its SHA-256), bearer tokens, CSRF,
 * and login with a failure limit counted in the database so that every node of
 * a PostgreSQL deployment shares it. */
#include "http/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "core/secret.h"
#include "domain/date.h"
#include "http/server.h"
#include "store/accounts.h"
#include "store/audit_store.h"

#define LOGIN_MAX_FAILURES 5
#define LOGIN_WINDOW_S (15 * 60)
#define TOUCH_EVERY_S 60

static void time_rfc3339(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static time_t parse_rfc3339(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (!s || !strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

/* The rows an account sees: what its role's rule (domain/roles.h) says the
 * account names — a division subtree, an organisation subtree or an
 * enterprise; an account that lacks it sees nothing scoped. */
static void scope_of(const struct account *acc, struct principal *p)
{
	struct scope *s = &p->scope;

	switch (role_scope(acc->role)) {
	case ROLE_SCOPE_ALL:
		s->all = 1;
		break;
	case ROLE_SCOPE_DIVISION:
		if (acc->scope_division && !division_range(acc->scope_division, s->lo, s->hi))
			p->scope_division = acc->scope_division;
		break;
	case ROLE_SCOPE_ORG:
		s->org_path = acc->scope_org_id ? acc->org_path : NULL;
		break;
	case ROLE_SCOPE_ENTERPRISE:
		s->enterprise_id = acc->enterprise_id;
		break;
	}
}

static struct principal *principal_from(struct request_ctx *ctx, const struct account *acc)
{
	struct principal *p = arena_alloc(ctx->a, sizeof(*p));

	if (!acc->status || strcmp(acc->status, "active"))
		return NULL;
	memset(p, 0, sizeof(*p));
	p->id = acc->id;
	p->username = acc->username;
	p->display_name = acc->display_name;
	p->role = acc->role;
	p->level = role_level(acc->role);
	p->readonly = role_readonly(acc->role);
	p->scope_org_id = acc->scope_org_id;
	p->enterprise_id = acc->enterprise_id;
	p->pii = acc->pii;
	p->session_id = acc->session_id;
	p->csrf = acc->csrf;
	scope_of(acc, p);
	return p;
}

struct principal *auth_load_principal(struct request_ctx *ctx, long long user_id)
{
	struct account acc;
	struct buf err = BUF_INIT;
	struct principal *p = NULL;

	memset(&acc, 0, sizeof(acc));
	if (accounts_by_id(ctx->db, ctx->a, user_id, &acc, &err) == 1)
		p = principal_from(ctx, &acc);
	buf_release(&err);
	return p;
}

static const char *cookie_token(struct request_ctx *ctx)
{
	const char *c = request_header(ctx, "Cookie");
	const char *name = "jiceng_session=";
	const char *p;
	size_t n;

	for (p = c; p && (p = strstr(p, name)); p += strlen(name)) {
		if (p != c && p[-1] != ' ' && p[-1] != ';')
			continue;
		p += strlen(name);
		n = strcspn(p, ";");
		return n ? arena_strndup(ctx->a, p, n) : NULL;
	}
	return NULL;
}

/* How stale last_seen may get: a minute, or sooner when the idle limit is short. */
static long touch_every(void)
{
	long quarter = server_config.session_idle_s / 4;

	return quarter < TOUCH_EVERY_S ? quarter : TOUCH_EVERY_S;
}

/* Records that a session or token was used, at most every touch_every()
 * seconds, so that reading costs no write (and no fsync) per request. */
static void touch_if_stale(struct request_ctx *ctx, const char *last, long long id,
			   int (*touch)(struct db *, struct arena *, long long, const char *,
					struct buf *))
{
	time_t t = time(NULL);
	char now[21];
	struct buf err = BUF_INIT;

	if (last && t - parse_rfc3339(last) < touch_every())
		return;
	time_rfc3339(t, now);
	if (!db_begin(ctx->db, 1, &err)) {
		if (touch(ctx->db, ctx->a, id, now, &err) || db_commit(ctx->db, &err))
			db_rollback(ctx->db);
	}
	buf_release(&err);
}

int auth_identify_token(struct request_ctx *ctx, const char *token)
{
	char hash[65];
	struct account acc;
	struct buf err = BUF_INIT;
	int ret = -1;

	secret_token_hash(token, hash);
	memset(&acc, 0, sizeof(acc));
	if (accounts_token_account(ctx->db, ctx->a, hash, &acc, &err) == 1 &&
	    (ctx->who = principal_from(ctx, &acc))) {
		ctx->who->via_token = 1;
		touch_if_stale(ctx, acc.token_used_at, acc.token_id, accounts_token_touch);
		ret = 0;
	}
	buf_release(&err);
	return ret;
}


int auth_identify(struct request_ctx *ctx)
{
	const char *authz = request_header(ctx, "Authorization");
	const char *token;
	char hash[65], now[21], idle[21];
	time_t t = time(NULL);
	struct account acc;
	struct buf err = BUF_INIT;
	int ret = -1;

	if (authz && !strncasecmp(authz, "Bearer ", 7))
		return auth_identify_token(ctx, authz + 7);
	token = cookie_token(ctx);
	if (!token)
		return -1;
	secret_token_hash(token, hash);
	time_rfc3339(t, now);
	time_rfc3339(t - server_config.session_idle_s, idle);
	memset(&acc, 0, sizeof(acc));
	if (accounts_session_lookup(ctx->db, ctx->a, hash, now, idle, &acc, &err) != 1)
		goto out;
	if (!(ctx->who = principal_from(ctx, &acc)))
		goto out;
	/* sliding idle timeout without a write per request */
	touch_if_stale(ctx, acc.last_seen_at, acc.session_id, accounts_session_touch);
	ret = 0;
out:
	buf_release(&err);
	return ret;
}

int auth_check_csrf(struct request_ctx *ctx)
{
	const char *h;

	if (!ctx->who || ctx->who->via_token)
		return 0;
	h = request_header(ctx, "X-CSRF-Token");
	return h && ctx->who->csrf && !strcmp(h, ctx->who->csrf) ? 0 : -1;
}

json_t *auth_user_json(struct request_ctx *ctx, const struct principal *p)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	const char *dname = NULL;
	json_t *u;

	if (p->scope_division) {
		struct db_param q = db_text(p->scope_division);

		if (!db_query(ctx->db, ctx->a, "SELECT name FROM divisions WHERE code = ?", &q, 1,
			      &r, &err) && r.nrows)
			dname = db_cell(&r, 0, 0);
	}
	buf_release(&err);
	u = json_pack("{s:I, s:s, s:s?, s:s, s:s?, s:s?, s:b}", "id", (json_int_t)p->id,
		      "username", p->username, "display_name", p->display_name, "role", p->role,
		      "scope_division", p->level == LEVEL_ADMIN ? NULL : p->scope_division,
		      "scope_division_name", dname, "pii_access", p->pii);
	json_object_set_new(u, "scope_org_id",
			    p->scope_org_id ? json_integer(p->scope_org_id) : json_null());
	json_object_set_new(u, "enterprise_id",
			    p->enterprise_id ? json_integer(p->enterprise_id) : json_null());
	return u;
}

static void login_failed(struct request_ctx *ctx, const char *username, long long uid,
			 const char *now, const char *prune)
{
	struct audit_entry e = { .user_id = uid, .username = username,
				 .action = "login_failed", .entity = "session", .ip = ctx->ip };
	struct buf err = BUF_INIT;
	const char *ukey = arena_printf(ctx->a, "u:%s", username);
	const char *ikey = arena_printf(ctx->a, "ip:%s", ctx->ip);

	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (accounts_failure_add(ctx->db, ctx->a, ukey, now, prune, &err) ||
	    accounts_failure_add(ctx->db, ctx->a, ikey, now, prune, &err) ||
	    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err))
		db_rollback(ctx->db);
out:
	buf_release(&err);
	reply_error(ctx, 401, "unauthenticated", "用户名或密码错误", NULL);
}

/* 0 when under the limit; else replies 429 with Retry-After and returns -1. */
static int rate_limit_or_reply(struct request_ctx *ctx, const char *username, time_t t)
{
	const char *keys[2] = { arena_printf(ctx->a, "u:%s", username),
				arena_printf(ctx->a, "ip:%s", ctx->ip) };
	char since[21];
	struct buf err = BUF_INIT;
	long long retry = 0;
	int i;

	time_rfc3339(t - LOGIN_WINDOW_S, since);
	for (i = 0; i < 2; i++) {
		long long n = 0;
		const char *oldest = NULL;

		if (accounts_failures_count(ctx->db, ctx->a, keys[i], since, &n, &oldest, &err))
			continue;
		if (n >= LOGIN_MAX_FAILURES) {
			long long r = (long long)(parse_rfc3339(oldest) + LOGIN_WINDOW_S - t);

			if (r > retry)
				retry = r;
		}
	}
	buf_release(&err);
	if (!retry)
		return 0;
	if (retry < 1)
		retry = 1;
	reply_header(ctx, "Retry-After", arena_printf(ctx->a, "%lld", retry));
	reply_error(ctx, 429, "rate_limited",
		    arena_printf(ctx->a, "登录失败次数过多，请 %lld 分钟后再试", (retry + 59) / 60),
		    NULL);
	return -1;
}

void auth_login(struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *body = json_loadb(ctx->body, ctx->body_len, 0, &jerr);
	const char *username, *password;
	struct account acc;
	struct buf err = BUF_INIT;
	char token[44], csrf[44], hash[65], now[21], expires[21], prune[21];
	time_t t = time(NULL);
	long long sid = 0;
	struct principal *p;
	int found;

	username = json_string_value(json_object_get(body, "username"));
	password = json_string_value(json_object_get(body, "password"));
	if (!username || !password || !*username) {
		json_t *f = json_object();

		if (!username || !*username)
			json_object_set_new(f, "username", json_string("请输入用户名"));
		if (!password)
			json_object_set_new(f, "password", json_string("请输入密码"));
		reply_error(ctx, 422, "validation", "请输入用户名和密码", f);
		goto out;
	}
	ctx->log_user = arena_strdup(ctx->a, username);
	if (rate_limit_or_reply(ctx, username, t))
		goto out;
	time_rfc3339(t, now);
	time_rfc3339(t - LOGIN_WINDOW_S, prune);
	memset(&acc, 0, sizeof(acc));
	found = accounts_by_username(ctx->db, ctx->a, username, &acc, &err);
	if (found < 0) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	if (found == 0 || password_verify(acc.password_hash, password)) {
		login_failed(ctx, username, found ? acc.id : 0, now, prune);
		goto out;
	}
	if (!(p = principal_from(ctx, &acc))) {
		/* said only after the right password, so it tells an outsider nothing */
		reply_error(ctx, 401, "unauthenticated", "账号已被锁定或停用，请联系管理员", NULL);
		goto out;
	}
	secret_random_token(token);
	secret_random_token(csrf);
	secret_token_hash(token, hash);
	time_rfc3339(t + server_config.session_max_s, expires);
	{
		struct audit_entry e = { .user_id = acc.id, .username = acc.username,
					 .action = "login", .entity = "session", .ip = ctx->ip };

		if (db_begin(ctx->db, 1, &err))
			goto fail;
		if (accounts_session_create(ctx->db, ctx->a, hash, acc.id, csrf, now, expires,
					    ctx->ip, &sid, &err) ||
		    accounts_failures_clear(ctx->db, ctx->a,
					    arena_printf(ctx->a, "u:%s", username), &err) ||
		    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
			db_rollback(ctx->db);
			goto fail;
		}
	}
	p->session_id = sid;
	p->csrf = arena_strdup(ctx->a, csrf);
	reply_header(ctx, "Set-Cookie",
		     arena_printf(ctx->a, "jiceng_session=%s; HttpOnly; SameSite=Strict; Path=/%s",
				  token, server_config.secure_cookies ? "; Secure" : ""));
	reply_json(ctx, 200, json_pack("{s:o, s:s}", "user", auth_user_json(ctx, p), "csrf", csrf));
	goto out;
fail:
	fprintf(stderr, "jiceng: login: %s\n", err.ptr);
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
out:
	json_decref(body);
	buf_release(&err);
}

void auth_session_get(struct request_ctx *ctx)
{
	json_t *o = json_pack("{s:o}", "user", auth_user_json(ctx, ctx->who));

	if (ctx->who->csrf)
		json_object_set_new(o, "csrf", json_string(ctx->who->csrf));
	reply_json(ctx, 200, o);
}

void auth_logout(struct request_ctx *ctx)
{
	struct buf err = BUF_INIT;
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "logout", .entity = "session", .ip = ctx->ip };

	if (ctx->who->session_id && !db_begin(ctx->db, 1, &err)) {
		if (accounts_session_revoke(ctx->db, ctx->a, ctx->who->session_id, &err) ||
		    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err))
			db_rollback(ctx->db);
	}
	buf_release(&err);
	reply_header(ctx, "Set-Cookie",
		     "jiceng_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
	reply_no_content(ctx);
}

void auth_change_password(struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *body = json_loadb(ctx->body, ctx->body_len, 0, &jerr);
	const char *old = json_string_value(json_object_get(body, "old_password"));
	const char *new = json_string_value(json_object_get(body, "new_password"));
	const char *why = NULL;
	struct account acc;
	struct buf err = BUF_INIT;
	char hash[128], now[21];
	struct audit_entry e = { .user_id = ctx->who->id, .username = ctx->who->username,
				 .action = "password", .entity = "users",
				 .entity_id = ctx->who->id, .ip = ctx->ip };

	memset(&acc, 0, sizeof(acc));
	if (!old || !new) {
		json_t *f = json_object();

		if (!old)
			json_object_set_new(f, "old_password", json_string("请输入原密码"));
		if (!new)
			json_object_set_new(f, "new_password", json_string("请输入新密码"));
		reply_error(ctx, 422, "validation", "请填写原密码和新密码", f);
		goto out;
	}
	if (password_policy(new, &why)) {
		reply_error(ctx, 422, "validation", why,
			    json_pack("{s:s}", "new_password", why));
		goto out;
	}
	if (accounts_by_id(ctx->db, ctx->a, ctx->who->id, &acc, &err) != 1 ||
	    password_verify(acc.password_hash, old)) {
		reply_error(ctx, 422, "validation", "原密码不正确",
			    json_pack("{s:s}", "old_password", "原密码不正确"));
		goto out;
	}
	if (password_hash(new, hash)) {
		reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
		goto out;
	}
	date_now_rfc3339(now);
	if (db_begin(ctx->db, 1, &err))
		goto fail;
	if (accounts_set_password(ctx->db, ctx->a, ctx->who->id, hash, now, &err) ||
	    accounts_sessions_revoke_user(ctx->db, ctx->a, ctx->who->id, ctx->who->session_id,
					  &err) ||
	    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto fail;
	}
	reply_no_content(ctx);
	goto out;
fail:
	reply_error(ctx, 500, "internal", "服务器内部错误", NULL);
out:
	json_decref(body);
	buf_release(&err);
}
