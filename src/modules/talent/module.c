/* module: the village reserve talent pool's table — its ledgers in menu
 * order, the growth file route, its statistics and its demo data. */
#include "schema/module.h"

#include "modules/talent/demo_talent.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_file.h"
#include "modules/talent/talent_stats.h"

static const struct resource *const talent_resources[] = {
	&res_talents,
	&res_talent_evaluations,
	&res_trainings,
	&res_training_attendance,
	&res_placements,
	&res_committee_members,
	&res_party_development,
	NULL,
};

static const struct route talent_routes[] = {
	{ "GET", "/api/v1/persons/{id}/file", talent_file_get, 0 },
	ROUTE_END,
};

/* The town's admission queues and the reviews' exit candidates. */
static const struct todo_def talent_todos[] = {
	{ "to_inspect", "待考察", "talents", NULL, "inspect" },
	{ "to_review", "待联审", "talents", NULL, "review" },
	{ "to_admit", "待入库", "talents", NULL, "admit" },
	{ "exit_candidates", "待研判出库", "talents", "exit_candidate=1", "exit" },
	TODO_END,
};

static int talent_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	long long n = demo_talent_load(ctx, err);

	if (n < 0)
		return -1;
	buf_addf(summary, "下司镇村级后备力量 %lld 人（含入库流程中、出库人员）\n", n);
	return 0;
}

const struct module module_talent = {
	.name = "talent", .label = "村级后备力量", .resources = talent_resources,
	.routes = talent_routes, .stats = talent_stats, .todos = talent_todos,
	.demo = talent_demo,
};
