/* xmalloc: allocation that aborts on out-of-memory, so callers never check for NULL. */
#ifndef JICENG_XMALLOC_H
#define JICENG_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows an array `p` of `nr` used / `alloc` slots so that it holds `want`. */
#define ALLOC_GROW(p, want, alloc)                                             \
	do {                                                                   \
		if ((size_t)(want) > (size_t)(alloc)) {                        \
			size_t alloc_grow_n_ = (alloc) ? (size_t)(alloc) * 2 : 8;  \
			while (alloc_grow_n_ < (size_t)(want))                 \
				alloc_grow_n_ *= 2;                            \
			(p) = xrealloc((p), alloc_grow_n_ * sizeof(*(p)));     \
			(alloc) = alloc_grow_n_;                               \
		}                                                              \
	} while (0)

#endif
