/* pairing_stats: GET /api/v1/stats/pairings — how many pairings are in force
 * on as_of and whom they join (persons, enterprises, villages, communities),
 * what their visits in [from, to] brought (suggestions, problems found and
 * solved), whether they keep their cadence (visit_compliance) and their
 * yearly minimum (min_visits_met), the assistance projects started in the
 * period with their funds and jobs, the members serving where they live, and
 * the same pairing counts per level for the leaders (by_level). Every figure
 * is a declared part over the list filters — the cadence ones through the
 * pairings' filter hook on the same as_of — so each equals its list. */
#include "modules/pairing/pairing.h"

#include <string.h>

#include "api/stats_parts.h"

/* Pairings in force on as_of, of the kind, level and leadership asked for. */
#define ACTIVE "active=true&kind=$kind&level=$level&leader=$leader"
#define VISITS "visited_on__gte=$from&visited_on__lte=$to&pairing_kind=$kind" \
	       "&pairing_level=$level&pairing_leader=$leader"
#define PROJECTS "start_on__gte=$from&start_on__lte=$to&pairing_kind=$kind"

/* The counts of pairings and their visits: the statistic's and by_level's. */
#define COUNT_PARTS                                                                        \
	{ "pairings", STAT_COUNT, "pairings", ACTIVE },                                    \
	{ "persons", STAT_DISTINCT, "pairings", ACTIVE, NULL, "person_id" },               \
	{ "enterprises", STAT_DISTINCT, "pairings", ACTIVE, NULL, "enterprise_id" },       \
	{ "villages", STAT_DISTINCT, "pairings", ACTIVE "&place=village", NULL,            \
	  "division_code" },                                                               \
	{ "communities", STAT_DISTINCT, "pairings", ACTIVE "&place=community", NULL,       \
	  "division_code" },                                                               \
	{ "visits", STAT_COUNT, "visits", VISITS },                                        \
	{ "suggestions", STAT_SUM, "visits", VISITS, NULL, "suggestions" },                \
	{ "problems_found", STAT_SUM, "visits", VISITS, NULL, "problems_found" },          \
	{ "problems_solved", STAT_SUM, "visits", VISITS, NULL, "problems_solved" },        \
	{ "visit_compliance", STAT_RATIO, "pairings", ACTIVE "&cadence=ok",                \
	  ACTIVE "&visit_every_months__null=0" },                                          \
	{ "min_visits_met", STAT_RATIO, "pairings", ACTIVE "&min_visits_met=true",         \
	  ACTIVE "&min_visits_per_year__null=0" }

static const struct stat_part pairing_parts[] = {
	COUNT_PARTS,
	{ "pairings_by_kind", STAT_GROUP, "pairings", ACTIVE, NULL, "kind" },
	{ "projects", STAT_COUNT, "assistance_projects", PROJECTS },
	{ "funds_fen", STAT_SUM, "assistance_projects", PROJECTS, NULL, "funds_fen" },
	{ "jobs", STAT_SUM, "assistance_projects", PROJECTS, NULL, "jobs" },
	{ "funds_by_kind", STAT_GROUP, "assistance_projects", PROJECTS, NULL, "pairing_kind",
	  "funds_fen" },
	{ "jobs_by_kind", STAT_GROUP, "assistance_projects", PROJECTS, NULL, "pairing_kind",
	  "jobs" },
	{ "resident_roles", STAT_GROUP, "resident_roles",
	  "start_on__lte_or_null=$as_of&end_on__gte_or_null=$as_of", NULL, "role" },
	STAT_PART_END,
};

static const struct stat_part level_parts[] = {
	COUNT_PARTS,
	STAT_PART_END,
};

static const char *const pairing_args[] = { "kind", "level", "leader", NULL };

static const struct stats_def all_def = { "pairings", "结对联系", pairing_parts, pairing_args };
static const struct stats_def level_def = { "pairings", "结对联系", level_parts, pairing_args };

/* 0 when the request argument `name` is absent or one of the field's values;
 * else -2 with err (answered 400). */
static int check_arg(struct request_ctx *ctx, const char *name, const struct resource *res,
		     const char *field, struct buf *err)
{
	const char *v = request_arg(ctx, name);

	if (!v || !*v || field_enum(resource_field(res, field), v))
		return 0;
	buf_setf(err, "%s 不是可选的%s", name, resource_field(res, field)->label);
	return -2;
}

/* The leaders' pairings of each level: the counts again with level=L and
 * leader=true put before the request's own arguments (request_arg reads the
 * first value), so that the breakdown covers every level within the area and
 * kind asked for, as a grouping would, whatever level the request names. */
static int by_level(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		    struct buf *err)
{
	json_t *levels = json_object();
	const struct enum_value *l;
	struct request_ctx sub = *ctx;
	struct query_arg *qa = arena_alloc(ctx->a, sizeof(*qa) * (ctx->nargs + 2));

	json_object_set_new(values, "by_level", levels);
	if (ctx->nargs)
		memcpy(qa + 2, ctx->args, sizeof(*qa) * ctx->nargs);
	qa[1].key = "leader";
	qa[1].value = "true";
	sub.args = qa;
	sub.nargs = ctx->nargs + 2;
	for (l = pairing_levels; l->value; l++) {
		json_t *one = json_object();

		json_object_set_new(levels, l->value, one);
		qa[0].key = "level";
		qa[0].value = l->value;
		if (stats_parts_run(&sub, &level_def, args, one, err))
			return -1;
	}
	return 0;
}

static int pairings_compute(struct request_ctx *ctx, const struct stats_args *args,
			    json_t *values, struct buf *err)
{
	const char *leader = request_arg(ctx, "leader");
	int rc;

	if ((rc = check_arg(ctx, "kind", &res_pairings, "kind", err)) ||
	    (rc = check_arg(ctx, "level", &res_pairings, "level", err)))
		return rc;
	if (leader && *leader && strcmp(leader, "true") && strcmp(leader, "false")) {
		buf_setf(err, "leader 应为 true 或 false");
		return -2;
	}
	if (stats_parts_run(ctx, &all_def, args, values, err))
		return -1;
	return by_level(ctx, args, values, err);
}

/* The parts run from pairings_compute, after the request's arguments are
 * checked, so that a kind that is not one answers 400 rather than 500. */
const struct stats_def pairing_stats[] = {
	{ "pairings", "结对联系", NULL, pairing_args, pairings_compute },
	STATS_END,
};
