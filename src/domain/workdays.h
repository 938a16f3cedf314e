/* workdays: 工作日 as the State Council's holiday arrangements make them
 * (《全国年节及纪念日放假办法》 and each year's 国务院办公厅关于部分节假日安排的通知):
 * Monday to Friday are working days unless declared days off (放假); Saturdays
 * and Sundays are days off unless declared working days (调休上班). SLAs
 * (办理时限) and response times count these. Pure; the calendar comes from
 * the holidays ledger. */
#ifndef JICENG_DOMAIN_WORKDAYS_H
#define JICENG_DOMAIN_WORKDAYS_H

#include <stddef.h>

#include "domain/date.h"

struct workday_calendar {
	const char *const *off;  /* declared days off, "YYYY-MM-DD", sorted ascending */
	size_t noff;
	const char *const *on;   /* declared working days (调休上班), sorted ascending */
	size_t non;
};

/* 1 when `d` is a working day, 0 when not, -1 when `d` is not a valid date. */
int workday_is(const struct workday_calendar *c, const char *d);

/*
 * The `n`-th working day after `d` (d itself not counted; n ≥ 1), e.g. a 5-working-day SLA
 * from a dispatch on `d` is due on workday_add(c, d, 5). n = 0 gives `d` when it is a working
 * day, else the next one. Returns 0, or -1 (out = "") for an invalid date, n < 0 or a result
 * beyond 9999-12-31.
 */
int workday_add(const struct workday_calendar *c, const char *d, int n, char out[DATE_SIZE]);

/* The number of working days in (a, b] — 0 when b ≤ a; -1 for an invalid date. */
int workday_count(const struct workday_calendar *c, const char *a, const char *b);

#endif
