/* route: the core route table and the dispatcher, which finds the route and
 * authenticates, checks CSRF and role once from the headers alone — before
 * any body is read — and then runs the handler. Modules add their own
 * routes in their `struct module` (schema/module.h); this file names none. */
#include "http/route.h"

#include <string.h>

#include "api/api.h"
#include "api/generic.h"
#include "api/security.h"
#include "http/auth.h"
#include "http/public_limit.h"
#include "http/idempotency.h"
#include "http/second_factor.h"
#include "http/server.h"
#include "http/static_files.h"
#include "schema/module.h"

/* Literal routes stand before the generic {res} patterns; modules' routes are
 * tried between the two (see route_dispatch). */
static const struct route core_routes[] = {
	{ "GET", "/healthz", api_health, ROUTE_NO_LOGIN },
	{ "POST", "/api/v1/session", auth_login, ROUTE_NO_LOGIN },
	{ "GET", "/api/v1/session", auth_session_get, ROUTE_SETUP },
	{ "DELETE", "/api/v1/session", auth_logout, ROUTE_SETUP },
	{ "POST", "/api/v1/session/password", auth_change_password, ROUTE_SETUP },
	{ "POST", "/api/v1/session/totp", totp_begin, ROUTE_SETUP },
	{ "POST", "/api/v1/session/totp/confirm", totp_confirm, ROUTE_SETUP },
	{ "DELETE", "/api/v1/session/totp", totp_remove, 0 },
	{ "GET", "/api/v1/security", api_security_get, 0, CAP_ACCOUNTS | CAP_GRANT | CAP_AUDIT },
	{ "PUT", "/api/v1/security", api_security_put, 0, CAP_GRANT },
	{ "GET", "/api/v1/schema", api_schema, 0 },
	{ "GET", "/api/v1/audit", api_audit_list, 0 },
	{ "GET", "/api/v1/tokens", api_tokens_list, 0 },
	{ "POST", "/api/v1/tokens", api_tokens_create, 0, CAP_ACCOUNTS },
	{ "DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, 0 },
	{ "GET", "/api/v1/stats/{name}", api_stats, 0 },
	{ "GET", "/api/v1/todos", api_todos, 0 },
	ROUTE_END,
};

static const struct route generic_routes[] = {
	{ "GET", "/api/v1/{res}/export", api_export, 0 },
	{ "GET", "/api/v1/{res}/template", api_template, 0 },
	{ "GET", "/api/v1/{res}/report", api_report, 0 },
	{ "POST", "/api/v1/{res}/import", api_import, ROUTE_UPLOAD },
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

/* Looks for the route in one table: 1 when found (ctx->route, ctx->params
 * set); *path_matched tells whether a pattern matched with another method. */
static int find_in(struct request_ctx *ctx, const struct route *table, const char **params,
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
		ctx->route = r;
		return 1;
	}
	return 0;
}

void route_find(struct request_ctx *ctx)
{
	const char **params = arena_alloc(ctx->a, sizeof(char *) * (MAX_PARAMS + 1));
	int path_matched = 0, m;

	ctx->route = NULL;
	if (find_in(ctx, core_routes, params, &path_matched))
		return;
	for (m = 0; modules[m]; m++)
		if (find_in(ctx, modules[m]->routes, params, &path_matched))
			return;
	if (find_in(ctx, generic_routes, params, &path_matched))
		return;
	ctx->path_matched = path_matched;
}

static int is_static(const struct request_ctx *ctx)
{
	return !ctx->route && !ctx->path_matched && strncmp(ctx->path, "/api/", 5);
}

int route_admit(struct request_ctx *ctx)
{
	const struct route *r = ctx->route;

	if (!r) {
		if (is_static(ctx))
			return 0;
		/* API.md has no code for 405: a method a path does not take is "no such API" */
		reply_error(ctx, 404, "not_found",
			    ctx->path_matched ? "该接口不支持这个请求方法" : "没有这个接口", NULL);
		return -1;
	}
	if ((r->flags & ROUTE_PUBLIC) && public_limit_or_reply(ctx))
		return -1;
	if (r->flags & (ROUTE_NO_LOGIN | ROUTE_PUBLIC))
		return 0;
	if (auth_identify(ctx)) {
		reply_error(ctx, 401, "unauthenticated", "请先登录（或登录已过期）", NULL);
		return -1;
	}
	ctx->log_user = ctx->who->username;
	if (is_mutation(ctx->method) && auth_check_csrf(ctx)) {
		reply_error(ctx, 403, "csrf", "缺少或错误的 X-CSRF-Token，请刷新页面后重试", NULL);
		return -1;
	}
	if (is_mutation(ctx->method) && auth_check_origin(ctx)) {
		reply_error(ctx, 403, "csrf", "请求来源（Origin）不是本站，已拒绝跨站请求", NULL);
		return -1;
	}
	if (is_mutation(ctx->method) && idempotency_check_or_reply(ctx))
		return -1;
	if (ctx->who->setup_only && !(r->flags & ROUTE_SETUP)) {
		reply_error(ctx, 403, "forbidden", "请先绑定动态验证码（双因素认证），再使用系统", NULL);
		return -1;
	}
	if (r->caps && !(ctx->who->caps & r->caps)) {
		reply_error(ctx, 403, "forbidden",
			    arena_printf(ctx->a, "只有%s可以执行此操作", role_caps_holders(r->caps)),
			    NULL);
		return -1;
	}
	return 0;
}

size_t route_body_max(const struct request_ctx *ctx)
{
	const struct route *r = ctx->route;

	if (!r || !is_mutation(ctx->method))
		return 0;
	if (r->flags & ROUTE_UPLOAD)
		return server_config.import_max;
	/* a login or a public form is small: an outsider cannot make us hold more */
	if (r->flags & (ROUTE_NO_LOGIN | ROUTE_PUBLIC))
		return ROUTE_PUBLIC_BODY_MAX;
	return server_config.json_max;
}

void route_run(struct request_ctx *ctx)
{
	if (ctx->route) {
		/* a retry under a stored Idempotency-Key is answered from the store */
		if (!idempotency_begin(ctx)) {
			ctx->route->handler(ctx);
			idempotency_end(ctx);
		}
		/* audit rows a read asked for, written once its answer is known */
		generic_flush_deferred_audit(ctx);
	} else
		static_files_serve(ctx);
}

void route_dispatch(struct request_ctx *ctx)
{
	route_find(ctx);
	if (!route_admit(ctx))
		route_run(ctx);
}

static void table_json(json_t *out, const struct route *table, const char *source)
{
	static const struct {
		unsigned flag;
		const char *name;
	} flag_names[] = {
		{ ROUTE_NO_LOGIN, "no_login" },
		{ ROUTE_PUBLIC, "public" },
		{ ROUTE_UPLOAD, "upload" },
		{ ROUTE_SETUP, "setup" },
	};
	const struct route *r;
	size_t i;

	for (r = table; r && r->method; r++) {
		json_t *flags = json_array(), *caps = json_array(), *o;
		const char *names[4];
		int j, n = role_caps_names(r->caps, names);

		for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
			if (r->flags & flag_names[i].flag)
				json_array_append_new(flags, json_string(flag_names[i].name));
		for (j = 0; j < n; j++)
			json_array_append_new(caps, json_string(names[j]));
		o = json_pack("{s:s, s:s, s:s, s:o, s:o}", "method", r->method, "pattern", r->pattern,
			      "source", source, "flags", flags, "caps", caps);
		/* the values {name} takes: every module's named statistics */
		if (strstr(r->pattern, "/stats/{name}")) {
			json_t *stats = json_array();
			const struct stats_def *d;
			int m;

			for (m = 0; modules[m]; m++)
				for (d = modules[m]->stats; d && d->name; d++)
					json_array_append_new(stats, json_string(d->name));
			json_object_set_new(o, "names", stats);
		}
		json_array_append_new(out, o);
	}
}

json_t *route_table_json(void)
{
	json_t *out = json_array();
	int m;

	table_json(out, core_routes, "core");
	for (m = 0; modules[m]; m++)
		table_json(out, modules[m]->routes, modules[m]->name);
	table_json(out, generic_routes, "generic");
	return out;
}
