/* cmd_user: accounts and API tokens from the command line, through the same
 * validation and audit as the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "cli/cli.h"
#include "core/password.h"
#include "core/secret.h"
#include "core/totp.h"
#include "domain/date.h"
#include "store/accounts.h"
#include "store/audit_store.h"

static void print_errors(json_t *errors)
{
	const char *key;
	json_t *v;

	json_object_foreach(errors, key, v)
		fprintf(stderr, "jiceng: %s: %s\n", key, json_string_value(v));
}

/* Runs generic_write for users in one transaction; prints what went wrong. */
static int write_user(struct request_ctx *ctx, json_t *rec, json_t *before,
		      const char *action)
{
	json_t *errors = json_object(), *after = NULL;
	struct buf err = BUF_INIT;
	int status, ret = 1;

	if (db_begin(ctx->db, 1, &err))
		goto fail;
	status = generic_write(ctx, &res_users, rec, before, -1, action, errors, &after, &err);
	if (status || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		if (status == WS_INVALID) {
			print_errors(errors);
			goto out;
		}
		goto fail;
	}
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "jiceng: %s\n", err.len ? err.ptr : "写入失败");
out:
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
	return ret;
}

static json_t *load_user(struct request_ctx *ctx, const char *username, long long *id)
{
	struct account acc;
	struct buf err = BUF_INIT;
	json_t *u = NULL;

	memset(&acc, 0, sizeof(acc));
	if (accounts_by_username(ctx->db, ctx->a, username, &acc, &err) == 1) {
		*id = acc.id;
		u = generic_load(ctx, &res_users, acc.id, RECORD_REVEAL);
	} else {
		fprintf(stderr, "jiceng: 用户 %s 不存在\n", username);
	}
	buf_release(&err);
	return u;
}

static int user_add(struct cli *c, struct request_ctx *ctx)
{
	const char *role = cli_take(c, "--role"), *division = cli_take(c, "--division");
	const char *org = cli_take(c, "--org"), *ent = cli_take(c, "--enterprise");
	const char *display = cli_take(c, "--name");
	int pii = cli_flag(c, "--pii");
	json_t *in, *rec, *errors;
	char pw[256];
	int ret = 1;

	if (c->argc != 2 || !role) {
		fprintf(stderr, "用法: jiceng user add USERNAME --role ROLE [--division CODE] [--org ID]"
				" [--enterprise ID] [--name 姓名] [--pii]\n");
		return 2;
	}
	if (cli_read_password("密码: ", pw, sizeof(pw))) {
		fprintf(stderr, "jiceng: 未读到密码\n");
		return 1;
	}
	in = json_pack("{s:s, s:s, s:s, s:b}", "username", c->argv[1], "role", role, "password",
		       pw, "pii_access", pii);
	if (display)
		json_object_set_new(in, "display_name", json_string(display));
	if (division)
		json_object_set_new(in, "scope_division", json_string(division));
	if (org)
		json_object_set_new(in, "scope_org_id", json_string(org));
	if (ent)
		json_object_set_new(in, "enterprise_id", json_string(ent));
	rec = json_object();
	errors = json_object();
	record_validate(ctx, &res_users, in, rec, 1, 0, errors);
	if (json_object_size(errors))
		print_errors(errors);
	else if (!(ret = write_user(ctx, rec, NULL, "create")))
		fprintf(stderr, "jiceng: 已创建用户 %s（%s）\n", c->argv[1], role);
	json_decref(in);
	json_decref(rec);
	json_decref(errors);
	return ret;
}

