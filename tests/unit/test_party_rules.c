/* test_party_rules: when a post is held, a party member's dates (one year of
 * probation before 转正), the political status a member's dates give, the
 * management levels, and the entries and reimbursement of the party-building
 * funds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "modules/party/party_rules.h"

static void test_serving(void **state)
{
	assert_true(party_rules_serving(NULL, NULL, "2026-06-15"));
	assert_true(party_rules_serving("2026-06-15", NULL, "2026-06-15"));
	assert_false(party_rules_serving("2026-06-16", NULL, "2026-06-15"));
	/* the last day is still served */
	assert_true(party_rules_serving("2020-01-01", "2026-06-15", "2026-06-15"));
	assert_false(party_rules_serving("2020-01-01", "2026-06-14", "2026-06-15"));
	assert_true(party_rules_serving(NULL, "2026-12-31", "2026-06-15"));
	assert_false(party_rules_serving(NULL, NULL, NULL));
}

static void test_staff_dates(void **state)
{
	const char *why = NULL;

	assert_int_equal(party_rules_staff_dates("2024-01-01", "2024-01-01", &why), 0);
	assert_int_equal(party_rules_staff_dates(NULL, "2024-01-01", &why), 0);
	assert_int_equal(party_rules_staff_dates("2024-01-01", NULL, &why), 0);
	assert_int_equal(party_rules_staff_dates("2024-01-02", "2024-01-01", &why), -1);
	assert_non_null(why);
}

static void test_member_dates(void **state)
{
	const char *field = NULL, *why = NULL;
	const char *today = "2026-06-15";

	assert_int_equal(party_rules_member_dates("2020-07-01", "2021-07-01", NULL, today, &field, &why), 0);
	assert_int_equal(party_rules_member_dates(NULL, NULL, NULL, today, &field, &why), 0);
	/* one year of probation, to the day */
	assert_int_equal(party_rules_member_dates("2020-07-01", "2021-06-30", NULL, today, &field, &why), -1);
	assert_string_equal(field, "full_on");
	/* 29 February: a year on is 28 February */
	assert_int_equal(party_rules_member_dates("2024-02-29", "2025-02-28", NULL, today, &field, &why), 0);
	assert_int_equal(party_rules_member_dates("2026-06-16", NULL, NULL, today, &field, &why), -1);
	assert_string_equal(field, "joined_on");
	assert_int_equal(party_rules_member_dates("2020-07-01", "2026-06-16", NULL, today, &field, &why), -1);
	assert_string_equal(field, "full_on");
	assert_int_equal(party_rules_member_dates("2020-07-01", NULL, "2020-06-30", today, &field, &why), -1);
	assert_string_equal(field, "left_on");
	assert_int_equal(party_rules_member_dates("2020-07-01", NULL, "2020-07-01", today, &field, &why), 0);
	assert_int_equal(party_rules_member_dates(NULL, NULL, "2026-06-16", today, &field, &why), -1);
	assert_string_equal(field, "left_on");
	assert_int_equal(party_rules_member_dates("not a date", "2021-07-01", NULL, today, &field, &why), -1);
	assert_string_equal(field, "joined_on");
}

static void test_political_status(void **state)
{
	assert_string_equal(party_rules_political_status("2026-01-01", NULL, "2026-06-15"), "probationary");
	assert_string_equal(party_rules_political_status("2025-06-15", NULL, "2026-06-15"), "member");
	assert_string_equal(party_rules_political_status("2025-06-16", NULL, "2026-06-15"), "probationary");
	assert_string_equal(party_rules_political_status("2026-01-01", "2027-01-01", "2026-06-15"), "member");
	assert_string_equal(party_rules_political_status(NULL, NULL, "2026-06-15"), "member");
}

static void test_management(void **state)
{
	assert_true(party_rules_is_management("manager"));
	assert_true(party_rules_is_management("middle"));
	assert_true(party_rules_is_management("key_staff"));
	assert_false(party_rules_is_management("staff"));
	assert_false(party_rules_is_management("other"));
	assert_false(party_rules_is_management(NULL));
}

static void test_fund_entry(void **state)
{
	const char *field = NULL, *why = NULL;
	const char *today = "2026-06-15";

	assert_int_equal(party_rules_fund_entry("income", 1, NULL, today, today, &field, &why), 0);
	assert_int_equal(party_rules_fund_entry("expense", 100, "主题党日", today, today, &field, &why), 0);
	assert_int_equal(party_rules_fund_entry("expense", 100, NULL, today, today, &field, &why), -1);
	assert_string_equal(field, "purpose");
	assert_int_equal(party_rules_fund_entry("expense", 100, "", today, today, &field, &why), -1);
	assert_int_equal(party_rules_fund_entry("income", 0, NULL, today, today, &field, &why), -1);
	assert_string_equal(field, "amount_fen");
	assert_int_equal(party_rules_fund_entry("income", -5, NULL, today, today, &field, &why), -1);
	assert_int_equal(party_rules_fund_entry("income", PARTY_RULES_MAX_FEN, NULL, today, today, &field, &why), 0);
	assert_int_equal(party_rules_fund_entry("income", PARTY_RULES_MAX_FEN + 1, NULL, today, today, &field, &why), -1);
	assert_int_equal(party_rules_fund_entry("income", 1, NULL, "2026-06-16", today, &field, &why), -1);
	assert_string_equal(field, "entry_on");
}

static void test_fund_decided(void **state)
{
	assert_false(party_rules_fund_decided("recorded"));
	assert_false(party_rules_fund_decided("submitted"));
	assert_true(party_rules_fund_decided("approved"));
	assert_true(party_rules_fund_decided("reimbursed"));
	assert_true(party_rules_fund_decided("rejected"));
	assert_false(party_rules_fund_decided(NULL));
}

static void test_reimbursed(void **state)
{
	const char *why = NULL;
	long long out = 0;

	assert_int_equal(party_rules_reimbursed(50000, -1, &out, &why), 0);
	assert_int_equal(out, 50000);
	assert_int_equal(party_rules_reimbursed(50000, 48250, &out, &why), 0);
	assert_int_equal(out, 48250);
	assert_int_equal(party_rules_reimbursed(50000, 50001, &out, &why), -1);
	assert_non_null(why);
	assert_int_equal(party_rules_reimbursed(50000, 0, &out, &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serving),
		cmocka_unit_test(test_staff_dates),
		cmocka_unit_test(test_member_dates),
		cmocka_unit_test(test_political_status),
		cmocka_unit_test(test_management),
		cmocka_unit_test(test_fund_entry),
		cmocka_unit_test(test_fund_decided),
		cmocka_unit_test(test_reimbursed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
