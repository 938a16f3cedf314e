/* phone: mainland telephone numbers — mobiles (1[3-9] and 9 digits) and landlines with their
 * area code — validated and normalised to one stored form. Pure rules, no I/O. */
#ifndef JICENG_PHONE_H
#define JICENG_PHONE_H

#include <stddef.h>

#define PHONE_SIZE 14 /* longest normalised form, "0xxx-xxxxxxxx", and the NUL */

/*
 * Validates `s` and writes its normalised form to `normalized` (`cap` bytes; PHONE_SIZE is
 * always enough; `normalized` may be NULL when cap is 0 and only the verdict is wanted).
 * Full-width forms are read as ASCII (cell_clean() CELL_ASCII: １３９…, ＋86, （0854）); spaces
 * and dashes are ignored, and a leading +86 or 0086 is dropped; brackets round the area code
 * mark where it ends like a dash ("(0854)8123456").
 *   mobile:   1[3-9] and 9 more digits          → "13912345678"
 *   landline: area code, 7–8 digits             → "0851-1234567", "010-12345678"
 * Area codes follow the numbering plan: 010 and 020–029 (3 digits), 03xx–09xx (4 digits).
 * Where the input has no dash, that plan also says where the area code ends. A landline
 * written internationally (+86 851 ...) gets its leading 0 back, and so does one whose 0 a
 * spreadsheet's number cell dropped (9–11 digits starting with 2–9 other than the 400/800
 * service numbers: "8548123456" → "0854-8123456"). Two numbers in one text ("139…/0854-…")
 * are refused with a message saying that the cell holds one number.
 * Returns 0, or -1 with `*why` (if not NULL) set to a static Chinese message without the
 * field's name, and `normalized` set to "" (if cap > 0).
 */
int phone_check(const char *s, char *normalized, size_t cap, const char **why);

#endif
