/* request: one HTTP request as every handler sees it (also built by the CLI for
 * imports and exports, with no connection behind it), and its reply. */
#ifndef JICENG_REQUEST_H
#define JICENG_REQUEST_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/db.h"

enum role_level {
	LEVEL_NONE = 0,     /* viewer, department, enterprise, org */
	LEVEL_VILLAGE = 1,
	LEVEL_TOWN = 2,
	LEVEL_COUNTY = 3,
	LEVEL_ADMIN = 4,
};

/* The authenticated caller. */
struct principal {
	long long id;
	const char *username;
	const char *display_name;
	const char *role;           /* admin county town village org department enterprise viewer */
	enum role_level level;
	int readonly;               /* viewer */
	const char *scope_division; /* 12 digits, NULL for admin */
	char scope_lo[13], scope_hi[13]; /* the code range of scope_division's subtree */
	long long scope_org_id;
	const char *scope_org_path; /* '/1/4/' of scope_org_id, or NULL */
	long long enterprise_id;
	int pii;
	int via_token;
	long long session_id;
	const char *csrf;
};

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
	const char *const *params;  /* route parameters ({res}, {id}, {action}) in order */
	struct query_arg *args;     /* query-string arguments, repeats kept */
	size_t nargs;
	const char *body;           /* raw body (NUL-terminated copy) */
	size_t body_len;
	void *conn;                 /* struct MHD_Connection *, NULL from the CLI */
	/* long work reports here (the CLI prints it); may be NULL */
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
