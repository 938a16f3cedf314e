/* cmd_security: the security policy on the server — which roles must use a
 * second factor, and 三权分立 — through the same rules and audit as the API
 * (api/security.h). Separation is switched only here, never over HTTP: a web
 * session that could switch it off would defeat it. */
#include <stdio.h>
#include <string.h>

#include "api/security.h"
#include "cli/cli.h"

static void print_policy(struct request_ctx *ctx)
{
	struct security_policy p;
	struct buf err = BUF_INIT;

	if (security_policy_load(ctx->db, ctx->a, &p, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	} else {
		printf("totp_roles  %s\n", *p.totp_roles ? p.totp_roles : "-");
		printf("separation  %s\n", p.separation ? "on" : "off");
	}
	buf_release(&err);
}

/* "admin,sysadmin" → ["admin", "sysadmin"]; "" or "-" → []. */
static json_t *role_list(const char *text)
{
	json_t *arr = json_array();
	const char *s = strcmp(text, "-") ? text : "";

	while (*s) {
		size_t n = strcspn(s, ", ");

		if (n)
			json_array_append_new(arr, json_stringn(s, n));
		s += n + (s[n] ? 1 : 0);
	}
	return arr;
}

static int change(struct request_ctx *ctx, const char *what, const char *value)
{
	struct buf err = BUF_INIT;
	json_t *errors = json_object(), *roles = NULL;
	int rc = -1, ret = 1;

	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (!strcmp(what, "totp-roles")) {
		roles = role_list(value);
		rc = security_set_totp_roles(ctx, roles, errors, &err);
		if (rc == 1)
			buf_setf(&err, "%s", json_string_value(json_object_get(errors, "totp_roles")));
	} else if (!strcmp(value, "on") || !strcmp(value, "off")) {
		rc = security_set_separation(ctx, !strcmp(value, "on"), &err);
	} else {
		buf_setf(&err, "separation 的值应为 on 或 off");
		rc = 1;
	}
	if (rc || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "jiceng: %s\n", err.len ? err.ptr : "写入失败");
	json_decref(roles);
	json_decref(errors);
	buf_release(&err);
	return ret;
}

int cmd_security(struct cli *c)
{
	struct request_ctx ctx;
	struct db *db;
	int ret = 2;

	if (c->argc < 1 || (strcmp(c->argv[0], "show") &&
			    (c->argc != 2 || (strcmp(c->argv[0], "totp-roles") &&
					      strcmp(c->argv[0], "separation"))))) {
		fprintf(stderr, "用法: jiceng security show | totp-roles ROLE[,ROLE…]|- |"
				" separation on|off\n");
		return 2;
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (strcmp(c->argv[0], "show"))
		ret = change(&ctx, c->argv[0], c->argv[1]);
	else
		ret = 0;
	if (!ret)
		print_policy(&ctx);
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}
