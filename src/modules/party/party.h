/* party: party organisation and park party building (园区党建, 黔南州) — the
 * five-level working system 园区党工委 → 非公企业综合党委 → 党群服务中心 →
 * 党建工作指导站 → 企业党组织 (the organisations are the platform's orgs), the
 * people who staff it, the party members, the funds of the four sources
 * reimbursed at cost (实报实销), the facilities (阵地), the coverage figures
 * (两个覆盖) and the demo park. */
#ifndef JICENG_MODULES_PARTY_H
#define JICENG_MODULES_PARTY_H

#include "http/request.h"
#include "schema/module.h"

/* res_org_staff.c */
extern const struct resource res_org_staff;
/* res_party_members.c */
extern const struct resource res_party_members;
/* res_party_funds.c */
extern const struct resource res_party_funds;
/* res_facilities.c */
extern const struct resource res_facilities;
/* party_stats.c: party_coverage and party_funds */
extern const struct stats_def party_stats[];

/*
 * Keeps a person's party_members row following party development (the
 * talent module's party_development after_write): when `dev` (the development
 * record as written) reaches 预备党员 or 正式党员 — newly, against `before`
 * (NULL on creation) — the person's active member row is created, or updated
 * with the dates 入党时间 (probationary_on) and 转正 (full_on) and the branch.
 * Runs in the caller's transaction, audited, unscoped (the rule decides).
 * Returns 0, or -1 with err set.
 */
int party_members_follow_development(struct request_ctx *ctx, json_t *dev, json_t *before,
				     struct buf *err);

/*
 * Writes one staff or member row of a roster (名册): `in` holds the row's own
 * fields and, instead of person_id, the person's 姓名, 身份证号 (and 性别, 联系电话,
 * 学历): the person is matched by ID number (the name must agree) or created in
 * the area of the row's organisation — so that a park committee records the
 * people of its enterprises without seeing every resident of their areas.
 * `flags` are record_value's (VALUE_IMPORT for spreadsheet cells). Returns a
 * write_status: WS_OK with the new row (plain) in *after, WS_INVALID with
 * field errors, WS_ERROR with err (party_roster.c).
 */
int party_roster_write(struct request_ctx *ctx, const struct resource *res, json_t *in,
		       unsigned flags, json_t *errors, json_t **after, struct buf *err);
/* The import hook of the rosters: party_roster_write for one 台账 row
 * (resource_hooks.import_row: 1 inserted, 0 with errors, -1 on failure). */
int party_roster_import_row(struct request_ctx *ctx, const struct resource *res, json_t *in,
			    json_t *errors, struct buf *err);
/* POST /api/v1/party_members/enrol and /api/v1/org_staff/enrol: one roster
 * row as JSON → 201 with the record (party_roster.c). */
void party_members_enrol(struct request_ctx *ctx);
void org_staff_enrol(struct request_ctx *ctx);

/* The demo park (demo_party.c). */
int party_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err);

#endif
