/* talent_rules: the pure rules of the village reserve talent pool — review
 * periods, the exit-candidate rule, the stages and minimum durations of party
 * development (《中国共产党发展党员工作细则》) and age bounds. No I/O. */
#ifndef JICENG_MODULES_TALENT_RULES_H
#define JICENG_MODULES_TALENT_RULES_H

#include <stddef.h>

#include "domain/date.h"

/* 0 when `period` fits `kind`: "quarterly" takes YYYYQ1..YYYYQ4, "annual" takes
 * YYYY (years 1900–9999). Else -1 with *why a static Chinese reason. */
int talent_rules_period_check(const char *kind, const char *period, const char **why);

/* The first day of a checked period ("2026Q2" → 2026-04-01, "2026" → 2026-01-01).
 * Returns 0, or -1 (out = "") when the period is not well formed. */
int talent_rules_period_start(const char *period, char out[DATE_SIZE]);

/* One review as the exit-candidate rule reads it. */
struct talent_rules_eval {
	const char *kind;    /* quarterly | annual */
	const char *period;
	const char *grade;   /* excellent competent basic incompetent, or NULL */
	int long_absent;
};

/* 1 when the reviews make the talent an exit candidate (待研判出库): graded
 * incompetent in an annual review, incompetent in two consecutive quarters, or
 * long absent in two consecutive quarters (2025Q4 and 2026Q1 are consecutive);
 * *why (may be NULL) then names the reason. 0 otherwise. Order does not matter. */
int talent_rules_exit_candidate(const struct talent_rules_eval *ev, size_t n, const char **why);

/* 大专以上: 大专, 本科, 硕士研究生, 博士研究生 (the persons' education values). */
int talent_rules_is_college(const char *education);

/* The birth-date bound of an age bound at `at` (whole years, date_age()):
 * at_most: age <= years  ⇔ birth_date >= out;
 * else:    age >= years  ⇔ birth_date <= out.
 * Returns 0, or -1 when `at` is not a date or years is out of 0..200. */
int talent_rules_birth_bound(const char *at, int years, int at_most, char out[DATE_SIZE]);

/* ---- party development ---- */

#define TALENT_RULES_STAGES 5

/* applicant activist candidate probationary full → 0..4, else -1. */
int talent_rules_stage_index(const char *stage);
/* The stage at index i (0..4), or NULL. */
const char *talent_rules_stage_name(int i);
/* The column holding the date the stage was reached: applied_on, activist_on,
 * candidate_on, probationary_on, full_on. */
const char *talent_rules_stage_date_field(int i);
/* The person's political_status at each stage (full → member). */
const char *talent_rules_stage_political_status(int i);

struct talent_rules_party {
	const char *stage;                        /* the stage reached */
	const char *dates[TALENT_RULES_STAGES];   /* per stage, NULL when not reached */
	const char *birth_date;                   /* may be NULL (then age is not checked) */
};

struct talent_rules_party_error {
	int stage;                 /* index of the date at fault */
	const char *why;           /* static Chinese reason */
	char earliest[DATE_SIZE];  /* for a duration rule: the earliest allowed date, else "" */
};

/* Checks a development record: every stage up to the one reached has its date
 * and no later stage has one; dates do not go backwards; the applicant is at
 * least 18 on the day of applying; at least one year as activist before
 * becoming a candidate (发展对象); one year of probation before full
 * membership. Returns 0, or -1 with *e filled for the first fault. */
int talent_rules_party_check(const struct talent_rules_party *p,
			     struct talent_rules_party_error *e);

#endif
