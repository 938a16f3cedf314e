/* test_creditcode: GB 32100 统一社会信用代码 — published examples, vectors built here with an
 * independent check-character computation, every single-character error, and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/creditcode.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const char msg_check[] = "校验码不正确";
static const char msg_chars[] = "只能由数字和大写字母组成（不使用I、O、Z、S、V）";
static const char msg_length[] = "应为18位";
static const char msg_region[] = "第3–8位应为数字（登记管理机关行政区划码）";

/* The check character as GB 32100-2015 §5 states it: C18 = 31 − MOD(Σ Ci × Wi, 31), where
 * Wi = 3^(i−1) mod 31; a result of 31 is written 0. Computed from the definition of the
 * weights rather than a copied table. */
static char check_of(const char *body)
{
	int i, w = 1, sum = 0, c;

	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(alphabet, body[i]) - alphabet) * w;
		w = w * 3 % 31;
	}
	c = 31 - sum % 31;
	return alphabet[c == 31 ? 0 : c];
}

static void accepts(const char *s)
{
	const char *why = "unset";

	if (creditcode_check(s, &why))
		fail_msg("creditcode_check(\"%s\") refused: %s", s, why);
	assert_null(why);
}

static void refuses(const char *s, const char *want_why)
{
	const char *why = NULL;

	assert_int_equal(creditcode_check(s, &why), -1);
	assert_non_null(why);
	assert_string_equal(why, want_why);
}

static void test_published(void **state)
{
	accepts("91350100M000100Y43"); /* the example in GB 32100-2015 */
	accepts("91440300708461136T");
	accepts("914403001922038216");
	refuses("91350100M000100Y44", msg_check);
	refuses("91440300708461136R", msg_check);
}

static void test_independent_check(void **state)
{
	assert_int_equal(check_of("91350100M000100Y4"), '3');
	assert_int_equal(check_of("91440300708461136"), 'T');
}

/* Random bodies with their check character pass; every other last character fails. */
static void test_generated_vectors(void **state)
{
	char code[19];
	int n, i;

	srand(20240305);
	for (n = 0; n < 2000; n++) {
		for (i = 0; i < 17; i++)
			code[i] = alphabet[rand() % 31];
		for (i = 2; i < 8; i++)
			code[i] = (char)('0' + rand() % 10);
		code[17] = check_of(code);
		code[18] = '\0';
		accepts(code);
		for (i = 0; i < 31; i++) {
			if (alphabet[i] == code[17])
				continue;
			code[17] = alphabet[i];
			refuses(code, msg_check);
			code[17] = check_of(code);
		}
	}
}

/* The weights are all units mod 31, so any one wrong character is caught. */
static void test_single_substitutions(void **state)
{
	const char *good = "91350100M000100Y43";
	char code[19];
	int pos, i;

	for (pos = 0; pos < 18; pos++) {
		for (i = 0; i < 31; i++) {
			memcpy(code, good, 19);
			if (code[pos] == alphabet[i])
				continue;
			code[pos] = alphabet[i];
			assert_int_equal(creditcode_check(code, NULL), -1);
		}
	}
}

static void test_refusals(void **state)
{
	refuses("", msg_length);
	refuses("91350100M000100Y4", msg_length);
	refuses("91350100M000100Y433", msg_length);
	refuses("350100M000100Y4", msg_length); /* an old 15-character 注册号 */
	refuses("91350100M000100I43", msg_chars);
	refuses("91350100M000100O43", msg_chars);
	refuses("9135010OM000100Y43", msg_chars);
	refuses("91350100M000100Z43", msg_chars);
	refuses("91350100M000100S43", msg_chars);
	refuses("91350100M000100V43", msg_chars);
	refuses("91350100M-00100Y43", msg_chars);
	refuses("91A50100M000100Y43", msg_region);
	refuses("913501Y0M000100Y43", msg_region);
	refuses(NULL, msg_length);
}

static void test_normalize(void **state)
{
	char out[CREDITCODE_SIZE];

	accepts(" 91350100m000100y43 ");
	accepts("9135 0100 M000 100Y 43");
	accepts("91350100M０00100Y43");                 /* a full-width digit */
	accepts("９１３５０１００Ｍ０００１００Ｙ４３\xc2\xa0"); /* and NBSP */
	assert_int_equal(creditcode_normalize(" 91350100m000100y43\n", out), 0);
	assert_string_equal(out, "91350100M000100Y43");
	assert_int_equal(creditcode_normalize("91350100m000100y4", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(creditcode_normalize(NULL, out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published),
		cmocka_unit_test(test_independent_check),
		cmocka_unit_test(test_generated_vectors),
		cmocka_unit_test(test_single_substitutions),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_normalize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
