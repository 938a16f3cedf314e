/* test_search_terms: the characters and pairs that index substring search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/search_terms.h"

struct collected {
	char all[1024];
};

static void collect(const char *term, void *arg)
{
	struct collected *c = arg;

	strncat(c->all, term, sizeof(c->all) - strlen(c->all) - 2);
	strcat(c->all, "|");
}

static const char *terms(const char *text, struct collected *c)
{
	c->all[0] = '\0';
	search_terms_each(text, collect, c);
	return c->all;
}

static void test_chinese_name(void **state)
{
	struct collected c;

	assert_string_equal(terms("王芳", &c), "王|芳|王芳|");
	assert_string_equal(terms("欧阳娜娜", &c), "欧|阳|欧阳|娜|阳娜|娜|娜娜|");
}

static void test_separators_and_case(void **state)
{
	struct collected c;

	assert_string_equal(terms("Ab 王", &c), "a|b|ab|王|");
	assert_string_equal(terms("", &c), "");
	assert_string_equal(terms(" ,.", &c), "");
}

static void test_probe(void **state)
{
	char t[SEARCH_TERM_SIZE];

	assert_int_equal(search_terms_probe("王芳", t), 0);
	assert_string_equal(t, "王芳");
	assert_int_equal(search_terms_probe("王", t), 0);
	assert_string_equal(t, "王");
	assert_int_equal(search_terms_probe("  XY公司", t), 0);
	assert_string_equal(t, "xy");
	assert_int_equal(search_terms_probe("王 芳", t), 0);
	assert_string_equal(t, "王");
	assert_int_equal(search_terms_probe(" ", t), -1);
}

/* Every text containing q contains q's probe term: the index never hides a match. */
static void test_probe_is_a_term_of_every_match(void **state)
{
	static const char *const texts[] = { "独山县下司镇王芳莉", "ABC茶业有限公司", "下司村 一组" };
	static const char *const queries[] = { "王芳", "芳莉", "abc", "茶业有限", "一组", "司村" };
	struct collected c;
	char t[SEARCH_TERM_SIZE], needle[SEARCH_TERM_SIZE + 2], all[1030];
	size_t i, j, checked = 0;

	for (i = 0; i < 3; i++) {
		snprintf(all, sizeof(all), "|%s", terms(texts[i], &c));
		for (j = 0; j < 6; j++) {
			if (!strcasestr(texts[i], queries[j]))
				continue;
			assert_int_equal(search_terms_probe(queries[j], t), 0);
			snprintf(needle, sizeof(needle), "|%s|", t);
			assert_non_null(strstr(all, needle));
			checked++;
		}
	}
	assert_int_equal(checked, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_name),
		cmocka_unit_test(test_separators_and_case),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_probe_is_a_term_of_every_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
