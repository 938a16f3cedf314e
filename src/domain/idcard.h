/* idcard: the 18-character 居民身份证号 of GB 11643-1999 — normalising what clerks type or
 * paste, validating it (region, birth date, ISO 7064 MOD 11-2 check digit), and the rule that
 * a record's birth date and gender agree with the number. Pure rules, no I/O. */
#ifndef JICENG_IDCARD_H
#define JICENG_IDCARD_H

#define IDCARD_SIZE 19 /* 18 characters and the NUL */

/* What an ID number says about its holder. */
struct idcard_info {
	char number[IDCARD_SIZE]; /* the normalised number, the form to store */
	char birth_date[11];      /* YYYY-MM-DD, from digits 7–14 */
	char gender[7];           /* "male" or "female": digit 17 odd = male */
	char region[7];           /* digits 1–6, the county of first registration */
};

/*
 * Normalises an ID number as typed: drops every space anywhere — ASCII, NBSP, U+3000 and the
 * others of cell_clean() — (clerks group digits, paste from web pages), turns full-width digits
 * and Ｘ (typed with a Chinese input method) into ASCII, and upper-cases x. Returns 0 if the result has exactly 18 characters,
 * written to `out`; otherwise -1 and `out` is "". Checks nothing else.
 */
int idcard_normalize(const char *in, char out[IDCARD_SIZE]);

/*
 * Validates the normalised form of `s` as of the day `today` ("YYYY-MM-DD"): 17 digits and a
 * digit or X; a real province code in digits 1–2; a real birth date in digits 7–14, year 1800
 * or later and not after `today`; the MOD 11-2 check digit.
 * Returns 0 and fills `*info` (if not NULL). Returns -1 and sets `*why` (if not NULL) to a
 * static Chinese message without the field's name (the caller adds the label), e.g. "应为18位",
 * "校验码不正确", or the scientific-notation hint when a spreadsheet turned the number into a
 * float like 5.22726199001011E+17. On -1, `*info` is zeroed. A NULL or invalid `today`
 * means date_today().
 */
int idcard_check_at(const char *s, const char *today, struct idcard_info *info, const char **why);

/* idcard_check_at() as of date_today() (so JICENG_TODAY applies). */
int idcard_check(const char *s, struct idcard_info *info, const char **why);

/*
 * The rule that a record's own birth date and gender agree with its ID number. `birth_date`
 * ("YYYY-MM-DD" or any form date_parse() accepts) and `gender` ("male"/"female") may each be
 * NULL or "" when the record leaves them out; they are then not compared (the caller fills
 * them from `info`). Returns 0, or -1 with `*why` set to "出生日期与身份证号不一致" or
 * "性别与身份证号不一致".
 */
int idcard_agrees(const struct idcard_info *info, const char *birth_date, const char *gender,
		  const char **why);

#endif
