/* test_xls: old Excel workbooks (.xls, BIFF8) through freexl — every sheet by
 * name, text, numbers, date cells and ID numbers kept as text, and refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "fixture_file.h"
#include "io/xls_read.h"

/* The field's .xls: one sheet, an 18-digit ID number stored as text. */
static void test_field_file(void **state)
{
	struct buf data = BUF_INIT, err = BUF_INIT;
	struct book b = BOOK_INIT;

	load("tests/fixtures/field/07-legacy.xls", &data);
	assert_int_equal(xls_looks_like(data.ptr, data.len), 1);
	if (xls_read_book(data.ptr, data.len, &b, &err))
		print_error("xls_read_book: %s\n", err.ptr);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.sheets[0].name, "人员台账");
	assert_int_equal(b.sheets[0].rows[0].line, 1);
	assert_string_equal(sheet_cell(&b.sheets[0], 0, 0), "姓名");
	assert_string_equal(sheet_cell(&b.sheets[0], 1, 1), "522726199503140715");
	book_release(&b);
	buf_release(&data);
	buf_release(&err);
}

/* Written by LibreOffice (books.mjs): sheets in order, numbers as shown,
 * date cells as dates, a General-cell serial kept as its number. */
static void test_libreoffice_file(void **state)
{
	struct buf data = BUF_INIT, err = BUF_INIT;
	struct book b = BOOK_INIT;
	const struct sheet *s;

	load("tests/fixtures/field/23-sheet-per-village.xls", &data);
	assert_int_equal(xls_read_book(data.ptr, data.len, &b, &err), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.sheets[0].name, "下司村");
	assert_string_equal(b.sheets[1].name, "北盛村");
	assert_string_equal(b.sheets[2].name, "Sheet3");
	s = &b.sheets[0];
	assert_string_equal(sheet_cell(s, 1, 0), "1");
	assert_string_equal(sheet_cell(s, 1, 1), "钱一");
	assert_string_equal(sheet_cell(s, 1, 4), "8548123456");
	book_release(&b);
	buf_reset(&data);

	load("tests/fixtures/field/25-date-cells.xls", &data);
	assert_int_equal(xls_read_book(data.ptr, data.len, &b, &err), 0);
	s = &b.sheets[0];
	assert_int_equal(s->date1904, 0);
	assert_string_equal(sheet_cell(s, 1, 2), "34772");
	assert_string_equal(sheet_cell(s, 3, 2), "1970-02-03");
	book_release(&b);
	buf_release(&data);
	buf_release(&err);
}

static void test_refusals(void **state)
{
	static const char ole2[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and nothing of a workbook";
	struct buf err = BUF_INIT;
	struct book b = BOOK_INIT;

	assert_int_equal(xls_read_book("", 0, &b, &err), -1);
	assert_string_equal(err.ptr, "文件为空");
	assert_int_equal(xls_read_book("PK\x03\x04", 4, &b, &err), -1);
	assert_non_null(strstr(err.ptr, ".xls"));
	assert_int_equal(xls_looks_like("PK\x03\x04", 4), 0);
	assert_int_equal(xls_read_book(ole2, sizeof(ole2) - 1, &b, &err), -1);
	assert_non_null(strstr(err.ptr, ".xls"));
	assert_int_equal(b.n, 0);
	book_release(&b);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_file),
		cmocka_unit_test(test_libreoffice_file),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
