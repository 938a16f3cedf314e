/* static_files: serving web_assets[] with the right caching: hashed assets for a
 * year, index.html never (so a new build is picked up at once), compressed as
 * the browser accepts (the variants are made at build time, never per request). */
#include "http/static_files.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/assets.h"

static const struct web_asset *find(const char *path)
{
	size_t i;

	for (i = 0; i < web_assets_count; i++)
		if (!strcmp(web_assets[i].path, path))
			return &web_assets[i];
	return NULL;
}

/* The q-value of one "coding;q=0.5" element; 1 without one. */
static double element_q(const char *p, const char *end)
{
	const char *q = p;

	while ((q = memchr(q, ';', end - q))) {
		q++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (end - q > 2 && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=')
			return strtod(q + 2, NULL);
	}
	return 1;
}

int static_files_accepts(const char *accept_encoding, const char *coding)
{
	size_t n = strlen(coding);
	const char *p = accept_encoding;
	double named = -1, star = -1;

	while (p && *p) {
		const char *end = strchr(p, ','), *tok;
		size_t len;

		if (!end)
			end = p + strlen(p);
		while (p < end && isspace((unsigned char)*p))
			p++;
		tok = p;
		while (p < end && *p != ';' && !isspace((unsigned char)*p))
			p++;
		len = (size_t)(p - tok);
		if (len == n && !strncasecmp(tok, coding, n))
			named = element_q(p, end);
		else if (len == 1 && *tok == '*')
			star = element_q(p, end);
		p = *end ? end + 1 : end;
	}
	return named >= 0 ? named > 0 : star > 0;
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
	if (a->br || a->gz) {
		const char *ae = request_header(ctx, "Accept-Encoding");

		/* caches must keep the variants apart */
		reply_header(ctx, "Vary", "Accept-Encoding");
		if (a->br && static_files_accepts(ae, "br")) {
			ctx->static_body = a->br;
			ctx->static_len = a->br_len;
			reply_header(ctx, "Content-Encoding", "br");
		} else if (a->gz && static_files_accepts(ae, "gzip")) {
			ctx->static_body = a->gz;
			ctx->static_len = a->gz_len;
			reply_header(ctx, "Content-Encoding", "gzip");
		}
	}
	reply_header(ctx, "Cache-Control",
		     a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
}
