/* test_cell_text: a field value as a spreadsheet cell, for the re-importable
 * data file and for the 报表 (api/transfer.h transfer_cell_text) — the same
 * labels, 是/否 and yuan in both; ids, JSON and period codes only in the file
 * that comes back in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "api/transfer.h"

static const struct enum_value grades[] = {
	{ "excellent", "优秀" },
	{ "competent", "称职" },
	{ NULL, NULL },
};

static const struct field fields[] = {
	{ "grade", "等次", FT_ENUM, 0, grades, NULL, 0, NULL },
	{ "long_absent", "长期在外", FT_BOOL, 0, NULL, NULL, 0, NULL },
	{ "amount_fen", "金额", FT_MONEY, 0, NULL, NULL, 0, NULL },
	{ "count", "人数", FT_INT, 0, NULL, NULL, 0, NULL },
	{ "person_id", "人员", FT_REF, 0, NULL, "persons", 0, NULL },
	{ "village_code", "所在村", FT_DIVISION, 0, NULL, NULL, 0, NULL },
	{ "departments", "联审部门", FT_JSON, 0, NULL, NULL, 0, NULL },
	{ "period", "期间", FT_STRING, F_PERIOD, NULL, NULL, 6, NULL },
	{ "notes", "备注", FT_TEXT, 0, NULL, NULL, 0, NULL },
	FIELD_END,
};

static const struct field *field(const char *name)
{
	const struct field *f;

	for (f = fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static json_t *record(void)
{
	return json_pack("{s:s, s:b, s:I, s:I, s:I, s:s, s:s, s:s, s:[s, s], s:s, s:n}",
			 "grade", "excellent", "long_absent", 1, "amount_fen", (json_int_t)-12345,
			 "count", (json_int_t)44, "person_id", (json_int_t)103,
			 "person_id_label", "蒙春燕", "village_code", "522726111215",
			 "village_code_label", "星朗村", "departments", "组织部", "民政局",
			 "period", "2026Q4", "notes");
}

static void expect(const char *name, const char *data, const char *report)
{
	struct arena *a = arena_new();
	json_t *rec = record();

	assert_string_equal(transfer_cell_text(a, field(name), rec, CELL_DATA), data);
	assert_string_equal(transfer_cell_text(a, field(name), rec, CELL_REPORT), report);
	json_decref(rec);
	arena_free(a);
}

static void test_both_files_read_alike(void **state)
{
	(void)state;
	expect("grade", "优秀", "优秀");
	expect("long_absent", "是", "是");
	expect("amount_fen", "-123.45", "-123.45");
	expect("count", "44", "44");
	expect("notes", "", "");
}

static void test_the_data_file_keeps_what_comes_back_in(void **state)
{
	(void)state;
	expect("person_id", "蒙春燕 #103", "蒙春燕");
	expect("village_code", "星朗村 #522726111215", "星朗村");
	expect("departments", "[\"组织部\",\"民政局\"]", "组织部、民政局");
	expect("period", "2026Q4", "2026年第四季度");
}

static void test_periods_as_people_say_them(void **state)
{
	struct arena *a = arena_new();
	json_t *rec = json_pack("{s:s}", "period", "2026");

	(void)state;
	assert_string_equal(transfer_cell_text(a, field("period"), rec, CELL_REPORT), "2026年度");
	json_object_set_new(rec, "period", json_string("2026Q5"));
	assert_string_equal(transfer_cell_text(a, field("period"), rec, CELL_REPORT), "2026Q5");
	json_object_del(rec, "period");
	assert_string_equal(transfer_cell_text(a, field("period"), rec, CELL_REPORT), "");
	json_decref(rec);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_files_read_alike),
		cmocka_unit_test(test_the_data_file_keeps_what_comes_back_in),
		cmocka_unit_test(test_periods_as_people_say_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
