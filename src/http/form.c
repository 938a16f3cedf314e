/* form: splitting and unescaping form bodies. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include "http/form.h"

#include <string.h>

/* 1 when s is well-formed UTF-8 (so that nothing else reaches validation). */
static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2
		      : (*s & 0xF8) == 0xF0 ? 3 : -1;

		if (n < 0)
			return 0;
		for (s++; n > 0; n--, s++)
			if ((*s & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

int form_parse(struct request_ctx *ctx, struct query_arg *out, size_t max)
{
	char *copy = arena_strndup(ctx->a, ctx->body ? ctx->body : "", ctx->body_len);
	char *save = NULL, *tok, *p;
	size_t n = 0;

	for (tok = strtok_r(copy, "&", &save); tok && n < max; tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');

		if (eq)
			*eq = '\0';
		for (p = tok; *p; p++)
			if (*p == '+')
				*p = ' ';
		for (p = eq ? eq + 1 : NULL; p && *p; p++)
			if (*p == '+')
				*p = ' ';
		MHD_http_unescape(tok);
		if (eq)
			MHD_http_unescape(eq + 1);
		if (!utf8_ok((const unsigned char *)tok) ||
		    (eq && !utf8_ok((const unsigned char *)eq + 1)))
			return -1;
		out[n].key = tok;
		out[n].value = eq ? eq + 1 : "";
		n++;
	}
	return (int)n;
}

const char *form_value(const struct query_arg *args, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(args[i].key, key))
			return args[i].value;
	return NULL;
}
