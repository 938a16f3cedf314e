/* talent_rules: review periods, the exit-candidate rule, party development
 * stages and durations, and age bounds for the reserve talent pool. */
#include "modules/talent/talent_rules.h"

#include <stdlib.h>
#include <string.h>

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int talent_rules_period_check(const char *kind, const char *period, const char **why)
{
	size_t n = period ? strlen(period) : 0;
	int quarterly = kind && !strcmp(kind, "quarterly");

	if (!kind || (!quarterly && strcmp(kind, "annual"))) {
		*why = "未知的研判类型";
		return -1;
	}
	if (quarterly) {
		if (n != 6 || !all_digits(period, 4) || period[4] != 'Q' || period[5] < '1' ||
		    period[5] > '4' || period[0] < '1' || (period[0] == '1' && period[1] < '9')) {
			*why = "季度研判的期间应为“年份Q季度”，如 2026Q1";
			return -1;
		}
		return 0;
	}
	if (n != 4 || !all_digits(period, 4) || period[0] < '1' ||
	    (period[0] == '1' && period[1] < '9')) {
		*why = "年度考核的期间应为四位年份，如 2026";
		return -1;
	}
	return 0;
}

int talent_rules_period_start(const char *period, char out[DATE_SIZE])
{
	static const char *const starts[] = { "-01-01", "-04-01", "-07-01", "-10-01" };
	size_t n = period ? strlen(period) : 0;

	out[0] = '\0';
	if (n != 4 && !(n == 6 && period[4] == 'Q' && period[5] >= '1' && period[5] <= '4'))
		return -1;
	if (!all_digits(period, 4))
		return -1;
	memcpy(out, period, 4);
	memcpy(out + 4, starts[n == 4 ? 0 : period[5] - '1'], 7);
	return 0;
}

/* year * 4 + quarter - 1, or -1 for anything but a quarter */
static long quarter_index(const char *period)
{
	if (!period || strlen(period) != 6 || !all_digits(period, 4) || period[4] != 'Q' ||
	    period[5] < '1' || period[5] > '4')
		return -1;
	return strtol(period, NULL, 10) * 4 + (period[5] - '1');
}

static int flagged(const struct talent_rules_eval *e, int absence)
{
	return absence ? e->long_absent : e->grade && !strcmp(e->grade, "incompetent");
}

int talent_rules_exit_candidate(const struct talent_rules_eval *ev, size_t n, const char **why)
{
	size_t i, j;
	int absence;

	for (i = 0; i < n; i++) {
		if (ev[i].kind && !strcmp(ev[i].kind, "annual") && flagged(&ev[i], 0)) {
			if (why)
				*why = "年度考核不称职";
			return 1;
		}
	}
	for (absence = 0; absence < 2; absence++) {
		for (i = 0; i < n; i++) {
			long qi = quarter_index(ev[i].period);

			if (qi < 0 || strcmp(ev[i].kind ? ev[i].kind : "", "quarterly") ||
			    !flagged(&ev[i], absence))
				continue;
			for (j = 0; j < n; j++) {
				if (j == i || strcmp(ev[j].kind ? ev[j].kind : "", "quarterly") ||
				    quarter_index(ev[j].period) != qi + 1 || !flagged(&ev[j], absence))
					continue;
				if (why)
					*why = absence ? "连续两个季度长期在外" : "连续两个季度研判不称职";
				return 1;
			}
		}
	}
	return 0;
}

int talent_rules_is_college(const char *education)
{
	static const char *const college[] = { "college", "bachelor", "master", "doctor", NULL };
	int i;

	for (i = 0; education && college[i]; i++)
		if (!strcmp(education, college[i]))
			return 1;
	return 0;
}

int talent_rules_birth_bound(const char *at, int years, int at_most, char out[DATE_SIZE])
{
	char d[DATE_SIZE];

	out[0] = '\0';
	if (years < 0 || years > 200 || date_valid(at))
		return -1;
	if (!at_most)
		return date_add_months(at, -12 * years, out);
	/* age <= n ⇔ not yet n+1: born after the day n+1 years before `at`
	 * (a 29 February that does not exist clamps to the 28th, and someone born
	 * on 29 February is then n+1 only from 1 March, as date_age() says) */
	if (date_add_months(at, -12 * (years + 1), d))
		return -1;
	return date_add_days(d, 1, out);
}

/* ---- party development ---- */

static const char *const stages[TALENT_RULES_STAGES] = {
	"applicant", "activist", "candidate", "probationary", "full",
};
static const char *const stage_dates[TALENT_RULES_STAGES] = {
	"applied_on", "activist_on", "candidate_on", "probationary_on", "full_on",
};
static const char *const stage_statuses[TALENT_RULES_STAGES] = {
	"applicant", "activist", "candidate", "probationary", "member",
};

int talent_rules_stage_index(const char *stage)
{
	int i;

	for (i = 0; stage && i < TALENT_RULES_STAGES; i++)
		if (!strcmp(stage, stages[i]))
			return i;
	return -1;
}

const char *talent_rules_stage_name(int i)
{
	return i >= 0 && i < TALENT_RULES_STAGES ? stages[i] : NULL;
}

const char *talent_rules_stage_date_field(int i)
{
	return i >= 0 && i < TALENT_RULES_STAGES ? stage_dates[i] : NULL;
}

const char *talent_rules_stage_political_status(int i)
{
	return i >= 0 && i < TALENT_RULES_STAGES ? stage_statuses[i] : NULL;
}

static int fault(struct talent_rules_party_error *e, int stage, const char *why,
		 const char *earliest)
{
	e->stage = stage;
	e->why = why;
	if (earliest)
		memcpy(e->earliest, earliest, DATE_SIZE);
	else
		e->earliest[0] = '\0';
	return -1;
}

/* `from` plus one year must not be after `to` */
static int year_between(const char *from, const char *to, char earliest[DATE_SIZE])
{
	if (date_add_months(from, 12, earliest))
		return -1;
	return strcmp(to, earliest) < 0 ? -1 : 0;
}

int talent_rules_party_check(const struct talent_rules_party *p,
			     struct talent_rules_party_error *e)
{
	int reached = talent_rules_stage_index(p->stage), i;
	char earliest[DATE_SIZE];
	const char *prev = NULL;

	if (reached < 0)
		return fault(e, 0, "未知的发展阶段", NULL);
	for (i = 0; i < TALENT_RULES_STAGES; i++) {
		const char *d = p->dates[i];

		if (i <= reached && !d)
			return fault(e, i, "应填写该阶段的日期", NULL);
		if (i > reached && d)
			return fault(e, i, "尚未进入该阶段，不能填写日期", NULL);
		if (!d)
			continue;
		if (date_valid(d))
			return fault(e, i, "日期格式不正确", NULL);
		if (prev && strcmp(d, prev) < 0)
			return fault(e, i, "不能早于上一阶段的日期", prev);
		prev = d;
	}
	if (p->birth_date && !date_valid(p->birth_date) &&
	    date_age(p->birth_date, p->dates[0]) < 18) {
		if (date_add_months(p->birth_date, 12 * 18, earliest))
			earliest[0] = '\0';
		return fault(e, 0, "年满十八周岁方可申请入党", earliest);
	}
	if (reached >= 2 && year_between(p->dates[1], p->dates[2], earliest))
		return fault(e, 2, "入党积极分子须经过一年以上的培养教育和考察，方可列为发展对象",
			     earliest);
	if (reached >= 4 && year_between(p->dates[3], p->dates[4], earliest))
		return fault(e, 4, "预备期为一年，预备期满方可转为正式党员", earliest);
	return 0;
}
