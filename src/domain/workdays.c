/* workdays: working-day arithmetic over a calendar of declared days. */
#include "domain/workdays.h"

#include <stdlib.h>
#include <string.h>

static int cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

static int listed(const char *const *days, size_t n, const char *d)
{
	return n && bsearch(d, days, n, sizeof(*days), cmp) != NULL;
}

/* Moves `d` to the next day (date_add_days must not write over its input). */
static int next_day(char d[DATE_SIZE])
{
	char next[DATE_SIZE];

	if (date_add_days(d, 1, next))
		return -1;
	memcpy(d, next, DATE_SIZE);
	return 0;
}

int workday_is(const struct workday_calendar *c, const char *d)
{
	int wd = date_weekday(d);

	if (wd < 0)
		return -1;
	if (wd >= 6)
		return listed(c->on, c->non, d);
	return !listed(c->off, c->noff, d);
}

int workday_add(const struct workday_calendar *c, const char *d, int n, char out[DATE_SIZE])
{
	char cur[DATE_SIZE];
	int w;

	out[0] = '\0';
	if (n < 0 || (w = workday_is(c, d)) < 0)
		return -1;
	memcpy(cur, d, DATE_SIZE);
	if (n == 0 && w) {
		memcpy(out, cur, DATE_SIZE);
		return 0;
	}
	if (n == 0)
		n = 1;
	while (n > 0) {
		if (next_day(cur))
			return -1;
		if (workday_is(c, cur) == 1)
			n--;
	}
	memcpy(out, cur, DATE_SIZE);
	return 0;
}

int workday_count(const struct workday_calendar *c, const char *a, const char *b)
{
	char cur[DATE_SIZE];
	int n = 0;

	if (date_valid(a) || date_valid(b))
		return -1;
	memcpy(cur, a, DATE_SIZE);
	while (strcmp(cur, b) < 0) {
		if (next_day(cur))
			return -1;
		n += workday_is(c, cur) == 1;
	}
	return n;
}
