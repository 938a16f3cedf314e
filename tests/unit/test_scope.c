/* test_scope: the caller's scope is written into the SQL of every query from
 * the resource's declared ways — a division-code range, an organisation
 * subtree, an enterprise, a referenced record the caller sees, a child row
 * the caller sees — or nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "store/records.h"

static struct scope division(const char *code12)
{
	struct scope s;

	memset(&s, 0, sizeof(s));
	division_range(code12, s.lo, s.hi);
	return s;
}

static char *scope_sql(const struct resource *res, const struct scope *s, struct arena *a,
		       struct sqlw *w)
{
	sqlw_init(w, a);
	records_scope(w, res, s, "t", 0);
	return w->sql.ptr;
}

static void test_admin_unscoped(void **state)
{
	struct arena *a = arena_new();
	struct scope s = { .all = 1 };
	struct sqlw w;

	assert_string_equal(scope_sql(&res_persons, &s, a, &w), "");
	assert_int_equal(w.n, 0);
	sqlw_release(&w);
	assert_string_equal(scope_sql(&res_users, &s, a, &w), "");
	sqlw_release(&w);
	arena_free(a);
}

static void test_village_range(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726111200");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_persons, &s, a, &w),
			    " AND (t.division_code BETWEEN ? AND ?)");
	assert_int_equal(w.n, 2);
	assert_string_equal(w.params[0].s, "522726111200");
	assert_string_equal(w.params[1].s, "522726111200");
	sqlw_release(&w);
	arena_free(a);
}

static void test_town_range(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726111000");
	struct sqlw w;

	/* enterprises have org and enterprise ways too: only the division one applies */
	assert_string_equal(scope_sql(&res_enterprises, &s, a, &w),
			    " AND (t.division_code BETWEEN ? AND ?)");
	assert_int_equal(w.n, 2);
	assert_string_equal(w.params[1].s, "522726111999");
	sqlw_release(&w);
	arena_free(a);
}

static void test_admin_only_resource(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726000000");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_users, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_shared_resource(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726111200");
	struct sqlw w;

	/* divisions are reference data: everyone signed in sees them */
	assert_string_equal(scope_sql(&res_divisions, &s, a, &w), "");
	sqlw_release(&w);
	arena_free(a);
}

static void test_enterprise_sees_own(void **state)
{
	struct arena *a = arena_new();
	struct scope s = { .enterprise_id = 7 };
	struct sqlw w;

	assert_string_equal(scope_sql(&res_enterprises, &s, a, &w), " AND (t.id = ?)");
	assert_int_equal(w.params[0].i, 7);
	sqlw_release(&w);
	/* persons carry no enterprise column: nothing */
	assert_string_equal(scope_sql(&res_persons, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	/* organisations of the enterprise */
	assert_string_equal(scope_sql(&res_orgs, &s, a, &w), " AND (t.enterprise_id = ?)");
	sqlw_release(&w);
	arena_free(a);
}

static void test_org_subtree(void **state)
{
	struct arena *a = arena_new();
	struct scope s = { .org_path = "/1/4/" };
	struct sqlw w;

	assert_non_null(strstr(scope_sql(&res_orgs, &s, a, &w), "so.path LIKE ?"));
	assert_string_equal(w.params[0].s, "/1/4/%");
	sqlw_release(&w);
	/* a park's enterprises: by park or by their party organisation */
	scope_sql(&res_enterprises, &s, a, &w);
	assert_non_null(strstr(w.sql.ptr, "t.park_org_id"));
	assert_non_null(strstr(w.sql.ptr, " OR "));
	assert_non_null(strstr(w.sql.ptr, "t.party_org_id"));
	assert_int_equal(w.n, 2);
	sqlw_release(&w);
	/* persons are seen by their area only */
	assert_string_equal(scope_sql(&res_persons, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_nothing_named_sees_nothing(void **state)
{
	struct arena *a = arena_new();
	struct scope s;
	struct sqlw w;

	memset(&s, 0, sizeof(s));
	assert_string_equal(scope_sql(&res_persons, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	assert_string_equal(scope_sql(&res_talent_evaluations, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_ref_follows_the_referenced_scope(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726111000");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_talent_evaluations, &s, a, &w),
			    " AND (EXISTS (SELECT 1 FROM talents s1 WHERE s1.id = t.talent_id"
			    " AND s1.deleted_at IS NULL AND (s1.village_code BETWEEN ? AND ?)))");
	assert_int_equal(w.n, 2);
	sqlw_release(&w);
	arena_free(a);
}

/* A county training its village's people attended is visible to the village
 * through the attendance (not through the attendance's way back to the
 * training), and never the village's own to change. */
static void test_child_way(void **state)
{
	struct arena *a = arena_new();
	struct scope s = division("522726111200");
	struct sqlw w;

	assert_string_equal(scope_sql(&res_trainings, &s, a, &w),
			    " AND (t.division_code BETWEEN ? AND ? OR EXISTS (SELECT 1 FROM"
			    " training_attendance s1 WHERE s1.training_id = t.id AND s1.deleted_at IS NULL"
			    " AND (EXISTS (SELECT 1 FROM persons s2 WHERE s2.id = s1.person_id AND"
			    " s2.deleted_at IS NULL AND (s2.division_code BETWEEN ? AND ?)))))");
	assert_int_equal(w.n, 4);
	assert_string_equal(w.params[2].s, "522726111200");
	sqlw_release(&w);
	/* changing a row: the caller's own rows only */
	s.own = 1;
	assert_string_equal(scope_sql(&res_trainings, &s, a, &w),
			    " AND (t.division_code BETWEEN ? AND ?)");
	sqlw_release(&w);
	/* an organisation user reaches no training through attendance (no way applies) */
	memset(&s, 0, sizeof(s));
	s.org_path = "/1/";
	assert_string_equal(scope_sql(&res_trainings, &s, a, &w), " AND 1 = 0");
	sqlw_release(&w);
	arena_free(a);
}

static void test_division_filter(void **state)
{
	struct arena *a = arena_new();
	struct sqlw w;

	sqlw_init(&w, a);
	records_division_filter(&w, &res_enterprises, "522726111000", "522726111999");
	assert_string_equal(w.sql.ptr, " AND (t.division_code BETWEEN ? AND ?)");
	sqlw_release(&w);
	/* a resource with no way to a division is not narrowed */
	sqlw_init(&w, a);
	records_division_filter(&w, &res_users, "522726111000", "522726111999");
	assert_string_equal(w.sql.ptr, "");
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
		cmocka_unit_test(test_shared_resource),
		cmocka_unit_test(test_enterprise_sees_own),
		cmocka_unit_test(test_org_subtree),
		cmocka_unit_test(test_nothing_named_sees_nothing),
		cmocka_unit_test(test_ref_follows_the_referenced_scope),
		cmocka_unit_test(test_division_filter),
		cmocka_unit_test(test_child_way),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
