/* test_workdays: working days under the 2026 arrangements (国务院办公厅关于2026年部分
 * 节假日安排的通知): 春节 2月15日至23日放假, 2月14日(周六)、2月28日(周六)上班. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "domain/workdays.h"

static const char *const off[] = { "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
				   "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22",
				   "2026-02-23" };
static const char *const on[] = { "2026-02-14", "2026-02-28" };
static const struct workday_calendar cal = { off, 9, on, 2 };
static const struct workday_calendar plain = { NULL, 0, NULL, 0 };

static void test_weekday(void **state)
{
	assert_int_equal(date_weekday("1970-01-01"), 4);
	assert_int_equal(date_weekday("2026-11-30"), 1);
	assert_int_equal(date_weekday("2026-02-14"), 6);
	assert_int_equal(date_weekday("2026-02-15"), 7);
	assert_int_equal(date_weekday("1969-12-31"), 3);
	assert_int_equal(date_weekday("2026-02-30"), -1);
}

static void test_is(void **state)
{
	assert_int_equal(workday_is(&cal, "2026-02-13"), 1);  /* Friday */
	assert_int_equal(workday_is(&cal, "2026-02-14"), 1);  /* Saturday, 调休上班 */
	assert_int_equal(workday_is(&cal, "2026-02-16"), 0);  /* Monday, 春节 */
	assert_int_equal(workday_is(&cal, "2026-02-24"), 1);
	assert_int_equal(workday_is(&cal, "2026-02-21"), 0);  /* Saturday in the holiday */
	assert_int_equal(workday_is(&cal, "2026-03-07"), 0);  /* an ordinary Saturday */
	assert_int_equal(workday_is(&plain, "2026-02-16"), 1);
	assert_int_equal(workday_is(&cal, "nonsense"), -1);
}

static void test_add(void **state)
{
	char out[DATE_SIZE];

	assert_int_equal(workday_add(&cal, "2026-02-13", 1, out), 0);
	assert_string_equal(out, "2026-02-14");
	assert_int_equal(workday_add(&cal, "2026-02-14", 1, out), 0);
	assert_string_equal(out, "2026-02-24");
	assert_int_equal(workday_add(&cal, "2026-02-13", 5, out), 0);
	assert_string_equal(out, "2026-02-27");
	assert_int_equal(workday_add(&cal, "2026-02-27", 1, out), 0);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(workday_add(&cal, "2026-02-28", 1, out), 0);
	assert_string_equal(out, "2026-03-02");
	assert_int_equal(workday_add(&cal, "2026-02-16", 0, out), 0);
	assert_string_equal(out, "2026-02-24");
	assert_int_equal(workday_add(&cal, "2026-02-13", 0, out), 0);
	assert_string_equal(out, "2026-02-13");
	assert_int_equal(workday_add(&plain, "2026-11-27", 1, out), 0);
	assert_string_equal(out, "2026-11-30");
	assert_int_equal(workday_add(&cal, "2026-02-13", -1, out), -1);
	assert_int_equal(workday_add(&cal, "2026-13-01", 1, out), -1);
}

static void test_count(void **state)
{
	assert_int_equal(workday_count(&cal, "2026-02-13", "2026-02-28"), 6);
	assert_int_equal(workday_count(&cal, "2026-02-13", "2026-02-13"), 0);
	assert_int_equal(workday_count(&cal, "2026-02-28", "2026-02-13"), 0);
	assert_int_equal(workday_count(&plain, "2026-11-27", "2026-11-30"), 1);
	assert_int_equal(workday_count(&cal, "x", "2026-02-13"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_is),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
