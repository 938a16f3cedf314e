/* main: the jiceng binary — server and CLI. Parses the command and dispatches
 * through the command table (after git's git.c commands[]). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/xls_read.h"

#define JICENG_VERSION "0.1.0"

struct command {
	const char *name;
	int (*run)(struct cli *c);
	const char *usage;   /* one line for `jiceng help` */
};

static const struct command commands[] = {
	{ "init", cmd_init, "init [--divisions CODE|all [--divisions-dist DIR]]  创建并迁移数据库，载入行政区划" },
	{ "migrate", cmd_migrate, "migrate                     应用新的数据库迁移" },
	{ "serve", cmd_serve, "serve [--listen ADDR:PORT] [--threads N] [--secure-cookies] [--trust-proxy] [--max-conns N]\n"
	  "        [--max-conns-per-ip N] [--header-timeout S] [--body-timeout S] [--tmp-dir DIR]\n"
	  "        [--shutdown-grace S] [--public-rate N]  启动服务" },
	{ "demo", cmd_demo, "demo [--only MODULE,…]      载入演示数据（基础数据和各机制，或只载入所列机制）" },
	{ "gen", cmd_gen, "gen [--scale S] [--seed N] [--quiet]  生成性能测试数据（S=1：库中全部村）" },
	{ "user", cmd_user, "user add NAME --role ROLE [--division CODE] [--org ID] [--enterprise ID] [--pii] | passwd NAME | lock NAME | unlock NAME | totp NAME | totp-reset NAME | list" },
	{ "token", cmd_token, "token add NAME [--user USERNAME] | revoke ID   API 令牌" },
	{ "security", cmd_security, "security show | totp-roles ROLE,… | separation on|off  安全策略（动态验证码、三权分立）" },
	{ "import", cmd_import, "import RES FILE [--dry-run] [--match key] [--ignore-unknown] [--sheet 名称]  导入 CSV/XLSX/XLS" },
	{ "export", cmd_export, "export RES --format csv|xlsx [-o FILE]  导出" },
	{ "routes", cmd_routes, "routes [--json]             列出服务的全部接口（方法、路径、权限）" },
	{ "audit", cmd_audit, "audit verify                核对审计日志的哈希链（发现被改动或删除的行）" },
	{ "backup", cmd_backup, "backup FILE                 备份 SQLite 数据库（运行中亦可；PostgreSQL 请用 pg_dump）" },
	{ "restore", cmd_restore, "restore FILE                把备份恢复到新的数据库（--db，须为空；PostgreSQL 请用 pg_restore）" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "jiceng %s — 基层党建与治理台账平台\n\n用法: jiceng <命令> [--db URL] [--key-file PATH] ...\n\n",
		JICENG_VERSION);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  jiceng %s\n", commands[i].usage);
	fprintf(f, "\n  --db URL   sqlite:PATH（默认 sqlite:var/jiceng.db）或 postgresql://…\n"
		   "  jiceng --version | help\n");
}

int main(int argc, char **argv)
{
	struct cli c;
	size_t i;

	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("jiceng %s\n", JICENG_VERSION);
		return 0;
	}
	/* not for people: the server reads .xls uploads in a child process */
	if (!strcmp(argv[1], XLS_CHILD_COMMAND))
		return xls_child_main();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		cli_parse(&c, argc - 2, argv + 2);
		return commands[i].run(&c);
	}
	fprintf(stderr, "jiceng: 未知命令 “%s”\n\n", argv[1]);
	usage(stderr);
	return 2;
}
