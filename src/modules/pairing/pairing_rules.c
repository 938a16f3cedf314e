/* pairing_rules: dates of a pairing's cadence and the kind of a village-level
 * division; see pairing_rules.h. Month arithmetic is date_add_months(). */
#include "modules/pairing/pairing_rules.h"

#include <string.h>

int pairing_rules_active(const char *start_on, const char *end_on, const char *d)
{
	if (!start_on || !d || strcmp(start_on, d) > 0)
		return 0;
	return !end_on || !*end_on || strcmp(end_on, d) >= 0;
}

int pairing_rules_next_due(const char *last_visit_on, const char *start_on, int every_months,
			   char out[DATE_SIZE])
{
	const char *base = last_visit_on && *last_visit_on ? last_visit_on : start_on;

	out[0] = '\0';
	if (!base || every_months < 1 || every_months > PAIRING_RULES_MAX_MONTHS)
		return -1;
	return date_add_months(base, every_months, out);
}

const char *pairing_rules_cadence(const char *next_due, const char *d)
{
	if (!next_due || !*next_due || !d)
		return NULL;
	return strcmp(d, next_due) <= 0 ? "ok" : "overdue";
}

/* Going back `months` from `on` lands on the same day of the month unless that
 * month is shorter; then no day of it reaches `on` and the first day of the
 * next month is the earliest that does. */
int pairing_rules_due_threshold(const char *on, int every_months, char out[DATE_SIZE])
{
	char back[DATE_SIZE];

	out[0] = '\0';
	if (every_months < 1 || every_months > PAIRING_RULES_MAX_MONTHS ||
	    date_add_months(on, -every_months, back))
		return -1;
	if (!strcmp(back + 8, on + 8)) {
		memcpy(out, back, DATE_SIZE);
		return 0;
	}
	memcpy(back + 8, "01", 3);
	return date_add_months(back, 1, out);
}

int pairing_rules_year(const char *d, char first[DATE_SIZE], char last[DATE_SIZE])
{
	first[0] = last[0] = '\0';
	if (!d || date_valid(d))
		return -1;
	memcpy(first, d, 4);
	memcpy(first + 4, "-01-01", 7);
	memcpy(last, d, 4);
	memcpy(last + 4, "-12-31", 7);
	return 0;
}

const char *pairing_rules_place(const char *code12)
{
	int n;

	if (!code12 || strlen(code12) != 12 || strspn(code12, "0123456789") != 12)
		return NULL;
	n = (code12[9] - '0') * 100 + (code12[10] - '0') * 10 + (code12[11] - '0');
	if (n >= 1 && n <= 199)
		return "community";
	if (n >= 200 && n <= 399)
		return "village";
	return NULL;
}
