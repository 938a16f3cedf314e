/* cmd_serve: starting the HTTP server after checking the database is current. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"
#include "store/checkpoint.h"

int cmd_serve(struct cli *c)
{
	const char *listen = cli_take(c, "--listen");
	const char *threads = cli_take(c, "--threads");
	const char *idle = cli_take(c, "--session-idle");
	const char *max = cli_take(c, "--session-max");
	static const struct {
		const char *flag;
		const char *what;
		long lo, hi;
	} limits[] = {
		{ "--max-conns", "同时连接数上限", 16, 1000000 },
		{ "--max-conns-per-ip", "每个地址的连接数上限（0 为不限）", 0, 1000000 },
		{ "--header-timeout", "请求头期限（秒）", 1, 3600 },
		{ "--body-timeout", "请求内容期限（秒）", 1, 3600 },
		{ "--shutdown-grace", "停止时等待进行中请求的时间（秒）", 0, 86400 },
		{ "--public-rate", "每个地址每分钟访问公开页面的请求数（0 为不限）", 0, 1000000 },
	};
	long values[sizeof(limits) / sizeof(limits[0])];
	const char *tmp = cli_take(c, "--tmp-dir");
	struct db *db;
	size_t i;

	if (listen)
		server_config.listen = listen;
	if (threads) {
		server_config.threads = atoi(threads);
		if (server_config.threads < 1 || server_config.threads > 256) {
			fprintf(stderr, "jiceng: --threads 应为 1 到 256\n");
			return 2;
		}
	}
	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		const char *v = cli_take(c, limits[i].flag);
		char *end;

		values[i] = -1;
		if (!v)
			continue;
		values[i] = strtol(v, &end, 10);
		if (*end || !*v || values[i] < limits[i].lo || values[i] > limits[i].hi) {
			fprintf(stderr, "jiceng: %s（%s）应为 %ld 到 %ld\n", limits[i].flag,
				limits[i].what, limits[i].lo, limits[i].hi);
			return 2;
		}
	}
	if (values[0] >= 0)
		server_config.max_conns = (unsigned)values[0];
	if (values[1] >= 0)
		server_config.max_conns_per_ip = (unsigned)values[1];
	if (values[2] >= 0)
		server_config.header_timeout_s = (int)values[2];
	if (values[3] >= 0)
		server_config.body_timeout_s = (int)values[3];
	if (values[4] >= 0)
		server_config.shutdown_grace_s = (int)values[4];
	if (values[5] >= 0)
		server_config.public_per_minute = (int)values[5];
	if (tmp)
		server_config.tmp_dir = tmp;
	if (idle && atoi(idle) > 0)
		server_config.session_idle_s = atoi(idle);
	if (max && atoi(max) > 0)
		server_config.session_max_s = atoi(max);
	server_config.secure_cookies = cli_flag(c, "--secure-cookies");
	server_config.trust_proxy = cli_flag(c, "--trust-proxy");
	server_config.quiet = cli_flag(c, "--quiet");
	if (c->argc) {
		fprintf(stderr, "jiceng: 未知参数 %s\n", c->argv[0]);
		return 2;
	}
	server_config.db_url = c->db_url;
	checkpoint_background();
	/* refuse to serve an unmigrated database, before opening the port */
	if (!(db = cli_open(c, 1)))
		return 1;
	db_close(db);
	return server_run();
}
