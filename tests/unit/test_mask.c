/* test_mask: masked display forms of ID numbers and phones, including short and odd values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/mask.h"

static void id_masks_to(const char *in, const char *want)
{
	char out[MASK_ID_SIZE];

	memset(out, 'Z', sizeof(out));
	mask_id_number(in, out);
	assert_string_equal(out, want);
}

static void phone_masks_to(const char *in, const char *want)
{
	char out[MASK_PHONE_SIZE];

	memset(out, 'Z', sizeof(out));
	mask_phone(in, out);
	assert_string_equal(out, want);
}

static void test_id(void **state)
{
	id_masks_to("52272619900101123X", "5227*************X");
	id_masks_to("11010519491231002X", "1101*************X");
	id_masks_to("440524188001010014", "4405*************4");
	id_masks_to("11010519491231002x", "1101*************x");
}

static void test_id_odd(void **state)
{
	id_masks_to("", "");
	id_masks_to(NULL, "");
	id_masks_to("12", "**");
	id_masks_to("1234", "****");
	id_masks_to("12345", "****5");
	id_masks_to("522726900101123", "**************3"); /* 15 digits */
	id_masks_to("5227261990010112", "***************2");
	id_masks_to("5227261990010112345", "*****************5"); /* 19: cut to 18 */
	id_masks_to("5227261990AB01123X", "*****************X");
	id_masks_to("身份证号码", "*****");
	id_masks_to("一二三四五六七八九十", "**********");
	id_masks_to("一二三四五六七八九十一二三四五六七八九十", "******************");
}

static void test_phone(void **state)
{
	phone_masks_to("13912345678", "139****5678");
	phone_masks_to("19900001111", "199****1111");
	phone_masks_to("0851-1234567", "0851-*****67");
	phone_masks_to("0851-12345678", "0851-******78");
	phone_masks_to("010-12345678", "010-******78");
	phone_masks_to("01012345678", "010-******78");
	phone_masks_to("08511234567", "0851-*****67");
}

static void test_phone_odd(void **state)
{
	phone_masks_to("", "");
	phone_masks_to(NULL, "");
	phone_masks_to("1", "*");
	phone_masks_to("1234", "****");
	phone_masks_to("12345", "***45");
	phone_masks_to("1391234567", "********67");
	phone_masks_to("+8613912345678", "************78");
	phone_masks_to("0851-123", "******23");
	phone_masks_to("4008001234", "********34");
	phone_masks_to("123456789012345678901234567890", "*********************90");
	phone_masks_to("电话13912345678", "*************");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_id_odd),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_phone_odd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
