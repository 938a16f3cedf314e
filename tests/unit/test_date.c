/* test_date: date parsing from clerks' and spreadsheets' forms, calendar checks, ages,
 * arithmetic, today's date and RFC 3339 times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/date.h"

static void parses_to(const char *in, const char *want)
{
	char out[DATE_SIZE];
	const char *why = "unset";

	if (date_parse(in, out, &why))
		fail_msg("date_parse(\"%s\") refused: %s", in, why);
	assert_string_equal(out, want);
	assert_null(why);
}

static void refuses(const char *in, const char *want_why)
{
	char out[DATE_SIZE];
	const char *why = NULL;

	assert_int_equal(date_parse(in, out, &why), -1);
	assert_string_equal(out, "");
	assert_non_null(why);
	if (want_why)
		assert_string_equal(why, want_why);
}

static void test_parse_forms(void **state)
{
	parses_to("2024-03-05", "2024-03-05");
	parses_to("2024-3-5", "2024-03-05");
	parses_to("2024/3/5", "2024-03-05");
	parses_to("2024/03/05", "2024-03-05");
	parses_to("2024.3.5", "2024-03-05");
	parses_to("20240305", "2024-03-05");
	parses_to("2024年3月5日", "2024-03-05");
	parses_to("2024年12月31日", "2024-12-31");
	parses_to("  2024-03-05\t", "2024-03-05");
	parses_to("1800-01-01", "1800-01-01");
	parses_to("9999-12-31", "9999-12-31");
}

static void test_parse_refuses(void **state)
{
	static const char fmt[] = "日期格式不正确，应为如2024-03-05";

	refuses("", fmt);
	refuses("   ", fmt);
	refuses("2024-03/05", fmt);  /* mixed separators */
	refuses("2024-03-05x", fmt);
	refuses("2024-003-05", fmt);
	refuses("24-03-05", fmt);
	refuses("2024年3月5", fmt);
	refuses("2024年3-5日", fmt);
	refuses("202403051", fmt);
	refuses("2024-03-05 25:00", fmt);
	refuses("2024-03-05 10", fmt);
	refuses("2024-03-05 10:00 x", fmt);
	refuses("abcd-ef-gh", fmt);
	refuses("45356", "日期被表格软件转成了数字，请把该列的单元格格式设置为“日期”后重新保存");
	refuses("1799-12-31", "年份不正确（应在1800年以后）");
	refuses("0000-01-01", "年份不正确（应在1800年以后）");
	refuses("2024-13-01", "月份应为1–12");
	refuses("2024-00-10", "月份应为1–12");
	refuses("2024-04-31", "日期不存在（该月没有这一天）");
	refuses("2024-01-00", "日期不存在（该月没有这一天）");
	refuses("20240230", "日期不存在（该月没有这一天）");
}

static void test_parse_time_part(void **state)
{
	parses_to("1995-03-14 00:00:00", "1995-03-14");
	parses_to("1995/3/14 8:30", "1995-03-14");
	parses_to("1995-03-14T08:30:00.000", "1995-03-14");
	parses_to("1995.03.14 23:59:59", "1995-03-14");
	parses_to("1995年3月14日 00:00", "1995-03-14");
}

static void month_parses_to(const char *in, const char *want)
{
	char out[DATE_SIZE];
	const char *why = "unset";

	if (date_parse_as(in, DATE_MONTH, out, &why))
		fail_msg("date_parse_as(\"%s\", DATE_MONTH) refused: %s", in, why);
	assert_string_equal(out, want);
	assert_null(why);
}

static void test_parse_month(void **state)
{
	static const char month_only[] = "只有年月，应填写到日，如2024-03-05";

	month_parses_to("2024.06", "2024-06-01");
	month_parses_to("2024.6", "2024-06-01");
	month_parses_to("2024-6", "2024-06-01");
	month_parses_to("2024/06", "2024-06-01");
	month_parses_to("2024年6月", "2024-06-01");
	month_parses_to("202406", "2024-06-01");
	month_parses_to("2024-06-15", "2024-06-15"); /* whole dates as ever */
	refuses("2024.06", month_only);
	refuses("1995.3", month_only);
	refuses("2024年6月", month_only);
	refuses("202406", month_only);
	refuses("2024.13", "月份应为1–12");
}

