/* ranking_rules: a town's annual village ranking (排队抓尾) from weighted
 * indicators — normalisation, the weighted score, shared ranks and the tail.
 * Pure rules, no database; the statistic village_ranking applies them. */
#ifndef JICENG_MODULES_VILLAGE_RANKING_RULES_H
#define JICENG_MODULES_VILLAGE_RANKING_RULES_H

#include <stddef.h>

/* Scores closer than this are equal (they differ only by rounding of doubles). */
#define RANKING_EPSILON 1e-9

struct ranking_indicator {
	double weight;       /* > 0 */
	int lower_better;    /* lower_better: fewer is better (disputes, complaints) */
};

/*
 * The score of each of `nv` villages over `ni` indicators. values[v * ni + i]
 * is village v's value of indicator i when present[v * ni + i] is non-zero.
 * Each indicator is normalised over the villages that have it:
 * higher_better (v − min) / (max − min), lower_better (max − v) / (max − min),
 * 1 when max = min; a missing value counts 0. score = 100 × Σ weight ×
 * normalised / Σ weight (0 when there are no indicators or no weight).
 * Writes score[0..nv).
 */
void ranking_scores(const struct ranking_indicator *ind, size_t ni, const double *values,
		    const unsigned char *present, size_t nv, double *score);

/*
 * Ranks by score, best first: writes into `order` the village indices best
 * first (equal scores keep their index order, so callers pass villages sorted
 * by code) and into rank[v] each village's rank, equal scores (within
 * RANKING_EPSILON) sharing one: 1, 2, 2, 4.
 */
void ranking_ranks(const double *score, size_t nv, size_t *order, int *rank);

/*
 * Whether village v is in the last `tail` places (排队抓尾): with shared ranks
 * a tie occupies the places rank .. rank + (tied − 1), and the village is in
 * the tail when the last of those is among the last `tail` of the nv places —
 * so a tie at the bottom is in the tail together. tail <= 0: none.
 */
int ranking_in_tail(const int *rank, size_t nv, size_t v, int tail);

#endif
