/* talent_stats: talent_structure — how many are in the pool at as_of, their
 * age and education structure, sources and villages, and what happened in
 * [from, to]: self-applications, training 人次, placements, exits, entries
 * into 村两委, new activists; and the exit candidates now. The figures that
 * are counts of a ledger under filters are declared parts; the rest
 * (ages at as_of, 人次 of persons who are or were talents) is code. */
#include "modules/talent/talent_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/talent/talent.h"
#include "modules/talent/talent_rules.h"
#include "modules/talent/talent_store.h"

static const char *const sources[] = { "returning_graduate", "veteran", "entrepreneur",
				       "coop_backbone", "returning_worker", "other", NULL };

/* In the pool on as_of: admitted by then and not yet exited. */
#define IN_POOL "status=admitted&status=exited&admitted_on__lte=$as_of&exited_on__gt_or_null=$as_of"
#define COLLEGE "&education=college&education=bachelor&education=master&education=doctor"

static const struct stat_part structure_parts[] = {
	{ "admitted", STAT_COUNT, "talents", IN_POOL, NULL, NULL, NULL },
	{ "college", STAT_RATIO, "talents", IN_POOL COLLEGE, IN_POOL, NULL, NULL },
	{ "self_applied", STAT_COUNT, "talents",
	  "channel=self_applied&recommended_on__gte=$from&recommended_on__lte=$to", NULL, NULL, NULL },
	{ "entered_committee", STAT_COUNT, "committee_members",
	  "is_new=true&talent_id__null=0&term_start__gte=$from&term_start__lte=$to", NULL, NULL, NULL },
	{ "placements", STAT_GROUP, "placements", "start_on__gte=$from&start_on__lte=$to", NULL,
	  "kind", NULL },
	{ "exited", STAT_GROUP, "talents", "status=exited&exited_on__gte=$from&exited_on__lte=$to",
	  NULL, "exit_reason", NULL },
	STAT_PART_END,
};

/* The plain counts of the period that are not list filters, by their names in `values`. */
static const struct {
	const char *key;
	enum talent_count kind;
} period_counts[] = {
	{ "training_person_times", TALENT_COUNT_TRAINING_TIMES },
	{ "activists", TALENT_COUNT_ACTIVISTS },
};

static int talent_structure(struct request_ctx *ctx, const struct stats_args *args,
			    json_t *values, struct buf *err)
{
	struct db_result adm, src, villages;
	json_t *by_source = json_object(), *by_village = json_array(), *exited;
	long long under35 = 0, admitted = 0, n, total = 0;
	char born_after[32];
	const char *key;
	json_t *v;
	size_t i, j;

	json_object_set_new(values, "by_source", by_source);
	json_object_set_new(values, "by_village", by_village);
	/* DESIGN.md: 35岁以下 is age <= 35 in whole years at the reference date —
	 * born after the same day 36 years before (compared as text, so that
	 * 29 February needs no valid counterpart) */
	snprintf(born_after, sizeof(born_after), "%04d%s", atoi(args->as_of) - 36, args->as_of + 4);
	if (talent_store_stats_villages_admitted(ctx->db, ctx->a, args->lo, args->hi, args->as_of,
						 &adm, err) ||
	    talent_store_stats_sources(ctx->db, ctx->a, args->lo, args->hi, args->as_of,
				       born_after, &src, err) ||
	    talent_store_stats_villages(ctx->db, ctx->a, args->lo, args->hi, &villages, err))
		return -1;
	for (i = 0; sources[i]; i++)
		json_object_set_new(by_source, sources[i], json_integer(0));
	for (i = 0; i < src.nrows; i++) {
		const char *s = db_cell(&src, i, 0);
		long long k = strtoll(db_cell(&src, i, 1), NULL, 10);

		if (!s || !json_object_get(by_source, s))
			s = "other";
		v = json_object_get(by_source, s);
		json_object_set_new(by_source, s, json_integer(json_integer_value(v) + k));
		admitted += k;
		under35 += db_cell(&src, i, 2) ? strtoll(db_cell(&src, i, 2), NULL, 10) : 0;
	}
	json_object_set_new(values, "under35", stats_ratio(under35, admitted));
	/* a town's (or village's) every village; wider areas list those with talents.
	 * Both lists are in village order: one pass over each. */
	for (i = 0, j = 0; i < villages.nrows; i++) {
		const char *code = db_cell(&villages, i, 0);
		long long k = 0;

		while (j < adm.nrows && strcmp(db_cell(&adm, j, 0), code) < 0)
			j++;
		if (j < adm.nrows && !strcmp(db_cell(&adm, j, 0), code))
			k = strtoll(db_cell(&adm, j++, 1), NULL, 10);
		if (k || args->level >= 4)
			json_array_append_new(by_village, json_pack("{s:s, s:s, s:I}", "code", code,
				"name", db_cell(&villages, i, 1), "admitted", (json_int_t)k));
	}
	for (i = 0; i < sizeof(period_counts) / sizeof(period_counts[0]); i++) {
		if ((n = talent_store_count(ctx->db, ctx->a, period_counts[i].kind, args->lo,
					    args->hi, args->from, args->to, err)) < 0)
			return -1;
		json_object_set_new(values, period_counts[i].key, json_integer(n));
	}
	exited = json_object_get(values, "exited");
	json_object_foreach(exited, key, v)
		total += json_integer_value(v);
	json_object_set_new(exited, "total", json_integer(total));
	if ((n = res_talent_exit_candidates(ctx, args->lo, args->hi, err)) < 0)
		return -1;
	json_object_set_new(values, "exit_candidates", json_integer(n));
	return 0;
}

static const struct stat_figure structure_figures[] = {
	{ "admitted", "在库人数" },
	{ "under35", "35岁以下" },
	{ "college", "大专以上" },
	{ "self_applied", "主动申请" },
	{ "training_person_times", "培训人次" },
	{ "entered_committee", "进入村两委" },
	{ "activists", "新发展入党积极分子" },
	{ "exited.total", "调整出库" },
	{ "exit_candidates", "待研判出库" },
	{ NULL, NULL },
};

const struct stats_def talent_stats[] = {
	{ "talent_structure", "村级后备力量结构", structure_parts, NULL, talent_structure,
	  structure_figures },
	STATS_END,
};
