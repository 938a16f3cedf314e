/* buf: the one growable byte buffer (after git's strbuf and curl's dynbuf).
 * Never NULL, always NUL-terminated, capped at `max` bytes; a failed append
 * sets the sticky `err` flag and is ignored, so callers check once at the end. */
#ifndef JICENG_BUF_H
#define JICENG_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;   /* always valid and NUL-terminated */
	size_t len;  /* bytes in use, not counting the NUL */
	size_t cap;  /* bytes allocated (0 while ptr is the shared empty string) */
	size_t max;  /* hard cap on len; appends beyond it set err */
	int err;     /* sticky: an append would have passed max */
};

#define BUF_DEFAULT_MAX ((size_t)1 << 30)
#define BUF_INIT { buf_empty, 0, 0, BUF_DEFAULT_MAX, 0 }

extern char buf_empty[];

void buf_init(struct buf *b, size_t max);
/* Frees the memory; the buf is empty and usable again. */
void buf_release(struct buf *b);
/* Empties without freeing; clears err. */
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Hands the memory to the caller (free() it); the buf is empty again. */
char *buf_detach(struct buf *b, size_t *len);
/* Replaces the contents with a formatted string (used for error messages). */
void buf_setf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
