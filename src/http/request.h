/* request: one HTTP request as every handler sees it (also built by the CLI for
 * imports and exports, with no connection behind it), and its reply. */
#ifndef JICENG_REQUEST_H
#define JICENG_REQUEST_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "schema/principal.h"
#include "store/db.h"

struct route;

struct query_arg {
	const char *key;
	const char *value;
};

struct header {
	const char *name;
	const char *value;
};

#define REQUEST_MAX_HEADERS 8

struct request_ctx {
	struct arena *a;            /* everything of this request; freed when it completes */
	struct db *db;              /* this worker's connection */
	struct principal *who;      /* NULL when unauthenticated */
	const char *method;
	const char *path;
	const char *ip;
	const struct route *route;  /* what route_find() found; NULL: static file or none */
	int path_matched;           /* route_find(): a pattern matched with another method */
	const char *const *params;  /* route parameters ({res}, {id}, {action}) in order */
	struct query_arg *args;     /* query-string arguments, repeats kept */
	size_t nargs;
	const char *body;           /* raw body, NUL-terminated (an upload: a read-only map
				     * of its temporary file) */
	size_t body_len;
	void *conn;                 /* struct MHD_Connection *, NULL from the CLI */
	const struct header *in_headers; /* without a connection: the request's headers */
	int nin_headers;
	/* long work reports here, `done` of `total` steps (an import: reading
	 * every row, then writing it); the CLI prints it; may be NULL */
	void (*progress)(size_t done, size_t total);

	/* the reply */
	int status;
	const char *content_type;
	struct buf out;
	const unsigned char *static_body; /* instead of out: data that outlives the request */
	size_t static_len;
	struct header headers[REQUEST_MAX_HEADERS];
	int nheaders;
	const char *log_user;       /* for the access log */
	const char *pii_query;      /* set by the filters: the PII field queried (audited) */
	/* audit rows that must outlive the request's rollback (refused attempts
	 * worth an administrator's eye): written after the handler returns */
	json_t *deferred_audit;
	/* http/idempotency.c: the request's hash (hex) and whether its answer is
	 * to be stored under its Idempotency-Key */
	char *idem_hash;
	int idem_active;
};

/* First value of a query argument, or NULL. */
const char *request_arg(const struct request_ctx *ctx, const char *key);
/* A request header (case-insensitive), or NULL. */
const char *request_header(const struct request_ctx *ctx, const char *name);
void reply_header(struct request_ctx *ctx, const char *name, const char *value);
/* Serializes `body` (stolen: decref'd here) as the reply. */
void reply_json(struct request_ctx *ctx, int status, json_t *body);
/* The API.md error shape; `fields` (stolen, may be NULL) maps field → reason. */
void reply_error(struct request_ctx *ctx, int status, const char *code,
		 const char *message, json_t *fields);
void reply_no_content(struct request_ctx *ctx);
/* Error code for a status: 400 bad_request, 404 not_found, ... */
const char *reply_code_for(int status);

#endif
