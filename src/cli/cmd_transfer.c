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
	fprintf(stderr, "\r导入进度 %zu%%", total ? done * 100 / total : 100);
	if (done == total)
		fprintf(stderr, "\n");
}

static void add_arg(struct request_ctx *ctx, const char *key, const char *value)
{
	if (value) {
		ctx->args[ctx->nargs].key = key;
		ctx->args[ctx->nargs++].value = value;
	}
}

static void set_args(struct request_ctx *ctx, const char *format, int dry_run)
{
	ctx->args = arena_alloc(ctx->a, sizeof(*ctx->args) * 8);
	ctx->nargs = 0;
	add_arg(ctx, "format", format);
	add_arg(ctx, "dry_run", dry_run ? "1" : NULL);
}

static const char *format_of(const char *path, const char *given)
{
	size_t n = strlen(path);

	if (given)
		return given;
	if (n > 4 && !strcasecmp(path + n - 4, ".csv"))
		return "csv";
	if (n > 4 && !strcasecmp(path + n - 4, ".xls"))
		return "xls";
	return "xlsx";
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* What the import found: the sheet, the header, what it left out. */
static void print_found(json_t *reply)
{
	json_t *file = json_object_get(reply, "file"), *v;
	size_t i;

	if (!file)
		return;
	fprintf(stderr, "jiceng: 读取%s%s%s，表头在第 ", str(file, "sheet") ? "工作表“" : "文件",
		str(file, "sheet") ? str(file, "sheet") : "", str(file, "sheet") ? "”" : "");
	json_array_foreach(json_object_get(file, "header_rows"), i, v)
		fprintf(stderr, "%s%lld", i ? "、" : "", (long long)json_integer_value(v));
	fprintf(stderr, " 行，数据 %lld 行", num(file, "rows"));
	if (num(file, "rows") == 1)
		fprintf(stderr, "（第 %lld 行）", num(file, "first_row"));
	else if (num(file, "rows") > 1)
		fprintf(stderr, "（第 %lld–%lld 行）", num(file, "first_row"), num(file, "last_row"));
	fprintf(stderr, "\n");
	json_array_foreach(json_object_get(file, "also"), i, v)
		fprintf(stderr, "  工作表“%s”也有台账表头，未读取（可用 --sheet 指定）\n", json_string_value(v));
	json_array_foreach(json_object_get(reply, "skipped"), i, v)
		fprintf(stderr, "  跳过第 %lld 行（%s）：%s\n", num(v, "row"), str(v, "reason"), str(v, "text"));
	json_array_foreach(json_object_get(reply, "ignored_columns"), i, v)
		fprintf(stderr, "  %s第 %s 列%s%s%s（%s）\n", json_is_true(json_object_get(v, "refused")) ? "拒绝" : "忽略",
			str(v, "column"), *str(v, "header") ? "“" : "", str(v, "header"),
			*str(v, "header") ? "”" : "", str(v, "reason"));
}

/* The changes an update makes, field by field, and the blanks that keep values. */
static void print_changes(json_t *reply)
{
	json_t *c, *f;
	size_t i, j;

	json_array_foreach(json_object_get(reply, "changes"), i, c) {
		fprintf(stderr, "  第 %lld 行更新 ID %lld：", num(c, "row"), num(c, "id"));
		json_array_foreach(json_object_get(c, "fields"), j, f)
			fprintf(stderr, "%s%s “%s” → “%s”", j ? "；" : "", str(f, "label"), str(f, "from"),
				str(f, "to"));
		if (json_array_size(json_object_get(c, "kept"))) {
			fprintf(stderr, "%s空白保留原值：", json_array_size(json_object_get(c, "fields")) ? "；" : "");
			json_array_foreach(json_object_get(c, "kept"), j, f)
				fprintf(stderr, "%s%s", j ? "、" : "", str(f, "label"));
		}
		fprintf(stderr, "\n");
	}
}

/* Each error once, with its row and column; the message names the field. */
static void print_import_errors(json_t *reply)
{
	json_t *e = json_object_get(reply, "error"), *row;
	size_t i;

	fprintf(stderr, "jiceng: %s\n", str(e, "message"));
	json_array_foreach(json_object_get(e, "rows"), i, row) {
		const char *label = str(row, "label"), *msg = str(row, "message");
		const char *col = str(row, "column");

		fprintf(stderr, "  第 %lld 行%s%s%s：%s%s\n", num(row, "row"), col ? "（" : "",
			col ? col : "", col ? " 列）" : "",
			label && msg && !strstr(msg, label) ? label : "", msg ? msg : "");
	}
	json_array_foreach(json_object_get(reply, "ignored_columns"), i, row)
		if (json_is_true(json_object_get(row, "refused"))) {
			fprintf(stderr, "jiceng: 确认不导入无法识别的列，请加 --ignore-unknown 再导入\n");
			break;
		}
}

int cmd_import(struct cli *c)
{
	const char *format = cli_take(c, "--format"), *match = cli_take(c, "--match");
	const char *sheet = cli_take(c, "--sheet");
	int dry_run = cli_flag(c, "--dry-run"), ignore = cli_flag(c, "--ignore-unknown");
	struct request_ctx ctx;
	struct buf file = BUF_INIT, err = BUF_INIT;
	const char *params[2];
	struct db *db;
	json_t *reply;
	int ret = 1;

	if (c->argc != 2) {
		fprintf(stderr, "用法: jiceng import RES FILE [--dry-run] [--format csv|xlsx|xls] "
				"[--match id|key] [--ignore-unknown] [--sheet 工作表名称]\n");
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
	add_arg(&ctx, "match", match);
	add_arg(&ctx, "sheet", sheet);
	add_arg(&ctx, "ignore_unknown", ignore ? "1" : NULL);
	api_import(&ctx);
	reply = json_loads(ctx.out.ptr, 0, NULL);
	print_found(reply);
	if (ctx.status == 200) {
		print_changes(reply);
		fprintf(stderr, "jiceng: %s：新增 %lld 条，更新 %lld 条，%lld 条与现有记录相同\n",
			dry_run ? "试导入通过（未写入）" : "导入完成", num(reply, "inserted"),
			num(reply, "updated"), num(reply, "unchanged"));
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
