/* arena: per-request memory; everything allocated from it is freed at once by
 * arena_free() when the request completes. Handlers allocate and never free. */
#ifndef JICENG_ARENA_H
#define JICENG_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed, 16-byte aligned memory that lives until arena_free(). */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
