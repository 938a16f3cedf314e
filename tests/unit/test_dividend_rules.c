/* test_dividend_rules: 保底 + 效益 dividends by largest remainder — worked
 * examples, ties to the lower holding id, the refusals, and properties on
 * random inputs: the lines add up to the distributable amount exactly, no part
 * is negative, every performance part is within one fen of its exact share,
 * and a holding given an extra fen never has a smaller remainder than one
 * that was not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "modules/village/dividend_rules.h"

static void test_worked_example(void **state)
{
	/* 1000.01 元 over 3 + 5 + 7 + 11 = 26 shares, 10 元 保底 each: 740.01 元 left;
	 * floors 8538, 14230, 19923, 31308 (73999), remainders 15, 25, 9, 3: the two
	 * leftover fen go to the holdings of 5 and 3 shares */
	struct dividend_holding h[] = { { 1, 3 }, { 2, 5 }, { 3, 7 }, { 4, 11 } };
	const char *why = NULL;

	assert_int_equal(dividend_allocate(100001, 1000, h, 4, NULL, &why), 0);
	assert_int_equal(h[0].guaranteed_fen, 3000);
	assert_int_equal(h[0].performance_fen, 8539);
	assert_int_equal(h[1].performance_fen, 14231);
	assert_int_equal(h[2].performance_fen, 19923);
	assert_int_equal(h[3].performance_fen, 31308);
	assert_int_equal(h[3].total_fen, 42308);
	assert_int_equal(h[0].total_fen + h[1].total_fen + h[2].total_fen + h[3].total_fen, 100001);
}

static void test_ties_go_to_lower_id(void **state)
{
	/* 5 fen over three equal holdings: 1 each, remainders equal, 2 leftover fen
	 * to the two lowest ids whatever the order they come in */
	struct dividend_holding h[] = { { 30, 1 }, { 10, 1 }, { 20, 1 } };
	const char *why = NULL;

	assert_int_equal(dividend_allocate(5, 0, h, 3, NULL, &why), 0);
	assert_int_equal(h[0].total_fen, 1); /* id 30 */
	assert_int_equal(h[1].total_fen, 2); /* id 10 */
	assert_int_equal(h[2].total_fen, 2); /* id 20 */
}

static void test_guaranteed_only_and_nothing_left(void **state)
{
	struct dividend_holding h[] = { { 1, 2 }, { 2, 3 } };
	const char *why = NULL;

	/* guaranteed takes everything: no performance part */
	assert_int_equal(dividend_allocate(5000, 1000, h, 2, NULL, &why), 0);
	assert_int_equal(h[0].total_fen, 2000);
	assert_int_equal(h[1].total_fen, 3000);
	assert_int_equal(h[0].performance_fen + h[1].performance_fen, 0);
	/* nothing to distribute at all */
	assert_int_equal(dividend_allocate(0, 0, h, 2, NULL, &why), 0);
	assert_int_equal(h[0].total_fen + h[1].total_fen, 0);
}

static void test_refusals(void **state)
{
	struct dividend_holding h[] = { { 1, 2 }, { 2, 3 } };
	struct dividend_holding bad[] = { { 1, 0 } };
	struct dividend_holding huge[] = { { 1, DIVIDEND_MAX_SHARES }, { 2, DIVIDEND_MAX_SHARES } };
	long long needed = 0;
	const char *why = NULL;

	/* 5 shares × 10 元 = 50 元 of 保底 but only 49.99 元 to distribute */
	assert_int_equal(dividend_allocate(4999, 1000, h, 2, &needed, &why), -1);
	assert_non_null(why);
	assert_int_equal(needed, 5000);
	h[0].total_fen = 77;
	assert_int_equal(dividend_allocate(4999, 1000, h, 2, NULL, &why), -1);
	assert_int_equal(h[0].total_fen, 77); /* nothing written */
	assert_int_equal(dividend_allocate(100, 0, h, 0, NULL, &why), -1);
	assert_int_equal(dividend_allocate(-1, 0, h, 2, NULL, &why), -1);
	assert_int_equal(dividend_allocate(DIVIDEND_MAX_FEN + 1, 0, h, 2, NULL, &why), -1);
	assert_int_equal(dividend_allocate(100, -1, h, 2, NULL, &why), -1);
	assert_int_equal(dividend_allocate(100, 0, bad, 1, NULL, &why), -1);
	/* the guaranteed sum beyond every bound is reported as such, without overflow */
	assert_int_equal(dividend_allocate(DIVIDEND_MAX_FEN, DIVIDEND_MAX_FEN, huge, 2, &needed, &why),
			 -1);
	assert_int_equal(needed, DIVIDEND_MAX_FEN + 1);
}

