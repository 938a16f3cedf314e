/* generate: a realistic synthetic dataset written straight into a database for
 * `make bench` — over the villages of the loaded division tree (the whole of
 * 贵州 at scale 1): persons with valid ID numbers whose birth dates and
 * genders agree, party organisations, enterprises, reserve talents with their
 * steps and reviews, and three years of tickets with full event timelines.
 * Deterministic from the seed. */
#ifndef JICENG_SYNTH_GENERATE_H
#define JICENG_SYNTH_GENERATE_H

#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

/* Per village, at every scale: what a 贵州 village holds on average. */
#define SYNTH_PERSONS 60
#define SYNTH_ENTERPRISES 5
#define SYNTH_TALENTS 8
#define SYNTH_TICKETS_PER_YEAR 100
#define SYNTH_YEARS 3

struct synth_options {
	double scale;     /* the share of the loaded villages that get data, (0, 1] */
	uint64_t seed;
	int progress;     /* draw a progress bar on stderr */
};

struct synth_counts {
	long long villages, persons, orgs, enterprises, talents, evaluations, tickets, events;
	double seconds;
};

/*
 * Writes the dataset into `db` (migrated, with divisions, keys loaded, and no
 * persons yet). Returns 0 with the counts, or -1 with err (Chinese).
 */
int synth_generate(struct db *db, const struct synth_options *o, struct synth_counts *out,
		   struct buf *err);

#endif
