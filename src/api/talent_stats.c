/* talent_stats: talent_structure — how many are in the pool at as_of, their
 * age and education structure, sources and villages, and what happened in
 * [from, to]: self-applications, training 人次, placements, exits, entries
 * into 村两委, new activists; and the exit candidates now. */
#include "api/talent_stats.h"

#include <stdlib.h>
#include <string.h>

#include "api/resources.h"
#include "domain/talent_rules.h"
#include "store/talent_store.h"

static const char *const sources[] = { "returning_graduate", "veteran", "entrepreneur",
				       "coop_backbone", "returning_worker", "other", NULL };
static const char *const placement_kinds[] = { "shadowing", "trial_post", "rotation", NULL };
static const char *const exit_reasons[] = { "long_absent", "ineffective", "joined_committee",
					    "other", NULL };

/* {key: count} for every key, from rows (key, count); unknown keys count under
 * `other_key` when given. Returns the total. */
/* The plain counts of the period, by their names in `values`. */
static const struct {
	const char *key;
	enum talent_count kind;
} period_counts[] = {
	{ "self_applied", TALENT_COUNT_SELF_APPLIED },
	{ "training_person_times", TALENT_COUNT_TRAINING_TIMES },
	{ "entered_committee", TALENT_COUNT_ENTERED_COMMITTEE },
	{ "activists", TALENT_COUNT_ACTIVISTS },
};

static long long grouped(json_t *obj, const char *const *keys, const struct db_result *r,
			 const char *other_key)
{
	long long total = 0;
	size_t i;
	int k;

	for (k = 0; keys[k]; k++)
		json_object_set_new(obj, keys[k], json_integer(0));
	for (i = 0; i < r->nrows; i++) {
		const char *key = db_cell(r, i, 0);
		long long n = strtoll(db_cell(r, i, 1), NULL, 10);
		json_t *v;

		if (!key || !json_object_get(obj, key))
			key = other_key;
		if (!key)
			continue;
		v = json_object_get(obj, key);
		json_object_set_new(obj, key, json_integer(json_integer_value(v) + n));
		total += n;
	}
	return total;
}

static int talent_structure(struct request_ctx *ctx, const struct stats_args *args,
			    json_t *values, struct buf *err)
{
	struct db_result adm, villages, r;
	json_t *by_source = json_object(), *by_village = json_array(), *o;
	long long under35 = 0, college = 0, n;
	size_t i, j;

	json_object_set_new(values, "by_source", by_source);
	json_object_set_new(values, "by_village", by_village);
	if (talent_store_stats_admitted(ctx->db, ctx->a, args->lo, args->hi, args->as_of, &adm, err) ||
	    talent_store_stats_villages(ctx->db, ctx->a, args->lo, args->hi, &villages, err))
		return -1;
	for (i = 0; sources[i]; i++)
		json_object_set_new(by_source, sources[i], json_integer(0));
	for (i = 0; i < adm.nrows; i++) {
		const char *src = db_cell(&adm, i, 1), *birth = db_cell(&adm, i, 2);
		int age = birth ? date_age(birth, args->as_of) : -1;
		json_t *v;

		if (age >= 0 && age <= 35)
			under35++;
		if (talent_rules_is_college(db_cell(&adm, i, 3)))
			college++;
		if (!src || !json_object_get(by_source, src))
			src = "other";
		v = json_object_get(by_source, src);
		json_object_set_new(by_source, src, json_integer(json_integer_value(v) + 1));
	}
	json_object_set_new(values, "admitted", json_integer((json_int_t)adm.nrows));
	json_object_set_new(values, "under35", stats_ratio(under35, (long long)adm.nrows));
	json_object_set_new(values, "college", stats_ratio(college, (long long)adm.nrows));
	/* a town's (or village's) every village; wider areas list those with talents */
	for (i = 0; i < villages.nrows; i++) {
		const char *code = db_cell(&villages, i, 0);
		long long k = 0;

		for (j = 0; j < adm.nrows; j++)
			if (!strcmp(db_cell(&adm, j, 0), code))
				k++;
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

	if (talent_store_placements_by_kind(ctx->db, ctx->a, args->lo, args->hi, args->from,
					    args->to, &r, err))
		return -1;
	o = json_object();
	grouped(o, placement_kinds, &r, NULL);
	json_object_set_new(values, "placements", o);

	if (talent_store_exits_by_reason(ctx->db, ctx->a, args->lo, args->hi, args->from, args->to,
					 &r, err))
		return -1;
	o = json_object();
	n = grouped(o, exit_reasons, &r, "other");
	json_object_set_new(o, "total", json_integer(n));
	json_object_set_new(values, "exited", o);


	if ((n = res_talent_exit_candidates(ctx, args->lo, args->hi, err)) < 0)
		return -1;
	json_object_set_new(values, "exit_candidates", json_integer(n));
	return 0;
}

const struct stats_def talent_stats[] = {
	{ "talent_structure", talent_structure },
	{ NULL, NULL },
};
