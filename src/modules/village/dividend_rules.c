/* dividend_rules: 保底 + 效益 dividends by the largest remainder method, in
 * integer fen throughout (DESIGN.md: money is never floating point). */
#include "modules/village/dividend_rules.h"

#include <stdlib.h>

#include "core/xmalloc.h"

struct remainder {
	long long rem;   /* (rest × shares) mod total shares: the fraction left behind */
	long long id;
	size_t at;       /* index into the holdings */
};

/* Largest remainder first; equal remainders to the lower id. */
static int by_remainder(const void *pa, const void *pb)
{
	const struct remainder *a = pa, *b = pb;

	if (a->rem != b->rem)
		return a->rem > b->rem ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

int dividend_allocate(long long distributable_fen, long long guaranteed_fen_per_share,
		      struct dividend_holding *h, size_t n, long long *needed_fen,
		      const char **why)
{
	struct remainder *r = NULL;
	long long guaranteed = 0, shares = 0, rest, given = 0;
	size_t i;
	int ret = -1;

	if (!n) {
		*why = "没有可分红的股权";
		goto out;
	}
	if (distributable_fen < 0 || distributable_fen > DIVIDEND_MAX_FEN) {
		*why = "可分配金额应为 0 到 100 亿元";
		goto out;
	}
	if (guaranteed_fen_per_share < 0 || guaranteed_fen_per_share > DIVIDEND_MAX_FEN) {
		*why = "每股保底分红应为 0 到 100 亿元";
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (h[i].shares < 1 || h[i].shares > DIVIDEND_MAX_SHARES) {
			*why = "每户股数应为 1 到 1000000 股";
			goto out;
		}
		shares += h[i].shares;
		/* both factors are bounded, so the product fits; past the bound the sum
		 * no longer matters and stops growing */
		if (guaranteed <= DIVIDEND_MAX_FEN)
			guaranteed += h[i].shares * guaranteed_fen_per_share;
	}
	if (guaranteed > distributable_fen) {
		if (needed_fen)
			*needed_fen = guaranteed > DIVIDEND_MAX_FEN ? DIVIDEND_MAX_FEN + 1 : guaranteed;
		*why = "保底分红合计超过可分配金额";
		goto out;
	}
	rest = distributable_fen - guaranteed;
	r = xmalloc(n * sizeof(*r));
	for (i = 0; i < n; i++) {
		/* rest <= 10^12 and shares <= 10^6: the product stays below 2^63 */
		long long exact = rest * h[i].shares;

		h[i].guaranteed_fen = h[i].shares * guaranteed_fen_per_share;
		h[i].performance_fen = exact / shares;
		given += h[i].performance_fen;
		r[i].rem = exact % shares;
		r[i].id = h[i].id;
		r[i].at = i;
	}
	/* the parts rounded down leave fewer than n fen: one each, largest remainder first */
	qsort(r, n, sizeof(*r), by_remainder);
	for (i = 0; i < (size_t)(rest - given); i++)
		h[r[i].at].performance_fen++;
	for (i = 0; i < n; i++)
		h[i].total_fen = h[i].guaranteed_fen + h[i].performance_fen;
	ret = 0;
out:
	free(r);
	return ret;
}
