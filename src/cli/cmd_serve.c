/* cmd_serve: starting the HTTP server after checking the database is current. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"

int cmd_serve(struct cli *c)
{
	const char *listen = cli_take(c, "--listen");
	const char *threads = cli_take(c, "--threads");
	const char *idle = cli_take(c, "--session-idle");
	const char *max = cli_take(c, "--session-max");
	const char *public_rate = cli_take(c, "--public-rate");
	struct db *db;

	if (listen)
		server_config.listen = listen;
	if (threads) {
		server_config.threads = atoi(threads);
		if (server_config.threads < 1 || server_config.threads > 256) {
			fprintf(stderr, "jiceng: --threads 应为 1 到 256\n");
			return 2;
		}
	}
	if (idle && atoi(idle) > 0)
		server_config.session_idle_s = atoi(idle);
	if (max && atoi(max) > 0)
		server_config.session_max_s = atoi(max);
	if (public_rate) {
		char *end;
		long n = strtol(public_rate, &end, 10);

		if (!*public_rate || *end || n < 0 || n > 1000000) {
			fprintf(stderr, "jiceng: --public-rate 应为 0 到 1000000（每个地址每分钟的请求数，0 为不限）\n");
			return 2;
		}
		server_config.public_per_minute = (int)n;
	}
	server_config.secure_cookies = cli_flag(c, "--secure-cookies");
	server_config.quiet = cli_flag(c, "--quiet");
	if (c->argc) {
		fprintf(stderr, "jiceng: 未知参数 %s\n", c->argv[0]);
		return 2;
	}
	server_config.db_url = c->db_url;
	/* refuse to serve an unmigrated database, before opening the port */
	if (!(db = cli_open(c, 1)))
		return 1;
	db_close(db);
	return server_run();
}
