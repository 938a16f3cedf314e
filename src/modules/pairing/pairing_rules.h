/* pairing_rules: the pure rules of pairings (结对联系) — when a pairing is in
 * force, its visit cadence as issue 11 defines it (the next visit is due a
 * number of calendar months after the last one, clamped to the end of the
 * month: 01-31 + 1 month = 02-28, or 02-29 in a leap year), and whether a
 * village-level division is a 村 or a 社区. No I/O. */
#ifndef JICENG_MODULES_PAIRING_RULES_H
#define JICENG_MODULES_PAIRING_RULES_H

#include "domain/date.h"

/* The longest cadence a pairing may declare (visit_every_months 1..12). */
#define PAIRING_RULES_MAX_MONTHS 12

/* 1 when a pairing from `start_on` to `end_on` (NULL: open-ended) is active on
 * `d`: start_on <= d and (no end_on or end_on >= d). 0 otherwise, and for a
 * missing start_on or d. All dates "YYYY-MM-DD". */
int pairing_rules_active(const char *start_on, const char *end_on, const char *d);

/*
 * next_due_on: (`last_visit_on`, or `start_on` when there is no visit) plus
 * `every_months` calendar months, clamped to the end of the target month.
 * Returns 0, or -1 (out = "") when every_months is not 1..PAIRING_RULES_MAX_MONTHS
 * or the base date is missing or not a date.
 */
int pairing_rules_next_due(const char *last_visit_on, const char *start_on, int every_months,
			   char out[DATE_SIZE]);

/* The cadence on `d` of a pairing whose next visit is due `next_due`: "ok"
 * when d <= next_due, else "overdue"; NULL without next_due (no cadence). */
const char *pairing_rules_cadence(const char *next_due, const char *d);

/*
 * The earliest base date (last visit, or start) from which a cadence of
 * `every_months` months leads to a due date on or after `on`, so that for
 * every date b:  next_due(b) >= on  ⇔  b >= out. Adding months is monotonic,
 * which lets a query compare stored dates with one bound per cadence instead
 * of doing month arithmetic in SQL. Returns 0, or -1 (out = "") on a bad date
 * or every_months outside 1..PAIRING_RULES_MAX_MONTHS.
 */
int pairing_rules_due_threshold(const char *on, int every_months, char out[DATE_SIZE]);

/* The first and last day of the calendar year of `d`. 0, or -1 on a bad date. */
int pairing_rules_year(const char *d, char first[DATE_SIZE], char last[DATE_SIZE]);

/* What a village-level (12-digit) division code names by the NBS rule for its
 * last three digits (统计用区划代码编制规则): "community" for 001–199 (居民委员会),
 * "village" for 200–399 (村民委员会); NULL for anything else. */
const char *pairing_rules_place(const char *code12);

#endif
