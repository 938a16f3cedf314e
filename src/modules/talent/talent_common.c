/* talent_common: helpers shared by the talent pool's resources (res_talent*.c),
 * its growth file and its statistics. */
#include "modules/talent/talent_common.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "domain/date.h"
#include "domain/division.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_store.h"

long long talent_common_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

const char *talent_common_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int talent_common_check_village(struct request_ctx *ctx, json_t *rec, json_t *before,
				const char *field, json_t *errors, struct buf *err)
{
	const char *code = talent_common_str(rec, field);
	const char *was = before ? talent_common_str(before, field) : NULL;
	int level;

	if (!code || (was && !strcmp(code, was)))
		return 0;
	level = talent_store_division_level(ctx->db, ctx->a, code, err);
	if (level < 0)
		return -1;
	if (level != DIVISION_VILLAGE)
		json_object_set_new(errors, field, json_string("所在村应为村（社区）一级的区划"));
	return 0;
}

int talent_common_set_political_status(struct request_ctx *ctx, long long person_id,
				       const char *status, struct buf *err)
{
	json_t *person = generic_load(ctx, &res_persons, person_id, 0);
	const char *now = talent_common_str(person, "political_status");
	int same = now && !strcmp(now, status);

	if (!person) {
		buf_setf(err, "person %lld not found", person_id);
		return -1;
	}
	json_decref(person);
	return same ? 0 : generic_update(ctx, &res_persons, person_id,
					 json_pack("{s:s}", "political_status", status), err);
}

void talent_common_set_age(json_t *rec)
{
	const char *birth = talent_common_str(rec, "birth_date");
	char today[DATE_SIZE];
	int age;

	date_today(today);
	age = birth ? date_age(birth, today) : -1;
	json_object_set_new(rec, "age", age >= 0 ? json_integer(age) : json_null());
}
