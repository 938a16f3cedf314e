/* stats: how a named statistic (GET /api/v1/stats/{name}) is declared. Most
 * figures are parts — a count, a ratio of two counts, a sum, a number of
 * distinct values, a grouping — of a ledger's rows under list filters, so
 * that a figure always equals what the list with the same filters shows, in
 * the caller's scope. What parts cannot say is a `compute` function. */
#ifndef JICENG_SCHEMA_STATS_H
#define JICENG_SCHEMA_STATS_H

#include <jansson.h>

#include "core/buf.h"
#include "domain/division.h"

struct request_ctx;

/* The request's reference date, period and area, settled once by the
 * dispatcher (api/stats.c) for every statistic. */
struct stats_args {
	char division[DIVISION_SIZE]; /* the area asked for (12 digits), or "" for the caller's whole scope */
	char lo[DIVISION_SIZE];       /* division codes [lo, hi] the statistic may count: the area */
	char hi[DIVISION_SIZE];       /* narrowed to the caller's division scope (lo > hi: none) */
	int level;                    /* the area's level 1..5 (0 without an area) */
	char as_of[11], from[11], to[11]; /* YYYY-MM-DD; from..to inclusive */
	int recount;                  /* `recount=1`: from the rows, not the kept counts (a check) */
};

enum stat_kind {
	STAT_COUNT,    /* rows matching `where`: an integer */
	STAT_RATIO,    /* {count: rows matching where, of: rows matching of_where, ratio} */
	STAT_SUM,      /* the sum of `field` over rows matching where (0 when none) */
	STAT_DISTINCT, /* how many distinct non-empty values `field` has over rows matching where */
	STAT_GROUP,    /* {value: count (or the sum of `sum`)} per value of `field`; every enum value present */
	STAT_ROWS,     /* [{"key", "label", "count"[, "sum"]}] per value of `field`, largest first */
};

struct stat_part {
	const char *key;       /* its member of `values` */
	enum stat_kind kind;
	const char *resource;  /* the ledger counted */
	/* list filters in query-string form (API.md list parameters), e.g.
	 * "status=resolved&status=closed&submitted_at__gte=$from". $from, $to and
	 * $as_of are the period; $name is the request argument `name` (declared in
	 * the statistic's `args`), and a filter whose argument is absent is left
	 * out. The area and the caller's scope always apply. */
	const char *where;
	const char *of_where;  /* STAT_RATIO: the denominator's filters (same resource) */
	const char *field;     /* STAT_SUM, STAT_DISTINCT: the field; STAT_GROUP, STAT_ROWS: the field
				* grouped by (with a roll-up: "division_code:town", "entry_on:month") */
	const char *sum;       /* STAT_GROUP, STAT_ROWS: sum this field per group instead of / besides counting */
};

#define STAT_PART_END { NULL, 0, NULL, NULL, NULL, NULL, NULL }

/* A figure a report shows for each child division (列 of the 报表): a member
 * of `values` — "exited.total" reaches inside an object — that is a count, a
 * sum or a ratio ({count, of, ratio}). */
struct stat_figure {
	const char *key;
	const char *label;               /* 在库人数, 35岁以下 */
};

struct stats_def {
	const char *name;                /* the URL segment */
	const char *label;               /* 村级后备力量结构 */
	const struct stat_part *parts;   /* STAT_PART_END ends; may be NULL */
	const char *const *args;         /* request arguments the parts may read; NULL ends; may be NULL */
	/* fills the members of `values` that parts cannot; returns 0, -1 with err
	 * set (answered 500), or -2 with err a Chinese message about a request
	 * argument (answered 400); may be NULL */
	int (*compute)(struct request_ctx *ctx, const struct stats_args *args, json_t *values,
		       struct buf *err);
	/* what the report page and its workbook show per child division, in order;
	 * key NULL ends; may be NULL (the statistic is then not offered there) */
	const struct stat_figure *figures;
};

#define STATS_END { NULL, NULL, NULL, NULL, NULL, NULL }

/* {"count": n, "of": d, "ratio": n/d} with ratio 0 when d is 0 (API.md). */
json_t *stats_ratio(long long count, long long of);

#endif
