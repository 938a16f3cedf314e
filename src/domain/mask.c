/* mask: masked display forms of ID numbers and phone numbers. */
#include "domain/mask.h"

#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

/*
 * The fallback for values of unknown shape: every character '*' except the last `shown`, the
 * output cut to cap − 1 characters by dropping masked ones. Short or non-ASCII values are
 * masked completely.
 */
static void mask_rest(const char *s, char *out, size_t cap, size_t shown)
{
	size_t n = strlen(s), chars = 0, stars, i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || c < 0x20)
			shown = 0;
		if ((c & 0xc0) != 0x80) /* one '*' per UTF-8 character, not per byte */
			chars++;
	}
	if (chars <= 4)
		shown = 0;
	stars = chars - shown;
	if (stars + shown >= cap)
		stars = cap - 1 - shown;
	memset(out, '*', stars);
	memcpy(out + stars, s + n - shown, shown);
	out[stars + shown] = '\0';
}

void mask_id_number(const char *id, char out[MASK_ID_SIZE])
{
	const char *s = id ? id : "";

	if (strlen(s) == 18 && all_digits(s, 17) &&
	    (is_digit(s[17]) || s[17] == 'X' || s[17] == 'x')) {
		memcpy(out, s, 4);
		memset(out + 4, '*', 13);
		memcpy(out + 17, s + 17, 2);
	} else {
		mask_rest(s, out, MASK_ID_SIZE, 1);
	}
}

/* Masks a landline ("0851-1234567" or "08511234567"); -1 if `s` is not one. */
static int mask_landline(const char *s, char out[MASK_PHONE_SIZE])
{
	const char *dash = strchr(s, '-');
	const char *local;
	size_t area, nl;
	int ret = -1;

	if (s[0] != '0')
		goto out;
	if (dash)
		area = (size_t)(dash - s);
	else
		area = s[1] == '1' || s[1] == '2' ? 3 : 4;
	if (area < 3 || area > 4 || !all_digits(s, area))
		goto out;
	local = s + area + (dash ? 1 : 0);
	nl = strlen(local);
	if (nl < 7 || nl > 8 || !all_digits(local, nl))
		goto out;
	memcpy(out, s, area);
	out[area] = '-';
	memset(out + area + 1, '*', nl - 2);
	memcpy(out + area + 1 + nl - 2, local + nl - 2, 3);
	ret = 0;
out:
	return ret;
}

void mask_phone(const char *phone, char out[MASK_PHONE_SIZE])
{
	const char *s = phone ? phone : "";

	if (strlen(s) == 11 && s[0] == '1' && all_digits(s, 11)) {
		memcpy(out, s, 3);
		memset(out + 3, '*', 4);
		memcpy(out + 7, s + 7, 5);
	} else if (mask_landline(s, out)) {
		mask_rest(s, out, MASK_PHONE_SIZE, 2);
	}
}
