/* resources: the declarations each module file exports to the registry. */
#ifndef JICENG_RESOURCES_H
#define JICENG_RESOURCES_H

#include "api/resource.h"
#include "http/request.h"

/* res_platform.c */
extern const struct resource res_divisions;
extern const struct resource res_orgs;
extern const struct resource res_persons;
extern const struct resource res_enterprises;
extern const struct resource res_users;
/* the persons' value lists, shared by ledgers that show a person's columns */
extern const struct enum_value person_genders[];
extern const struct enum_value person_educations[];
extern const struct enum_value person_political_statuses[];

/* res_talent.c, res_talent_work.c, res_talent_party.c: the reserve talent pool */
extern const struct resource res_talents;
extern const struct resource res_talent_steps;
extern const struct resource res_talent_evaluations;
extern const struct resource res_trainings;
extern const struct resource res_training_attendance;
extern const struct resource res_placements;
extern const struct resource res_committee_members;
extern const struct resource res_party_development;
/* The admitted talents of villages in [lo, hi] whose reviews make them exit
 * candidates (待研判出库): how many, or -1 with err. */
long long res_talent_exit_candidates(struct request_ctx *ctx, const char *lo, const char *hi,
				     struct buf *err);

#endif
