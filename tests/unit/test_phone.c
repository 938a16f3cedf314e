/* test_phone: mobile and landline numbers — the accepted spellings, their normalised form,
 * and each refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/phone.h"

static void normalizes(const char *in, const char *want)
{
	char out[PHONE_SIZE];
	const char *why = "unset";

	if (phone_check(in, out, sizeof(out), &why))
		fail_msg("phone_check(\"%s\") refused: %s", in, why);
	assert_null(why);
	assert_string_equal(out, want);
}

static void refuses(const char *in, const char *want_why)
{
	char out[PHONE_SIZE];
	const char *why = NULL;

	memset(out, 'Z', sizeof(out));
	assert_int_equal(phone_check(in, out, sizeof(out), &why), -1);
	assert_string_equal(out, "");
	assert_non_null(why);
	assert_string_equal(why, want_why);
}

static void test_mobile(void **state)
{
	normalizes("13912345678", "13912345678");
	normalizes("139 1234 5678", "13912345678");
	normalizes("139-1234-5678", "13912345678");
	normalizes("+8613912345678", "13912345678");
	normalizes("+86 139 1234 5678", "13912345678");
	normalizes("008613912345678", "13912345678");
	normalizes("0086-139-1234-5678", "13912345678");
	normalizes("  19912345678 ", "19912345678");
	normalizes("13012345678", "13012345678");
}

static void test_mobile_refused(void **state)
{
	static const char msg[] = "手机号应为11位数字，以13–19开头";

	refuses("1391234567", msg);
	refuses("139123456789", msg);
	refuses("12912345678", msg);
	refuses("10012345678", msg);
	refuses("+86139123456", msg);
}

static void test_landline(void **state)
{
	normalizes("0851-1234567", "0851-1234567");
	normalizes("0851-12345678", "0851-12345678");
	normalizes("085112345678", "0851-12345678");
	normalizes("08511234567", "0851-1234567");
	normalizes("010-12345678", "010-12345678");
	normalizes("01012345678", "010-12345678");
	normalizes("021 1234 5678", "021-12345678");
	normalizes("0755-8888 8888", "0755-88888888");
	normalizes("+86 10 12345678", "010-12345678");
	normalizes("+86-851-1234567", "0851-1234567");
	normalizes("0086 21 12345678", "021-12345678");
	normalizes("+86 0851 1234567", "0851-1234567");
	/* Brackets round the area code, full-width forms, a trunk 0 a number cell dropped. */
	normalizes("(0854)8123456", "0854-8123456");
	normalizes("（0854）8123456", "0854-8123456");
	normalizes("(010) 12345678", "010-12345678");
	normalizes("8548123456", "0854-8123456");
	normalizes("2112345678", "021-12345678");
	normalizes("85112345678", "0851-12345678");
	normalizes("１３９１２３４５６７８", "13912345678");
	normalizes("＋86 13912345678", "13912345678");
	normalizes("０８５４－８１２３４５６", "0854-8123456");
	/* The dash, where given, decides the area code. */
	normalizes("020-1234567", "020-1234567");
}

static void test_landline_refused(void **state)
{
	static const char msg[] = "固定电话应为区号加7–8位号码，如0851-12345678";

	refuses("0851-123456", msg);
	refuses("0851-123456789", msg);
	refuses("08-51234567", msg);
	refuses("08512-1234567", msg);
	refuses("0010-12345678", msg);
	refuses("013-1234567", msg);   /* no such area code */
	refuses("011-12345678", msg);
	refuses("0251-1234567", msg);  /* 02x codes have 3 digits */
	refuses("081-12345678", msg);  /* and 08xx ones 4 */
	refuses("0", msg);
	refuses("08511", msg);
	refuses("1234567", "固定电话需带区号，如0851-12345678");
	refuses("87654321", "固定电话需带区号，如0851-12345678");
}

static void test_other_refused(void **state)
{
	static const char msg_chars[] = "只能包含数字、空格和短横线";
	static const char msg_invalid[] = "不是有效的手机号或固定电话";

	refuses("", msg_invalid);
	refuses("   ", msg_invalid);
	refuses(NULL, msg_invalid);
	refuses("123", msg_invalid);
	refuses("12345678901234", "手机号应为11位数字，以13–19开头");
	refuses("4008001234", msg_invalid);
	refuses("1234567890123456789012345678901234567890", msg_invalid);
	refuses("139.1234.5678", msg_chars);
	refuses("(0851", msg_chars);
	refuses("+1 202 555 0100", msg_chars);
	refuses("13912345678转1", msg_chars);
	refuses("13912345678/0854-8123456", "只能填一个号码，其余号码请写在备注中");
	refuses("13912345678、13812345678", "只能填一个号码，其余号码请写在备注中");
}

static void test_output_buffer(void **state)
{
	char small[6];
	const char *why = NULL;

	/* Only the verdict. */
	assert_int_equal(phone_check("13912345678", NULL, 0, &why), 0);
	assert_null(why);
	assert_int_equal(phone_check("1391234567", NULL, 0, &why), -1);
	assert_non_null(why);
	/* Too small for the result: refused, not cut short. */
	assert_int_equal(phone_check("13912345678", small, sizeof(small), &why), -1);
	assert_string_equal(small, "");
	assert_string_equal(why, "号码过长");
	assert_int_equal(phone_check("13912345678", NULL, 0, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mobile),
		cmocka_unit_test(test_mobile_refused),
		cmocka_unit_test(test_landline),
		cmocka_unit_test(test_landline_refused),
		cmocka_unit_test(test_other_refused),
		cmocka_unit_test(test_output_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
