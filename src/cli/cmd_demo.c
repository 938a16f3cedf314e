/* cmd_demo: `jiceng demo [--only MODULE,…]` — every module's demo data (or
 * the platform's and the named modules'; dates relative to today) in one
 * transaction, written through the same validation, workflows and audit as
 * any user's input, so that it is valid by construction. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "schema/module.h"

/* 1 when `name` is in the comma-separated `list`. */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

int cmd_demo(struct cli *c)
{
	const char *only = cli_take(c, "--only");
	struct request_ctx ctx;
	struct db *db;
	struct buf err = BUF_INIT, summary = BUF_INIT;
	int m, ret = 1;

	if (only) {
		const char *p = only;

		/* every name must be a module's: a typo would load nothing silently */
		while (*p) {
			size_t n = strcspn(p, ",");
			int found = 0;

			for (m = 0; modules[m]; m++)
				if (strlen(modules[m]->name) == n && !strncmp(modules[m]->name, p, n))
					found = 1;
			if (!found) {
				fprintf(stderr, "jiceng: --only: 没有模块 %.*s\n", (int)n, p);
				return 2;
			}
			p += n + (p[n] == ',');
		}
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (db_begin(db, 1, &err))
		goto out;
	for (m = 0; modules[m]; m++) {
		if (only && strcmp(modules[m]->name, "platform") && !listed(only, modules[m]->name))
			continue;
		if (modules[m]->demo && modules[m]->demo(&ctx, &summary, &err)) {
			db_rollback(db);
			goto out;
		}
	}
	if (db_commit(db, &err)) {
		db_rollback(db);
		goto out;
	}
	db_analyze(db);
	fprintf(stderr, "jiceng: 已载入演示数据：\n%s", summary.ptr);
	ret = 0;
out:
	if (ret && err.len)
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	buf_release(&err);
	buf_release(&summary);
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}
