/* stats_parts: the declared parts of named statistics (schema/stats.h) and
 * the grouping keys they share with GET /api/v1/{res}/stats — each a count,
 * ratio, sum, distinct count or grouping of a ledger's rows under list
 * filters, in the caller's scope and the statistic's area. */
#ifndef JICENG_STATS_PARTS_H
#define JICENG_STATS_PARTS_H

#include <jansson.h>

#include "http/request.h"
#include "schema/stats.h"
#include "store/aggregate.h"

/* 1 when GET /api/v1/{res}/stats can group by `f`: an enum, bool, ref, int,
 * division, date or datetime field with a value in SQL (not hidden, not a
 * virtual field a decorate hook computes). The schema shows it as `group`. */
int stats_groupable(const struct field *f);

/*
 * Parses "F[:roll-up][,F2[:roll-up]]" (roll-ups: province, prefecture,
 * county, town, village for divisions; year, month for dates) into at most
 * `max` keys of `res`. Returns how many, or -1 with *why set (Chinese) for an
 * unknown field, a type that cannot be grouped or a bad roll-up.
 */
int stats_parse_keys(struct request_ctx *ctx, const struct resource *res, const char *spec,
		     struct aggregate_key *keys, int max, const char **why);

/* Sets obj[name] to a group key's value as the API shows the field (enum
 * value, true/false, id, code, date text, or null) and obj[name_label] to its
 * Chinese label. `name` NULL: the field's name. `label` is the label the
 * query found (refs, divisions), may be NULL. */
void stats_key_json(struct request_ctx *ctx, const struct aggregate_key *key,
		    const char *value, const char *label, json_t *obj, const char *name);

/*
 * Builds the filters of a part's `where` text (schema/stats.h) with the
 * period and request arguments substituted, plus the statistic's area, into
 * `w`. 0, or -1 with err (a declaration that does not parse).
 */
int stats_where(struct request_ctx *ctx, const struct stats_def *def,
		const struct stats_args *args, const struct resource *res, const char *where,
		struct sqlw *w, struct buf *err);

/* Computes every part of `def` into `values`. 0, or -1 with err. */
int stats_parts_run(struct request_ctx *ctx, const struct stats_def *def,
		    const struct stats_args *args, json_t *values, struct buf *err);

#endif