static void test_largest_amounts(void **state)
{
	/* the bounds together: 100 亿元 over holdings of a million shares */
	struct dividend_holding h[] = { { 1, DIVIDEND_MAX_SHARES }, { 2, 1 }, { 3, 999999 } };
	const char *why = NULL;

	assert_int_equal(dividend_allocate(DIVIDEND_MAX_FEN, 1, h, 3, NULL, &why), 0);
	assert_int_equal(h[0].total_fen + h[1].total_fen + h[2].total_fen, DIVIDEND_MAX_FEN);
}

/* A small deterministic generator, so that a failure can be replayed. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned long long rnd(unsigned long long n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? rng_state % n : 0;
}

static void test_properties_on_random_inputs(void **state)
{
	enum { ROUNDS = 3000, MAXN = 60 };
	struct dividend_holding h[MAXN];
	int round;

	for (round = 0; round < ROUNDS; round++) {
		size_t n = 1 + (size_t)rnd(MAXN), i, j;
		/* small, medium and bound-sized amounts and holdings */
		unsigned long long scale = round % 3 == 0 ? 1000ULL : round % 3 == 1 ? 100000000ULL
										    : (unsigned long long)DIVIDEND_MAX_FEN;
		long long dist = (long long)rnd(scale + 1), per, shares = 0, sum = 0, rest;
		long long max_shares = round % 2 ? 50 : DIVIDEND_MAX_SHARES;
		const char *why = NULL;

		for (i = 0; i < n; i++) {
			h[i].id = (long long)(n - i) * 7 + (long long)rnd(5) * 1000; /* unsorted, some ties */
			for (j = 0; j < i; j++)
				if (h[j].id == h[i].id)
					h[i].id += 100000;
			h[i].shares = 1 + (long long)rnd((unsigned long long)max_shares);
			shares += h[i].shares;
		}
		/* a guaranteed amount that fits, or none */
		per = round % 4 == 0 ? 0 : (long long)rnd((unsigned long long)(dist / shares) + 1);
		assert_int_equal(dividend_allocate(dist, per, h, n, NULL, &why), 0);
		rest = dist - per * shares;
		for (i = 0; i < n; i++) {
			/* the exact share is rest × shares / total; floor ≤ part ≤ floor + 1 */
			long long floor_part = rest / shares * h[i].shares +
					       (rest % shares) * h[i].shares / shares;

			assert_true(h[i].guaranteed_fen >= 0);
			assert_true(h[i].performance_fen >= 0);
			assert_int_equal(h[i].guaranteed_fen, per * h[i].shares);
			assert_int_equal(h[i].total_fen, h[i].guaranteed_fen + h[i].performance_fen);
			assert_true(h[i].performance_fen == floor_part ||
				    h[i].performance_fen == floor_part + 1);
			sum += h[i].total_fen;
		}
		assert_int_equal(sum, dist);
		/* largest remainder: whoever got the extra fen had a remainder at least as
		 * large as anyone who did not, and on equal remainders the lower id */
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				long long ri = (rest % shares) * h[i].shares % shares;
				long long rj = (rest % shares) * h[j].shares % shares;
				long long fi = rest / shares * h[i].shares +
					       (rest % shares) * h[i].shares / shares;
				long long fj = rest / shares * h[j].shares +
					       (rest % shares) * h[j].shares / shares;
				int got_i = h[i].performance_fen > fi, got_j = h[j].performance_fen > fj;

				if (got_i && !got_j) {
					assert_true(ri >= rj);
					if (ri == rj)
						assert_true(h[i].id < h[j].id);
				}
			}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_ties_go_to_lower_id),
		cmocka_unit_test(test_guaranteed_only_and_nothing_left),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_largest_amounts),
		cmocka_unit_test(test_properties_on_random_inputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
