/* generic: what every declared resource gets (API.md "Generic resource
 * endpoints") — the route handlers, split by concern over list.c, read.c,
 * write.c, transition.c, events.c and group.c — and the helpers those
 * handlers and the modules' own handlers share (generic.c). */
#ifndef JICENG_GENERIC_H
#define JICENG_GENERIC_H

#include "http/request.h"
#include "schema/resource.h"
#include "store/records.h"

/* ---- the route handlers ---- */
void generic_list(struct request_ctx *ctx);    /* GET /api/v1/{res}            list.c */
void generic_get(struct request_ctx *ctx);     /* GET /api/v1/{res}/{id}       read.c */
void generic_create(struct request_ctx *ctx);  /* POST /api/v1/{res}           write.c */
void generic_patch(struct request_ctx *ctx);   /* PATCH /api/v1/{res}/{id}     write.c */
void generic_delete(struct request_ctx *ctx);  /* DELETE /api/v1/{res}/{id}    write.c */
void generic_action(struct request_ctx *ctx);  /* POST …/{id}/actions/{action} transition.c */
void generic_events(struct request_ctx *ctx);  /* GET /api/v1/{res}/{id}/events events.c */
void generic_group(struct request_ctx *ctx);   /* GET /api/v1/{res}/stats      group.c */

/* ---- shared by handlers (generic.c) ---- */

/* The resource named by the first route parameter, or NULL after replying 404. */
const struct resource *generic_resource_or_reply(struct request_ctx *ctx);
/* 0 when the caller may change records of res; else replies 403 and returns -1. */
int generic_can_write_or_reply(struct request_ctx *ctx, const struct resource *res);
/* The caller as the rows they may change see them: their own rows only, not those
 * they see through a child row (WAY_CHILD). In the request's arena. */
const struct principal *generic_owner(struct request_ctx *ctx);
/* Parses the body as a JSON object, or replies 400 and returns NULL. */
json_t *generic_body_or_reply(struct request_ctx *ctx);
/* The body's `version` (optimistic concurrency): 0, or -1 after replying 422. */
int generic_version_or_reply(struct request_ctx *ctx, json_t *body, long long *version);
/* The record id of route parameter `i`: 0, or -1 after replying 404. */
int generic_id_or_reply(struct request_ctx *ctx, int i, long long *id);
/* `reveal=1`: 1 when asked and allowed, 0 when not asked, -1 after replying 403. */
int generic_reveal_or_reply(struct request_ctx *ctx);
/*
 * A live record `other` of res, not the one being written, already holds the
 * value of unique field f (a uniqueness clash, or an import's look-up by ID
 * number). If the caller may see that record, returns 0: the caller says so
 * in its own words. If not, the answer must neither say whose it is nor
 * confirm to someone who could not know that it exists (an existence oracle
 * over ID numbers; GB/T 22239-2019 8.1.4.2 access control): sets errors[f] to
 * "该身份证号不能使用，请联系上级管理员", queues an audit row "unique_clash"
 * on `other` for the administrators (written even though the write is
 * refused) and returns 1. -1 on a database error (in err).
 */
int generic_unique_clash(struct request_ctx *ctx, const struct resource *res,
			 const struct field *f, long long other, json_t *errors, struct buf *err);
/* Queues an audit row to be written after the request's handler returns, in
 * its own transaction (see request_ctx.deferred_audit); takes `detail`. */
void generic_defer_audit(struct request_ctx *ctx, const char *action, const struct resource *res,
			 long long id, json_t *detail);
/* Writes the queued rows; failures are logged (the answer is already made). */
void generic_flush_deferred_audit(struct request_ctx *ctx);
/* Writes the audit row of a full-PII read (its own transaction); takes
 * ownership of `detail` (may be NULL). 0, or -1 after replying 500. */
int generic_audit_reveal_or_reply(struct request_ctx *ctx, const struct resource *res,
				  long long id, json_t *detail);
/* Logs a server-side failure (err) and replies 500. */
void generic_internal_error(struct request_ctx *ctx, struct buf *err);
/* Logs `err` (an internal failure's detail, never shown to the caller) with the request's
 * method and path, as generic_internal_error does before its 500. */
void generic_log_error(struct request_ctx *ctx, const struct buf *err);
/* Replies the failure of a write or transition: WS_INVALID → 422 with the
 * field errors, WS_STALE / WS_CONFLICT / WS_WRONG_STATE → 409, WS_FORBIDDEN → 403,
 * WS_NOT_FOUND → 404, anything else 500. The one place that chooses the HTTP
 * status of a refused change; err's text (when set) is the message shown. */
void generic_reply_failure(struct request_ctx *ctx, int status, json_t *errors,
			   struct buf *err);

/* ---- reading records (read.c, list.c, filters.c) ---- */

/*
 * Whether the caller is a user of what the FT_REF field `f` of `rec` names: of
 * that organisation or one above it (f->ref "orgs"), or of that enterprise
 * (f->ref "enterprises"). An action's actor (transition.c) and the readers of
 * a field's shown_to (schema/resource.h) are decided by it. 1 or 0; -1 with
 * err set when the organisation tree could not be read.
 */
