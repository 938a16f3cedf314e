/* test_talent_rules: review periods, the exit-candidate rule, party development
 * stages and durations, 大专以上 and age bounds of the reserve talent pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "modules/talent/talent_rules.h"

static void test_periods(void **state)
{
	const char *why = NULL;
	char d[DATE_SIZE];

	assert_int_equal(talent_rules_period_check("quarterly", "2026Q1", &why), 0);
	assert_int_equal(talent_rules_period_check("quarterly", "2026Q4", &why), 0);
	assert_int_equal(talent_rules_period_check("annual", "2026", &why), 0);
	assert_int_equal(talent_rules_period_check("quarterly", "2026", &why), -1);
	assert_non_null(why);
	assert_int_equal(talent_rules_period_check("quarterly", "2026Q0", &why), -1);
	assert_int_equal(talent_rules_period_check("quarterly", "2026Q5", &why), -1);
	assert_int_equal(talent_rules_period_check("quarterly", "2026q1", &why), -1);
	assert_int_equal(talent_rules_period_check("quarterly", "2026Q12", &why), -1);
	assert_int_equal(talent_rules_period_check("annual", "2026Q1", &why), -1);
	assert_int_equal(talent_rules_period_check("annual", "26", &why), -1);
	assert_int_equal(talent_rules_period_check("annual", "1850", &why), -1);
	assert_int_equal(talent_rules_period_check("annual", "", &why), -1);
	assert_int_equal(talent_rules_period_check("monthly", "2026", &why), -1);
	assert_int_equal(talent_rules_period_check(NULL, "2026", &why), -1);
	assert_int_equal(talent_rules_period_check("annual", NULL, &why), -1);

	assert_int_equal(talent_rules_period_start("2026Q2", d), 0);
	assert_string_equal(d, "2026-04-01");
	assert_int_equal(talent_rules_period_start("2026Q4", d), 0);
	assert_string_equal(d, "2026-10-01");
	assert_int_equal(talent_rules_period_start("2026", d), 0);
	assert_string_equal(d, "2026-01-01");
	assert_int_equal(talent_rules_period_start("2026Q9", d), -1);
	assert_string_equal(d, "");
}

static int candidate(const struct talent_rules_eval *ev, size_t n)
{
	return talent_rules_exit_candidate(ev, n, NULL);
}

static void test_exit_candidates(void **state)
{
	const char *why = NULL;
	const struct talent_rules_eval annual[] = { { "annual", "2025", "incompetent", 0 } };
	const struct talent_rules_eval two_q[] = {
		{ "quarterly", "2026Q1", "incompetent", 0 }, { "quarterly", "2025Q4", "incompetent", 0 },
	};
	const struct talent_rules_eval gap[] = {
		{ "quarterly", "2025Q3", "incompetent", 0 }, { "quarterly", "2026Q1", "incompetent", 0 },
	};
	const struct talent_rules_eval absent[] = {
		{ "quarterly", "2026Q2", "competent", 1 }, { "quarterly", "2026Q1", "excellent", 1 },
	};
	const struct talent_rules_eval mixed[] = {
		{ "quarterly", "2025Q4", "competent", 1 }, { "quarterly", "2026Q1", "incompetent", 0 },
	};
	const struct talent_rules_eval annual_ok[] = {
		{ "annual", "2025", "basic", 1 }, { "quarterly", "2026Q1", "incompetent", 0 },
		{ "annual", "2024", NULL, 0 },
	};
	const struct talent_rules_eval quarter_and_annual[] = {
		{ "quarterly", "2025Q4", "incompetent", 0 }, { "annual", "2026", "incompetent", 0 },
	};

	assert_int_equal(talent_rules_exit_candidate(annual, 1, &why), 1);
	assert_string_equal(why, "年度考核不称职");
	assert_int_equal(talent_rules_exit_candidate(two_q, 2, &why), 1);
	assert_string_equal(why, "连续两个季度研判不称职");
	assert_int_equal(candidate(gap, 2), 0);
	assert_int_equal(talent_rules_exit_candidate(absent, 2, &why), 1);
	assert_string_equal(why, "连续两个季度长期在外");
	assert_int_equal(candidate(mixed, 2), 0);
	assert_int_equal(candidate(annual_ok, 3), 0);
	assert_int_equal(candidate(quarter_and_annual, 1), 0);
	assert_int_equal(candidate(quarter_and_annual, 2), 1);
	assert_int_equal(candidate(NULL, 0), 0);
}

static void test_college(void **state)
{
	assert_true(talent_rules_is_college("college"));
	assert_true(talent_rules_is_college("bachelor"));
	assert_true(talent_rules_is_college("master"));
	assert_true(talent_rules_is_college("doctor"));
	assert_false(talent_rules_is_college("senior"));
	assert_false(talent_rules_is_college("junior"));
	assert_false(talent_rules_is_college(NULL));
}

/* the bound agrees with date_age() for every birth date around it */
static void bound_agrees(const char *at, int years)
{
	char lo[DATE_SIZE], hi[DATE_SIZE], d[DATE_SIZE], start[DATE_SIZE];
	int i;

	assert_int_equal(talent_rules_birth_bound(at, years, 1, lo), 0);
	assert_int_equal(talent_rules_birth_bound(at, years, 0, hi), 0);
	date_add_months(at, -12 * years, start);
	for (i = -800; i <= 800; i++) {
		int a;

		date_add_days(start, i, d);
		a = date_age(d, at);
		if (a < 0)
			continue;
		assert_int_equal(a <= years, strcmp(d, lo) >= 0);
		assert_int_equal(a >= years, strcmp(d, hi) <= 0);
	}
}

