/* cmd_routes: `jiceng routes [--json]` — the server's route table, so that
 * the access-control matrix (tests/authz) is generated from the routes the
 * server really has rather than from a hand-kept list. */
#include <stdio.h>

#include "cli/cli.h"
#include "http/route.h"

int cmd_routes(struct cli *c)
{
	int as_json = cli_flag(c, "--json");
	json_t *t = route_table_json(), *r;
	size_t i;

	if (c->argc) {
		fprintf(stderr, "jiceng: 未知参数 %s\n", c->argv[0]);
		json_decref(t);
		return 2;
	}
	if (as_json) {
		json_dumpf(t, stdout, JSON_INDENT(1) | JSON_ENSURE_ASCII);
		fputc('\n', stdout);
	} else {
		json_array_foreach(t, i, r)
			printf("%-6s %-45s %s\n", json_string_value(json_object_get(r, "method")),
			       json_string_value(json_object_get(r, "pattern")),
			       json_string_value(json_object_get(r, "source")));
	}
	json_decref(t);
	return 0;
}
