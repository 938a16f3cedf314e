/* module: the ticket engine's table — its ledgers, Open311 and the public
 * 晒单 board, the 三率 statistics, the to-dos of the desk and its demo data. */
#include "modules/tickets/tickets.h"

static const struct resource *const ticket_resources[] = {
	&res_tickets,
	&res_ticket_categories,
	NULL,
};

static const struct route ticket_routes[] = {
	{ "GET", "/open311/v2/services.json", open311_services, ROUTE_PUBLIC },
	{ "GET", "/open311/v2/services.xml", open311_services, ROUTE_PUBLIC },
	{ "GET", "/open311/v2/services/{code}", open311_service, ROUTE_PUBLIC },
	{ "GET", "/open311/v2/requests.json", open311_requests, ROUTE_PUBLIC },
	{ "GET", "/open311/v2/requests.xml", open311_requests, ROUTE_PUBLIC },
	{ "POST", "/open311/v2/requests.json", open311_post, ROUTE_PUBLIC },
	{ "POST", "/open311/v2/requests.xml", open311_post, ROUTE_PUBLIC },
	{ "GET", "/open311/v2/requests/{id}", open311_request, ROUTE_PUBLIC },
	{ "GET", "/public/v1/wishes", tickets_public_board, ROUTE_PUBLIC },
	ROUTE_END,
};

#define OPEN "status=dispatched&status=accepted&status=returned"
#define VILLAGE_KINDS "kind=resident_wish&kind=resident_request&kind=dispute"

static const struct todo_def ticket_todos[] = {
	{ "to_dispatch", "待派单", "tickets", NULL, "dispatch", LEVEL_TOWN },
	{ "to_dispatch", "待派单", "tickets", VILLAGE_KINDS, "dispatch", LEVEL_VILLAGE, LEVEL_VILLAGE },
	{ "to_accept", "待签收", "tickets", NULL, "accept", 0, 0, TODO_ACTOR_ONLY },
	{ "overdue", "已超期", "tickets", OPEN "&due_on__lt=$today" },
	{ "due_soon", "两个工作日内到期", "tickets",
	  "status=dispatched&status=accepted&due_on__gte=$today&due_on__lte=$soon" },
	{ "to_rate", "待评价", "tickets", NULL, "rate", 0, 0, TODO_ACTOR_ONLY },
	{ "to_follow_up", "待回访", "tickets", "requester_enterprise_id__null=1", "rate",
	  LEVEL_VILLAGE },
	TODO_END,
};

const struct module module_tickets = {
	.name = "tickets", .label = "接诉即办", .resources = ticket_resources,
	.routes = ticket_routes, .stats = ticket_stats, .todos = ticket_todos,
	.demo = tickets_demo,
};