static void test_serial(void **state)
{
	char out[DATE_SIZE];

	assert_int_equal(date_from_serial(34772, 0, out), 0);
	assert_string_equal(out, "1995-03-14");
	assert_int_equal(date_from_serial(32874, 0, out), 0);
	assert_string_equal(out, "1990-01-01");
	assert_int_equal(date_from_serial(45356, 0, out), 0);
	assert_string_equal(out, "2024-03-05");
	assert_int_equal(date_from_serial(33310, 1, out), 0); /* 1904 system: 1461 days less */
	assert_string_equal(out, "1995-03-14");
	assert_int_equal(date_from_serial(DATE_SERIAL_MAX, 0, out), 0);
	assert_string_equal(out, "2099-12-31");
	assert_int_equal(date_from_serial(DATE_SERIAL_MIN, 0, out), 0);
	assert_string_equal(out, "1927-05-18");
	assert_int_equal(date_from_serial(1995, 0, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(date_from_serial(DATE_SERIAL_MAX + 1, 0, out), -1);
}

static void test_parse_null_why(void **state)
{
	char out[DATE_SIZE];

	assert_int_equal(date_parse("2024-02-30", out, NULL), -1);
	assert_int_equal(date_parse(NULL, out, NULL), -1);
}

static void test_leap_days(void **state)
{
	parses_to("2024-02-29", "2024-02-29");
	parses_to("2000-02-29", "2000-02-29"); /* divisible by 400 */
	refuses("2023-02-29", "日期不存在（该月没有这一天）");
	refuses("1900-02-29", "日期不存在（该月没有这一天）"); /* divisible by 100 */
	refuses("2100/2/29", "日期不存在（该月没有这一天）");
	assert_int_equal(date_valid("2024-02-29"), 0);
	assert_int_equal(date_valid("2023-02-29"), -1);
}

static void test_valid(void **state)
{
	assert_int_equal(date_valid("2024-03-05"), 0);
	assert_int_equal(date_valid("0001-01-01"), 0);
	assert_int_equal(date_valid("2024-3-5"), -1);
	assert_int_equal(date_valid("2024-03-05 "), -1);
	assert_int_equal(date_valid("2024/03/05"), -1);
	assert_int_equal(date_valid(""), -1);
	assert_int_equal(date_valid(NULL), -1);
}

static void test_age(void **state)
{
	assert_int_equal(date_age("1990-06-15", "2024-06-14"), 33);
	assert_int_equal(date_age("1990-06-15", "2024-06-15"), 34); /* on the birthday */
	assert_int_equal(date_age("1990-06-15", "2024-06-16"), 34);
	assert_int_equal(date_age("1990-06-15", "2024-01-01"), 33);
	assert_int_equal(date_age("2024-03-05", "2024-03-05"), 0);
	/* Born 29 February: a year older on 1 March in common years, on the day in leap years. */
	assert_int_equal(date_age("2000-02-29", "2023-02-28"), 22);
	assert_int_equal(date_age("2000-02-29", "2023-03-01"), 23);
	assert_int_equal(date_age("2000-02-29", "2024-02-28"), 23);
	assert_int_equal(date_age("2000-02-29", "2024-02-29"), 24);
	assert_int_equal(date_age("2024-03-06", "2024-03-05"), -1);
	assert_int_equal(date_age("bad", "2024-03-05"), -1);
	assert_int_equal(date_age("2024-03-05", "2024-02-30"), -1);
}

/* "35岁以下" means age ≤ 35 at the reference date: the day before the 36th birthday is in,
 * the birthday itself is out. */
static void test_age_35_36_boundary(void **state)
{
	assert_int_equal(date_age("1988-12-31", "2024-12-30"), 35);
	assert_int_equal(date_age("1988-12-31", "2024-12-31"), 36);
	assert_int_equal(date_age("1989-01-01", "2024-12-31"), 35);
	assert_int_equal(date_age("1989-12-31", "2024-12-31"), 35);
}

static void test_today(void **state)
{
	char out[DATE_SIZE];

	setenv("JICENG_TODAY", "2031-07-04", 1);
	date_today(out);
	assert_string_equal(out, "2031-07-04");
	setenv("JICENG_TODAY", "2031-02-30", 1); /* invalid: ignored */
	date_today(out);
	assert_int_equal(date_valid(out), 0);
	assert_string_not_equal(out, "2031-02-30");
	unsetenv("JICENG_TODAY");
	date_today(out);
	assert_int_equal(date_valid(out), 0);
	assert_true(strcmp(out, "2024-01-01") > 0);
}

static void test_now(void **state)
{
	char out[DATE_TIME_SIZE], back[DATE_TIME_SIZE];

	date_now_rfc3339(out);
	assert_int_equal(strlen(out), 20);
	assert_int_equal(out[10], 'T');
	assert_int_equal(out[19], 'Z');
	assert_int_equal(date_parse_datetime(out, back, NULL), 0);
	assert_string_equal(out, back);
}

static void adds_months(const char *d, int n, const char *want)
{
	char out[DATE_SIZE];

	assert_int_equal(date_add_months(d, n, out), 0);
	assert_string_equal(out, want);
}

static void test_add_months(void **state)
{
	char out[DATE_SIZE];

	adds_months("2024-03-05", 1, "2024-04-05");
	adds_months("2024-01-31", 1, "2024-02-29");
	adds_months("2023-01-31", 1, "2023-02-28");
	adds_months("2024-03-31", -1, "2024-02-29");
	adds_months("2024-05-31", 1, "2024-06-30");
	adds_months("2024-11-15", 2, "2025-01-15");
	adds_months("2024-01-15", -1, "2023-12-15");
	adds_months("2024-01-15", -25, "2021-12-15");
	adds_months("2024-02-29", 12, "2025-02-28");
	adds_months("2024-02-29", 48, "2028-02-29");
	adds_months("2024-03-05", 0, "2024-03-05");
	assert_int_equal(date_add_months("9999-12-01", 1, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(date_add_months("0001-01-01", -1, out), -1);
	assert_int_equal(date_add_months("2024-02-30", 1, out), -1);
	assert_int_equal(date_add_months("2024-01-01", 2147483647, out), -1);
	assert_int_equal(date_add_months("2024-01-01", -2147483647 - 1, out), -1);
}

static void adds_days(const char *d, int n, const char *want)
{
	char out[DATE_SIZE];

	assert_int_equal(date_add_days(d, n, out), 0);
	assert_string_equal(out, want);
}

static void test_add_days(void **state)
{
	char out[DATE_SIZE];

	adds_days("2024-02-28", 1, "2024-02-29");
	adds_days("2024-02-29", 1, "2024-03-01");
	adds_days("2023-02-28", 1, "2023-03-01");
	adds_days("2024-12-31", 1, "2025-01-01");
	adds_days("2025-01-01", -1, "2024-12-31");
	adds_days("1970-01-01", -1, "1969-12-31");
	adds_days("2024-01-01", 366, "2025-01-01");
	adds_days("2000-01-01", 0, "2000-01-01");
	adds_days("1900-03-01", -1, "1900-02-28");
	assert_int_equal(date_add_days("9999-12-31", 1, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(date_add_days("0001-01-01", -1, out), -1);
	assert_int_equal(date_add_days("x", 1, out), -1);
	assert_int_equal(date_add_days("2024-01-01", 2147483647, out), -1);
}

static void test_diff_days(void **state)
{
	int n = 99;

	assert_int_equal(date_diff_days("2024-01-01", "2025-01-01", &n), 0);
	assert_int_equal(n, 366);
	assert_int_equal(date_diff_days("2025-01-01", "2024-01-01", &n), 0);
	assert_int_equal(n, -366);
	assert_int_equal(date_diff_days("2023-03-01", "2023-02-28", &n), 0);
	assert_int_equal(n, -1);
	assert_int_equal(date_diff_days("1970-01-01", "1970-01-01", &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(date_diff_days("1900-01-01", "2000-01-01", &n), 0);
	assert_int_equal(n, 36524);
	assert_int_equal(date_diff_days("0001-01-01", "9999-12-31", &n), 0);
	assert_int_equal(n, 3652058);
	assert_int_equal(date_diff_days("2024-02-30", "2024-03-01", &n), -1);
	assert_int_equal(n, 0);
}

static void datetime_is(const char *in, const char *want)
{
	char out[DATE_TIME_SIZE];
	const char *why = "unset";

	if (date_parse_datetime(in, out, &why))
		fail_msg("date_parse_datetime(\"%s\") refused: %s", in, why);
	assert_string_equal(out, want);
}

static void datetime_refused(const char *in, const char *want_why)
{
	char out[DATE_TIME_SIZE];
	const char *why = NULL;

	assert_int_equal(date_parse_datetime(in, out, &why), -1);
	assert_string_equal(out, "");
	assert_non_null(why);
	if (want_why)
		assert_string_equal(why, want_why);
}

static void test_datetime(void **state)
{
	datetime_is("2024-03-05T08:30:00Z", "2024-03-05T08:30:00Z");
	datetime_is("2024-03-05T08:30:00+08:00", "2024-03-05T00:30:00Z");
	datetime_is("2024-03-05T06:30:00+08:00", "2024-03-04T22:30:00Z");
	datetime_is("2024-03-01T07:00:00+08:00", "2024-02-29T23:00:00Z");
	datetime_is("2024-12-31T20:00:00-05:00", "2025-01-01T01:00:00Z");
	datetime_is("2024-03-05t08:30:00z", "2024-03-05T08:30:00Z");
	datetime_is("2024-03-05 08:30:00Z", "2024-03-05T08:30:00Z");
	datetime_is("2024-03-05T08:30:59.999Z", "2024-03-05T08:30:59Z");
	datetime_is("2024-03-05T08:30:00.5+05:30", "2024-03-05T03:00:00Z");
	datetime_is("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z");
	datetime_is("1970-01-01T00:00:00+00:01", "1969-12-31T23:59:00Z");
	datetime_is("  2024-03-05T08:30:00Z ", "2024-03-05T08:30:00Z");
	datetime_refused("2024-03-05T08:30:00", "时间缺少时区，应以Z或+08:00这样的时差结尾");
	datetime_refused("2024-03-05T24:00:00Z", "时间不存在（时应为0–23，分、秒应为0–59）");
	datetime_refused("2024-03-05T08:60:00Z", NULL);
	datetime_refused("2024-03-05T08:30:60Z", NULL); /* leap second */
	datetime_refused("2024-03-05T08:30:00+24:00", NULL);
	datetime_refused("2023-02-29T08:30:00Z", "日期不存在（该月没有这一天）");
	datetime_refused("2024-03-05", NULL);
	datetime_refused("2024-03-05T08:30Z", NULL);
	datetime_refused("2024-03-05T08:30:00.Z", NULL);
	datetime_refused("2024-03-05T08:30:00+0800", NULL);
	datetime_refused("2024-03-05T08:30:00Zjunk", NULL);
	datetime_refused("0001-01-01T00:00:00+01:00", "时间超出范围");
	datetime_refused("9999-12-31T23:00:00-01:00", "时间超出范围");
	datetime_refused("", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_parse_time_part),
		cmocka_unit_test(test_parse_month),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_parse_null_why),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_age_35_36_boundary),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_diff_days),
		cmocka_unit_test(test_datetime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
