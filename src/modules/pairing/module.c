/* module: the pairing mechanism's table — pairings, their visits, the
 * assistance projects and the members serving where they live, the pairings
 * statistic, the to-do of visits falling due and the demo data. */
#include "modules/pairing/pairing.h"

static const struct resource *const pairing_resources[] = {
	&res_pairings,
	&res_visits,
	&res_assistance_projects,
	&res_resident_roles,
	NULL,
};

/* The caller's pairings whose next visit falls due within 7 days, or is overdue. */
static const struct todo_def pairing_todos[] = {
	{ "visits_due", "待走访（7天内到期或已逾期）", "pairings", "due_within=7" },
	TODO_END,
};

const struct module module_pairing = {
	.name = "pairing", .label = "结对共建", .resources = pairing_resources,
	.stats = pairing_stats, .todos = pairing_todos, .demo = pairing_demo,
};
