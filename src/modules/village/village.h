/* village: village and community economy and governance — 新庄社区's service
 * chain (assets, collective enterprises, the collective ledger and its public
 * disclosure) and 新坪村's turnaround (cooperative dividends, the town's
 * 排队抓尾 ranking, cadre reviews, 院坝协商, grids and 十联户, activities and
 * awards). The resources its files declare, for the module tables and the
 * rules that reach across them. */
#ifndef JICENG_MODULES_VILLAGE_H
#define JICENG_MODULES_VILLAGE_H

#include "http/request.h"
#include "schema/module.h"

/* res_economy.c */
extern const struct resource res_assets;
extern const struct resource res_collective_enterprises;
extern const struct resource res_enterprise_years;
extern const struct resource res_collective_ledger;
extern const struct enum_value village_asset_statuses[];
extern const struct enum_value village_ledger_categories[];
/* the ledger's categories of each direction ("other" in both), NULL-terminated */
extern const char *const village_income_categories[];
extern const char *const village_expense_categories[];
/* res_coops.c */
extern const struct resource res_coops;
extern const struct resource res_coop_shares;
extern const struct resource res_coop_dividends;
extern const struct resource res_coop_dividend_lines;
extern const struct enum_value village_share_kinds[];
/* res_governance.c */
extern const struct resource res_village_indicators;
extern const struct resource res_village_scores;
extern const struct resource res_cadre_reviews;
extern const struct resource res_consultations;
extern const struct resource res_grids;
extern const struct resource res_household_groups;
extern const struct resource res_activities;
extern const struct resource res_awards;

/* village_stats.c: collective_economy, village_ranking, governance */
extern const struct stats_def village_economy_stats[];
extern const struct stats_def village_governance_stats[];

/*
 * Where a ticket arose (disputes: 小事不出网格): checks and completes rec's
 * grid_id and household_group_id — the group's grid when only the group is
 * given, the grid's village as the ticket's division when none is given — and
 * adds errors when the group is not of the grid or the grid not of the
 * ticket's division. Called by the tickets' validate hook. 0, or -1 with err.
 */
int village_ticket_place(struct request_ctx *ctx, json_t *rec, json_t *before, json_t *errors,
			 struct buf *err);

/* GET /public/v1/ledger/{division_code}?year= — 村务公开 (public_ledger.c). */
void village_public_ledger(struct request_ctx *ctx);

/* Demo data (demo_village.c): 新庄社区's ledger and 新坪村's turnaround. */
int village_economy_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err);
int village_governance_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err);

#endif
