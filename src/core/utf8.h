/* utf8: reading and writing one code point of UTF-8 — the one decoder and
 * encoder that the spreadsheet readers, writers and cell cleaning share. */
#ifndef JICENG_CORE_UTF8_H
#define JICENG_CORE_UTF8_H

#include <stddef.h>

#include "core/buf.h"

/* Length (1–4) of the well-formed UTF-8 sequence at p[0..len) (len ≥ 1),
 * with its code point in *cp; 0 if the bytes there are not one (overlong
 * forms, surrogates and code points past U+10FFFF are refused; *cp is then
 * p[0]). */
size_t utf8_decode(const unsigned char *p, size_t len, unsigned long *cp);

/* Appends the UTF-8 form of code point cp (≤ U+10FFFF, not a surrogate). */
void utf8_encode(struct buf *out, unsigned long cp);

#endif
