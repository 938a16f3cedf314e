/* module: the village mechanism's two tables — 集体经济 (新庄社区's service
 * chain: assets, collective enterprises, the collective ledger with its public
 * disclosure, cooperatives and dividends) and 乡村治理 (新坪村's turnaround:
 * 排队抓尾, cadre reviews, 院坝协商, grids and 十联户, activities, awards) —
 * each with its ledgers in menu order, statistics, to-dos and demo data. */
#include "modules/village/village.h"

static const struct resource *const economy_resources[] = {
	&res_collective_ledger,
	&res_assets,
	&res_collective_enterprises,
	&res_enterprise_years,
	&res_coops,
	&res_coop_shares,
	&res_coop_dividends,
	&res_coop_dividend_lines,
	NULL,
};

static const struct route economy_routes[] = {
	{ "GET", "/public/v1/ledger/{division_code}", village_public_ledger, ROUTE_PUBLIC },
	ROUTE_END,
};

static const struct todo_def economy_todos[] = {
	{ "ledger_to_approve", "收支待审批", "collective_ledger", NULL, "approve" },
	{ "ledger_to_disclose", "收支待公开", "collective_ledger", NULL, "disclose" },
	{ "lease_expiring", "租约 30 天内到期", "assets", "status=leased&expiring_within=30" },
	{ "lease_expired", "租约已到期", "assets", "status=leased&lease_end__lt=$today" },
	{ "dividend_to_approve", "分红方案待审批", "coop_dividends", NULL, "approve" },
	{ "dividend_to_pay", "分红待发放", "coop_dividends", NULL, "pay" },
	TODO_END,
};

const struct module module_village_economy = {
	.name = "village_economy", .label = "集体经济", .resources = economy_resources,
	.routes = economy_routes, .stats = village_economy_stats, .todos = economy_todos,
	.demo = village_economy_demo,
};

static const struct resource *const governance_resources[] = {
	&res_village_scores,
	&res_village_indicators,
	&res_consultations,
	&res_grids,
	&res_household_groups,
	&res_cadre_reviews,
	&res_activities,
	&res_awards,
	NULL,
};

const struct module module_village_governance = {
	.name = "village_governance", .label = "乡村治理", .resources = governance_resources,
	.stats = village_governance_stats, .demo = village_governance_demo,
};
