/* date: parsing, validation and arithmetic of "YYYY-MM-DD" dates and RFC 3339 times.
 * Arithmetic goes through a day number (days since 1970-01-01, after H. Hinnant's
 * days_from_civil) rather than mktime(), which would depend on the server's time zone. */
#include "domain/date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PARSE_YEAR_MIN 1800 /* earlier years in a ledger are typing mistakes */
#define INPUT_MAX 64        /* longer input cannot be a date; saves bounds checks below */

static const char msg_date_format[] = "日期格式不正确，应为如2024-03-05";
static const char msg_date_serial[] =
	"日期被表格软件转成了数字，请把该列的单元格格式设置为“日期”后重新保存";
static const char msg_month_only[] = "只有年月，应填写到日，如2024-03-05";
static const char msg_year[] = "年份不正确（应在1800年以后）";
static const char msg_month[] = "月份应为1–12";
static const char msg_day[] = "日期不存在（该月没有这一天）";
static const char msg_dt_format[] = "时间格式不正确，应为如2024-03-05T08:30:00+08:00";
static const char msg_dt_zone[] = "时间缺少时区，应以Z或+08:00这样的时差结尾";
static const char msg_dt_time[] = "时间不存在（时应为0–23，分、秒应为0–59）";
static const char msg_dt_range[] = "时间超出范围";

/* UTF-8 of the characters in "2024年3月5日". */
static const char u_nian[] = "\xe5\xb9\xb4";
static const char u_yue[] = "\xe6\x9c\x88";
static const char u_ri[] = "\xe6\x97\xa5";

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `n` digits; 0 on success. */
static int read_digits(const char *s, int n, int *v)
{
	int i, x = 0, ret = -1;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			goto out;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	ret = 0;
out:
	return ret;
}

/* Reads one or two digits at *p and advances *p past them; 0 on success. */
static int read_1or2(const char **p, int *v)
{
	const char *s = *p;
	int n = is_digit(s[0]) ? (is_digit(s[1]) ? 2 : 1) : 0;

	if (n) {
		read_digits(s, n, v);
		*p = s + n;
	}
	return n ? 0 : -1;
}

/* Skips the UTF-8 literal `lit` at *p; 0 if it was there. */
static int skip_lit(const char **p, const char *lit)
{
	size_t n = strlen(lit);
	int ret = strncmp(*p, lit, n) ? -1 : 0;

	if (!ret)
		*p += n;
	return ret;
}

static int date_from_days(long long z, char out[DATE_SIZE]);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
	long long yy = y - (m <= 2);
	long long era = (yy >= 0 ? yy : yy - 399) / 400;
	long long yoe = yy - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Writes v as exactly `n` digits (v is known to fit). */
