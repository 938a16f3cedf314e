/* static_files: serving web_assets[] with the right caching: hashed assets for a
 * year, index.html never (so a new build is picked up at once). */
#include "http/static_files.h"

#include <string.h>

#include "http/assets.h"

static const struct web_asset *find(const char *path)
{
	size_t i;

	for (i = 0; i < web_assets_count; i++)
		if (!strcmp(web_assets[i].path, path))
			return &web_assets[i];
	return NULL;
}

void static_files_serve(struct request_ctx *ctx)
{
	const struct web_asset *a;

	if (strcmp(ctx->method, "GET") && strcmp(ctx->method, "HEAD")) {
		reply_error(ctx, 404, "not_found", "没有这个接口", NULL);
		return;
	}
	a = find(!strcmp(ctx->path, "/") ? "/index.html" : ctx->path);
	if (!a && !strncmp(ctx->path, "/assets/", 8)) {
		reply_error(ctx, 404, "not_found", "文件不存在", NULL);
		return;
	}
	if (!a)
		a = find("/index.html");
	if (!a) {
		ctx->status = 200;
		ctx->content_type = "text/plain; charset=utf-8";
		buf_adds(&ctx->out, "jiceng: 控制台未构建（运行 make 构建）\n");
		return;
	}
	ctx->status = 200;
	ctx->content_type = a->content_type;
	ctx->static_body = a->data;
	ctx->static_len = a->len;
	reply_header(ctx, "Cache-Control",
		     a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
}
