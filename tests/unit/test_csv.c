/* Unit tests for src/io/csv.c: RFC 4180 parsing, encodings (UTF-8, BOM,
 * GBK/GB18030, garbage), trimming, formula-injection guard, round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "io/csv.h"
#include "io/sheet.h"

/* Reads text with csv_read(), expecting success. */
static void read_ok(const char *data, size_t len, struct sheet *s)
{
	struct buf err = BUF_INIT;
	int r;

	sheet_init(s);
	r = csv_read(data, len, s, &err);
	if (r)
		print_error("csv_read: %s\n", err.ptr);
	assert_int_equal(r, 0);
	buf_release(&err);
}

/* Reads text expecting failure; the message must contain `want`. */
static void read_fails(const char *data, size_t len, const char *want)
{
	struct sheet s;
	struct buf err = BUF_INIT;

	sheet_init(&s);
	assert_int_equal(csv_read(data, len, &s, &err), -1);
	if (!strstr(err.ptr, want))
		print_error("message [%s] lacks [%s]\n", err.ptr, want);
	assert_non_null(strstr(err.ptr, want));
	sheet_release(&s);
	buf_release(&err);
}

static void assert_row(const struct sheet *s, size_t r, unsigned line,
		       size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_true(r < s->nrows);
	assert_int_equal(s->rows[r].line, line);
	assert_int_equal(s->rows[r].ncells, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(s->rows[r].cells[i], va_arg(ap, const char *));
	va_end(ap);
}

static void test_quoting(void **state)
{
	static const char in[] = "a,\"b,c\",\"d\"\"e\",\"\"\r\n"
				 "1,\"x\"y,z\"w,\"\"\"\"\r\n";
	struct sheet s;

	read_ok(in, sizeof(in) - 1, &s);
	assert_int_equal(s.nrows, 2);
	assert_row(&s, 0, 1, 3, "a", "b,c", "d\"e");
	/* text after a closing quote and a quote inside a bare field are
	 * kept literally, as Excel does */
	assert_row(&s, 1, 2, 4, "1", "xy", "z\"w", "\"");
	sheet_release(&s);
}

static void test_embedded_newlines(void **state)
{
	static const char in[] = "name,note\r\n"
				 "张三,\"第一行\r\n第二行\rthird\nfourth\"\r\n"
				 "李四,ok\r\n";
	struct sheet s;

	read_ok(in, sizeof(in) - 1, &s);
	assert_int_equal(s.nrows, 3);
	assert_row(&s, 1, 2, 2, "张三", "第一行\n第二行\nthird\nfourth");
	/* record 3 as Excel shows it, although it is text line 6 */
	assert_row(&s, 2, 3, 2, "李四", "ok");
	sheet_release(&s);
}

static void test_line_endings(void **state)
{
	static const char lf[] = "a,b\nc,d\n";
	static const char cr[] = "a,b\rc,d\r";
	static const char mixed[] = "a,b\r\nc,d\re,f\ng,h";
	struct sheet s;

	read_ok(lf, sizeof(lf) - 1, &s);
	assert_int_equal(s.nrows, 2);
	assert_row(&s, 1, 2, 2, "c", "d");
	sheet_release(&s);

	read_ok(cr, sizeof(cr) - 1, &s);
	assert_int_equal(s.nrows, 2);
	assert_row(&s, 1, 2, 2, "c", "d");
	sheet_release(&s);

	read_ok(mixed, sizeof(mixed) - 1, &s);
	assert_int_equal(s.nrows, 4);
	assert_row(&s, 2, 3, 2, "e", "f");
	assert_row(&s, 3, 4, 2, "g", "h");
	sheet_release(&s);
}

static void test_empty_rows_keep_line_numbers(void **state)
{
	static const char in[] = "\xEF\xBB\xBF" "姓名,性别\r\n"
				 "\r\n"
				 ",,\r\n"
				 " ,\"\", \r\n"
				 "王五,男,,\r\n"
				 "\r\n";
	struct sheet s;

	read_ok(in, sizeof(in) - 1, &s);
	assert_int_equal(s.nrows, 2);
	/* the BOM is gone from the first cell */
	assert_row(&s, 0, 1, 2, "姓名", "性别");
	/* blank records still count; trailing empty cells are dropped */
	assert_row(&s, 1, 5, 2, "王五", "男");
	assert_string_equal(sheet_cell(&s, 1, 7), "");
	assert_string_equal(sheet_cell(&s, 9, 0), "");
	sheet_release(&s);
}

static void test_trimming(void **state)
{
	static const char in[] = "  '522635199001011236 ,\t\t '0851 ,\"  x y  \","
				 "'',\"'=SUM(A1)\",''twice\n";
	struct sheet s;

	read_ok(in, sizeof(in) - 1, &s);
	assert_row(&s, 0, 1, 6, "522635199001011236", "0851", "x y", "'",
		   "=SUM(A1)", "'twice");
	sheet_release(&s);
}

/* Converts UTF-8 to `to` with iconv, as a spreadsheet program would save. */
static char *encode(const char *utf8, const char *to, size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	char *in = (char *)utf8, *out, *o;
	size_t inleft = strlen(utf8), outleft = inleft * 4 + 4;

	assert_true(cd != (iconv_t)-1);
	out = o = malloc(outleft);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

static void test_gbk(void **state)
{
	static const char text[] = "姓名,村,身份证号\r\n"
				   "张三,下司村,522635199001011236\r\n"
				   "朱镕基,\"麻江县,下司镇\",'52263519851231009X\r\n";
	struct sheet s;
	size_t len;
	char *gbk = encode(text, "GBK", &len);

	/* the bytes really are not UTF-8, or the test proves nothing */
	assert_int_not_equal(len, sizeof(text) - 1);
	read_ok(gbk, len, &s);
	assert_int_equal(s.nrows, 3);
	assert_row(&s, 1, 2, 3, "张三", "下司村", "522635199001011236");
	assert_row(&s, 2, 3, 3, "朱镕基", "麻江县,下司镇", "52263519851231009X");
	sheet_release(&s);
	free(gbk);
}

static void test_gb18030_four_byte(void **state)
{
	/* U+20BB7 is outside GBK: GB18030 writes it as four bytes */
	static const char text[] = "姓名\r\n\xF0\xA0\xAE\xB7家\r\n";
	struct sheet s;
	size_t len;
	char *gb = encode(text, "GB18030", &len);

	read_ok(gb, len, &s);
	assert_row(&s, 1, 2, 1, "\xF0\xA0\xAE\xB7家");
	sheet_release(&s);
	free(gb);
}

static void test_bad_encodings(void **state)
{
	static const char utf16[] = "\xFF\xFE" "a\0,\0b\0";
	static const char lone_lead[] = "abc,\x81";
	static const char ff[] = "\xFF\xFF\xFF";
	static const char nul[] = "a,b\0c\n";

	read_fails(utf16, sizeof(utf16) - 1, "文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV");
	read_fails(lone_lead, sizeof(lone_lead) - 1, "文件编码无法识别");
	read_fails(ff, sizeof(ff) - 1, "文件编码无法识别");
	read_fails(nul, sizeof(nul) - 1, "文件编码无法识别");
}

static void test_errors(void **state)
{
	static const char open_quote[] = "a,b\r\nc,\"unterminated\r\nmore\r\n";
	struct buf wide = BUF_INIT;
	size_t i;

	read_fails(open_quote, sizeof(open_quote) - 1, "第 2 行：引号没有配对");
	read_fails("", 0, "文件内容为空");
	read_fails("\xEF\xBB\xBF\r\n,,\r\n", 7, "文件内容为空");
	for (i = 0; i < SHEET_MAX_COLS + 1; i++)
		buf_adds(&wide, "x,");
	read_fails(wide.ptr, wide.len, "列数超过上限");
	buf_release(&wide);
}

static void test_write_quoting_and_injection(void **state)
{
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", NULL, "",
		"=SUM(A1)", "+86 138", "-5", "+1.5e3", "-0.25", "@cmd", "-",
		"-1+2", "=A1,B1", "5-1",
	};
	static const char want[] =
		"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,,"
		"'=SUM(A1),'+86 138,-5,+1.5e3,-0.25,'@cmd,'-,"
		"'-1+2,\"'=A1,B1\",5-1\r\n";
	struct buf out = BUF_INIT;

	csv_write_row(&out, cells, sizeof(cells) / sizeof(cells[0]));
	assert_string_equal(out.ptr, want);
	buf_release(&out);
}

static void test_round_trip(void **state)
{
	static const char *const header[] = { "姓名", "身份证号", "备注" };
	static const char *const row1[] = { "张三", "522635199001011236",
					    "=HYPERLINK(\"x\"),\"引号\"\n第二行" };
	static const char *const row2[] = { "李四", "", "-12.5" };
	static const char *const row3[] = { "@王五", "52263519851231009X", "+" };
	static const char *const *rows[] = { header, row1, row2, row3 };
	struct sheet in, back;
	struct buf out = BUF_INIT;
	size_t r, c;

	sheet_init(&in);
	for (r = 0; r < 4; r++) {
		struct sheet_row *row = sheet_add_row(&in, (unsigned)r + 1);

		for (c = 0; c < 3; c++)
			sheet_add_cell(row, rows[r][c], strlen(rows[r][c]));
	}
	assert_int_equal(csv_write_sheet(&in, &out), 0);
	assert_memory_equal(out.ptr, "\xEF\xBB\xBF", 3);
	read_ok(out.ptr, out.len, &back);
	assert_int_equal(back.nrows, 4);
	for (r = 0; r < 4; r++)
		for (c = 0; c < 3; c++)
			assert_string_equal(sheet_cell(&back, r, c), rows[r][c]);
	sheet_release(&in);
	sheet_release(&back);
	buf_release(&out);
}

static void test_write_cap(void **state)
{
	static const char *const cells[] = { "0123456789" };
	struct sheet s;
	struct buf out;
	struct sheet_row *row;

	sheet_init(&s);
	row = sheet_add_row(&s, 1);
	sheet_add_cell(row, cells[0], 10);
	buf_init(&out, 8);
	assert_int_equal(csv_write_sheet(&s, &out), -1);
	buf_release(&out);
	sheet_release(&s);
}

static void test_fixture_matches_expectation(void **state)
{
	FILE *f = fopen("tests/fixtures/ledger.csv", "rb");
	char data[4096];
	size_t n;
	struct sheet s;

	assert_non_null(f);
	n = fread(data, 1, sizeof(data), f);
	fclose(f);
	read_ok(data, n, &s);
	assert_int_equal(s.nrows, 5);
	assert_row(&s, 2, 3, 5, "李四", "女", "52263519851231009X", "1985-12-31",
		   "备注含逗号,和\"引号\"");
	assert_row(&s, 3, 4, 4, "王小五", "", "522635200002293015", "2000-02-29");
	sheet_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_embedded_newlines),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_empty_rows_keep_line_numbers),
		cmocka_unit_test(test_trimming),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_gb18030_four_byte),
		cmocka_unit_test(test_bad_encodings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_write_quoting_and_injection),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_write_cap),
		cmocka_unit_test(test_fixture_matches_expectation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
