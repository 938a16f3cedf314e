/* auth: sessions (cookie token stored only as its SHA-256), bearer tokens, CSRF,
 * and login, whose tries are limited by login_limit.c in the database so that
 * every node of a PostgreSQL deployment shares the count. */
#include "http/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/security.h"
#include "core/log.h"
#include "core/password.h"
#include "core/secret.h"
#include "domain/date.h"
#include "http/login_limit.h"
#include "http/second_factor.h"
#include "http/server.h"
#include "store/accounts.h"
#include "store/audit_store.h"

#define TOUCH_EVERY_S 60

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
	case ROLE_SCOPE_NONE:
		break;
	}
	s->accounts = (p->caps & (CAP_ACCOUNTS | CAP_GRANT)) != 0;
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
	p->caps = role_caps(acc->role);
	p->scope_org_id = acc->scope_org_id;
	p->enterprise_id = acc->enterprise_id;
	p->pii = acc->pii;
	p->session_id = acc->session_id;
	p->csrf = acc->csrf;
	p->totp = acc->totp_enabled;
	p->setup_only = acc->setup_only;
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

/* Over TLS the cookie carries the __Host- prefix: browsers then keep it to
 * this host, Secure and Path=/, so a sibling site cannot plant one. */
static const char *cookie_name(void)
{
	return server_config.secure_cookies ? "__Host-jiceng_session" : "jiceng_session";
}

