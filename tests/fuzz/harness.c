/* harness: the database and requests of the request-level fuzz targets. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/secret.h"
#include "core/xmalloc.h"
#include "domain/division.h"

static struct db *db;

void fuzz_env_init(void)
{
	const char *seed = getenv("JICENG_FUZZ_DB"), *key = getenv("JICENG_FUZZ_KEY");
	char path[256], cmd[768];
	struct buf err = BUF_INIT;

	if (db)
		return;
	if (!seed || !key) {
		fprintf(stderr, "fuzz: set JICENG_FUZZ_DB and JICENG_FUZZ_KEY (make fuzz does)\n");
		abort();
	}
	/* a private copy: what the targets write never reaches the seed */
	snprintf(path, sizeof(path), "/tmp/jiceng-fuzz-%d.db", (int)getpid());
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", seed, path);
	if (system(cmd) || secret_init(key, &err) ||
	    db_open(path, &db, &err)) {
		fprintf(stderr, "fuzz: cannot open %s: %s\n", path, err.ptr);
		abort();
	}
	unlink(path); /* gone when the process ends; the open connection keeps it */
	buf_release(&err);
}

struct request_ctx *fuzz_request(const char *method, const char *path, int admin)
{
	struct request_ctx *ctx = xcalloc(1, sizeof(*ctx));
	struct principal *p;

	ctx->a = arena_new();
	ctx->db = db;
	ctx->method = arena_strdup(ctx->a, method);
	ctx->path = arena_strdup(ctx->a, path);
	ctx->ip = "127.0.0.1";
	buf_init(&ctx->out, 0);
	if (admin < 0)
		return ctx;
	p = arena_alloc(ctx->a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->id = admin ? 1 : 2;
	p->username = admin ? "fuzz-admin" : "fuzz-town";
	p->role = admin ? "admin" : "town";
	p->level = admin ? LEVEL_ADMIN : LEVEL_TOWN;
	p->pii = admin;
	p->via_token = 1;
	if (admin) {
		p->scope.all = 1;
	} else {
		p->scope_division = "522726111000";
		division_range(p->scope_division, p->scope.lo, p->scope.hi);
	}
	ctx->who = p;
	return ctx;
}

void fuzz_request_free(struct request_ctx *ctx)
{
	if (db->in_tx)
		db_rollback(db);
	buf_release(&ctx->out);
	arena_free(ctx->a);
	free(ctx);
}

void fuzz_check_reply(const struct request_ctx *ctx)
{
	json_error_t jerr;
	json_t *j;

	if (ctx->status >= 500 || ctx->status < 200) {
		fprintf(stderr, "fuzz: %s %s answered %d: %.*s\n", ctx->method, ctx->path,
			ctx->status, (int)ctx->out.len, ctx->out.ptr);
		abort();
	}
	if (ctx->content_type && strstr(ctx->content_type, "json") && !ctx->static_body) {
		j = json_loadb(ctx->out.ptr, ctx->out.len, 0, &jerr);
		if (!j) {
			fprintf(stderr, "fuzz: %s %s: reply is not JSON: %s\n", ctx->method, ctx->path,
				jerr.text);
			abort();
		}
		json_decref(j);
	}
}
