/* transition: the one function that runs a workflow action (API.md
 * POST /api/v1/{res}/{id}/actions/{action}) for HTTP callers and for rules
 * that act from inside another write (an appointment to 村两委 exits the
 * talent): the state check, who may act, the body's fields, the declared
 * effects and target, the `run` rule, the write with its audit row and the
 * event in the log — all in the caller's transaction. */
#ifndef JICENG_TRANSITION_H
#define JICENG_TRANSITION_H

#include <jansson.h>

#include "http/request.h"
#include "schema/resource.h"

enum transition_flags {
	/* A rule of the server acting: no scope or permission check (the rule that
	 * calls has decided); the event still names the caller. */
	TRANSITION_INTERNAL = 1 << 0,
};

/*
 * Runs action `act` of record `id` of `res` with `body` (borrowed: the
 * action's fields as the client sent them, without version; validated here).
 * `version` >= 0 must equal the record's. Returns WS_OK with the new record
 * (plain, a new reference) in *after (after may be NULL); or WS_NOT_FOUND (not
 * in scope), WS_FORBIDDEN, WS_WRONG_STATE (err says why), WS_STALE, WS_INVALID
 * (field errors in `errors`), WS_ERROR (err). Nothing is committed here.
 */
int transition_run(struct request_ctx *ctx, const struct resource *res, long long id,
		   const struct action *act, json_t *body, long long version, unsigned flags,
		   json_t *errors, json_t **after, struct buf *err);

/*
 * Whether the caller may run `act` on `rec` (the record as the API shows it)
 * now: its state is one the action starts from, and the caller's level or
 * relation (the action's actor) allows it. 1 yes, 0 no (why says why, may be
 * NULL), -1 on a database failure (why).
 */
int transition_permitted(struct request_ctx *ctx, const struct resource *res,
			 const struct action *act, json_t *rec, struct buf *why);

/*
 * Appends an event to the log for record `id` of `res`: action `act` from
 * state `from` (NULL for a creation) to `to`, dated `on` (YYYY-MM-DD; NULL =
 * today), with `fields` (borrowed, may be NULL) and `comment` (may be NULL),
 * by the caller. 0, or -1 with err.
 */
int transition_log(struct request_ctx *ctx, const struct resource *res, long long id,
		   const struct action *act, const char *from, const char *to, const char *on,
		   json_t *fields, const char *comment, struct buf *err);

/* The names of the actions the caller may run on `rec` now, as a JSON array
 * (new reference); empty for a resource without actions. */
json_t *transition_available(struct request_ctx *ctx, const struct resource *res, json_t *rec);

#endif
