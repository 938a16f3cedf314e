/* cell: what people put into spreadsheet cells and forms, made uniform before
 * it is validated — every Unicode space trimmed and collapsed, full-width
 * forms folded to ASCII where a value is digits and signs, look-alike middle
 * dots in names made one, the text guard ' dropped — and the loose key by
 * which a header or an enum cell is compared with a declared label.
 * Pure rules, no I/O. */
#ifndef JICENG_DOMAIN_CELL_H
#define JICENG_DOMAIN_CELL_H

#include "core/buf.h"

enum cell_flags {
	/* full-width ASCII forms (０–９ Ａ–Ｚ ＋ － ． （ ）…) to ASCII, the dashes
	 * ‐ ‑ ‒ – — ― − to '-', 。 to '.': for ID numbers, phones, dates, money,
	 * codes and numbers, where a Chinese input method typed them */
	CELL_ASCII = 1 << 0,
	/* a person's name: the look-alike middle dots · • ・ ‧ ． ･ ∙ ⋅ (and a '.'
	 * between Chinese characters) become U+00B7, and spaces next to a Chinese
	 * character or the dot are dropped (“王 小明”, “张　三” aligned with
	 * three-character names, “阿依古丽 · 买买提”) */
	CELL_NAME = 1 << 1,
	/* keep line breaks (as \n, blank lines kept); otherwise a line break is a space */
	CELL_MULTILINE = 1 << 2,
	/* drop one leading text guard — ' or ` (and ‘ ’ ＇ ｀) — that users type so
	 * that a spreadsheet keeps a number as text */
	CELL_GUARD = 1 << 3,
	/* drop every space, not only the surrounding ones (headers, keys) */
	CELL_NO_SPACE = 1 << 4,
};

/*
 * Appends the clean form of `in` (UTF-8, NUL-terminated; NULL is "") to `out`:
 * spaces — ASCII space and tab, NBSP U+00A0, U+1680, U+2000–U+200A, U+202F,
 * U+205F, the ideographic space U+3000 — and line breaks (LF, CR, CRLF, U+0085,
 * U+2028, U+2029; unless CELL_MULTILINE) are trimmed from both ends and each
 * run inside becomes one ASCII space; the invisible U+200B–U+200D, U+2060,
 * U+FEFF and the soft hyphen U+00AD are dropped; then `flags` (enum
 * cell_flags) apply. Bytes that are not UTF-8 are copied unchanged, for the
 * validator to refuse. Never fails (out's own cap aside).
 */
void cell_clean(const char *in, unsigned flags, struct buf *out);

/*
 * Appends the comparison key of a label or cell to `out`: cell_clean() with
 * CELL_ASCII | CELL_NO_SPACE, ASCII letters lower-cased, '*' (the mark of a
 * required column) dropped, one trailing ':' dropped. Two texts a person
 * reads as the same label (“联系\n电话”, “姓  名”, “高中／中专”, “身份证号*”)
 * have the same key.
 */
void cell_key(const char *in, struct buf *out);

/*
 * The characters of a code (ID number, credit code): cell_clean() with CELL_ASCII |
 * CELL_NO_SPACE, ASCII letters upper-cased. Writes at most cap − 1 of them to `out`
 * (NUL-terminated; cap ≥ 1) and returns how many there are in all, which may exceed what
 * was written, so that the caller can tell a wrong length.
 */
size_t cell_code(const char *in, char *out, size_t cap);

/* 1 when a and b have the same cell_key(), else 0. */
int cell_same_key(const char *a, const char *b);

/* 1 for a code point of the CJK unified ideographs (and their extensions and
 * compatibility block, 〇 included), else 0. */
int cell_is_han(unsigned long cp);

#endif
