/* test_pairing_rules: a pairing's cadence across month ends and leap years,
 * the due-date bound the list filter uses (checked against the cadence itself
 * over every day of several years), activity and the 村/社区 of a division. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "modules/pairing/pairing_rules.h"

static void next_due_is(const char *last, const char *start, int months, const char *want)
{
	char out[DATE_SIZE];

	assert_int_equal(pairing_rules_next_due(last, start, months, out), 0);
	assert_string_equal(out, want);
}

static void test_next_due_month_ends(void **state)
{
	/* the issue's own examples: 01-31 + 1 month = 02-28, or 02-29 in a leap year */
	next_due_is("2023-01-31", "2020-01-01", 1, "2023-02-28");
	next_due_is("2024-01-31", "2020-01-01", 1, "2024-02-29");
	next_due_is("2024-01-30", "2020-01-01", 1, "2024-02-29");
	next_due_is("2024-01-29", "2020-01-01", 1, "2024-02-29");
	next_due_is("2024-01-28", "2020-01-01", 1, "2024-02-28");
	/* every two months: 12-31 → 02-28/29 of the next year; 08-31 → 10-31; 03-31 → 05-31 */
	next_due_is("2023-12-31", "2020-01-01", 2, "2024-02-29");
	next_due_is("2024-12-31", "2020-01-01", 2, "2025-02-28");
	next_due_is("2024-08-31", "2020-01-01", 2, "2024-10-31");
	next_due_is("2024-03-31", "2020-01-01", 1, "2024-04-30");
	next_due_is("2024-03-31", "2020-01-01", 2, "2024-05-31");
	/* a quarter, a year; 1900 was not a leap year, 2000 was */
	next_due_is("2024-11-30", "2020-01-01", 3, "2025-02-28");
	next_due_is("2024-02-29", "2020-01-01", 12, "2025-02-28");
	next_due_is("1899-12-31", "1899-01-01", 2, "1900-02-28");
	next_due_is("1999-12-31", "1999-01-01", 2, "2000-02-29");
	/* no visit yet: from the start */
	next_due_is(NULL, "2024-01-31", 1, "2024-02-29");
	next_due_is("", "2024-05-15", 2, "2024-07-15");
}

static void test_next_due_refused(void **state)
{
	char out[DATE_SIZE];

	assert_int_equal(pairing_rules_next_due("2024-01-01", "2024-01-01", 0, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(pairing_rules_next_due("2024-01-01", "2024-01-01", 13, out), -1);
	assert_int_equal(pairing_rules_next_due(NULL, NULL, 1, out), -1);
	assert_int_equal(pairing_rules_next_due("2024-02-30", NULL, 1, out), -1);
}

static void test_cadence(void **state)
{
	assert_string_equal(pairing_rules_cadence("2024-02-29", "2024-02-29"), "ok");
	assert_string_equal(pairing_rules_cadence("2024-02-29", "2024-02-28"), "ok");
	assert_string_equal(pairing_rules_cadence("2024-02-29", "2024-03-01"), "overdue");
	assert_null(pairing_rules_cadence(NULL, "2024-03-01"));
	assert_null(pairing_rules_cadence("", "2024-03-01"));
}

static void test_threshold_examples(void **state)
{
	char out[DATE_SIZE];

	/* due on or after 03-31: a month earlier than 03-31 is no day of February */
	assert_int_equal(pairing_rules_due_threshold("2024-03-31", 1, out), 0);
	assert_string_equal(out, "2024-03-01");
	assert_int_equal(pairing_rules_due_threshold("2024-03-29", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(pairing_rules_due_threshold("2023-03-29", 1, out), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(pairing_rules_due_threshold("2024-03-15", 2, out), 0);
	assert_string_equal(out, "2024-01-15");
	assert_int_equal(pairing_rules_due_threshold("2024-01-15", 2, out), 0);
	assert_string_equal(out, "2023-11-15");
	assert_int_equal(pairing_rules_due_threshold("2024-01-15", 0, out), -1);
	assert_int_equal(pairing_rules_due_threshold("2024-13-15", 1, out), -1);
}

/* For every cadence and every base day of 2022–2025, next_due(b) >= on agrees
 * with b >= threshold(on) on every day of 2023–2024 (leap and common years). */
static void test_threshold_agrees_with_cadence(void **state)
{
	static const int months[] = { 1, 2, 3, 4, 6, 11, 12 };
	enum { NB = 4 * 366, NO = 2 * 366 };
	char (*base)[DATE_SIZE] = malloc(sizeof(*base) * NB);
	char (*due)[DATE_SIZE] = malloc(sizeof(*due) * NB);
	char on[DATE_SIZE], th[DATE_SIZE];
	int nb = 0, i, j, k;

	assert_non_null(base);
	assert_non_null(due);
	for (i = 0; i < NB; i++) {
		assert_int_equal(date_add_days("2022-01-01", i, base[nb]), 0);
		if (strncmp(base[nb], "2026", 4))
			nb++;
	}
	for (k = 0; k < (int)(sizeof(months) / sizeof(months[0])); k++) {
		for (i = 0; i < nb; i++)
			assert_int_equal(pairing_rules_next_due(base[i], NULL, months[k], due[i]), 0);
		for (j = 0; j < NO; j++) {
			assert_int_equal(date_add_days("2023-01-01", j, on), 0);
			if (!strncmp(on, "2025", 4))
				break;
			assert_int_equal(pairing_rules_due_threshold(on, months[k], th), 0);
			for (i = 0; i < nb; i++)
				if ((strcmp(due[i], on) >= 0) != (strcmp(base[i], th) >= 0))
					fail_msg("%d months, base %s, due %s, on %s, bound %s",
						 months[k], base[i], due[i], on, th);
		}
	}
	free(base);
	free(due);
}

static void test_active(void **state)
{
	assert_true(pairing_rules_active("2024-01-01", NULL, "2024-01-01"));
	assert_true(pairing_rules_active("2024-01-01", "", "2030-01-01"));
	assert_true(pairing_rules_active("2024-01-01", "2024-06-30", "2024-06-30"));
	assert_false(pairing_rules_active("2024-01-01", "2024-06-30", "2024-07-01"));
	assert_false(pairing_rules_active("2024-01-02", NULL, "2024-01-01"));
	assert_false(pairing_rules_active(NULL, NULL, "2024-01-01"));
}

static void test_year(void **state)
{
	char a[DATE_SIZE], b[DATE_SIZE];

	assert_int_equal(pairing_rules_year("2024-02-29", a, b), 0);
	assert_string_equal(a, "2024-01-01");
	assert_string_equal(b, "2024-12-31");
	assert_int_equal(pairing_rules_year("2023-02-29", a, b), -1);
	assert_int_equal(pairing_rules_year(NULL, a, b), -1);
}

static void test_place(void **state)
{
	assert_string_equal(pairing_rules_place("522727108203"), "village");  /* 新坪村 */
	assert_string_equal(pairing_rules_place("522725002006"), "community"); /* 新庄社区 */
	assert_string_equal(pairing_rules_place("522727108001"), "community");
	assert_string_equal(pairing_rules_place("522727108399"), "village");
	assert_null(pairing_rules_place("522727108000"));
	assert_null(pairing_rules_place("522727108400"));
	assert_null(pairing_rules_place("522727108"));
	assert_null(pairing_rules_place(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_due_month_ends),
		cmocka_unit_test(test_next_due_refused),
		cmocka_unit_test(test_cadence),
		cmocka_unit_test(test_threshold_examples),
		cmocka_unit_test(test_threshold_agrees_with_cadence),
		cmocka_unit_test(test_active),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
