/* talent_common: what the reserve talent pool's modules share — reading
 * values of records, the village check, admission steps, running a talent
 * action from inside another write, and the person's political status. */
#ifndef JICENG_TALENT_COMMON_H
#define JICENG_TALENT_COMMON_H

#include <jansson.h>

#include "api/resource.h"
#include "domain/date.h"
#include "http/request.h"

/* The integer member `key` of o, 0 when absent or not an integer. */
long long talent_common_int(json_t *o, const char *key);
/* The string member `key` of o, NULL when absent or not a string. */
const char *talent_common_str(json_t *o, const char *key);

/* Adds an error on `field` unless rec's value of it is a village or community
 * (a level-5 division). Checked only when it is new or changed. Returns -1 on
 * a database error, else 0. */
int talent_common_check_village(struct request_ctx *ctx, json_t *rec, json_t *before,
				const char *field, json_t *errors);

/* Records a step of talent `talent_id` by the caller (talent_steps). `detail`
 * (borrowed, may be NULL) holds the action's own fields. */
int talent_common_step(struct request_ctx *ctx, long long talent_id, const char *action,
		       const char *from, const char *to, const char *date, const char *opinion,
		       json_t *detail, struct buf *err);

/* Runs action `name` of record `id` of `res` inside the caller's transaction,
 * as POST .../actions/{name} would with an already validated `body` (borrowed):
 * the state check, the action's rule, the write and its audit. Returns 0, or
 * the HTTP status to answer (409 wrong state, 422 with `errors`, 500 with err). */
int talent_common_act(struct request_ctx *ctx, const struct resource *res, long long id,
		      const char *name, json_t *body, json_t *errors, struct buf *err);

/* Sets a person's political_status (with its audit row) unless it already is
 * that. 0 or -1 with err. */
int talent_common_set_political_status(struct request_ctx *ctx, long long person_id,
				       const char *status, struct buf *err);

/* The Chinese label of `value` of enum field `field` of res; the value itself
 * when it is not one of the field's values, "" for NULL. */
const char *talent_common_label(const struct resource *res, const char *field,
				const char *value);

/* Sets "age" (whole years today) from "birth_date", or null. */
void talent_common_set_age(json_t *rec);

#endif
