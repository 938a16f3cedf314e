/* cli: what every command shares — options, opening the database, and a
 * request context that lets the CLI reuse the API's handlers (import, export). */
#ifndef JICENG_CLI_H
#define JICENG_CLI_H

#include "http/request.h"
#include "store/db.h"

struct cli {
	const char *db_url;    /* --db, default sqlite:var/jiceng.db */
	const char *key_file;  /* --key-file, default: beside the SQLite file, else var/jiceng.key */
	int argc;              /* what is left after the global options */
	char **argv;
};

/* Takes --db and --key-file out of argv (anywhere after the command). */
void cli_parse(struct cli *c, int argc, char **argv);
/* Value of --name VALUE among the remaining args, removing both; NULL if absent. */
const char *cli_take(struct cli *c, const char *name);
/* 1 if --flag is present (removed), else 0. */
int cli_flag(struct cli *c, const char *name);
/* Opens the database, loads the keys and refuses an unmigrated database. */
struct db *cli_open(struct cli *c, int check_migrated);
/* A request context as an operator with full rights; free with cli_ctx_release. */
void cli_ctx_init(struct request_ctx *ctx, struct db *db);
void cli_ctx_release(struct request_ctx *ctx);
/* Reads a whole file (or "-" for stdin) into out. */
int cli_read_file(const char *path, struct buf *out, struct buf *err);
/* Reads a password: from stdin when it is not a terminal, else prompts twice. */
int cli_read_password(const char *prompt, char *out, size_t cap);

int cmd_init(struct cli *c);
int cmd_migrate(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_gen(struct cli *c);
int cmd_user(struct cli *c);
int cmd_token(struct cli *c);
int cmd_import(struct cli *c);
int cmd_export(struct cli *c);
int cmd_backup(struct cli *c);

#endif
