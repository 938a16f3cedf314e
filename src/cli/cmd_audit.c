/* cmd_audit: `jiceng audit verify` — walks the audit trail's hash chain
 * (store/audit_store.c) and names the first row that was changed or removed,
 * so that an assessor can check that the trail is what was written. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit_store.h"

int cmd_audit(struct cli *c)
{
	struct db *db;
	struct arena *a;
	struct audit_verdict v;
	struct buf err = BUF_INIT;
	int ret = 1;

	if (c->argc != 1 || strcmp(c->argv[0], "verify")) {
		fprintf(stderr, "用法: jiceng audit verify\n");
		return 2;
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	a = arena_new();
	if (audit_verify(db, a, &v, &err)) {
		fprintf(stderr, "jiceng: 无法读取审计日志：%s\n", err.ptr);
	} else if (v.bad_id) {
		printf("审计日志不完整：第 %lld 条%s（此前 %lld 条完好）\n", v.bad_id,
		       v.problem == AUDIT_MISSING ? "被删除" : "被改动", v.rows);
	} else {
		printf("审计日志完整：%lld 条\n", v.rows);
		ret = 0;
	}
	buf_release(&err);
	arena_free(a);
	db_close(db);
	return ret;
}
