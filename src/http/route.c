/* route: THE route table — the only place that knows URLs — and the dispatcher,
 * which authenticates, checks CSRF and role once, before the handler runs. */
#include "http/route.h"

#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/talent_file.h"
#include "http/auth.h"
#include "http/static_files.h"

enum route_auth {
	AUTH_NONE,  /* no session needed */
	AUTH_USER,  /* any authenticated caller */
	AUTH_ADMIN, /* admins only */
};

struct route {
	const char *method;          /* GET POST PATCH DELETE */
	const char *pattern;         /* literal segments; {x} captures one segment */
	void (*handler)(struct request_ctx *ctx);
	enum route_auth auth;
};

/* First match wins: literal routes stand before the generic {res} patterns. */
static const struct route routes[] = {
	{ "GET", "/healthz", api_health, AUTH_NONE },
	{ "POST", "/api/v1/session", auth_login, AUTH_NONE },
	{ "GET", "/api/v1/session", auth_session_get, AUTH_USER },
	{ "DELETE", "/api/v1/session", auth_logout, AUTH_USER },
	{ "POST", "/api/v1/session/password", auth_change_password, AUTH_USER },
	{ "GET", "/api/v1/schema", api_schema, AUTH_USER },
	{ "GET", "/api/v1/audit", api_audit_list, AUTH_USER },
	{ "GET", "/api/v1/tokens", api_tokens_list, AUTH_USER },
	{ "POST", "/api/v1/tokens", api_tokens_create, AUTH_ADMIN },
	{ "DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, AUTH_USER },
	{ "GET", "/api/v1/stats/{name}", api_stats, AUTH_USER },
	{ "GET", "/api/v1/persons/{id}/file", talent_file_get, AUTH_USER },
	{ "GET", "/api/v1/{res}/export", api_export, AUTH_USER },
	{ "GET", "/api/v1/{res}/template", api_template, AUTH_USER },
	{ "POST", "/api/v1/{res}/import", api_import, AUTH_USER },
	{ "GET", "/api/v1/{res}", generic_list, AUTH_USER },
	{ "POST", "/api/v1/{res}", generic_create, AUTH_USER },
	{ "GET", "/api/v1/{res}/{id}", generic_get, AUTH_USER },
	{ "PATCH", "/api/v1/{res}/{id}", generic_patch, AUTH_USER },
	{ "DELETE", "/api/v1/{res}/{id}", generic_delete, AUTH_USER },
	{ "POST", "/api/v1/{res}/{id}/actions/{action}", generic_action, AUTH_USER },
};

#define MAX_PARAMS 4

/* Matches path against pattern; captured segments go to params (arena copies). */
static int match(struct request_ctx *ctx, const char *pattern, const char *path,
		 const char **params, int *nparams)
{
	const char *p = pattern, *s = path;

	*nparams = 0;
	while (*p && *s) {
		if (*p == '{') {
			size_t n = strcspn(s, "/");

			if (!n || *nparams >= MAX_PARAMS)
				return 0;
			params[(*nparams)++] = arena_strndup(ctx->a, s, n);
			s += n;
			p = strchr(p, '}');
			if (!p)
				return 0;
			p++;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return !*p && !*s;
}

static int is_mutation(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

void route_dispatch(struct request_ctx *ctx)
{
	const char **params = arena_alloc(ctx->a, sizeof(char *) * (MAX_PARAMS + 1));
	size_t i;
	int n, path_matched = 0;


	if (strncmp(ctx->path, "/api/", 5) && strcmp(ctx->path, "/healthz")) {
		static_files_serve(ctx);
		return;
	}
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *r = &routes[i];

		if (!match(ctx, r->pattern, ctx->path, params, &n))
			continue;
		path_matched = 1;
		if (strcmp(r->method, ctx->method))
			continue;
		ctx->params = params;
		if (r->auth != AUTH_NONE) {
			if (auth_identify(ctx)) {
				reply_error(ctx, 401, "unauthenticated", "请先登录（或登录已过期）", NULL);
				return;
			}
			ctx->log_user = ctx->who->username;
			if (is_mutation(ctx->method) && auth_check_csrf(ctx)) {
				reply_error(ctx, 403, "csrf", "缺少或错误的 X-CSRF-Token，请刷新页面后重试",
					    NULL);
				return;
			}
			if (r->auth == AUTH_ADMIN && ctx->who->level != LEVEL_ADMIN) {
				reply_error(ctx, 403, "forbidden", "只有管理员可以执行此操作", NULL);
				return;
			}
		}
		r->handler(ctx);
		return;
	}
	/* API.md has no code for 405: a method a path does not take is "no such API" */
	reply_error(ctx, 404, "not_found",
		    path_matched ? "该接口不支持这个请求方法" : "没有这个接口", NULL);
}
