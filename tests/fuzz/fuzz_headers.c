/* fuzz_headers: cookies and headers as the dispatcher reads them — the input
 * is "Name: value" lines (Cookie, Authorization, X-CSRF-Token, …) then a
 * blank line and "METHOD /path". route_find() and route_admit() run as for a
 * request from a socket: whatever the headers, the request is admitted with
 * a principal or refused with a JSON error, and nobody is admitted to a route
 * that needs a login without one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/route.h"
#include "schema/module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_HEADERS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct header h[MAX_HEADERS];
	struct request_ctx *ctx;
	char *text, *line, *next, *method = "GET", *path = "/api/v1/persons";
	int n = 0, in_headers = 1;

	if (size > 8192)
		return 0;
	fuzz_env_init();
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line; line = next) {
		char *colon;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (in_headers && !*line) {
			in_headers = 0;
			continue;
		}
		if (!in_headers) {
			char *sp = strchr(line, ' ');

			if (sp && sp[1] == '/') {
				*sp = '\0';
				method = line;
				path = sp + 1;
			}
			break;
		}
		colon = strchr(line, ':');
		if (!colon || n >= MAX_HEADERS)
			continue;
		*colon = '\0';
		h[n].name = line;
		h[n].value = colon[1] == ' ' ? colon + 2 : colon + 1;
		n++;
	}
	ctx = fuzz_request(method, path, -1);
	ctx->in_headers = h;
	ctx->nin_headers = n;
	route_find(ctx);
	if (route_admit(ctx)) {
		fuzz_check_reply(ctx);
		if (ctx->status < 400)
			abort();
	} else if (ctx->route && !(ctx->route->flags & (ROUTE_NO_LOGIN | ROUTE_PUBLIC)) &&
		   !ctx->who) {
		abort();
	}
	fuzz_request_free(ctx);
	free(text);
	return 0;
}
