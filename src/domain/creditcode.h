/* creditcode: the 18-character 统一社会信用代码 of GB 32100-2015 — normalisation and
 * validation (character set, region digits, check character). Pure rules, no I/O. */
#ifndef JICENG_CREDITCODE_H
#define JICENG_CREDITCODE_H

#define CREDITCODE_SIZE 19 /* 18 characters and the NUL */

/* Drops every space anywhere, folds full-width forms and upper-cases letters (cell_code()).
 * Returns 0 if the result has 18 characters, written to `out`; otherwise -1 and `out` is "".
 * Checks nothing else. */
int creditcode_normalize(const char *in, char out[CREDITCODE_SIZE]);

/*
 * Validates the normalised form of `s` (store creditcode_normalize()'s output): 18 characters
 * from 0–9 and A–Z without I O Z S V; characters 3–8 (the registering authority's region code)
 * digits; the check character 31 − (Σ value × weight mod 31). The authority/type pair in
 * characters 1–2 is deliberately not checked: the list of authorities and types keeps
 * growing, and refusing a real enterprise's code would be worse than missing a typo there.
 * Returns 0, or -1 with `*why` (if not NULL) set to a static Chinese message without the
 * field's name.
 */
int creditcode_check(const char *s, const char **why);

#endif
