/* test_totp: RFC 6238 codes through liboath — the RFC's own SHA-1 test vectors
 * (Appendix B, the last 6 of their 8 digits), the ±1 step window and the step
 * it reports, odd input, new secrets, the otpauth:// URI — and the roles'
 * powers that decide who administers what. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/totp.h"
#include "domain/roles.h"

/* RFC 6238 Appendix B: the SHA-1 key is the ASCII "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void test_rfc6238_vectors(void **state)
{
	static const struct {
		time_t t;
		const char *code;
	} v[] = {
		{ 59, "287082" },          /* 94287082 */
		{ 1111111109, "081804" },  /* 07081804 */
		{ 1111111111, "050471" },  /* 14050471 */
		{ 1234567890, "005924" },  /* 89005924 */
		{ 2000000000, "279037" },  /* 69279037 */
		{ 20000000000, "353130" }, /* 65353130 */
	};
	char out[TOTP_DIGITS + 1];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		long long step = -1;

		assert_int_equal(totp_code(RFC_SECRET, v[i].t, out), 0);
		assert_string_equal(out, v[i].code);
		assert_int_equal(totp_check(RFC_SECRET, v[i].code, v[i].t, &step), 1);
		assert_int_equal(step, (long long)(v[i].t / TOTP_STEP_S));
	}
}

static void test_window(void **state)
{
	time_t t = 1234567890;
	long long step = 0;

	/* the code of 1234567890 (step 41152263) is accepted one step either side */
	assert_int_equal(totp_check(RFC_SECRET, "005924", t + TOTP_STEP_S, &step), 1);
	assert_int_equal(step, 41152263);
	assert_int_equal(totp_check(RFC_SECRET, "005924", t - TOTP_STEP_S, &step), 1);
	assert_int_equal(step, 41152263);
	/* and not two steps away */
	assert_int_equal(totp_check(RFC_SECRET, "005924", t + 2 * TOTP_STEP_S + 10, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, "005924", t - 2 * TOTP_STEP_S - 10, &step), 0);
}

static void test_odd_codes(void **state)
{
	long long step = 0;

	assert_int_equal(totp_check(RFC_SECRET, "005 924", 1234567890, &step), 1);
	assert_int_equal(totp_check(RFC_SECRET, "005925", 1234567890, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, "05924", 1234567890, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, "0059240", 1234567890, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, "00592a", 1234567890, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, "", 1234567890, &step), 0);
	assert_int_equal(totp_check(RFC_SECRET, NULL, 1234567890, &step), 0);
	/* a secret that is not base32 is the server's fault, not the code's */
	assert_int_equal(totp_check("not base32!", "005924", 1234567890, &step), -1);
	assert_int_equal(totp_check("", "005924", 1234567890, &step), -1);
}

static void test_new_secret(void **state)
{
	char a[TOTP_BASE32_SIZE], b[TOTP_BASE32_SIZE], code[TOTP_DIGITS + 1];
	long long step = 0;

	assert_int_equal(totp_new_secret(a), 0);
	assert_int_equal(totp_new_secret(b), 0);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	assert_string_not_equal(a, b);
	assert_int_equal(totp_code(a, 1700000000, code), 0);
	assert_int_equal(totp_check(a, code, 1700000000, &step), 1);
}

static void test_uri(void **state)
{
	struct arena *ar = arena_new();
	const char *uri = totp_uri(ar, "jiceng", "li.si@xs", RFC_SECRET);

	assert_string_equal(uri, "otpauth://totp/jiceng:li.si%40xs?secret=" RFC_SECRET
				 "&issuer=jiceng&algorithm=SHA1&digits=6&period=30");
	arena_free(ar);
}

static void test_role_powers(void **state)
{
	const char *names[4];

	assert_int_equal(role_caps("admin"), CAP_ALL);
	assert_int_equal(role_caps("sysadmin"), CAP_ACCOUNTS | CAP_REFDATA);
	assert_int_equal(role_caps("secadmin"), CAP_GRANT);
	assert_int_equal(role_caps("auditor"), CAP_AUDIT);
	assert_int_equal(role_caps("county"), 0);
	assert_int_equal(role_caps("nobody"), 0);
	assert_true(role_is_administrator("auditor"));
	assert_false(role_is_administrator("viewer"));
	/* the three see no business records and have no workflow level */
	assert_int_equal(role_scope("secadmin"), ROLE_SCOPE_NONE);
	assert_int_equal(role_level("sysadmin"), LEVEL_NONE);
	assert_int_equal(role_caps_names(CAP_ACCOUNTS | CAP_AUDIT, names), 2);
	assert_string_equal(names[0], "accounts");
	assert_string_equal(names[1], "audit");
	assert_string_equal(role_caps_holders(CAP_ACCOUNTS | CAP_GRANT), "系统管理员或安全管理员");
	assert_string_equal(role_caps_holders(CAP_AUDIT), "审计管理员");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_odd_codes),
		cmocka_unit_test(test_new_secret),
		cmocka_unit_test(test_uri),
		cmocka_unit_test(test_role_powers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
