/* village_common: the checks the village ledgers share, declared as small
 * tables (bounds of numbers, the order of two dates, fields that make a row
 * unique, states after which a record is frozen) and run by one function
 * each, so that every resource's validate hook is a list of its rules. */
#ifndef JICENG_MODULES_VILLAGE_COMMON_H
#define JICENG_MODULES_VILLAGE_COMMON_H

#include <jansson.h>
#include <stddef.h>

#include "http/request.h"
#include "schema/resource.h"
#include "store/sqlw.h"

/* A ledger seen by the area of its division_code column. */
extern const struct scope_way village_division_ways[];

/* The integer member `key` of o, 0 when absent or not an integer. */
long long village_int(json_t *o, const char *key);
/* The string member `key` of o, NULL when absent or not a string. */
const char *village_str(json_t *o, const char *key);

/* A number field's allowed range; the message names the range in Chinese. */
struct village_bound {
	const char *field;
	long long min, max;
	const char *why;      /* 面积应为 0 到 …; NULL ends the table */
};

/* Adds an error for each field of `bounds` whose value in rec is an integer out of range. */
void village_check_bounds(json_t *rec, const struct village_bound *bounds, json_t *errors);

/* A date that may not come before another (租期结束 after 租期开始). */
struct village_order {
	const char *first, *then;
	const char *why;      /* NULL ends the table */
};

/* Adds an error on `then` for each pair of `orders` whose dates in rec are out of order. */
void village_check_orders(json_t *rec, const struct village_order *orders, json_t *errors);

/*
 * Adds `why` on `field` when another live row of res has the same values as
 * rec in every column of `columns` (NULL-terminated; integers or text). Rows
 * with an empty value in one of them are not checked. Unscoped: uniqueness
 * holds across callers (a partial unique index backs it). 0, or -1 with err.
 */
int village_check_unique(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 json_t *before, const char *const *columns, const char *field,
			 const char *why, json_t *errors, struct buf *err);

/*
 * A record in one of `states` (NULL-terminated) of its state field is final:
 * a change that is not a workflow action (it leaves the state as it was) gets
 * `why` on the state field. Actions move the state and pass.
 */
void village_check_frozen(const struct resource *res, json_t *rec, json_t *before,
			  const char *const *states, const char *why, json_t *errors);

/* Adds an error on `field` unless rec's division there is a village or community. */
void village_check_village(json_t *rec, const char *field, json_t *errors);

/*
 * The list filters of a ledger with an integer `year` column over a period
 * (a filter hook, schema/resource.h): year_since=D keeps years from D's year
 * on, year_until=D up to D's year; D is a date or a year. 1 when it took the
 * key, 0 when not, -1 with err on a bad value.
 */
int village_year_filter(struct request_ctx *ctx, const char *key, const char *value,
			struct sqlw *w, struct buf *err);

/* The year of a date or year text ("2026-03-01", "2026"), or -1. */
int village_year_of(const char *value);

/* The longest run of digits in s (an ID number's final X counts as one):
 * 7 or more looks like a phone, ID or account number. 0 for NULL. With
 * `blot` (a copy of s), its runs of at least `min` become as many '*'. */
size_t village_digit_run(const char *s, char *blot, size_t min);

/* Whether `field` of rec is new or different from before. */
int village_changed(json_t *rec, json_t *before, const char *field);

#endif
