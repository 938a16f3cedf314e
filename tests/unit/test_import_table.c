/* test_import_table: finding the table of a ledger in a sheet — the header
 * below titles, two-row headers, 序号, 合计 and 填表人 rows, unknown and
 * unlabelled columns, the sheet that matches best. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "api/import_table.h"
#include "modules/platform/platform.h"

/* Appends a row of `line` with n cells ("" for empty). */
static void row(struct sheet *s, unsigned line, size_t n, ...)
{
	struct sheet_row *r = sheet_add_row(s, line);
	va_list ap;
	size_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *t = va_arg(ap, const char *);

		sheet_add_cell(r, t, strlen(t));
	}
	va_end(ap);
	sheet_row_trim(r);
}

static void test_title_two_row_header_and_trailers(void **state)
{
	struct arena *a = arena_new();
	struct book b = BOOK_INIT;
	struct sheet *s = book_add(&b, "台账");
	struct import_table t;
	struct buf err = BUF_INIT;

	row(s, 1, 5, "下司村人员台账", "下司村人员台账", "下司村人员台账", "下司村人员台账", "下司村人员台账");
	row(s, 2, 5, "填报单位：下司村", "", "", "填报时间：2025年", "");
	row(s, 3, 5, "序号", "基本信息", "基本信息", "联系方式", "所在村");
	row(s, 4, 5, "序号", "姓  名", "公民身份号码", "手机", "");
	row(s, 5, 5, "1", "张三", "522726199001011234", "13912345678", "下司村");
	row(s, 6, 5, "序号", "姓  名", "公民身份号码", "手机", ""); /* repeated on a printed page */
	row(s, 7, 5, "2", "", "", "", "");
	row(s, 8, 5, "小计", "1人", "", "", "");
	row(s, 9, 2, "制表人：李四", "");
	assert_int_equal(import_table_find(a, &res_persons, &b, NULL, &t, &err), 0);
	assert_int_equal(t.nheader, 2);
	assert_int_equal(t.header_lines[0], 3);
	assert_int_equal(t.header_lines[1], 4);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.sheet->rows[t.rows[0]].line, 5);
	assert_int_equal(t.cols[0].role, COL_SEQ);
	assert_string_equal(t.cols[1].f->name, "name");
	assert_string_equal(t.cols[1].header, "基本信息/姓  名");
	assert_string_equal(t.cols[2].f->name, "id_number");
	assert_string_equal(t.cols[3].f->name, "phone");
	assert_string_equal(t.cols[4].f->name, "division_code"); /* named by the upper row alone */
	assert_int_equal(t.nskips, 6);
	assert_int_equal(t.skips[0].line, 1);
	assert_int_equal(t.skips[1].line, 2);
	assert_string_equal(t.skips[2].reason, "重复的表头");
	assert_string_equal(t.skips[3].reason, "只有序号的空行");
	assert_string_equal(t.skips[4].reason, "合计行");
	assert_string_equal(t.skips[5].reason, "表格下方的签字或说明");
	assert_int_equal(json_array_size(t.problems), 0);
	json_decref(t.problems);
	book_release(&b);
	buf_release(&err);
	arena_free(a);
}

static void test_columns_and_problems(void **state)
{
	struct arena *a = arena_new();
	struct book b = BOOK_INIT;
	struct sheet *s = book_add(&b, NULL);
	struct import_table t;
	struct buf err = BUF_INIT;
	json_t *report = json_object();

	row(s, 1, 6, "姓名", "姓名*", "鞋码", "", "年份（格式：2024）", "ID");
	row(s, 2, 6, "张三", "张三", "42", "备注写在这里", "", "7");
	assert_int_equal(import_table_find(a, &res_persons, &b, NULL, &t, &err), 0);
	assert_int_equal(t.cols[2].role, COL_UNKNOWN);
	assert_int_equal(t.cols[3].role, COL_UNKNOWN);
	assert_int_equal(t.cols[3].data_rows, 1);
	assert_int_equal(t.cols[4].role, COL_UNKNOWN); /* no data: reported, not refused */
	assert_int_equal(t.cols[5].role, COL_ID);
	/* 姓名 twice, 所在地区 missing */
	assert_int_equal(json_array_size(t.problems), 2);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(t.problems, 0), "message")),
			       "重复"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(t.problems, 1), "field")),
			    "division_code");
	assert_int_equal(import_table_report(a, &t, &b, 0, report), 2);
	assert_int_equal(import_table_report(a, &t, &b, 1, report), 0);
	assert_string_equal(import_column_name(a, 0), "A");
	assert_string_equal(import_column_name(a, 25), "Z");
	assert_string_equal(import_column_name(a, 26), "AA");
	assert_string_equal(import_column_name(a, 16383), "XFD");
	json_decref(report);
	json_decref(t.problems);
	book_release(&b);
	buf_release(&err);
	arena_free(a);
}

static void test_choosing_the_sheet(void **state)
{
	struct arena *a = arena_new();
	struct book b = BOOK_INIT;
	struct import_table t;
	struct buf err = BUF_INIT;

	row(book_add(&b, "填表说明"), 1, 1, "1. 姓名：按身份证填写");
	row(book_add(&b, "汇总"), 1, 2, "姓名", "备注");
	row(book_add(&b, "名册"), 1, 3, "姓名", "身份证号", "所在地区");
	assert_int_equal(import_table_find(a, &res_persons, &b, NULL, &t, &err), 0);
	assert_int_equal(t.sheet_index, 2);
	assert_string_equal(t.also[0], "汇总");
	assert_null(t.also[1]);
	json_decref(t.problems);
	assert_int_equal(import_table_find(a, &res_persons, &b, "汇总", &t, &err), 0);
	assert_int_equal(t.sheet_index, 1);
	json_decref(t.problems);
	assert_int_equal(import_table_find(a, &res_persons, &b, "没有", &t, &err), -1);
	assert_non_null(strstr(err.ptr, "没有名为“没有”的工作表"));
	json_decref(t.problems);
	assert_int_equal(import_table_find(a, &res_persons, &b, "填表说明", &t, &err), -1);
	assert_non_null(strstr(err.ptr, "找不到人员的表头"));
	json_decref(t.problems);
	book_release(&b);
	buf_release(&err);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_two_row_header_and_trailers),
		cmocka_unit_test(test_columns_and_problems),
		cmocka_unit_test(test_choosing_the_sheet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
