/* search_terms: unigrams and bigrams over UTF-8 characters. */
#include "domain/search_terms.h"

#include <ctype.h>
#include <string.h>

/* Length of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const unsigned char *s)
{
	if (*s < 0x80)
		return 1;
	if ((*s & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80)
		return 2;
	if ((*s & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
		return 3;
	if ((*s & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
	    (s[3] & 0xc0) == 0x80)
		return 4;
	return 1;
}

/* Characters that no one searches for break a run of terms. */
static int is_separator(const unsigned char *s, size_t n)
{
	return n == 1 && (isspace(*s) || ispunct(*s) || *s < 0x20);
}

static size_t copy_char(char *out, const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (char)(n == 1 ? tolower(s[i]) : s[i]);
	return n;
}

void search_terms_each(const char *text, void (*emit)(const char *term, void *arg), void *arg)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *prev = NULL;
	size_t prev_n = 0;
	char term[SEARCH_TERM_SIZE];

	while (*s) {
		size_t n = char_len(s), k;

		if (is_separator(s, n)) {
			prev = NULL;
			s += n;
			continue;
		}
		k = copy_char(term, s, n);
		term[k] = '\0';
		emit(term, arg);
		if (prev) {
			k = copy_char(term, prev, prev_n);
			k += copy_char(term + k, s, n);
			term[k] = '\0';
			emit(term, arg);
		}
		prev = s;
		prev_n = n;
		s += n;
	}
}

int search_terms_probe(const char *q, char out[SEARCH_TERM_SIZE])
{
	const unsigned char *s = (const unsigned char *)q;
	size_t n, m, k;

	while (*s && is_separator(s, char_len(s)))
		s++;
	if (!*s)
		return -1;
	n = char_len(s);
	k = copy_char(out, s, n);
	m = s[n] ? char_len(s + n) : 0;
	if (m && !is_separator(s + n, m))
		k += copy_char(out + k, s + n, m);
	out[k] = '\0';
	return 0;
}
