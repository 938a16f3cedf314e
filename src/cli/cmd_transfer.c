/* cmd_transfer: import and export from the command line, through the very
 * handlers the API uses, so a file behaves the same either way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "cli/cli.h"

static void show_progress(size_t done, size_t total)
{
	fprintf(stderr, "\r导入进度 %zu / %zu 行", done, total);
	if (done == total)
		fprintf(stderr, "\n");
}

static void set_args(struct request_ctx *ctx, const char *format, int dry_run)
{
	ctx->args = arena_alloc(ctx->a, sizeof(*ctx->args) * 2);
	ctx->args[0].key = "format";
	ctx->args[0].value = format;
	ctx->nargs = 1;
	if (dry_run) {
		ctx->args[1].key = "dry_run";
		ctx->args[1].value = "1";
		ctx->nargs = 2;
	}
}

static const char *format_of(const char *path, const char *given)
{
	size_t n = strlen(path);

	if (given)
		return given;
	if (n > 4 && !strcasecmp(path + n - 4, ".csv"))
		return "csv";
	return "xlsx";
}

static void print_import_errors(json_t *reply)
{
	json_t *e = json_object_get(reply, "error"), *row;
	size_t i;

	fprintf(stderr, "jiceng: %s\n", json_string_value(json_object_get(e, "message")));
	json_array_foreach(json_object_get(e, "rows"), i, row) {
		const char *field = json_string_value(json_object_get(row, "field"));

		fprintf(stderr, "  第 %lld 行%s%s: %s\n",
			(long long)json_integer_value(json_object_get(row, "row")),
			field ? " " : "", field ? field : "",
			json_string_value(json_object_get(row, "message")));
	}
}

int cmd_import(struct cli *c)
{
	const char *format = cli_take(c, "--format");
	int dry_run = cli_flag(c, "--dry-run");
	struct request_ctx ctx;
	struct buf file = BUF_INIT, err = BUF_INIT;
	const char *params[2];
	struct db *db;
	json_t *reply;
	int ret = 1;

	if (c->argc != 2) {
		fprintf(stderr, "用法: jiceng import RES FILE [--dry-run] [--format csv|xlsx]\n");
		return 2;
	}
	if (cli_read_file(c->argv[1], &file, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		goto out;
	}
	if (!(db = cli_open(c, 1)))
		goto out;
	cli_ctx_init(&ctx, db);
	params[0] = c->argv[0];
	params[1] = NULL;
	ctx.params = params;
	ctx.body = file.ptr;
	ctx.body_len = file.len;
	ctx.progress = show_progress;
	set_args(&ctx, format_of(c->argv[1], format), dry_run);
	api_import(&ctx);
	reply = json_loads(ctx.out.ptr, 0, NULL);
	if (ctx.status == 200) {
		fprintf(stderr, "jiceng: %s：新增 %lld 条，更新 %lld 条\n",
			dry_run ? "试导入通过（未写入）" : "导入完成",
			(long long)json_integer_value(json_object_get(reply, "inserted")),
			(long long)json_integer_value(json_object_get(reply, "updated")));
		ret = 0;
	} else {
		print_import_errors(reply);
	}
	json_decref(reply);
	cli_ctx_release(&ctx);
	db_close(db);
out:
	buf_release(&file);
	buf_release(&err);
	return ret;
}

int cmd_export(struct cli *c)
{
	const char *format = cli_take(c, "--format");
	const char *outp = cli_take(c, "-o");
	struct request_ctx ctx;
	const char *params[2];
	struct db *db;
	FILE *f;
	int ret = 1;

	if (c->argc != 1 || (format && strcmp(format, "csv") && strcmp(format, "xlsx"))) {
		fprintf(stderr, "用法: jiceng export RES --format csv|xlsx [-o FILE]\n");
		return 2;
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	params[0] = c->argv[0];
	params[1] = NULL;
	ctx.params = params;
	set_args(&ctx, format ? format : "xlsx", 0);
	api_export(&ctx);
	if (ctx.status != 200) {
		json_t *reply = json_loads(ctx.out.ptr, 0, NULL);

		fprintf(stderr, "jiceng: %s\n", json_string_value(json_object_get(
			json_object_get(reply, "error"), "message")));
		json_decref(reply);
		goto out;
	}
	f = outp ? fopen(outp, "wb") : stdout;
	if (!f || fwrite(ctx.out.ptr, 1, ctx.out.len, f) != ctx.out.len) {
		fprintf(stderr, "jiceng: 无法写入 %s\n", outp ? outp : "标准输出");
		if (f && f != stdout)
			fclose(f);
		goto out;
	}
	if (f != stdout && fclose(f)) {
		fprintf(stderr, "jiceng: 无法写入 %s\n", outp);
		goto out;
	}
	if (outp)
		fprintf(stderr, "jiceng: 已导出到 %s\n", outp);
	ret = 0;
out:
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}
