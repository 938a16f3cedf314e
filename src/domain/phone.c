/* phone: validation and normalisation of mainland mobile and landline numbers. */
#include "domain/phone.h"

#include <string.h>

#include "domain/cell.h"

#define DIGITS_MAX 24 /* more digits than any number we accept, with room to spare */

static const char msg_chars[] = "只能包含数字、空格和短横线";
static const char msg_mobile[] = "手机号应为11位数字，以13–19开头";
static const char msg_landline[] = "固定电话应为区号加7–8位号码，如0851-12345678";
static const char msg_no_area[] = "固定电话需带区号，如0851-12345678";
static const char msg_invalid[] = "不是有效的手机号或固定电话";
static const char msg_overflow[] = "号码过长";
static const char msg_two[] = "只能填一个号码，其余号码请写在备注中";

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '-';
}

/* The numbering plan: 3-digit area codes are 010 and 020–029, 4-digit ones 03xx–09xx. */
static int area_code_ok(const char *d, size_t area)
{
	return area == 3 ? (d[1] == '1' && d[2] == '0') || d[1] == '2'
			 : d[1] >= '3' && d[1] <= '9';
}

/* True when the text holds two numbers: digits on both sides of a list separator. */
static int two_numbers(const char *s)
{
	const char *sep = strpbrk(s, "/,;\\");
	const char *p;
	int before = 0, after = 0;

	if (!sep) {
		sep = strstr(s, "\xe3\x80\x81"); /* 、 */
		if (!sep)
			sep = strstr(s, "\xe6\x88\x96"); /* 或 */
	}
	if (!sep)
		return 0;
	for (p = s; p < sep; p++)
		before |= is_digit(*p);
	for (p = sep; *p; p++)
		after |= is_digit(*p);
	return before && after;
}

/* A landline whose trunk 0 a spreadsheet dropped (0854-8123456 typed into a number cell
 * reads 8548123456): 9–11 digits starting with 2–9 can be nothing else. The 10-digit
 * 400 and 800 service numbers are not landlines. */
static int lost_trunk_zero(const char *d, size_t nd)
{
	return nd >= 9 && nd <= 11 && d[0] >= '2' && d[0] <= '9' &&
	       !((d[0] == '4' || d[0] == '8') && d[1] == '0' && d[2] == '0');
}

/* Parses `s` (full-width forms already folded) into its normalised form; returns NULL, or
 * the message saying what is wrong. */
static const char *parse(const char *s, char out[PHONE_SIZE])
{
	const char *p = s;
	const char *msg = msg_invalid;
	char d[DIGITS_MAX + 1];
	size_t nd = 0, area, local;
	int dash_at = -1, intl = 0, bracket = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (two_numbers(p)) {
		msg = msg_two;
		goto out;
	}
	if (p[0] == '+' && p[1] == '8' && p[2] == '6') {
		intl = 1;
		p += 3;
	} else if (!strncmp(p, "0086", 4)) {
		intl = 1;
		p += 4;
	}
	/* Separators right after the country code say nothing about the area code. */
	while (intl && is_sep(*p))
		p++;
	/* "(0854)8123456": the brackets mark the area code as a dash would */
	if (*p == '(') {
		bracket = 1;
		p++;
	}
	for (; *p; p++) {
		if (bracket && *p == ')' && nd) {
			bracket = 0;
			if (dash_at < 0)
				dash_at = (int)nd;
			continue;
		}
		if (is_sep(*p)) {
			if (*p == '-' && dash_at < 0)
				dash_at = (int)nd;
			continue;
		}
		if (!is_digit(*p)) {
			msg = msg_chars;
			goto out;
		}
		if (nd == DIGITS_MAX)
			goto out;
		d[nd++] = *p;
	}
	if (bracket) {
		msg = msg_chars;
		goto out;
	}
	d[nd] = '\0';
	if (nd == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') {
		memcpy(out, d, 12);
		msg = NULL;
		goto out;
	}
	/* Written internationally, a landline drops its trunk 0: +86 10 ... is 010-...; so
	 * does a number cell. */
	if (((intl && nd > 0 && d[0] != '0' && !(d[0] == '1' && d[1] >= '3')) ||
	     (!intl && dash_at < 0 && lost_trunk_zero(d, nd))) && nd < DIGITS_MAX) {
		memmove(d + 1, d, nd + 1);
		d[0] = '0';
		nd++;
		if (dash_at >= 0)
			dash_at++;
	}
	if (nd >= 7 && nd <= 8 && d[0] != '0') {
		msg = msg_no_area;
		goto out;
	}
	if (nd >= 9 && d[0] == '1') { /* long enough to be a mistyped mobile */
		msg = msg_mobile;
		goto out;
	}
	if (nd == 0 || d[0] != '0')
		goto out;
	msg = msg_landline;
	if (dash_at >= 0)
		area = (size_t)dash_at;
	else
		area = d[1] == '1' || d[1] == '2' ? 3 : 4;
	local = nd - (area < nd ? area : nd);
	if (area < 3 || area > 4 || local < 7 || local > 8 || !area_code_ok(d, area))
		goto out;
	memcpy(out, d, area);
	out[area] = '-';
	memcpy(out + area + 1, d + area, local + 1);
	msg = NULL;
out:
	return msg;
}

int phone_check(const char *s, char *normalized, size_t cap, const char **why)
{
	struct buf folded = BUF_INIT;
	char out[PHONE_SIZE];
	const char *msg;
	size_t n;
	int ret = -1;

	cell_clean(s, CELL_ASCII, &folded);
	msg = folded.err ? msg_overflow : parse(folded.ptr, out);
	if (msg)
		goto out;
	n = strlen(out);
	if (cap && n >= cap) {
		msg = msg_overflow;
		goto out;
	}
	if (cap)
		memcpy(normalized, out, n + 1);
	ret = 0;
out:
	if (ret && cap)
		normalized[0] = '\0';
	if (why)
		*why = msg;
	buf_release(&folded);
	return ret;
}
