/* cli: shared plumbing of the commands. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/secret.h"
#include "core/xmalloc.h"
#include "store/migrate.h"

static void drop(struct cli *c, int i, int n)
{
	memmove(&c->argv[i], &c->argv[i + n], sizeof(char *) * (size_t)(c->argc - i - n + 1));
	c->argc -= n;
}

const char *cli_take(struct cli *c, const char *name)
{
	int i;
	size_t n = strlen(name);

	for (i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], name) && i + 1 < c->argc) {
			const char *v = c->argv[i + 1];

			drop(c, i, 2);
			return v;
		}
		if (!strncmp(c->argv[i], name, n) && c->argv[i][n] == '=') {
			const char *v = c->argv[i] + n + 1;

			drop(c, i, 1);
			return v;
		}
	}
	return NULL;
}

int cli_flag(struct cli *c, const char *name)
{
	int i;

	for (i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], name)) {
			drop(c, i, 1);
			return 1;
		}
	}
	return 0;
}

void cli_parse(struct cli *c, int argc, char **argv)
{
	const char *db, *key;

	c->argc = argc;
	c->argv = argv;
	db = cli_take(c, "--db");
	key = cli_take(c, "--key-file");
	c->db_url = db ? db : getenv("JICENG_DB") ? getenv("JICENG_DB") : "sqlite:var/jiceng.db";
	if (key) {
		c->key_file = key;
	} else if (!strncmp(c->db_url, "sqlite:", 7) && strrchr(c->db_url + 7, '/')) {
		/* the key lives beside the database it protects */
		/* one per process: static, so that it is not a leak at exit */
		static char *k;
		const char *path = c->db_url + 7;
		size_t dir = (size_t)(strrchr(path, '/') - path);

		free(k);
		k = xmalloc(dir + 16);
		memcpy(k, path, dir);
		memcpy(k + dir, "/jiceng.key", 12);
		c->key_file = k;
	} else {
		c->key_file = "var/jiceng.key";
	}
}

struct db *cli_open(struct cli *c, int check_migrated)
{
	struct buf err = BUF_INIT;
	struct db *db = NULL;

	if (secret_init(c->key_file, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		goto out;
	}
	if (db_open(c->db_url, &db, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		goto out;
	}
	if (check_migrated && migrate_check(db, &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
		db_close(db);
		db = NULL;
	}
out:
	buf_release(&err);
	return db;
}

void cli_ctx_init(struct request_ctx *ctx, struct db *db)
{
	struct principal *p;

	memset(ctx, 0, sizeof(*ctx));
	ctx->a = arena_new();
	ctx->db = db;
	ctx->ip = "cli";
	ctx->method = "CLI";
	ctx->path = "";
	buf_init(&ctx->out, 0);
	p = arena_alloc(ctx->a, sizeof(*p));
	p->username = "cli";
	p->role = "admin";
	p->level = LEVEL_ADMIN;
	p->caps = CAP_ALL;
	p->scope.all = 1;
	p->scope.accounts = 1;
	p->pii = 1;
	p->via_token = 1;
	ctx->who = p;
}

void cli_ctx_release(struct request_ctx *ctx)
{
	buf_release(&ctx->out);
	arena_free(ctx->a);
	ctx->a = NULL;
}

int cli_read_file(const char *path, struct buf *out, struct buf *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!f) {
		buf_setf(err, "无法打开文件 %s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	if (f != stdin)
		fclose(f);
	if (out->err) {
		buf_setf(err, "文件过大: %s", path);
		return -1;
	}
	return 0;
}

static int read_line(char *out, size_t cap)
{
	size_t n;

	if (!fgets(out, (int)cap, stdin))
		return -1;
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

static int prompt_hidden(const char *prompt, char *out, size_t cap)
{
	struct termios old, quiet;
	int ret;

	fprintf(stderr, "%s", prompt);
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	ret = read_line(out, cap);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	fprintf(stderr, "\n");
	return ret;
}

int cli_read_password(const char *prompt, char *out, size_t cap)
{
	char again[256];

	if (!isatty(STDIN_FILENO))
		return read_line(out, cap);
	if (prompt_hidden(prompt, out, cap) || prompt_hidden("再输入一次: ", again, sizeof(again)))
		return -1;
	if (strcmp(out, again)) {
		fprintf(stderr, "jiceng: 两次输入的密码不一致\n");
		return -1;
	}
	return 0;
}
