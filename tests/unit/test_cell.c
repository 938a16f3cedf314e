/* test_cell: cleaning cell text — Unicode spaces, full-width forms, middle
 * dots in names, text guards — and the loose key of labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/cell.h"

static void cleans(const char *in, unsigned flags, const char *want)
{
	struct buf out = BUF_INIT;

	cell_clean(in, flags, &out);
	if (strcmp(out.ptr, want))
		fail_msg("cell_clean(\"%s\", %u) = \"%s\", want \"%s\"", in, flags, out.ptr, want);
	buf_release(&out);
}

static void keys(const char *in, const char *want)
{
	struct buf out = BUF_INIT;

	cell_key(in, &out);
	if (strcmp(out.ptr, want))
		fail_msg("cell_key(\"%s\") = \"%s\", want \"%s\"", in, out.ptr, want);
	buf_release(&out);
}

static void test_spaces(void **state)
{
	cleans("许十七\xc2\xa0", 0, "许十七");                     /* NBSP pasted from a web page */
	cleans("\xe3\x80\x80何十八", 0, "何十八");                 /* U+3000 */
	cleans("  下司村 \t ", 0, "下司村");
	cleans("下司村\xc2\xa0\xc2\xa0二组", 0, "下司村 二组");
	cleans("a\xe2\x80\x8b" "b\xef\xbb\xbf", 0, "ab");          /* zero-width space, BOM */
	cleans("第一行\r\n第二行", 0, "第一行 第二行");
	cleans("", 0, "");
	cleans(NULL, 0, "");
	cleans(" \xc2\xa0\xe3\x80\x80 ", 0, "");
	cleans("\xe2\x80\x83" "em\xe2\x80\xaf" "x", 0, "em x");    /* U+2003, U+202F */
}

static void test_multiline(void **state)
{
	cleans("第一行  \r\n  第二行\n\n第四行\n", CELL_MULTILINE, "第一行\n第二行\n\n第四行");
	cleans("\n\n备注", CELL_MULTILINE, "备注");
	cleans("a\rb", CELL_MULTILINE, "a\nb");
	cleans("a\xe2\x80\xa8" "b", CELL_MULTILINE, "a\nb");
}

static void test_ascii(void **state)
{
	cleans("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x99", CELL_ASCII, "139");               /* １３９ */
	cleans("\xef\xbc\x8b" "86 139", CELL_ASCII, "+86 139");                         /* ＋86 */
	cleans("\xef\xbc\x88" "0854\xef\xbc\x89" "8123456", CELL_ASCII, "(0854)8123456"); /* （）*/
	cleans("0854\xe2\x80\x94" "8123456", CELL_ASCII, "0854-8123456");               /* — */
	cleans("1995\xe3\x80\x82" "3\xe3\x80\x82" "14", CELL_ASCII, "1995.3.14");       /* 。 */
	cleans("52272619950314066\xef\xbd\x98", CELL_ASCII, "52272619950314066x");      /* ｘ */
	cleans("\xef\xbc\x91\xef\xbc\x93", 0, "\xef\xbc\x91\xef\xbc\x93");              /* not asked */
}

static void test_names(void **state)
{
	static const char want[] = "阿依古丽\xc2\xb7买买提";
	static const char *const dots[] = {
		"\xc2\xb7", "\xe2\x80\xa2", "\xe3\x83\xbb", "\xe2\x80\xa7", "\xef\xbc\x8e", "\xef\xbd\xa5",
		"\xe2\x88\x99", "\xe2\x8b\x85", ".", " \xc2\xb7 ", NULL,
	};
	char in[64];
	int i;

	for (i = 0; dots[i]; i++) {
		strcpy(in, "阿依古丽");
		strcat(in, dots[i]);
		strcat(in, "买买提");
		cleans(in, CELL_NAME, want);
	}
	cleans("王 小明", CELL_NAME, "王小明");
	cleans("张\xe3\x80\x80三", CELL_NAME, "张三");
	cleans("Zhang  San", CELL_NAME, "Zhang San");
	cleans("A.B", CELL_NAME, "A.B");     /* a dot between Latin letters stays */
	cleans("王.", CELL_NAME, "王.");
	cleans("王 小明", 0, "王 小明");      /* other text keeps its one space */
}

static void test_guard(void **state)
{
	cleans("'522726199503140117", CELL_GUARD, "522726199503140117");
	cleans(" `522726199503140117", CELL_GUARD, "522726199503140117");
	cleans("\xe2\x80\x98" "13912345678", CELL_GUARD, "13912345678");
	cleans("'", CELL_GUARD, "");
	cleans("a'b", CELL_GUARD, "a'b");
	cleans("''x", CELL_GUARD, "'x");       /* one guard only */
	cleans("'x", 0, "'x");
}

static void test_no_space(void **state)
{
	cleans("姓  名", CELL_NO_SPACE, "姓名");
	cleans("联系\n电话", CELL_NO_SPACE, "联系电话");
	cleans("1 2 3", CELL_NO_SPACE, "123");
}

static void test_invalid_bytes_kept(void **state)
{
	cleans("a\xff" "b", 0, "a\xff" "b");
	cleans("\xe4\xb8", 0, "\xe4\xb8");
	cleans("\xc0\x80", CELL_ASCII, "\xc0\x80");
}

static void test_key(void **state)
{
	keys("联系\n电话", "联系电话");
	keys("姓  名", "姓名");
	keys("身份证号*", "身份证号");
	keys("*姓名：", "姓名");
	keys("高中／中专", "高中/中专");
	keys("ID", "id");
	keys("  Ｉｄ ", "id");
	assert_int_equal(cell_same_key("高中 / 中专", "高中/中专"), 1);
	assert_int_equal(cell_same_key("大专", "本科"), 0);
}

static void test_han(void **state)
{
	assert_int_equal(cell_is_han(0x4E00), 1);
	assert_int_equal(cell_is_han(0x9FA5), 1);
	assert_int_equal(cell_is_han(0x4DAE), 1); /* 䶮, extension A */
	assert_int_equal(cell_is_han(0x3007), 1);
	assert_int_equal(cell_is_han('A'), 0);
	assert_int_equal(cell_is_han(0x3000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_multiline),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_no_space),
		cmocka_unit_test(test_invalid_bytes_kept),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_han),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