static const char *cookie_token(struct request_ctx *ctx)
{
	const char *c = request_header(ctx, "Cookie");
	const char *name = arena_printf(ctx->a, "%s=", cookie_name());
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

	if (last && t - date_time_parse(last) < touch_every())
		return;
	date_time_rfc3339(t, now);
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
	date_time_rfc3339(t, now);
	date_time_rfc3339(t - server_config.session_idle_s, idle);
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

/* Length of the origin "scheme://host[:port]" at the start of url, a default
 * port (":80" for http, ":443" for https) left out; 0 when url has none. */
static size_t origin_len(const char *url)
{
	const char *host = strstr(url, "://");
	size_t n;

	if (!host)
		return 0;
	host += 3;
	n = (size_t)(host - url) + strcspn(host, "/?#");
	if (!strncasecmp(url, "http://", 7) && n >= 3 && !strncmp(url + n - 3, ":80", 3))
		return n - 3;
	if (!strncasecmp(url, "https://", 8) && n >= 4 && !strncmp(url + n - 4, ":443", 4))
		return n - 4;
	return n;
}

int auth_check_origin(struct request_ctx *ctx)
{
	const char *from = request_header(ctx, "Origin");
	const char *host = request_header(ctx, "Host");
	const char *scheme = server_config.secure_cookies ? "https" : "http";
	const char *fwd, *own;
	size_t n;

	if (!ctx->who || ctx->who->via_token || !ctx->conn)
		return 0;
	if (!from || !*from)
		from = request_header(ctx, "Referer");
	if (!from || !host || !*host || strpbrk(host, "/?#@ \t"))
		return -1;
	if (server_config.trust_proxy && (fwd = request_header(ctx, "X-Forwarded-Proto")) &&
	    (!strcasecmp(fwd, "http") || !strcasecmp(fwd, "https")))
		scheme = fwd;
	own = arena_printf(ctx->a, "%s://%s", scheme, host);
	n = origin_len(own);
	return n && origin_len(from) == n && !strncasecmp(from, own, n) ? 0 : -1;
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
	{
		const char *names[4];
		json_t *caps = json_array();
		int i, n = role_caps_names(p->caps, names);

		for (i = 0; i < n; i++)
			json_array_append_new(caps, json_string(names[i]));
		json_object_set_new(u, "caps", caps);
	}
	json_object_set_new(u, "totp_enabled", json_boolean(p->totp));
	json_object_set_new(u, "totp_setup_required", json_boolean(p->setup_only));
	return u;
}

/* A password check for names that have no account, so that an unknown
 * username costs what a known one does (no enumeration by timing). */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[PASSWORD_HASH_SIZE];

static void make_dummy_hash(void)
{
	char pw[44];

	secret_random_token(pw);
	if (password_hash(pw, dummy_hash))
		dummy_hash[0] = '\0';
}

/* A failed try: counted and audited, answered 401 with `message` (and, when
 * `field` is given, that field at fault). */
static void login_failed(struct request_ctx *ctx, const char *username, long long uid, time_t t,
			 const char *message, const char *field)
{
	struct audit_entry e = { .user_id = uid, .username = username,
				 .action = "login_failed", .entity = "session", .ip = ctx->ip };
	struct buf err = BUF_INIT;

	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (login_limit_failure(ctx, username, t, &err) || audit_write(ctx->db, ctx->a, &e, &err) ||
	    db_commit(ctx->db, &err))
		db_rollback(ctx->db);
out:
	if (err.len)
		log_error("登录失败记录未写入: %s", err.ptr);
	buf_release(&err);
	reply_error(ctx, 401, "unauthenticated", message,
		    field ? json_pack("{s:s}", field, message) : NULL);
}

#define WRONG_PASSWORD "用户名或密码错误"
#define WRONG_CODE "动态验证码不正确或已使用，请输入验证器上最新的 6 位数字"

static void reply_limited(struct request_ctx *ctx, enum login_claim why, long long retry)
{
	if (why == LOGIN_LOCKED) {
		reply_error(ctx, 429, "rate_limited",
			    "该账号因多次登录失败已受保护，请在常用的电脑上登录，或请管理员解除登录限制",
			    NULL);
		return;
	}
	if (retry < 1)
		retry = 1;
	reply_header(ctx, "Retry-After", arena_printf(ctx->a, "%lld", retry));
	reply_error(ctx, 429, "rate_limited",
		    arena_printf(ctx->a, "登录失败次数过多，请 %lld 分钟后再试", (retry + 59) / 60),
		    NULL);
}

/* Ends the session the request came with, if any: a login always starts a
 * new session id and never keeps one a third party may have planted. */
static int end_presented_session(struct request_ctx *ctx, struct buf *err)
{
	const char *token = cookie_token(ctx);
	char hash[65];

	if (!token)
		return 0;
	secret_token_hash(token, hash);
	return accounts_session_revoke_token(ctx->db, ctx->a, hash, err);
}

void auth_login(struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *body = json_loadb(ctx->body, ctx->body_len, 0, &jerr);
	const char *username, *password, *code = NULL;
	struct account acc;
	struct buf err = BUF_INIT;
	char token[44], csrf[44], hash[65], now[21], expires[21];
	time_t t = time(NULL);
	long long sid = 0, retry = 0;
	struct principal *p;
	enum login_claim claim;
	int found, bad, setup_only = 0;

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
	if (strlen(username) > 100) {
		reply_error(ctx, 401, "unauthenticated", "用户名或密码错误", NULL);
		goto out;
	}
	ctx->log_user = arena_strdup(ctx->a, username);
	date_time_rfc3339(t, now);
	memset(&acc, 0, sizeof(acc));
	found = accounts_by_username(ctx->db, ctx->a, username, &acc, &err);
	if (found < 0)
		goto fail;
	claim = login_limit_claim(ctx, username, found ? acc.id : 0, t, &retry, &err);
	if (claim == LOGIN_ERROR)
		goto fail;
	if (claim != LOGIN_CLAIMED) {
		reply_limited(ctx, claim, retry);
		goto out;
	}
	pthread_once(&dummy_once, make_dummy_hash);
	bad = password_verify(found ? acc.password_hash : dummy_hash, password);
	if (!found || bad) {
		login_failed(ctx, username, found ? acc.id : 0, t, WRONG_PASSWORD, NULL);
		goto out;
	}
	if (!(p = principal_from(ctx, &acc))) {
		/* said only after the right password, so it tells an outsider nothing */
		reply_error(ctx, 401, "unauthenticated",
			    !strcmp(acc.status, "pending") ? "账号尚待安全管理员授权，请联系管理员"
							   : "账号已被锁定或停用，请联系管理员",
			    NULL);
		goto out;
	}
	code = json_string_value(json_object_get(body, "totp"));
	if (acc.totp_enabled && (!code || !*code)) {
		/* the password was right; the try stays counted until the code comes */
		reply_error(ctx, 401, "unauthenticated", "请输入动态验证码",
			    json_pack("{s:s}", "totp", "请输入验证器上显示的 6 位动态验证码"));
		goto out;
	}
	if (!acc.totp_enabled) {
		int need = security_totp_required(ctx, acc.role, acc.totp_required, &err);

		if (need < 0)
			goto fail;
		setup_only = need;
	}
	secret_random_token(token);
	secret_random_token(csrf);
	secret_token_hash(token, hash);
	date_time_rfc3339(t + server_config.session_max_s, expires);
	{
		struct audit_entry e = { .user_id = acc.id, .username = acc.username,
					 .action = "login", .entity = "session", .ip = ctx->ip };

		if (db_begin(ctx->db, 1, &err))
			goto fail;
		if (acc.totp_enabled) {
			int ok = second_factor_check(ctx, &acc, code, t, &err);

			if (ok <= 0) {
				db_rollback(ctx->db);
				if (ok < 0)
					goto fail;
				login_failed(ctx, username, acc.id, t, WRONG_CODE, "totp");
				goto out;
			}
		}
		if (end_presented_session(ctx, &err) ||
		    accounts_session_create(ctx->db, ctx->a, hash, acc.id, csrf, now, expires,
					    ctx->ip, setup_only, &sid, &err) ||
		    login_limit_success(ctx, username, &err) ||
		    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
			db_rollback(ctx->db);
			goto fail;
		}
	}
	p->session_id = sid;
	p->csrf = arena_strdup(ctx->a, csrf);
	p->setup_only = setup_only;
	reply_header(ctx, "Set-Cookie",
		     arena_printf(ctx->a, "%s=%s; HttpOnly; SameSite=Strict; Path=/%s", cookie_name(),
				  token, server_config.secure_cookies ? "; Secure" : ""));
	reply_json(ctx, 200, json_pack("{s:o, s:s}", "user", auth_user_json(ctx, p), "csrf", csrf));
	goto out;
fail:
	log_error("登录出错: %s", err.ptr);
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
		     arena_printf(ctx->a, "%s=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0%s",
				  cookie_name(), server_config.secure_cookies ? "; Secure" : ""));
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
