/* route: the core route table and the dispatcher, which authenticates,
 * checks CSRF and role once, before the handler runs. Modules add their own
 * routes in their `struct module` (schema/module.h); this file names none. */
#include "http/route.h"

#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "http/auth.h"
#include "http/static_files.h"
#include "schema/module.h"

/* Literal routes stand before the generic {res} patterns; modules' routes are
 * tried between the two (see route_dispatch). */
static const struct route core_routes[] = {
	{ "GET", "/healthz", api_health, ROUTE_NO_LOGIN },
	{ "POST", "/api/v1/session", auth_login, ROUTE_NO_LOGIN },
	{ "GET", "/api/v1/session", auth_session_get, 0 },
	{ "DELETE", "/api/v1/session", auth_logout, 0 },
	{ "POST", "/api/v1/session/password", auth_change_password, 0 },
	{ "GET", "/api/v1/schema", api_schema, 0 },
	{ "GET", "/api/v1/audit", api_audit_list, 0 },
	{ "GET", "/api/v1/tokens", api_tokens_list, 0 },
	{ "POST", "/api/v1/tokens", api_tokens_create, ROUTE_ADMIN },
	{ "DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, 0 },
	{ "GET", "/api/v1/stats/{name}", api_stats, 0 },
	{ "GET", "/api/v1/todos", api_todos, 0 },
	ROUTE_END,
};

static const struct route generic_routes[] = {
	{ "GET", "/api/v1/{res}/export", api_export, 0 },
	{ "GET", "/api/v1/{res}/template", api_template, 0 },
	{ "POST", "/api/v1/{res}/import", api_import, 0 },
	{ "GET", "/api/v1/{res}/stats", generic_group, 0 },
	{ "GET", "/api/v1/{res}", generic_list, 0 },
	{ "POST", "/api/v1/{res}", generic_create, 0 },
	{ "GET", "/api/v1/{res}/{id}", generic_get, 0 },
	{ "PATCH", "/api/v1/{res}/{id}", generic_patch, 0 },
	{ "DELETE", "/api/v1/{res}/{id}", generic_delete, 0 },
	{ "GET", "/api/v1/{res}/{id}/events", generic_events, 0 },
	{ "POST", "/api/v1/{res}/{id}/actions/{action}", generic_action, 0 },
	ROUTE_END,
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

/* Runs the route after the checks its flags ask for. */
static void run(struct request_ctx *ctx, const struct route *r)
{
	if (!(r->flags & (ROUTE_NO_LOGIN | ROUTE_PUBLIC))) {
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
		if ((r->flags & ROUTE_ADMIN) && ctx->who->level != LEVEL_ADMIN) {
			reply_error(ctx, 403, "forbidden", "只有管理员可以执行此操作", NULL);
			return;
		}
	}
	r->handler(ctx);
}

/* Looks for the route in one table: 1 when it ran, 0 when none matched;
 * *path_matched tells whether a pattern matched with another method. */
static int try_table(struct request_ctx *ctx, const struct route *table, const char **params,
		     int *path_matched)
{
	const struct route *r;
	int n;

	for (r = table; r && r->method; r++) {
		if (!match(ctx, r->pattern, ctx->path, params, &n))
			continue;
		*path_matched = 1;
		if (strcmp(r->method, ctx->method))
			continue;
		ctx->params = params;
		run(ctx, r);
		return 1;
	}
	return 0;
}

void route_dispatch(struct request_ctx *ctx)
{
	const char **params = arena_alloc(ctx->a, sizeof(char *) * (MAX_PARAMS + 1));
	int path_matched = 0, m;

	if (try_table(ctx, core_routes, params, &path_matched))
		return;
	for (m = 0; modules[m]; m++)
		if (try_table(ctx, modules[m]->routes, params, &path_matched))
			return;
	if (try_table(ctx, generic_routes, params, &path_matched))
		return;
	if (!path_matched && strncmp(ctx->path, "/api/", 5)) {
		static_files_serve(ctx);
		return;
	}
	/* API.md has no code for 405: a method a path does not take is "no such API" */
	reply_error(ctx, 404, "not_found",
		    path_matched ? "该接口不支持这个请求方法" : "没有这个接口", NULL);
}
