/* cmd_gen: `jiceng gen --scale S --seed N` — the synthetic province-scale
 * dataset of `make bench`, written straight into a new database. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "synth/generate.h"

int cmd_gen(struct cli *c)
{
	const char *scale = cli_take(c, "--scale"), *seed = cli_take(c, "--seed");
	struct synth_options o = { 1.0, 1, 1 };
	struct synth_counts n;
	struct buf err = BUF_INIT;
	struct db *db;
	char *end;
	int ret = 1;

	if (cli_flag(c, "--quiet"))
		o.progress = 0;
	if (scale) {
		o.scale = strtod(scale, &end);
		if (*end || o.scale <= 0 || o.scale > 1) {
			fprintf(stderr, "jiceng: --scale 应为 0 到 1 之间的数（1 = 库中全部村）\n");
			return 2;
		}
	}
	if (seed) {
		o.seed = strtoull(seed, &end, 10);
		if (*end) {
			fprintf(stderr, "jiceng: --seed 应为非负整数\n");
			return 2;
		}
	}
	if (!(db = cli_open(c, 1)))
		return 1;
	if (synth_generate(db, &o, &n, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		goto out;
	}
	fprintf(stderr, "jiceng: 已生成 %lld 个村：人员 %lld、组织 %lld、企业 %lld、后备力量 %lld（研判 %lld）、"
		"工单 %lld、事件 %lld，用时 %.1f 秒（%.0f 行/秒）\n", n.villages, n.persons, n.orgs,
		n.enterprises, n.talents, n.evaluations, n.tickets, n.events, n.seconds,
		(double)(n.persons + n.orgs + n.enterprises + n.talents + n.evaluations + n.tickets +
			 n.events) / (n.seconds > 0 ? n.seconds : 1));
	ret = 0;
out:
	buf_release(&err);
	db_close(db);
	return ret;
}
