/* pairing: pairings, contacts and visits (issue 11) — one mechanism for every
 * assignment of one party to another on the seed page: leaders ↔ enterprises,
 * 企业特派员 and 党建指导员, 万企兴万村, 社区共驻共建, leaders and departments
 * paired with villages, 第一书记, 老带新 — with their visit cadence, the
 * assistance projects they bring and the members serving where they live. */
#ifndef JICENG_MODULES_PAIRING_H
#define JICENG_MODULES_PAIRING_H

#include "http/request.h"
#include "schema/module.h"

/* res_pairings.c */
extern const struct resource res_pairings;
extern const struct enum_value pairing_kinds[];
extern const struct enum_value pairing_levels[];
/* res_visits.c */
extern const struct resource res_visits;
/* res_projects.c */
extern const struct resource res_assistance_projects;
extern const struct resource res_resident_roles;
/* pairing_stats.c */
extern const struct stats_def pairing_stats[];

/* The kinds whose pairing is a leader's (领导联系企业, 县领导包村): SQL list. */
#define PAIRING_LEADER_KINDS "'leader_enterprise', 'leader_village'"

/* What names a pairing, over a pairings row alias `a`: who (person, else the
 * organisation, else the enterprise) — and whom (the place, else the
 * enterprise, else the partner). SQL shared by the label of references and the `title` field. */
#define PAIRING_LABEL(a)                                                                      \
	"(COALESCE((SELECT lp.name FROM persons lp WHERE lp.id = " a ".person_id),"            \
	" (SELECT lo.name FROM orgs lo WHERE lo.id = " a ".org_id),"                            \
	" (SELECT le.name FROM enterprises le WHERE le.id = " a ".enterprise_id), '')"          \
	" || ' — ' || COALESCE("                                                                \
	"(SELECT ld.short_name FROM divisions ld WHERE ld.code = " a ".division_code"           \
	" AND " a ".place IS NOT NULL),"                                                        \
	" (SELECT le.name FROM enterprises le WHERE le.id = " a ".enterprise_id"                \
	" AND (" a ".person_id IS NOT NULL OR " a ".org_id IS NOT NULL)),"                      \
	" (SELECT lq.name FROM persons lq WHERE lq.id = " a ".partner_person_id),"              \
	" (SELECT ld.short_name FROM divisions ld WHERE ld.code = " a ".division_code), ''))"

/* The request's reference date for computed fields and cadence filters:
 * `?as_of=` (as the statistics read it), else today. 0, or -1 (out = "") when
 * as_of is given and is not a date. */
int pairing_as_of(struct request_ctx *ctx, char out[11]);

/* Demo data (demo_pairing.c). */
int pairing_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err);

#endif
