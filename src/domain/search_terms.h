/* search_terms: the characters and character pairs of a text, which index
 * Chinese substring search where trigram indexes cannot (names of two
 * characters). */
#ifndef JICENG_SEARCH_TERMS_H
#define JICENG_SEARCH_TERMS_H

#include <stddef.h>

#define SEARCH_TERM_SIZE 16 /* two UTF-8 characters of up to 4 bytes, and the NUL */

/* Calls emit for every character and every pair of adjacent characters of
 * text (ASCII lower-cased, white space and punctuation skipped). */
void search_terms_each(const char *text, void (*emit)(const char *term, void *arg), void *arg);
/* The term that every text containing q contains: its first pair of
 * characters (or its only character). 0, or -1 when q has none. */
int search_terms_probe(const char *q, char out[SEARCH_TERM_SIZE]);

#endif