static char *put_digits(char *p, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

static void format_date(char out[DATE_SIZE], int y, int m, int d)
{
	char *p = out;

	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
}

/* Splits a "YYYY-MM-DD" that names a real day; 0 on success. */
static int split_date(const char *s, int *y, int *m, int *d)
{
	int ret = -1;

	if (!s || strnlen(s, 11) != 10 || s[4] != '-' || s[7] != '-')
		goto out;
	if (read_digits(s, 4, y) || read_digits(s + 5, 2, m) || read_digits(s + 8, 2, d))
		goto out;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
		goto out;
	ret = 0;
out:
	return ret;
}

/* Copies `in` without surrounding white space into `s` (size INPUT_MAX); -1 if too long. */
static int trim_copy(const char *in, char s[INPUT_MAX])
{
	const char *end;
	size_t n;
	int ret = -1;

	s[0] = '\0';
	while (is_space(*in))
		in++;
	end = in + strnlen(in, INPUT_MAX * 4);
	while (end > in && is_space(end[-1]))
		end--;
	n = (size_t)(end - in);
	if (n >= INPUT_MAX)
		goto out;
	memcpy(s, in, n);
	s[n] = '\0';
	ret = 0;
out:
	return ret;
}

/* Skips a time of day at p — " 08:30", " 0:00:00", "T08:30:00.000" — that follows the date in
 * what spreadsheets and databases print; 0 if p is at the end afterwards. */
static int skip_time(const char *p)
{
	int h = 0, m = 0, sec = 0;

	if (*p != ' ' && *p != 'T')
		return -1;
	while (*p == ' ')
		p++;
	if (*p == 'T')
		p++;
	if (read_1or2(&p, &h) || *p++ != ':' || read_digits(p, 2, &m))
		return -1;
	p += 2;
	sec = 0;
	if (*p == ':') {
		if (read_digits(p + 1, 2, &sec))
			return -1;
		p += 3;
		if (*p == '.')
			for (p++; is_digit(*p); p++)
				;
	}
	return *p || h > 23 || m > 59 || sec > 59 ? -1 : 0;
}

int date_parse_as(const char *in, unsigned flags, char out[DATE_SIZE], const char **why)
{
	const char *msg = msg_date_format;
	const char *p;
	char s[INPUT_MAX];
	size_t n, ndigits;
	int y = 0, m = 0, d = 1, month_only = 0, ret = -1;

	out[0] = '\0';
	if (!in || trim_copy(in, s))
		goto out;
	n = strlen(s);
	ndigits = strspn(s, "0123456789");
	if (ndigits == n) {
		/* A date cell read as a plain number gives its serial (34772 = 1995-03-14); an
		 * importer that knows the workbook's epoch converts it (date_from_serial()). */
		if (n == 5)
			msg = msg_date_serial;
		if (n == 6) {
			read_digits(s, 4, &y);
			read_digits(s + 4, 2, &m);
			month_only = 1;
		} else if (n == 8) {
			read_digits(s, 4, &y);
			read_digits(s + 4, 2, &m);
			read_digits(s + 6, 2, &d);
		} else {
			goto out;
		}
	} else {
		if (ndigits != 4)
			goto out;
		read_digits(s, 4, &y);
		p = s + 4;
		if (*p == '-' || *p == '/' || *p == '.') {
			char sep = *p++;

			if (read_1or2(&p, &m))
				goto out;
			if (!*p)
				month_only = 1;
			else if (*p++ != sep || read_1or2(&p, &d) || (*p && skip_time(p)))
				goto out;
		} else {
			if (skip_lit(&p, u_nian) || read_1or2(&p, &m) || skip_lit(&p, u_yue))
				goto out;
			if (!*p)
				month_only = 1;
			else if (read_1or2(&p, &d) || skip_lit(&p, u_ri) || (*p && skip_time(p)))
				goto out;
		}
	}
	if (y < PARSE_YEAR_MIN) {
		msg = msg_year;
		goto out;
	}
	if (m < 1 || m > 12) {
		msg = msg_month;
		goto out;
	}
	if (month_only && !(flags & DATE_MONTH)) {
		msg = msg_month_only;
		goto out;
	}
	if (d < 1 || d > month_days(y, m)) {
		msg = msg_day;
		goto out;
	}
	format_date(out, y, m, d);
	msg = NULL;
	ret = 0;
out:
	if (why)
		*why = msg;
	return ret;
}

int date_parse(const char *in, char out[DATE_SIZE], const char **why)
{
	return date_parse_as(in, 0, out, why);
}

int date_from_serial(long serial, int date1904, char out[DATE_SIZE])
{
	int ret = -1;

	out[0] = '\0';
	if (serial < DATE_SERIAL_MIN || serial > DATE_SERIAL_MAX)
		goto out;
	/* Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was, so from
	 * serial 61 on the day is serial - 25569 days after 1970-01-01; the 1904 system
	 * (old Mac workbooks) starts 1462 days later. */
	ret = date_from_days(serial - 25569 + (date1904 ? 1462 : 0), out);
out:
	return ret;
}

int date_valid(const char *d)
{
	int y, m, dd;

	return split_date(d, &y, &m, &dd);
}

int date_age(const char *birth, const char *at)
{
	int by, bm, bd, ay, am, ad, age = -1;

	if (split_date(birth, &by, &bm, &bd) || split_date(at, &ay, &am, &ad))
		goto out;
	if (days_from_civil(by, bm, bd) > days_from_civil(ay, am, ad))
		goto out;
	age = ay - by;
	if (am < bm || (am == bm && ad < bd))
		age--;
out:
	return age;
}

void date_today(char out[DATE_SIZE])
{
	const char *env = getenv("JICENG_TODAY");
	time_t now;
	struct tm tm;

	if (env && !date_valid(env)) {
		memcpy(out, env, DATE_SIZE);
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
		format_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
}

void date_now_rfc3339(char out[DATE_TIME_SIZE])
{
	date_time_rfc3339(time(NULL), out);
}

void date_time_rfc3339(time_t t, char out[DATE_TIME_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

time_t date_time_parse(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (!s || !(end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) || *end)
		return 0;
	return timegm(&tm);
}

/* Writes the date of day number `z` if it is within years 0001–9999; 0 on success. */
static int date_from_days(long long z, char out[DATE_SIZE])
{
	int y = 0, m = 0, d = 0, ret = -1;

	if (z < days_from_civil(1, 1, 1) || z > days_from_civil(9999, 12, 31))
		goto out;
	civil_from_days(z, &y, &m, &d);
	format_date(out, y, m, d);
	ret = 0;
out:
	return ret;
}

int date_add_months(const char *d, int months, char out[DATE_SIZE])
{
	long long total;
	int y, m, dd, ny, nm, ret = -1;

	out[0] = '\0';
	if (split_date(d, &y, &m, &dd))
		goto out;
	/* Months counted from year 0, so the division below never sees a negative number. */
	total = (long long)y * 12 + (m - 1) + months;
	if (total < 12 || total >= 10000LL * 12)
		goto out;
	ny = (int)(total / 12);
	nm = (int)(total % 12) + 1;
	if (dd > month_days(ny, nm))
		dd = month_days(ny, nm);
	format_date(out, ny, nm, dd);
	ret = 0;
out:
	return ret;
}

int date_add_days(const char *d, int days, char out[DATE_SIZE])
{
	int y, m, dd, ret = -1;

	out[0] = '\0';
	if (split_date(d, &y, &m, &dd))
		goto out;
	ret = date_from_days(days_from_civil(y, m, dd) + days, out);
out:
	return ret;
}

int date_diff_days(const char *a, const char *b, int *days)
{
	int ay, am, ad, by, bm, bd, ret = -1;

	*days = 0;
	if (split_date(a, &ay, &am, &ad) || split_date(b, &by, &bm, &bd))
		goto out;
	/* At most 3.65 million days apart, so it fits an int. */
	*days = (int)(days_from_civil(by, bm, bd) - days_from_civil(ay, am, ad));
	ret = 0;
out:
	return ret;
}

int date_parse_datetime(const char *in, char out[DATE_TIME_SIZE], const char **why)
{
	const char *msg = msg_dt_format;
	const char *p;
	char s[INPUT_MAX];
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0, ret = -1;
	long long t, z;

	out[0] = '\0';
	if (!in || trim_copy(in, s))
		goto out;
	p = s;
	if (read_digits(p, 4, &y) || p[4] != '-' || read_digits(p + 5, 2, &mo) || p[7] != '-' ||
	    read_digits(p + 8, 2, &d))
		goto out;
	p += 10;
	if (*p != 'T' && *p != 't' && *p != ' ')
		goto out;
	p++;
	if (read_digits(p, 2, &h) || p[2] != ':' || read_digits(p + 3, 2, &mi) || p[5] != ':' ||
	    read_digits(p + 6, 2, &sec))
		goto out;
	p += 8;
	if (*p == '.') {
		/* Stored times have whole seconds; the fraction is dropped, not rounded, so a
		 * time never moves into the next second (or day). */
		p++;
		if (!is_digit(*p))
			goto out;
		while (is_digit(*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		p++;
		if (read_digits(p, 2, &oh) || p[2] != ':' || read_digits(p + 3, 2, &om))
			goto out;
		p += 5;
	} else if (!*p) {
		msg = msg_dt_zone;
		goto out;
	}
	if (*p)
		goto out;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo)) {
		msg = msg_day;
		goto out;
	}
	if (h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) {
		msg = msg_dt_time;
		goto out;
	}
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	t -= sign * (oh * 3600 + om * 60);
	/* Floor division: instants before 1970 have negative t. */
	z = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	t -= z * 86400;
	if (date_from_days(z, out)) {
		msg = msg_dt_range;
		goto out;
	}
	out[10] = 'T';
	put_digits(out + 11, (int)(t / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(t / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(t % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
	msg = NULL;
	ret = 0;
out:
	if (why)
		*why = msg;
	return ret;
}

int date_local_day(const char *instant, char out[DATE_SIZE])
{
	struct tm tm;
	time_t t;

	out[0] = '\0';
	memset(&tm, 0, sizeof(tm));
	if (!instant || strlen(instant) != 20 || !strptime(instant, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return -1;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	format_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

int date_local_start(const char *d, char out[DATE_TIME_SIZE])
{
	struct tm tm;
	int y, m, day;
	time_t t;

	out[0] = '\0';
	if (split_date(d, &y, &m, &day))
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = day;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	gmtime_r(&t, &tm);
	strftime(out, DATE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int date_weekday(const char *d)
{
	int y, m, day;
	long long z;

	if (split_date(d, &y, &m, &day))
		return -1;
	z = days_from_civil(y, m, day);
	/* day 0 of days_from_civil is 1970-01-01, a Thursday (ISO 4) */
	return (int)(((z % 7) + 7 + 3) % 7) + 1;
}
