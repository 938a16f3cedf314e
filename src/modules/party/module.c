/* module: the park party-building table — its ledgers in menu order, the
 * roster routes (名册 rows naming their person by ID number), the coverage
 * and fund statistics, the reimbursement to-dos and the demo park. */
#include "modules/party/party.h"

static const struct resource *const party_resources[] = {
	&res_party_members,
	&res_org_staff,
	&res_party_funds,
	&res_facilities,
	NULL,
};

static const struct route party_routes[] = {
	{ "POST", "/api/v1/party_members/enrol", party_members_enrol, 0 },
	{ "POST", "/api/v1/org_staff/enrol", org_staff_enrol, 0 },
	ROUTE_END,
};

/* 实报实销: claims waiting for the organisation above, approved ones waiting for payment. */
static const struct todo_def party_todos[] = {
	{ "funds_to_approve", "待审批经费", "party_funds", NULL, "approve" },
	{ "funds_to_reimburse", "待报销经费", "party_funds", NULL, "reimburse" },
	TODO_END,
};

const struct module module_party = {
	.name = "party", .label = "园区党建", .resources = party_resources,
	.routes = party_routes, .stats = party_stats, .todos = party_todos,
	.demo = party_demo,
};
