/* division: the 12-digit division-code arithmetic (widths, normal form,
 * levels, subtree ranges, roll-ups) and the official-name → display-name rule. */
#include "domain/division.h"

#include <string.h>

#include "core/buf.h"
#include "core/xmalloc.h"

/* Digits of the significant prefix at each level (index = level). */
static const int level_width[] = { 0, 2, 4, 6, 9, 12 };

/* Official-name suffixes and what the display name ends in instead. */
static const struct {
	const char *suffix; /* at the end of the official name */
	const char *kind;   /* the display name ends in this */
} short_suffixes[] = {
	{ "村民委员会", "村" },
	{ "村委会", "村" },
	{ "居民委员会", "社区" },
	{ "居委会", "社区" },
};

static int all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t sl = strlen(suffix);

	return len >= sl && !memcmp(s + len - sl, suffix, sl);
}

int division_width(int level)
{
	return level >= 1 && level <= 5 ? level_width[level] : 0;
}

int division_normalize(const char *in, char out[DIVISION_SIZE])
{
	size_t len;

	out[0] = '\0';
	if (!in)
		return -1;
	len = strlen(in);
	if ((len != 2 && len != 4 && len != 6 && len != 9 && len != 12) ||
	    !all_digits(in, len))
		return -1;
	memcpy(out, in, len);
	memset(out + len, '0', 12 - len);
	out[12] = '\0';
	return 0;
}

int division_level(const char *code12)
{
	int level;

	if (!code12 || strlen(code12) != 12 || !all_digits(code12, 12))
		return -1;
	/* The shallowest level whose digits after its prefix are all zero. */
	for (level = 1; level < 5; level++) {
		const char *p = code12 + level_width[level];

		while (*p == '0')
			p++;
		if (!*p)
			return level;
	}
	return 5;
}

int division_prefix(const char *code12, char out[DIVISION_SIZE])
{
	int level = division_level(code12);
	int width;

	out[0] = '\0';
	if (level < 0)
		return -1;
	width = level_width[level];
	memcpy(out, code12, (size_t)width);
	out[width] = '\0';
	return width;
}

int division_range(const char *code12, char lo[DIVISION_SIZE], char hi[DIVISION_SIZE])
{
	int level = division_level(code12);
	int width;

	lo[0] = hi[0] = '\0';
	if (level < 0)
		return -1;
	width = level_width[level];
	memcpy(lo, code12, DIVISION_SIZE);
	memcpy(hi, code12, (size_t)width);
	memset(hi + width, '9', (size_t)(12 - width));
	hi[12] = '\0';
	return 0;
}

int division_in_range(const char *code12, const char *lo, const char *hi)
{
	return code12 && lo && hi && strcmp(code12, lo) >= 0 && strcmp(code12, hi) <= 0;
}

int division_rollup(const char *code12, int level, char out[DIVISION_SIZE])
{
	int width = division_width(level);

	out[0] = '\0';
	if (!width || division_level(code12) < 0)
		return -1;
	memcpy(out, code12, (size_t)width);
	memset(out + width, '0', (size_t)(12 - width));
	out[12] = '\0';
	return 0;
}

int division_level_by_name(const char *name)
{
	static const char *const names[] = { NULL, "province", "prefecture", "county", "town",
					     "village" };
	int i;

	for (i = 1; name && i <= 5; i++)
		if (!strcmp(name, names[i]))
			return i;
	return 0;
}

char *division_short_name(const char *name)
{
	size_t len = strlen(name), i;

	for (i = 0; i < sizeof(short_suffixes) / sizeof(short_suffixes[0]); i++) {
		const char *kind = short_suffixes[i].kind;
		size_t stem;
		struct buf b = BUF_INIT;

		if (!ends_with(name, len, short_suffixes[i].suffix))
			continue;
		stem = len - strlen(short_suffixes[i].suffix);
		if (!stem)
			break;
		buf_add(&b, name, stem);
		/* 新坪村 + 村民委员会 already says 村; 苇沟 + 村民委员会 does not. */
		if (!ends_with(name, stem, kind))
			buf_adds(&b, kind);
		return buf_detach(&b, NULL);
	}
	return xstrdup(name);
}

/* The first two characters of an autonomous prefecture's or county's name and
 * 州 or 县: 黔南布依族苗族自治州 → 黔南州, 三都水族自治县 → 三都县 (into out). */
static int autonomous_short(const char *name, char *out, size_t cap)
{
	static const char zhou[] = "\xe8\x87\xaa\xe6\xb2\xbb\xe5\xb7\x9e";   /* 自治州 */
	static const char xian[] = "\xe8\x87\xaa\xe6\xb2\xbb\xe5\x8e\xbf";   /* 自治县 */
	size_t len = strlen(name), two = 6; /* two CJK characters in UTF-8 */
	const char *kind;

	if (ends_with(name, len, zhou))
		kind = "\xe5\xb7\x9e"; /* 州 */
	else if (ends_with(name, len, xian))
		kind = "\xe5\x8e\xbf"; /* 县 */
	else
		return -1;
	if (len < two + 9 || two + 3 + 1 > cap)
		return -1;
	memcpy(out, name, two);
	memcpy(out + two, kind, 3);
	out[two + 3] = '\0';
	return 0;
}

/* Whether the first `len` bytes of s end with `name`, and how much is left. */
static int strip_end(const char *s, size_t len, const char *name, size_t *left)
{
	size_t n = name ? strlen(name) : 0;

	if (!n || n > len || memcmp(s + len - n, name, n))
		return 0;
	*left = len - n;
	return 1;
}

static int path_from(const char *s, size_t len, const char *const names[DIVISION_PATH_UP][2],
		     int level)
{
	int i, k;
	size_t left;
	char abbr[16];

	if (!len)
		return 1;
	for (i = level; i < DIVISION_PATH_UP; i++) {
		for (k = 0; k < 2; k++)
			if (strip_end(s, len, names[i][k], &left) && path_from(s, left, names, i + 1))
				return 1;
		if (names[i][0] && !autonomous_short(names[i][0], abbr, sizeof(abbr)) &&
		    strip_end(s, len, abbr, &left) && path_from(s, left, names, i + 1))
			return 1;
	}
	return 0;
}

int division_path_matches(const char *prefix, const char *const names[DIVISION_PATH_UP][2])
{
	return path_from(prefix, strlen(prefix), names, 0);
}
