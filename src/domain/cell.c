/* cell: cleaning cell text — spaces, full-width forms, middle dots, text
 * guards — over the code points of the input, and the loose comparison key. */
#include "domain/cell.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

/* A byte that is not part of well-formed UTF-8 travels as RAW | byte. */
#define RAW 0x80000000UL

enum kind { K_CHAR, K_SPACE, K_BREAK, K_DROP };

/* Decodes one code point at p[0..len); sets *n to the bytes it took. */
static unsigned long decode(const unsigned char *p, size_t len, size_t *n)
{
	unsigned long cp;

	*n = utf8_decode(p, len, &cp);
	if (*n)
		return cp;
	*n = 1;
	return RAW | p[0];
}

static void encode(struct buf *out, unsigned long cp)
{
	if (cp & RAW)
		buf_addc(out, (char)(cp & 0xFF));
	else
		utf8_encode(out, cp);
}

static enum kind kind_of(unsigned long cp)
{
	switch (cp) {
	case 0x09: case 0x0B: case 0x0C: case 0x20: case 0xA0: case 0x1680:
	case 0x202F: case 0x205F: case 0x3000:
		return K_SPACE;
	case 0x0A: case 0x0D: case 0x85: case 0x2028: case 0x2029:
		return K_BREAK;
	case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
		return K_DROP;
	}
	return cp >= 0x2000 && cp <= 0x200A ? K_SPACE : K_CHAR;
}

int cell_is_han(unsigned long cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

/* The middle dot of names (GB 18030 and the Ministry of Public Security's
 * rule for names of minority peoples write U+00B7) and what gets typed for it. */
static int is_dot_alike(unsigned long cp)
{
	switch (cp) {
	case 0xB7: case 0x387: case 0x16EB: case 0x2022: case 0x2024: case 0x2027: case 0x2219:
	case 0x22C5: case 0x2E31: case 0x30FB: case 0xFF0E: case 0xFF65:
		return 1;
	}
	return 0;
}

static unsigned long fold_ascii(unsigned long cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63)
		return '-';
	if (cp == 0x3002)
		return '.';
	return cp;
}

static int is_guard(unsigned long cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0xFF07 ||
	       cp == 0xFF40;
}

/* Whether a space between a and b stays in a name. */
static int name_keeps_space(unsigned long a, unsigned long b)
{
	return !(cell_is_han(a) || cell_is_han(b) || a == 0xB7 || b == 0xB7);
}

void cell_clean(const char *in, unsigned flags, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	size_t len = strlen((const char *)p), n, i, ncp = 0;
	unsigned long *cp = xmalloc(sizeof(*cp) * (len + 1));
	unsigned long last = 0; /* the last character written on this line, 0 at its start */
	int space = 0, breaks = 0, wrote = 0, guard = !!(flags & CELL_GUARD);

	/* code points, with CRLF read as one break */
	for (i = 0; i < len; i += n) {
		cp[ncp] = decode(p + i, len - i, &n);
		if (cp[ncp] == '\n' && ncp && cp[ncp - 1] == '\r')
			cp[ncp - 1] = '\n';
		else
			ncp++;
	}
	for (i = 0; i < ncp; i++) {
		unsigned long c = cp[i];
		enum kind k = kind_of(c);

		if (k == K_DROP)
			continue;
		if (k == K_BREAK && (flags & CELL_MULTILINE)) {
			breaks += wrote; /* leading breaks are trimmed */
			space = 0;
			continue;
		}
		if (k != K_CHAR) {
			space = 1;
			continue;
		}
		if (guard) {
			guard = 0;
			if (is_guard(c) && !wrote)
				continue;
		}
		if (flags & CELL_NAME) {
			if (is_dot_alike(c)) {
				c = 0xB7;
			} else if (c == '.' && cell_is_han(last)) {
				size_t j = i + 1;

				while (j < ncp && kind_of(cp[j]) != K_CHAR)
					j++;
				if (j < ncp && cell_is_han(cp[j]))
					c = 0xB7;
			}
		}
		if (flags & CELL_ASCII)
			c = fold_ascii(c);
		if (breaks) {
			for (; breaks; breaks--)
				buf_addc(out, '\n');
			last = 0;
		} else if (space && last && !(flags & CELL_NO_SPACE) &&
			   (!(flags & CELL_NAME) || name_keeps_space(last, c))) {
			buf_addc(out, ' ');
		}
		space = 0;
		encode(out, c);
		last = c;
		wrote = 1;
	}
	free(cp);
}

void cell_key(const char *in, struct buf *out)
{
	struct buf t = BUF_INIT;
	size_t i, n;

	cell_clean(in, CELL_ASCII | CELL_NO_SPACE, &t);
	n = t.len;
	if (n && t.ptr[n - 1] == ':')
		n--;
	for (i = 0; i < n; i++) {
		char c = t.ptr[i];

		if (c != '*')
			buf_addc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
	buf_release(&t);
}

size_t cell_code(const char *in, char *out, size_t cap)
{
	struct buf b = BUF_INIT;
	size_t i, n;

	cell_clean(in, CELL_ASCII | CELL_NO_SPACE, &b);
	n = b.len;
	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = b.ptr[i] >= 'a' && b.ptr[i] <= 'z' ? (char)(b.ptr[i] - 'a' + 'A') : b.ptr[i];
	out[i] = '\0';
	buf_release(&b);
	return n;
}

int cell_same_key(const char *a, const char *b)
{
	struct buf ka = BUF_INIT, kb = BUF_INIT;
	int same;

	cell_key(a, &ka);
	cell_key(b, &kb);
	same = !ka.err && !kb.err && !strcmp(ka.ptr, kb.ptr);
	buf_release(&ka);
	buf_release(&kb);
	return same;
}
