/* fuzz_query: the query string and the router — the input is a path and a
 * query ("/api/v1/persons?name=…&sort=-x&cursor=…"), split by query_parse()
 * as the server splits it and dispatched as a GET through the route table
 * (lists with filters, sort and cursors, stats, exports, events, schema) for
 * an administrator and for a town user. Whatever it is, the answer is a
 * contract status (never 500) with JSON that parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/query.h"
#include "http/route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *q, *bad;
	char *path;
	size_t plen;
	int who;

	if (size > 4096)
		return 0;
	fuzz_env_init();
	q = memchr(data, '?', size);
	plen = q ? (size_t)(q - (const char *)data) : size;
	path = malloc(plen + 1);
	memcpy(path, data, plen);
	path[plen] = '\0';
	/* a path with a NUL or not under / never reaches the router from a socket */
	if (strlen(path) != plen || path[0] != '/') {
		free(path);
		return 0;
	}
	for (who = 0; who < 2; who++) {
		struct request_ctx *ctx = fuzz_request("GET", path, who);

		if (query_parse(ctx->a, q ? q + 1 : "", q ? size - plen - 1 : 0, QUERY_MAX_ARGS,
				&ctx->args, &ctx->nargs, &bad) == QUERY_OK) {
			route_find(ctx);
			/* the dispatcher's checks are fuzz_headers' part: run the handler */
			if (ctx->route || !ctx->path_matched) {
				db_snapshot_begin(ctx->db);
				route_run(ctx);
				db_snapshot_end(ctx->db);
				if (ctx->route)
					fuzz_check_reply(ctx);
			}
		}
		fuzz_request_free(ctx);
	}
	free(path);
	return 0;
}
