/* ranking_rules: min–max normalisation per indicator, weighted scores on a
 * 100-point scale and standard competition ranks (1, 2, 2, 4). */
#include "modules/village/ranking_rules.h"


void ranking_scores(const struct ranking_indicator *ind, size_t ni, const double *values,
		    const unsigned char *present, size_t nv, double *score)
{
	double wsum = 0;
	size_t v, i;

	for (v = 0; v < nv; v++)
		score[v] = 0;
	for (i = 0; i < ni; i++) {
		double lo = 0, hi = 0;
		int any = 0;

		wsum += ind[i].weight;
		for (v = 0; v < nv; v++) {
			double x = values[v * ni + i];

			if (!present[v * ni + i])
				continue;
			if (!any || x < lo)
				lo = x;
			if (!any || x > hi)
				hi = x;
			any = 1;
		}
		for (v = 0; v < nv; v++) {
			double x = values[v * ni + i], norm;

			if (!present[v * ni + i])
				continue; /* a missing value counts 0 */
			if (hi == lo)
				norm = 1;
			else
				norm = ind[i].lower_better ? (hi - x) / (hi - lo) : (x - lo) / (hi - lo);
			score[v] += ind[i].weight * norm;
		}
	}
	for (v = 0; v < nv; v++)
		score[v] = wsum > 0 ? 100.0 * score[v] / wsum : 0;
}

/* Scores within RANKING_EPSILON of each other are the same score. */
static int same(double a, double b)
{
	return a - b <= RANKING_EPSILON && b - a <= RANKING_EPSILON;
}

void ranking_ranks(const double *score, size_t nv, size_t *order, int *rank)
{
	size_t i, j;

	/* insertion sort, stable: a town has a few dozen villages at most */
	for (i = 0; i < nv; i++) {
		for (j = i; j > 0 && score[order[j - 1]] < score[i] - RANKING_EPSILON; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < nv; i++) {
		if (i && same(score[order[i]], score[order[i - 1]]))
			rank[order[i]] = rank[order[i - 1]];
		else
			rank[order[i]] = (int)i + 1;
	}
}

int ranking_in_tail(const int *rank, size_t nv, size_t v, int tail)
{
	size_t i, tied = 0;

	if (tail <= 0)
		return 0;
	for (i = 0; i < nv; i++)
		if (rank[i] == rank[v])
			tied++;
	/* the last place the tie occupies, against the first place of the tail */
	return (long long)rank[v] + (long long)tied - 1 > (long long)nv - tail;
}