int generic_member_of(struct request_ctx *ctx, const struct field *f, json_t *rec,
		      struct buf *err);

/*
 * For a record read without the PII permission's reveal: puts into `o` the whole
 * value of each secret field whose shown_to names something the caller is a
 * member of (generic_member_of), taken from the stored row `r`; audits the read
 * as a reveal ({"fields": [...], "as": shown_to field}). Returns 0 (nothing or
 * all of it done), or -1 after replying 500.
 */
int generic_show_to_members_or_reply(struct request_ctx *ctx, const struct resource *res,
				     const struct db_result *r, long long id, json_t *o);

/* The record as stored (RECORD_REVEAL: plain), unscoped; NULL if missing. */
json_t *generic_load(struct request_ctx *ctx, const struct resource *res, long long id,
		     unsigned flags);

/*
 * Builds the list filters of `args` (API.md list parameters: field=value
 * repeated for any of, field__op=value, q, division, and org=ID for the rows
 * under an organisation as its users would see them; reserved keys skipped)
 * into `where` as " AND …" conditions. 0, or -1 with the bad key in *bad and
 * the reason in why (answered 400 by the caller), or -2 when the filter needs
 * a permission the caller lacks (403): an exact ID-number or phone filter, or
 * `q` holding an ID number, without PII access. Sets ctx->pii_query to the
 * field when such a filter is applied for a permitted caller.
 */
int generic_filters(struct request_ctx *ctx, const struct resource *res,
		    const struct query_arg *args, size_t nargs, struct sqlw *where,
		    const char **bad, struct buf *why);
/* generic_filters over the request's query string; replies 400 (403 for a PII
 * filter without the permission) and returns -1 on a bad filter; audits a
 * permitted PII filter as a "reveal" row ({"query": field, "path": …}). */
int generic_filters_or_reply(struct request_ctx *ctx, const struct resource *res,
			     struct records_query *q);
/* Reads `sort=field|-field` (default: the resource's) into q; replies 400 and
 * returns -1 on a field that cannot be sorted. */
int generic_sort_or_reply(struct request_ctx *ctx, const struct resource *res, const char *sort,
			  struct records_query *q);

/* ---- files (export.c) ---- */

struct sheet;
struct xlsx_layout;

/* Answers `s` as a download named "<res label><suffix>.csv|xlsx": CSV (UTF-8
 * with BOM), or with `xlsx` a workbook laid out by `layout` (may be NULL: a
 * plain data table, io/xlsx_write.h). 0, or -1 after replying 500. */
int generic_send_sheet(struct request_ctx *ctx, const struct resource *res,
		       const struct sheet *s, int xlsx, const struct xlsx_layout *layout,
		       const char *suffix);
/* Writes the audit row of an export of res (action "export", `detail`
 * borrowed) in its own transaction. 0, or -1 after replying 500. */
int generic_audit_export_or_reply(struct request_ctx *ctx, const struct resource *res,
				  json_t *detail);

/* ---- writing records (write.c) ---- */

/*
 * Writes one record from validated values inside the caller's transaction:
 * hooks, the fields its kind requires (record_check_requires), unique checks, insert or update, search terms, the creation event of
 * a workflow resource, audit. `rec` holds the new values (plain); `before` the
 * current record (plain) or NULL to create. On success returns WS_OK and the
 * new record (plain) in *after. Field errors go to `errors` (WS_INVALID); a
 * stale version is WS_STALE, a constraint WS_CONFLICT, a failure WS_ERROR (err).
 */
int generic_write(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		  json_t *before, long long version, const char *audit_action, json_t *errors,
		  json_t **after, struct buf *err);
/*
 * The checks generic_write makes before it writes — the resource's validate
 * hook and the unique values — without writing or changing `rec`, so that a
 * long import can check every row before its write transaction opens (the
 * write checks again). WS_OK, WS_INVALID with field errors in `errors`, or
 * WS_ERROR (err). `unchanged` (may be NULL) is set when `before` is given and
 * the write would change nothing (no new version, no audit row).
 */
int generic_write_check(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			json_t *before, json_t *errors, int *unchanged, struct buf *err);

/*
 * A rule of the server changing record `id` of `res` inside the caller's
 * transaction: the columns of `set` (stolen; values as stored, null clears)
 * go through generic_write — hooks, audit — unscoped. Nothing is written
 * when nothing changes. Returns 0, or -1 with err saying why (no such record,
 * or the field errors, which a rule of the server should not meet).
 */
int generic_update(struct request_ctx *ctx, const struct resource *res, long long id,
		   json_t *set, struct buf *err);

/*
 * Ends a write begun with db_begin(): when `status` is WS_OK and the record
 * *after (plain) is still in the caller's scope, commits and answers it
 * (masked) with `ok_status`, taking *after (set to NULL); else rolls back and
 * answers why (generic_reply_failure; leaving the scope is 422 on the first
 * scope field).
 */
void generic_commit_and_reply(struct request_ctx *ctx, const struct resource *res, int status,
			      json_t *errors, json_t **after, struct buf *err, int ok_status);

#endif
