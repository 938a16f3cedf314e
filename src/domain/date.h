/* date: calendar dates as the text "YYYY-MM-DD" and instants as UTC "YYYY-MM-DDTHH:MM:SSZ"
 * (DESIGN.md conventions); parsing of what clerks and spreadsheets type, ages and date arithmetic.
 * Pure rules, no I/O; proleptic Gregorian calendar. */
#ifndef JICENG_DATE_H
#define JICENG_DATE_H

#include <time.h>

/* Sizes of the output arrays, NUL included. */
#define DATE_SIZE 11     /* YYYY-MM-DD */
#define DATE_TIME_SIZE 21 /* YYYY-MM-DDTHH:MM:SSZ */

/*
 * Parses a date as typed or exported by a spreadsheet and writes it to `out` as "YYYY-MM-DD".
 * Accepted (surrounding spaces ignored): YYYY-M-D, YYYY/M/D, YYYY.M.D (month and day with one
 * or two digits, the same separator twice), YYYYMMDD, and YYYY年M月D日, each optionally
 * followed by a time of day that is ignored ("1995-03-14 00:00:00", "1995/3/14 8:30",
 * "1995-03-14T08:30:00.000"). Years 1800–9999 (9999 because licences valid "长期" are often
 * recorded as 9999-12-31). A month alone (YYYY.M, YYYY-M, YYYY/M, YYYY年M月, YYYYMM) is
 * refused with a message asking for the day.
 * Returns 0, or -1 with `*why` (if why is not NULL) set to a static Chinese message without the
 * field's name and `out` set to "".
 */
int date_parse(const char *in, char out[DATE_SIZE], const char **why);

enum date_flags {
	/* a month alone is the first day of that month: "2024.06" → 2024-06-01 (fields
	 * whose day is often not known, like the month a person entered a pool) */
	DATE_MONTH = 1 << 0,
};

/* date_parse() with `flags` (enum date_flags). */
int date_parse_as(const char *in, unsigned flags, char out[DATE_SIZE], const char **why);

/* The range of spreadsheet date serials an importer reads as dates in a date column whose
 * cells are not formatted as dates: five digits up to the end of 2099 (1927-05-18 to
 * 2099-12-31). Smaller numbers are more likely years or typing mistakes than dates. */
#define DATE_SERIAL_MIN 10000
#define DATE_SERIAL_MAX 73050

/*
 * The date of a spreadsheet serial (Excel, WPS, LibreOffice: 1900 system where serial 1 is
 * 1900-01-01 and the non-existent 1900-02-29 is counted; `date1904` for the 1904 system of old
 * Mac workbooks). Returns 0, or -1 (out = "") when serial is outside
 * DATE_SERIAL_MIN..DATE_SERIAL_MAX.
 */
int date_from_serial(long serial, int date1904, char out[DATE_SIZE]);

/* 0 if `d` is exactly "YYYY-MM-DD" naming a real day (any year 0001–9999), else -1. */
int date_valid(const char *d);

/*
 * Age in whole years at `at` of someone born on `birth` (both "YYYY-MM-DD"), by the rule of
 * Chinese statistics: at.year − birth.year, less one if (at.month, at.day) comes before
 * (birth.month, birth.day). So the age goes up on the birthday itself, and someone born on
 * 29 February turns a year older on 1 March in common years.
 * Returns the age (≥ 0), or -1 if either date is not valid or `birth` is after `at`.
 */
int date_age(const char *birth, const char *at);

/* Today's local date. The environment variable JICENG_TODAY ("YYYY-MM-DD") overrides it, for
 * tests; an invalid override is ignored. */
void date_today(char out[DATE_SIZE]);

/* The current UTC time, "YYYY-MM-DDTHH:MM:SSZ". Not affected by JICENG_TODAY. */
void date_now_rfc3339(char out[DATE_TIME_SIZE]);
/* `t` in UTC as "YYYY-MM-DDTHH:MM:SSZ". */
void date_time_rfc3339(time_t t, char out[DATE_TIME_SIZE]);
/* The instant of a "YYYY-MM-DDTHH:MM:SSZ" string (as written above); 0 for NULL
 * or any other form. */
time_t date_time_parse(const char *s);

/* `d` plus `months` (may be negative). A day past the end of the target month becomes its last
 * day (2024-01-31 + 1 month = 2024-02-29). Returns 0, or -1 (out = "") if `d` is not valid or
 * the result falls outside years 0001–9999. */
int date_add_months(const char *d, int months, char out[DATE_SIZE]);

/* `d` plus `days` (may be negative). Returns 0, or -1 (out = "") as date_add_months(). */
int date_add_days(const char *d, int days, char out[DATE_SIZE]);

/* Sets `*days` to b − a in days (negative if b is before a). Returns 0, or -1 if either date is
 * not valid (then *days is 0). */
int date_diff_days(const char *a, const char *b, int *days);

/*
 * Parses an RFC 3339 date-time ("2024-03-05T08:30:00+08:00", "...Z", optional fraction of a
 * second, which is dropped; 't'/'z' and a space in place of 'T' accepted, as RFC 3339 allows)
 * and writes the same instant in UTC as "YYYY-MM-DDTHH:MM:SSZ". A time without offset is
 * refused: it would be ambiguous. Leap seconds (:60) are refused.
 * Returns 0, or -1 with `*why` (if not NULL) set to a static Chinese message and `out` = "".
 */
int date_parse_datetime(const char *in, char out[DATE_TIME_SIZE], const char **why);

/* The day of the week of `d`: 1 Monday … 7 Sunday (ISO 8601), or -1 if `d` is not valid. */
int date_weekday(const char *d);

/*
 * The local calendar day of a UTC instant ("YYYY-MM-DDTHH:MM:SSZ"): the day the people in the
 * server's time zone (TZ; Asia/Shanghai in production) saw it happen. Returns 0, or -1 (out = "")
 * when `instant` is not of that form.
 */
int date_local_day(const char *instant, char out[DATE_SIZE]);

/*
 * The UTC instant at which local day `d` begins (00:00:00 in the server's time zone), so that a
 * date bound on an instant column reads as people mean it. Returns 0, or -1 (out = "") when `d`
 * is not valid.
 */
int date_local_start(const char *d, char out[DATE_TIME_SIZE]);

#endif
