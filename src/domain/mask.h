/* mask: the masked forms of ID numbers and phones shown to users without the PII permission
 * (DESIGN.md: 5227**********123X, 139****5678). Pure functions, no I/O. */
#ifndef JICENG_MASK_H
#define JICENG_MASK_H

#define MASK_ID_SIZE 19    /* 18 characters and the NUL */
#define MASK_PHONE_SIZE 24 /* any masked phone and the NUL */

/*
 * An 18-character ID number → first 4, ten '*', last 4: "5227**********123X". Anything else
 * (stored before validation, or damaged) → all '*' but the last 2 characters, at most 18
 * characters in all; inputs of 4 characters or fewer, or with non-ASCII bytes, become all '*'
 * so that masking never shows most of a value or splits a UTF-8 sequence. NULL → "".
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
