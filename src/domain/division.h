/* division: arithmetic on 统计用区划代码, the 12-digit division codes
 * (province 2, prefecture 4, county 6, town 9, village/community 12 digits,
 * right-padded with zeros; GB/T 2260 and the NBS rules for the lower levels).
 * The one place that knows the widths: scope, filters, records and statistics
 * all use these. Pure; no I/O. */
#ifndef JICENG_DOMAIN_DIVISION_H
#define JICENG_DOMAIN_DIVISION_H

#include <stddef.h>

#define DIVISION_SIZE 13 /* 12 digits and a NUL */

enum division_level {
	DIVISION_PROVINCE = 1,
	DIVISION_PREFECTURE = 2,
	DIVISION_COUNTY = 3,
	DIVISION_TOWN = 4,
	DIVISION_VILLAGE = 5,
};

/* Digits of the significant prefix at a level (1..5 → 2, 4, 6, 9, 12); 0 for
 * anything else. */
int division_width(int level);

/*
 * Writes the 12-digit form of a 2-, 4-, 6-, 9- or 12-digit code to out
 * ("522726111" → "522726111000"). Returns 0, or -1 (out = "") when `in` is
 * NULL, not all digits or not one of those lengths.
 */
int division_normalize(const char *in, char out[DIVISION_SIZE]);

/* The level of a 12-digit code from its trailing zeros: 1–5, or -1 if it is
 * not 12 digits. */
int division_level(const char *code12);

/*
 * Writes the significant prefix of a 12-digit code (2, 4, 6, 9 or 12 digits:
 * "522726000000" → "522726") to out and returns its length, or -1 (out = "")
 * if the code is not 12 digits. Every division under the code, and only those,
 * has a code starting with this prefix, which makes scoping an index range.
 */
int division_prefix(const char *code12, char out[DIVISION_SIZE]);

/*
 * The inclusive code range of a division's subtree: "522726000000" →
 * lo "522726000000", hi "522726999999". Returns 0, or -1 (both "") when the
 * code is not 12 digits.
 */
int division_range(const char *code12, char lo[DIVISION_SIZE], char hi[DIVISION_SIZE]);

/* 1 when `code12` lies in the range [lo, hi] (both 12 digits), else 0. */
int division_in_range(const char *code12, const char *lo, const char *hi);

/*
 * The ancestor of a 12-digit code at `level` (1..5): ("522726111200", 4) →
 * "522726111000". A code already at or above that level is copied unchanged.
 * Returns 0, or -1 (out = "") on a bad code or level.
 */
int division_rollup(const char *code12, int level, char out[DIVISION_SIZE]);

/* Level names for roll-ups in query parameters: "province", "prefecture",
 * "county", "town", "village" → 1..5; 0 when unknown. */
int division_level_by_name(const char *name);

/*
 * The display name for an official name (malloc'd): the suffix 村民委员会 or
 * 村委会 becomes 村 (新坪村村民委员会 → 新坪村, 苇沟村民委员会 → 苇沟村), 居民委员会
 * or 居委会 becomes 社区 (新庄社区居民委员会 → 新庄社区); other names are kept.
 */
char *division_short_name(const char *name);

/* The levels above a division that a written path may name (prefecture,
 * county, town above a village). */
#define DIVISION_PATH_UP 4

/*
 * Whether `prefix` is what people write before a division's own name to say
 * where it is: its ancestors' names, farthest first, any of them left out
 * ("独山县下司镇" or "下司镇" or "独山县" before 下司村, "" too). `names` holds
 * DIVISION_PATH_UP pairs {official name, short name}, nearest ancestor first
 * (NULL where a level is missing). An autonomous prefecture or county may be
 * written with the first two characters of its name and 州 or 县
 * (黔南布依族苗族自治州 → 黔南州). Returns 1 or 0.
 */
int division_path_matches(const char *prefix, const char *const names[DIVISION_PATH_UP][2]);

#endif
