/* mask: the masked forms of ID numbers and phones shown to users without the PII permission
 * (5227*************X, 139****5678). Pure functions, no I/O. */
#ifndef JICENG_MASK_H
#define JICENG_MASK_H

#define MASK_ID_SIZE 19    /* 18 characters and the NUL */
#define MASK_PHONE_SIZE 24 /* any masked phone and the NUL */

/*
 * An 18-character ID number → first 4 (the prefecture, which every record's division already
 * says), thirteen '*', the check character: "5227*************X". Why not the usual last 4:
 * the birth date, sex and county are shown beside it, and with them the last 4 leave only the
 * county digits to guess, which the check character (GB 11643-1999) then confirms — a full
 * number in a handful of tries. With this form ~90 candidates remain even then.
 * Anything else (stored before validation, or damaged, e.g. 15-digit numbers) → all '*' but
 * the last character, at most 18 characters in all; inputs of 4 characters or fewer, or with
 * non-ASCII bytes, become all '*' so that masking never shows most of a value or splits a
 * UTF-8 sequence. NULL → "".
 */
void mask_id_number(const char *id, char out[MASK_ID_SIZE]);

/*
 * A mobile (11 digits starting with 1) → first 3, four '*', last 4: "139****5678". A landline
 * "0851-1234567" keeps its area code and last 2: "0851-*****67" (without a dash, the area code
 * is found as phone_check() does). Anything else → as for a malformed ID number, at most
 * MASK_PHONE_SIZE − 1 characters. NULL → "".
 */
void mask_phone(const char *phone, char out[MASK_PHONE_SIZE]);

#endif
