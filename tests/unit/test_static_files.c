/* test_static_files: which compressed variant an Accept-Encoding header takes
 * (RFC 9110 12.5.3): named codings, q-values, "*", absent headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/static_files.h"

static void test_named(void **state)
{
	(void)state;
	assert_true(static_files_accepts("gzip, deflate, br, zstd", "br"));
	assert_true(static_files_accepts("gzip, deflate, br, zstd", "gzip"));
	assert_true(static_files_accepts("GZIP", "gzip"));
	assert_true(static_files_accepts("deflate,gzip", "gzip"));
	assert_false(static_files_accepts("gzip, deflate", "br"));
	assert_false(static_files_accepts("gzipx, xgzip", "gzip"));
	assert_false(static_files_accepts("identity", "gzip"));
}

static void test_absent(void **state)
{
	(void)state;
	assert_false(static_files_accepts(NULL, "gzip"));
	assert_false(static_files_accepts("", "gzip"));
	assert_false(static_files_accepts(" , ,", "br"));
}

static void test_q_values(void **state)
{
	(void)state;
	assert_false(static_files_accepts("br;q=0, gzip", "br"));
	assert_true(static_files_accepts("br;q=0, gzip", "gzip"));
	assert_false(static_files_accepts("gzip; q=0.000", "gzip"));
	assert_true(static_files_accepts("gzip;q=0.5", "gzip"));
	assert_true(static_files_accepts("br ; q=0.1", "br"));
}

static void test_star(void **state)
{
	(void)state;
	assert_true(static_files_accepts("*", "br"));
	assert_false(static_files_accepts("*;q=0", "gzip"));
	/* a named coding's own q-value wins over "*" */
	assert_false(static_files_accepts("*, gzip;q=0", "gzip"));
	assert_true(static_files_accepts("br;q=1, *;q=0", "br"));
	assert_false(static_files_accepts("br;q=1, *;q=0", "gzip"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_q_values),
		cmocka_unit_test(test_star),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
