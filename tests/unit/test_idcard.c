/* test_idcard: GB 11643 ID numbers — normalisation, each refusal with its message, the
 * published examples, birth-date edges and agreement with a record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/idcard.h"

#define TODAY "2024-03-05"

static const char msg_length[] = "应为18位";
static const char msg_chars[] = "只能由数字组成，最后一位可以是X";
static const char msg_region[] = "前两位不是有效的省份代码";
static const char msg_birth[] = "第7–14位不是有效的出生日期";
static const char msg_future[] = "出生日期晚于今天";
static const char msg_check[] = "校验码不正确";

static void accepts(const char *s, const char *number, const char *birth, const char *gender,
		    const char *region)
{
	struct idcard_info info;
	const char *why = "unset";

	if (idcard_check_at(s, TODAY, &info, &why))
		fail_msg("idcard_check_at(\"%s\") refused: %s", s, why);
	assert_null(why);
	assert_string_equal(info.number, number);
	assert_string_equal(info.birth_date, birth);
	assert_string_equal(info.gender, gender);
	assert_string_equal(info.region, region);
}

static void refuses(const char *s, const char *want_why)
{
	struct idcard_info info;
	const char *why = NULL;

	memset(&info, 'Z', sizeof(info));
	assert_int_equal(idcard_check_at(s, TODAY, &info, &why), -1);
	assert_non_null(why);
	assert_string_equal(why, want_why);
	assert_string_equal(info.number, "");
	assert_string_equal(info.birth_date, "");
}

static void test_published_examples(void **state)
{
	accepts("11010519491231002X", "11010519491231002X", "1949-12-31", "female", "110105");
	/* Born 1880: the reason the lower bound is 1800, not 1900. */
	accepts("440524188001010014", "440524188001010014", "1880-01-01", "male", "440524");
	refuses("110105194912310021", msg_check);
}

static void test_check_digit(void **state)
{
	accepts("522726199001011235", "522726199001011235", "1990-01-01", "male", "522726");
	refuses("522726199001011234", msg_check);
	refuses("522726199001011236", msg_check);
	refuses("52272619900101123X", msg_check);
	/* Check digit X, typed in lower case. */
	accepts("11010519491231002x", "11010519491231002X", "1949-12-31", "female", "110105");
	refuses("110105194912310020", msg_check);
	accepts("650102198506123450", "650102198506123450", "1985-06-12", "male", "650102");
	/* A single changed digit anywhere is caught. */
	refuses("522726199001021235", msg_check);
	refuses("532726199001011235", msg_check);
}

static void test_spreadsheet_damage(void **state)
{
	static const char msg_sci[] =
		"被表格软件转成了数字（科学计数法），请把该列设置为文本格式后重新录入";
	static const char msg_zeros[] =
		"校验码不正确，末尾的000可能是表格软件截断造成的，请把该列设置为文本格式后重新录入";

	refuses("5.22726199001011E+17", msg_sci);
	refuses("5.22726E+17", msg_sci);
	refuses("5.22726e17", msg_sci);
	refuses(" 5.22726199001011E+17 ", msg_sci);
	/* Stored as a number: 15 significant digits, the rest zeros. */
	refuses("522726199001011000", msg_zeros);
	/* A genuine number ending in 000 passes: only a wrong check digit gets the hint. */
	accepts("522726199001071000", "522726199001071000", "1990-01-07", "female", "522726");
	/* Not quite a float: no exponent digits. */
	refuses("5.22726199001011E", msg_chars);
}

static void test_length_and_chars(void **state)
{
	refuses("", msg_length);
	refuses("52272619900101123", msg_length);
	refuses("5227261990010112355", msg_length);
	refuses("522726900101123", msg_length); /* old 15-digit number */
	refuses("12345678901234567890123456789012345678901234567890123456789012345678", msg_length);
	refuses("52272619900101123A", msg_chars);
	refuses("5227261990X1011235", msg_chars);
	refuses("522726-19900101-1235", msg_chars);
	refuses("52272619900101123５号", msg_chars);
	refuses(NULL, msg_length);
}

