/* upload: request bodies into a capped buffer or a temporary file. */
#include "http/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* An unlinked file in dir: O_TMPFILE where the file system has it, else a
 * named file removed at once. */
static int temp_file(const char *dir)
{
	char path[4096];
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	if ((size_t)snprintf(path, sizeof(path), "%s/jiceng-upload-XXXXXX", dir) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

int upload_init(struct upload *u, size_t max, int to_file, const char *dir, struct buf *err)
{
	memset(u, 0, sizeof(*u));
	u->fd = -1;
	u->max = max;
	buf_init(&u->mem, max ? max : 1);
	if (to_file && (u->fd = temp_file(dir)) < 0) {
		buf_setf(err, "无法在 %s 建立临时文件: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void upload_add(struct upload *u, const char *data, size_t n)
{
	if (u->too_large || n > u->max - u->len) {
		u->too_large = 1;
		u->len = n > (size_t)-1 - u->len ? (size_t)-1 : u->len + n;
		return;
	}
	u->len += n;
	if (u->failed)
		return;
	if (u->fd < 0)
		buf_add(&u->mem, data, n);
	else if (write_all(u->fd, data, n))
		u->failed = 1;
}

int upload_finish(struct upload *u, const char **body, size_t *len, struct buf *err)
{
	if (u->fd < 0) {
		*body = u->mem.ptr;
		*len = u->mem.len;
		return 0;
	}
	*body = "";
	*len = 0;
	if (u->failed || write_all(u->fd, "", 1)) {
		buf_setf(err, "临时文件写入失败: %s", strerror(errno));
		return -1;
	}
	if (!u->len)
		return 0;
	u->map_len = u->len + 1;
	u->map = mmap(NULL, u->map_len, PROT_READ, MAP_PRIVATE, u->fd, 0);
	if (u->map == MAP_FAILED) {
		u->map = NULL;
		buf_setf(err, "临时文件映射失败: %s", strerror(errno));
		return -1;
	}
	*body = u->map;
	*len = u->len;
	return 0;
}

void upload_release(struct upload *u)
{
	if (u->map)
		munmap(u->map, u->map_len);
	if (u->fd >= 0)
		close(u->fd);
	buf_release(&u->mem);
	u->map = NULL;
	u->fd = -1;
}
