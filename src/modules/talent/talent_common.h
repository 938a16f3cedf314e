/* talent_common: what the reserve talent pool's files share — reading
 * values of records, the village check, the person's political status and
 * age. */
#ifndef JICENG_MODULES_TALENT_COMMON_H
#define JICENG_MODULES_TALENT_COMMON_H

#include <jansson.h>

#include "schema/resource.h"
#include "domain/date.h"
#include "http/request.h"

/* The integer member `key` of o, 0 when absent or not an integer. */
long long talent_common_int(json_t *o, const char *key);
/* The string member `key` of o, NULL when absent or not a string. */
const char *talent_common_str(json_t *o, const char *key);

/* Adds an error on `field` unless rec's value of it is a village or community
 * (a level-5 division). Checked only when it is new or changed. Returns -1
 * with err on a database error, else 0. */
int talent_common_check_village(struct request_ctx *ctx, json_t *rec, json_t *before,
				const char *field, json_t *errors, struct buf *err);

/* Sets a person's political_status (with its audit row) unless it already is
 * that. 0 or -1 with err. */
int talent_common_set_political_status(struct request_ctx *ctx, long long person_id,
				       const char *status, struct buf *err);

/* Sets "age" (whole years today) from "birth_date", or null. */
void talent_common_set_age(json_t *rec);

#endif
