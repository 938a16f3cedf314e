/* test_scope: the caller's scope is written into the SQL of every query — a
 * division-code range, an organisation subtree, an enterprise, or nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "api/resources.h"
#include "store/records.h"

static struct principal user(const char *role, enum role_level level, const char *lo,
			     const char *hi)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	p.role = role;
	p.level = level;
	p.scope_division = lo;
	memcpy(p.scope_lo, lo, 13);
	memcpy(p.scope_hi, hi, 13);
	return p;
}

static char *scope_sql(const struct resource *res, const struct principal *p, struct arena *a,
		       struct sqlw *w)
{
	sqlw_init(w, a);
	records_scope(w, res, p, "t", 0);
	return w->sql.ptr;
}

static void test_admin_unscoped(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("admin", LEVEL_ADMIN, "000000000000", "999999999999");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_persons, &p, a, &w), "");
	assert_int_equal(w.n, 0);
	sqlw_release(&w);
	arena_free(a);
}

static void test_village_range(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("village", LEVEL_VILLAGE, "522726111200", "522726111200");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_persons, &p, a, &w),
			    " AND t.division_code BETWEEN ? AND ?");
	assert_int_equal(w.n, 2);
	assert_string_equal(w.params[0].s, "522726111200");
	assert_string_equal(w.params[1].s, "522726111200");
	sqlw_release(&w);
	arena_free(a);
}

static void test_town_range(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("town", LEVEL_TOWN, "522726111000", "522726111999");
	struct sqlw w;

	scope_sql(&res_enterprises, &p, a, &w);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.params[1].s, "522726111999");
	sqlw_release(&w);
	arena_free(a);
}

static void test_admin_only_resource(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("county", LEVEL_COUNTY, "522726000000", "522726999999");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_users, &p, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_enterprise_sees_own(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("enterprise", LEVEL_NONE, "522726111200", "522726111200");
	struct sqlw w;

	p.enterprise_id = 7;
	assert_string_equal(scope_sql(&res_enterprises, &p, a, &w), " AND t.id = ?");
	assert_int_equal(w.params[0].i, 7);
	sqlw_release(&w);
	/* persons carry no enterprise column: nothing */
	assert_string_equal(scope_sql(&res_persons, &p, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_org_subtree(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("org", LEVEL_NONE, "522726111000", "522726111999");
	struct sqlw w;

	p.scope_org_id = 4;
	p.scope_org_path = "/1/4/";
	assert_non_null(strstr(scope_sql(&res_orgs, &p, a, &w), "so.path LIKE ?"));
	assert_string_equal(w.params[0].s, "/1/4/%");
	sqlw_release(&w);
	/* division-scoped resources without an org column: the division range */
	assert_string_equal(scope_sql(&res_persons, &p, a, &w),
			    " AND t.division_code BETWEEN ? AND ?");
	sqlw_release(&w);
	arena_free(a);
}

static void test_department_denied(void **state)
{
	struct arena *a = arena_new();
	struct principal p = user("department", LEVEL_NONE, "522726000000", "522726999999");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_persons, &p, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_unscoped),
		cmocka_unit_test(test_village_range),
		cmocka_unit_test(test_town_range),
		cmocka_unit_test(test_admin_only_resource),
		cmocka_unit_test(test_enterprise_sees_own),
		cmocka_unit_test(test_org_subtree),
		cmocka_unit_test(test_department_denied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
