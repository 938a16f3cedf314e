/* synth: deterministic synthetic values for benchmark data — a seeded random
 * generator and realistic Chinese names (two and three characters, common
 * and rare characters, some outside the Basic Multilingual Plane), phones,
 * and picks from weighted distributions. Pure; the same seed gives the same
 * values on every machine. */
#ifndef JICENG_SYNTH_H
#define JICENG_SYNTH_H

#include <stdint.h>

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64. */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* A uniform integer in [0, n) (n > 0). */
uint32_t rng_below(struct rng *r, uint32_t n);
/* A uniform double in [0, 1). */
double rng_unit(struct rng *r);

/* One of `n` choices with integer weights (their sum > 0): its index. */
int rng_weighted(struct rng *r, const int *weights, int n);

/* A person's name into out (≥ 16 bytes): a surname by its frequency and one
 * or two given-name characters; about one name in fifty has a rare
 * character. */
void synth_name(struct rng *r, char *out, int size);
/* A mobile number (11 digits, 13x–19x) into out (≥ 12 bytes). */
void synth_phone(struct rng *r, char out[12]);

#endif
