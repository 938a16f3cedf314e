/* module: what a mechanism adds to jiceng, in one table — its resources (in
 * menu order), its extra routes, its named statistics and its demo loader.
 * The registry (schema/registry.c) lists the modules; the route table and the
 * statistics dispatcher read them from here and name no module themselves. */
#ifndef JICENG_SCHEMA_MODULE_H
#define JICENG_SCHEMA_MODULE_H

#include "schema/resource.h"
#include "schema/stats.h"

enum route_flags {
	ROUTE_NO_LOGIN = 1 << 0, /* answered without a session */
	ROUTE_ADMIN = 1 << 1,    /* admins only */
	ROUTE_PUBLIC = 1 << 2,   /* a public page: no login, rate-limited per client address */
};

struct route {
	const char *method;          /* GET POST PATCH DELETE */
	const char *pattern;         /* literal segments; {x} captures one segment */
	void (*handler)(struct request_ctx *ctx);
	unsigned flags;              /* enum route_flags */
};

#define ROUTE_END { NULL, NULL, NULL, 0 }

enum todo_flags {
	TODO_ACTOR_ONLY = 1 << 0, /* only the records whose action names the caller as its actor */
};

/* One kind of work waiting for a user (我的待办): the records of `resource`
 * under `where` (list filters; $today and $soon — two working days ahead —
 * are replaced), narrowed by `action` when given to the states it starts
 * from and to the callers it allows (their level, or as its actor). */
struct todo_def {
	const char *key;       /* "to_accept" */
	const char *label;     /* 待签收 */
	const char *resource;
	const char *where;     /* may be NULL */
	const char *action;    /* may be NULL */
	unsigned min_level;    /* shown to callers of at least this level (0: any) */
	unsigned max_level;    /* and of at most this level (0: any) */
	unsigned flags;        /* enum todo_flags */
};

#define TODO_END { NULL }

struct module {
	const char *name;                        /* "talent": the console's menu group */
	const char *label;                       /* 村级后备力量 */
	const struct resource *const *resources; /* NULL ends */
	const struct route *routes;              /* ROUTE_END ends; may be NULL */
	const struct stats_def *stats;           /* STATS_END ends; may be NULL */
	const struct todo_def *todos;            /* TODO_END ends; may be NULL */
	/* writes the module's demo data in the caller's transaction, after the
	 * modules before it; appends a line for the terminal to `summary`;
	 * returns 0, or -1 with err set; may be NULL */
	int (*demo)(struct request_ctx *ctx, struct buf *summary, struct buf *err);
};

/* Every module, platform first; NULL ends. */
extern const struct module *const modules[];

#endif
