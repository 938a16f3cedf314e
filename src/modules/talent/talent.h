/* talent: the village reserve talent pool (村级后备力量, 下司镇) — the
 * resources its files declare, for the module table and the rules that
 * reach across them. */
#ifndef JICENG_MODULES_TALENT_H
#define JICENG_MODULES_TALENT_H

#include "http/request.h"
#include "schema/resource.h"

/* res_talent.c */
extern const struct resource res_talents;
extern const struct resource res_talent_evaluations;
/* res_talent_work.c */
extern const struct resource res_trainings;
extern const struct resource res_training_attendance;
extern const struct resource res_placements;
/* res_talent_party.c */
extern const struct resource res_committee_members;
extern const struct resource res_party_development;

/* The admitted talents of villages in [lo, hi] whose reviews make them exit
 * candidates (待研判出库): how many, or -1 with err. */
long long res_talent_exit_candidates(struct request_ctx *ctx, const char *lo, const char *hi,
				     struct buf *err);

/* POST /api/v1/talents/recommend — 新增推荐人选 in one step: {id_number, name,
 * village_code, source, channel, phone, education, political_status, ethnicity,
 * notes} as text; the person is found by ID number or created (birth date and
 * gender from the number), then recommended (村级推荐) in one transaction.
 * 201 with the talent; 422 with field errors (as an import row's); 403 for
 * read-only users. */
struct request_ctx;
void talents_recommend(struct request_ctx *ctx);

#endif
