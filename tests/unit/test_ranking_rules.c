/* test_ranking_rules: the 排队抓尾 ranking — min–max normalisation in both
 * directions, max = min, missing values, weights, shared ranks (1, 2, 2, 4)
 * and the tail with ties at the bottom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "modules/village/ranking_rules.h"

#define NEAR(a, b) assert_true((a) - (b) < 1e-9 && (b) - (a) < 1e-9)

static void test_normalisation_and_weights(void **state)
{
	/* income (higher better, weight 3) and disputes (lower better, weight 1) */
	const struct ranking_indicator ind[] = { { 3, 0 }, { 1, 1 } };
	const double v[] = { 10, 5,   /* A: best income, worst disputes */
			     20, 1,   /* B: best in both */
			     15, 3 }; /* C: the middle of both */
	const unsigned char p[] = { 1, 1, 1, 1, 1, 1 };
	double s[3];

	ranking_scores(ind, 2, v, p, 3, s);
	NEAR(s[0], 100.0 * (3 * 0.0 + 1 * 0.0) / 4);
	NEAR(s[1], 100.0);
	NEAR(s[2], 100.0 * (3 * 0.5 + 1 * 0.5) / 4);
}

static void test_equal_values_and_missing(void **state)
{
	/* every village has the same value: normalised 1; a missing value counts 0 */
	const struct ranking_indicator ind[] = { { 1, 0 }, { 1, 1 } };
	const double v[] = { 7, 2, 7, 0, 7, 9 };
	const unsigned char p[] = { 1, 1, 1, 0, 1, 1 };
	double s[3];

	ranking_scores(ind, 2, v, p, 3, s);
	NEAR(s[0], 100.0 * (1 + 1) / 2);   /* 2 is the lowest of 2 and 9: best */
	NEAR(s[1], 100.0 * (1 + 0) / 2);   /* missing disputes count 0 */
	NEAR(s[2], 100.0 * (1 + 0) / 2);   /* 9 is the worst */
}

static void test_no_indicators_or_villages(void **state)
{
	double s[2] = { -1, -1 };
	const unsigned char p[1] = { 0 };
	size_t order[2];
	int rank[2];

	ranking_scores(NULL, 0, NULL, p, 2, s);
	NEAR(s[0], 0);
	NEAR(s[1], 0);
	ranking_ranks(s, 2, order, rank);
	assert_int_equal(rank[0], 1);
	assert_int_equal(rank[1], 1);
	ranking_ranks(s, 0, order, rank); /* nothing to rank: nothing happens */
}

static void test_shared_ranks(void **state)
{
	const double s[] = { 50, 90, 70, 70, 10 };
	size_t order[5];
	int rank[5];

	ranking_ranks(s, 5, order, rank);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2); /* equal scores keep their order */
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 0);
	assert_int_equal(order[4], 4);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[2], 2);
	assert_int_equal(rank[3], 2);
	assert_int_equal(rank[0], 4);
	assert_int_equal(rank[4], 5);
}

static void test_scores_equal_up_to_rounding_share_a_rank(void **state)
{
	const double s[] = { 0.1 + 0.2, 0.3, 0.2 };
	size_t order[3];
	int rank[3];

	ranking_ranks(s, 3, order, rank);
	assert_int_equal(rank[0], 1);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[2], 3);
}

static void test_tail(void **state)
{
	const int plain[] = { 1, 2, 3, 4 };
	const int tied_bottom[] = { 1, 2, 3, 3 };
	const int tied_middle[] = { 1, 2, 2, 4 };

	assert_false(ranking_in_tail(plain, 4, 2, 1));
	assert_true(ranking_in_tail(plain, 4, 3, 1));
	assert_true(ranking_in_tail(plain, 4, 2, 2));
	assert_false(ranking_in_tail(plain, 4, 3, 0));
	/* a tie for last place is in the tail together */
	assert_true(ranking_in_tail(tied_bottom, 4, 2, 1));
	assert_true(ranking_in_tail(tied_bottom, 4, 3, 1));
	assert_false(ranking_in_tail(tied_bottom, 4, 1, 1));
	/* 1, 2, 2, 4: the last place alone; the last two take in the tie */
	assert_true(ranking_in_tail(tied_middle, 4, 3, 1));
	assert_false(ranking_in_tail(tied_middle, 4, 1, 1));
	assert_true(ranking_in_tail(tied_middle, 4, 1, 2));
	assert_true(ranking_in_tail(tied_middle, 4, 2, 2));
	assert_false(ranking_in_tail(tied_middle, 4, 0, 3));
	assert_true(ranking_in_tail(tied_middle, 4, 0, 4));
	assert_true(ranking_in_tail(tied_middle, 4, 0, 100));
}

static void test_last_to_first(void **state)
{
	/* 新坪村 (index 1) worst in every indicator one year, best the next */
	const struct ranking_indicator ind[] = { { 30, 0 }, { 10, 1 } };
	const double before[] = { 8.6, 1, 3.2, 5, 6.2, 2 };
	const double after[] = { 9.4, 1, 19.1, 0, 6.8, 1 };
	const unsigned char p[] = { 1, 1, 1, 1, 1, 1 };
	double s[3];
	size_t order[3];
	int rank[3];

	ranking_scores(ind, 2, before, p, 3, s);
	ranking_ranks(s, 3, order, rank);
	assert_int_equal(rank[1], 3);
	assert_true(ranking_in_tail(rank, 3, 1, 1));
	NEAR(s[1], 0);
	ranking_scores(ind, 2, after, p, 3, s);
	ranking_ranks(s, 3, order, rank);
	assert_int_equal(rank[1], 1);
	NEAR(s[1], 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalisation_and_weights),
		cmocka_unit_test(test_equal_values_and_missing),
		cmocka_unit_test(test_no_indicators_or_villages),
		cmocka_unit_test(test_shared_ranks),
		cmocka_unit_test(test_scores_equal_up_to_rounding_share_a_rank),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_last_to_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
