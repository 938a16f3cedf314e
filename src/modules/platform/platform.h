/* platform: the ledgers every mechanism stands on — divisions, organisations,
 * persons, enterprises — and the accounts; their value lists shared by
 * ledgers that show a person's columns. */
#ifndef JICENG_MODULES_PLATFORM_H
#define JICENG_MODULES_PLATFORM_H

#include "schema/resource.h"

extern const struct resource res_divisions;
extern const struct resource res_orgs;
extern const struct resource res_persons;
extern const struct resource res_enterprises;
extern const struct resource res_users;
extern const struct resource res_holidays;

extern const struct enum_value person_genders[];
extern const struct enum_value person_educations[];
extern const struct enum_value person_political_statuses[];

/* Other headers 台账 give a person's columns (struct field `aliases`). */
#define PERSON_EDUCATION_HEADERS "文化程度|最高学历|学历层次"
#define PERSON_POLITICAL_HEADERS "政治面目"

#endif