static int user_passwd(struct cli *c, struct request_ctx *ctx)
{
	char pw[256], hash[PASSWORD_HASH_SIZE], now[DATE_TIME_SIZE];
	const char *why = NULL;
	struct buf err = BUF_INIT;
	long long id = 0;
	json_t *u;
	struct audit_entry e = { .username = "cli", .action = "password", .entity = "users",
				 .ip = "cli" };
	int ret = 1;

	if (c->argc != 2 || !(u = load_user(ctx, c->argv[1], &id)))
		return c->argc != 2 ? 2 : 1;
	json_decref(u);
	if (cli_read_password("新密码: ", pw, sizeof(pw)) || password_policy(pw, &why)) {
		fprintf(stderr, "jiceng: %s\n", why ? why : "未读到密码");
		return 1;
	}
	if (password_hash(pw, hash))
		return 1;
	date_now_rfc3339(now);
	e.entity_id = id;
	if (db_begin(ctx->db, 1, &err))
		goto out;
	if (accounts_set_password(ctx->db, ctx->a, id, hash, now, &err) ||
	    accounts_sessions_revoke_user(ctx->db, ctx->a, id, 0, &err) ||
	    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto out;
	}
	fprintf(stderr, "jiceng: 已修改 %s 的密码，其登录会话已全部失效\n", c->argv[1]);
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	buf_release(&err);
	return ret;
}

static int user_status(struct cli *c, struct request_ctx *ctx, const char *status)
{
	long long id = 0;
	json_t *u, *rec;
	int ret;

	if (c->argc != 2)
		return 2;
	if (!(u = load_user(ctx, c->argv[1], &id)))
		return 1;
	rec = json_pack("{s:s}", "status", status);
	ret = write_user(ctx, rec, u, !strcmp(status, "locked") ? "action:lock" : "action:unlock");
	if (!ret)
		fprintf(stderr, "jiceng: 用户 %s 已%s\n", c->argv[1],
			!strcmp(status, "locked") ? "锁定" : "解锁");
	json_decref(rec);
	json_decref(u);
	return ret;
}

/* Sets up (on) or removes (off) a user's second factor on the server: for
 * administrators who must have one before they can log in at all, and for a
 * lost phone. Either way the user's sessions end. Setting one up prints the
 * secret and its otpauth:// URI for the user's authenticator app. */
static int user_totp(struct cli *c, struct request_ctx *ctx, int on)
{
	char secret[TOTP_BASE32_SIZE] = "";
	struct buf enc = BUF_INIT, err = BUF_INIT;
	struct account acc;
	struct audit_entry e = { .username = "cli", .action = on ? "totp_enable" : "totp_reset",
				 .entity = "users", .ip = "cli" };
	int ret = 1;

	if (c->argc != 2)
		return 2;
	memset(&acc, 0, sizeof(acc));
	if (accounts_by_username(ctx->db, ctx->a, c->argv[1], &acc, &err) != 1) {
		fprintf(stderr, "jiceng: 用户 %s 不存在\n", c->argv[1]);
		goto out;
	}
	if (on && (totp_new_secret(secret) || secret_encrypt(secret, &enc))) {
		buf_setf(&err, "无法生成动态验证码密钥");
		goto out;
	}
	e.entity_id = acc.id;
	if (db_begin(ctx->db, 1, &err))
		goto out;
	if ((on ? accounts_totp_enable(ctx->db, ctx->a, acc.id, enc.ptr, 0, &err)
		: accounts_totp_clear(ctx->db, ctx->a, acc.id, &err)) ||
	    accounts_sessions_revoke_user(ctx->db, ctx->a, acc.id, 0, &err) ||
	    audit_write(ctx->db, ctx->a, &e, &err) || db_commit(ctx->db, &err)) {
		db_rollback(ctx->db);
		goto out;
	}
	if (on) {
		printf("%s\n%s\n", secret, totp_uri(ctx->a, "jiceng", acc.username, secret));
		fprintf(stderr, "jiceng: 已为 %s 设置动态验证码：把上面的密钥或链接加入其手机上的身份验证器"
				"（只显示这一次），登录时输入验证器上的 6 位数字\n", acc.username);
	} else {
		fprintf(stderr, "jiceng: 已清除 %s 的动态验证码，其登录会话已全部失效\n", acc.username);
	}
	ret = 0;
out:
	if (ret && err.len)
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	memset(secret, 0, sizeof(secret));
	buf_release(&enc);
	buf_release(&err);
	return ret;
}

