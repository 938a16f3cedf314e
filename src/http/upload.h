/* upload: where a request body goes while it arrives — a capped memory
 * buffer for JSON, or for files (ROUTE_UPLOAD) an unlinked temporary file,
 * so that a 32 MiB import never sits in the heap. Bodies over the cap are
 * counted and dropped, never stored. */
#ifndef JICENG_UPLOAD_H
#define JICENG_UPLOAD_H

#include <stddef.h>

#include "core/buf.h"

struct upload {
	struct buf mem;      /* the body, when not in a file */
	int fd;              /* the temporary file, or -1 */
	size_t len;          /* bytes received (kept, or counted past max) */
	size_t max;          /* cap in bytes */
	int too_large;       /* more than max arrived */
	int failed;          /* the temporary file could not be written */
	void *map;           /* upload_finish(): the file mapped read-only */
	size_t map_len;
};

/* Starts an empty body of at most max bytes; to_file puts it in a temporary
 * file under dir (O_TMPFILE, mode 0600, gone when closed). 0, or -1 with err
 * set when no temporary file could be made. */
int upload_init(struct upload *u, size_t max, int to_file, const char *dir, struct buf *err);
/* Appends n bytes; past max sets too_large and keeps nothing more. */
void upload_add(struct upload *u, const char *data, size_t n);
/* The whole body, NUL-terminated (a file is mapped read-only with a NUL
 * after it): 0, or -1 with err set. The memory stays until upload_release. */
int upload_finish(struct upload *u, const char **body, size_t *len, struct buf *err);
void upload_release(struct upload *u);

#endif
