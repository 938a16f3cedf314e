/* cmd_demo: `jiceng demo` — every module's demo data (dates relative to
 * today) in one transaction, written through the same validation, workflows
 * and audit as any user's input, so that it is valid by construction. */
#include <stdio.h>

#include "cli/cli.h"
#include "schema/module.h"

int cmd_demo(struct cli *c)
{
	struct request_ctx ctx;
	struct db *db;
	struct buf err = BUF_INIT, summary = BUF_INIT;
	int m, ret = 1;

	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (db_begin(db, 1, &err))
		goto out;
	for (m = 0; modules[m]; m++) {
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