static int user_list(struct request_ctx *ctx)
{
	struct db_result r;
	struct buf err = BUF_INIT;
	size_t i;

	if (db_query(ctx->db, ctx->a,
		     "SELECT id, username, role, COALESCE(scope_division, ''), status, pii_access"
		     " FROM users WHERE deleted_at IS NULL ORDER BY id", NULL, 0, &r, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		buf_release(&err);
		return 1;
	}
	printf("%-6s %-20s %-12s %-14s %-10s %s\n", "ID", "用户名", "角色", "管辖地区", "状态", "PII");
	for (i = 0; i < r.nrows; i++)
		printf("%-6s %-20s %-12s %-14s %-10s %s\n", db_cell(&r, i, 0), db_cell(&r, i, 1),
		       db_cell(&r, i, 2), db_cell(&r, i, 3), db_cell(&r, i, 4),
		       strcmp(db_cell(&r, i, 5), "0") ? "是" : "否");
	buf_release(&err);
	return 0;
}

int cmd_user(struct cli *c)
{
	struct request_ctx ctx;
	struct db *db;
	int ret = 2;

	if (c->argc < 1) {
		fprintf(stderr, "用法: jiceng user add|passwd|lock|unlock|totp|totp-reset|list ...\n");
		return 2;
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (!strcmp(c->argv[0], "add"))
		ret = user_add(c, &ctx);
	else if (!strcmp(c->argv[0], "passwd"))
		ret = user_passwd(c, &ctx);
	else if (!strcmp(c->argv[0], "lock"))
		ret = user_status(c, &ctx, "locked");
	else if (!strcmp(c->argv[0], "unlock"))
		ret = user_status(c, &ctx, "active");
	else if (!strcmp(c->argv[0], "totp"))
		ret = user_totp(c, &ctx, 1);
	else if (!strcmp(c->argv[0], "totp-reset"))
		ret = user_totp(c, &ctx, 0);
	else if (!strcmp(c->argv[0], "list"))
		ret = user_list(&ctx);
	else
		fprintf(stderr, "jiceng: 未知的 user 子命令 %s\n", c->argv[0]);
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}

int cmd_token(struct cli *c)
{
	struct request_ctx ctx;
	struct db *db;
	struct buf err = BUF_INIT;
	int ret = 1;

	if (c->argc < 2 || (strcmp(c->argv[0], "add") && strcmp(c->argv[0], "revoke"))) {
		fprintf(stderr, "用法: jiceng token add NAME [--user USERNAME] | token revoke ID\n");
		return 2;
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (!strcmp(c->argv[0], "add")) {
		const char *user = cli_take(c, "--user");
		char token[SECRET_TOKEN_SIZE], hash[SECRET_HASH_HEX_SIZE], now[DATE_TIME_SIZE];
		struct account acc;
		long long id = 0;
		struct audit_entry e = { .username = "cli", .action = "create", .entity = "tokens",
					 .ip = "cli" };

		memset(&acc, 0, sizeof(acc));
		if (accounts_by_username(db, ctx.a, user ? user : "admin", &acc, &err) != 1) {
			fprintf(stderr, "jiceng: 用户 %s 不存在\n", user ? user : "admin");
			goto out;
		}
		secret_random_token(token);
		secret_token_hash(token, hash);
		date_now_rfc3339(now);
		if (db_begin(db, 1, &err) ||
		    accounts_token_create(db, ctx.a, c->argv[1], acc.id, hash, now, &id, &err)) {
			db_rollback(db);
			goto out;
		}
		e.entity_id = id;
		if (audit_write(db, ctx.a, &e, &err) || db_commit(db, &err)) {
			db_rollback(db);
			goto out;
		}
		printf("%s\n", token);
		fprintf(stderr, "jiceng: 令牌 #%lld 已创建（属于 %s），只显示这一次\n", id, acc.username);
		ret = 0;
	} else {
		char now[DATE_TIME_SIZE];
		long long id = strtoll(c->argv[1], NULL, 10);
		int rc;

		date_now_rfc3339(now);
		if (db_begin(db, 1, &err))
			goto out;
		rc = accounts_token_revoke(db, ctx.a, id, 0, now, &err);
		if (rc != 1 || db_commit(db, &err)) {
			db_rollback(db);
			if (rc == 0)
				fprintf(stderr, "jiceng: 令牌 #%lld 不存在或已吊销\n", id);
			goto out;
		}
		fprintf(stderr, "jiceng: 令牌 #%lld 已吊销\n", id);
		ret = 0;
	}
out:
	if (ret && err.len)
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	buf_release(&err);
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}
