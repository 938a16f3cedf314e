/* party_common: what the park party-building files share — reading values of
 * records, the person's columns their rows show and their rosters read. */
#ifndef JICENG_MODULES_PARTY_COMMON_H
#define JICENG_MODULES_PARTY_COMMON_H

#include <jansson.h>

#include "schema/resource.h"

/* The integer member `key` of o, 0 when absent or not an integer. */
long long party_int(json_t *o, const char *key);
/* The string member `key` of o, NULL when absent or not a string. */
const char *party_str(json_t *o, const char *key);

/* The SQL of a person's column for a row alias t with a person_id column:
 * the person's values shown on staff and member rows (virtual fields). */
#define PARTY_PERSON(col) "(SELECT p." col " FROM persons p WHERE p.id = t.person_id)"

/* The person's columns of a 名册 (roster) import, besides the row's own
 * (party_roster.c reads them): the person is matched by ID number or created. */
#define PARTY_ROSTER_COLUMNS \
	{ "name", "姓名", FT_STRING, 0, NULL, NULL, 50 }, \
	{ "id_number", "身份证号", FT_ID_NUMBER }, \
	{ "gender", "性别", FT_ENUM, 0, person_genders }, \
	{ "phone", "联系电话", FT_PHONE }, \
	{ "education", "学历", FT_ENUM, 0, person_educations }, \
	{ "division_code", "居住地区", FT_DIVISION }

#endif