static void test_normalization(void **state)
{
	char out[IDCARD_SIZE];

	assert_int_equal(idcard_normalize(" 11010519491231002x ", out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idcard_normalize("110105 19491231 002X", out), 0);
	assert_string_equal(out, "11010519491231002X");
	/* Full-width digits and Ｘ from a Chinese input method, an ideographic space. */
	assert_int_equal(idcard_normalize("１１０１０５１９４９１２３１００２Ｘ\xe3\x80\x80", out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idcard_normalize("１１０１０５１９４９１２３１００２ｘ", out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idcard_normalize("11010519491231002X\xc2\xa0", out), 0); /* NBSP */
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idcard_normalize("1101051949123100", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(idcard_normalize("11010519491231002X1", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(idcard_normalize(NULL, out), -1);
	accepts("\t１１０１０５ １９４９１２３１ ００２ｘ\n", "11010519491231002X", "1949-12-31",
		"female", "110105");
}

static void test_region(void **state)
{
	accepts("810000199001011230", "810000199001011230", "1990-01-01", "male", "810000");
	refuses("830000199001011234", msg_region);
	refuses("100000199001011233", msg_region);
}

static void test_birth_date(void **state)
{
	/* Leap day in a leap year; 1900 was not one. */
	accepts("522726200002290024", "522726200002290024", "2000-02-29", "female", "522726");
	refuses("52272619000229001X", msg_birth);
	accepts("522726190003010016", "522726190003010016", "1900-03-01", "male", "522726");
	accepts("522726180001010013", "522726180001010013", "1800-01-01", "male", "522726");
	refuses("522726179912310019", msg_birth);
	/* Born today is fine, tomorrow is not. */
	accepts("522726202403050012", "522726202403050012", "2024-03-05", "male", "522726");
	refuses("522726202403060018", msg_future);
}

static void test_today_default(void **state)
{
	struct idcard_info info;
	const char *why = NULL;

	setenv("JICENG_TODAY", "2024-03-05", 1);
	assert_int_equal(idcard_check("522726202403050012", &info, &why), 0);
	assert_int_equal(idcard_check("522726202403060018", &info, &why), -1);
	assert_string_equal(why, msg_future);
	setenv("JICENG_TODAY", "2024-03-06", 1);
	assert_int_equal(idcard_check("522726202403060018", &info, &why), 0);
	unsetenv("JICENG_TODAY");
	/* info and why may be NULL. */
	assert_int_equal(idcard_check("11010519491231002X", NULL, NULL), 0);
	assert_int_equal(idcard_check("110105194912310021", NULL, NULL), -1);
}

static void test_agrees(void **state)
{
	struct idcard_info info;
	const char *why = "unset";

	assert_int_equal(idcard_check_at("11010519491231002X", TODAY, &info, NULL), 0);
	assert_int_equal(idcard_agrees(&info, "1949-12-31", "female", &why), 0);
	assert_null(why);
	assert_int_equal(idcard_agrees(&info, "1949/12/31", NULL, &why), 0);
	assert_int_equal(idcard_agrees(&info, "", "", &why), 0);
	assert_int_equal(idcard_agrees(&info, NULL, NULL, &why), 0);
	assert_int_equal(idcard_agrees(&info, "1949-12-30", "female", &why), -1);
	assert_string_equal(why, "出生日期与身份证号不一致");
	assert_int_equal(idcard_agrees(&info, "not a date", NULL, &why), -1);
	assert_string_equal(why, "出生日期与身份证号不一致");
	assert_int_equal(idcard_agrees(&info, "1949-12-31", "male", &why), -1);
	assert_string_equal(why, "性别与身份证号不一致");
	assert_int_equal(idcard_agrees(&info, NULL, "male", NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_examples),
		cmocka_unit_test(test_check_digit),
		cmocka_unit_test(test_spreadsheet_damage),
		cmocka_unit_test(test_length_and_chars),
		cmocka_unit_test(test_normalization),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_birth_date),
		cmocka_unit_test(test_today_default),
		cmocka_unit_test(test_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
