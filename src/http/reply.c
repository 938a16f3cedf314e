/* reply: turning handler results into the JSON replies and errors of API.md. */
#include <string.h>
#include <strings.h>

#include "http/request.h"

const char *request_arg(const struct request_ctx *ctx, const char *key)
{
	size_t i;

	for (i = 0; i < ctx->nargs; i++)
		if (!strcmp(ctx->args[i].key, key))
			return ctx->args[i].value;
	return NULL;
}

void reply_header(struct request_ctx *ctx, const char *name, const char *value)
{
	if (ctx->nheaders >= REQUEST_MAX_HEADERS)
		return;
	ctx->headers[ctx->nheaders].name = name;
	ctx->headers[ctx->nheaders].value = arena_strdup(ctx->a, value);
	ctx->nheaders++;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	buf_add(data, buffer, size);
	return 0;
}

void reply_json(struct request_ctx *ctx, int status, json_t *body)
{
	ctx->status = status;
	ctx->content_type = "application/json; charset=utf-8";
	buf_reset(&ctx->out);
	json_dump_callback(body, dump_cb, &ctx->out, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(body);
}

const char *reply_code_for(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthenticated";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "bad_request";
	case 409: return "conflict";
	case 413: return "too_large";
	case 414: return "too_large";
	case 431: return "too_large";
	case 422: return "validation";
	case 429: return "rate_limited";
	default: return "internal";
	}
}

void reply_error(struct request_ctx *ctx, int status, const char *code,
		 const char *message, json_t *fields)
{
	json_t *err = json_pack("{s:s, s:s}", "code", code ? code : reply_code_for(status),
				"message", message);

	if (fields && json_object_size(fields))
		json_object_set_new(err, "fields", fields);
	else
		json_decref(fields);
	reply_json(ctx, status, json_pack("{s:o}", "error", err));
}

void reply_no_content(struct request_ctx *ctx)
{
	ctx->status = 204;
	ctx->content_type = NULL;
	buf_reset(&ctx->out);
}