static void test_birth_bound(void **state)
{
	char out[DATE_SIZE];

	bound_agrees("2026-06-15", 35);
	bound_agrees("2024-02-29", 23);
	bound_agrees("2025-02-28", 24);
	bound_agrees("2025-03-01", 25);
	bound_agrees("2026-01-01", 0);
	assert_int_equal(talent_rules_birth_bound("2026-02-30", 35, 1, out), -1);
	assert_int_equal(talent_rules_birth_bound("2026-06-15", -1, 1, out), -1);
}

static void party(const char *stage, const char *d0, const char *d1, const char *d2,
		  const char *d3, const char *d4, const char *birth, int want, int stage_at_fault)
{
	struct talent_rules_party p = { stage, { d0, d1, d2, d3, d4 }, birth };
	struct talent_rules_party_error e;

	memset(&e, 0, sizeof(e));
	assert_int_equal(talent_rules_party_check(&p, &e), want);
	if (want) {
		assert_int_equal(e.stage, stage_at_fault);
		assert_non_null(e.why);
	}
}

static void test_party(void **state)
{
	struct talent_rules_party p = { "candidate", { "2024-01-10", "2024-03-01", "2025-02-28", NULL, NULL }, NULL };
	struct talent_rules_party_error e;

	assert_int_equal(talent_rules_stage_index("applicant"), 0);
	assert_int_equal(talent_rules_stage_index("full"), 4);
	assert_int_equal(talent_rules_stage_index("member"), -1);
	assert_string_equal(talent_rules_stage_name(2), "candidate");
	assert_null(talent_rules_stage_name(5));
	assert_string_equal(talent_rules_stage_date_field(3), "probationary_on");
	assert_string_equal(talent_rules_stage_political_status(4), "member");
	assert_string_equal(talent_rules_stage_political_status(1), "activist");

	party("applicant", "2024-01-10", NULL, NULL, NULL, NULL, "1990-01-01", 0, 0);
	party("applicant", NULL, NULL, NULL, NULL, NULL, NULL, -1, 0);
	party("applicant", "2024-01-10", "2024-02-01", NULL, NULL, NULL, NULL, -1, 1);
	/* 18 on the birthday itself */
	party("applicant", "2026-07-01", NULL, NULL, NULL, NULL, "2008-07-01", 0, 0);
	party("applicant", "2026-06-30", NULL, NULL, NULL, NULL, "2008-07-01", -1, 0);
	party("activist", "2024-01-10", "2024-01-09", NULL, NULL, NULL, NULL, -1, 1);
	party("activist", "2024-01-10", "2024-01-10", NULL, NULL, NULL, NULL, 0, 0);
	/* a full year as activist: 2024-03-01 → 2025-03-01 */
	party("candidate", "2024-01-10", "2024-03-01", "2025-03-01", NULL, NULL, NULL, 0, 0);
	assert_int_equal(talent_rules_party_check(&p, &e), -1);
	assert_int_equal(e.stage, 2);
	assert_string_equal(e.earliest, "2025-03-01");
	/* one year from 29 February ends on 28 February */
	party("candidate", "2024-01-10", "2024-02-29", "2025-02-28", NULL, NULL, NULL, 0, 0);
	party("probationary", "2023-01-10", "2023-03-01", "2024-03-01", "2024-03-01", NULL, NULL, 0, 0);
	party("full", "2023-01-10", "2023-03-01", "2024-03-01", "2024-06-01", "2025-05-31", NULL, -1, 4);
	party("full", "2023-01-10", "2023-03-01", "2024-03-01", "2024-06-01", "2025-06-01", NULL, 0, 0);
	party("full", "2023-01-10", "2023-03-01", "2024-03-01", NULL, "2025-06-01", NULL, -1, 3);
	party("member", "2023-01-10", NULL, NULL, NULL, NULL, NULL, -1, 0);
	party("applicant", "2023-02-30", NULL, NULL, NULL, NULL, NULL, -1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_exit_candidates),
		cmocka_unit_test(test_college),
		cmocka_unit_test(test_birth_bound),
		cmocka_unit_test(test_party),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
