/* xls_sandbox: .xls files are read in a child process. freexl 1.0.6 (Debian 12)
 * overruns a stack buffer on some malformed files (found by tests/fuzz/fuzz_xls.c
 * within a minute); an upload must not be able to do that inside the server.
 * The child is this binary again (`jiceng xls-cells`, spawned, not forked, so
 * that no lock of the server's threads is inherited); it reads the file on
 * stdin and writes the book as JSON on stdout, under a CPU limit and a
 * deadline. */
#include "io/xls_read.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"

extern char **environ;

#define CHILD_SECONDS 60          /* wall clock for one file, then the child is killed */
#define CHILD_CPU_SECONDS 30
#define CHILD_MEMORY ((rlim_t)2 << 30)
#define OUTPUT_MAX ((size_t)512 << 20)

static const char damaged[] =
	"无法读取这个 .xls 文件（文件可能已损坏）；请在 Excel/WPS 中打开后另存为 .xlsx 再导入";

/* ---- the child ---- */

static json_t *book_json(const struct book *b)
{
	json_t *sheets = json_array();
	size_t i, r, c;

	for (i = 0; i < b->n; i++) {
		const struct sheet *s = &b->sheets[i];
		json_t *rows = json_array();

		for (r = 0; r < s->nrows; r++) {
			json_t *row = json_array();

			json_array_append_new(row, json_integer(s->rows[r].line));
			for (c = 0; c < s->rows[r].ncells; c++)
				json_array_append_new(row, json_string(s->rows[r].cells[c]));
			json_array_append_new(rows, row);
		}
		json_array_append_new(sheets, json_pack("{s:s, s:b, s:o}", "name", s->name ? s->name : "",
							"date1904", s->date1904, "rows", rows));
	}
	return json_pack("{s:o}", "sheets", sheets);
}

int xls_child_main(void)
{
	struct rlimit cpu = { CHILD_CPU_SECONDS, CHILD_CPU_SECONDS };
	struct buf in, err = BUF_INIT;
	struct book b = BOOK_INIT;
	char chunk[65536];
	ssize_t n;
	json_t *out;

	setrlimit(RLIMIT_CPU, &cpu);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer reserves terabytes of address space */
	{
		struct rlimit mem = { CHILD_MEMORY, CHILD_MEMORY };

		setrlimit(RLIMIT_AS, &mem);
	}
#endif
	buf_init(&in, XLS_MAX_FILE);
	while ((n = read(0, chunk, sizeof(chunk))) > 0)
		buf_add(&in, chunk, (size_t)n);
	if (in.err || n < 0)
		out = json_pack("{s:s}", "error", in.err ? "文件过大" : damaged);
	else if (xls_read_book(in.ptr, in.len, &b, &err))
		out = json_pack("{s:s}", "error", err.ptr);
	else
		out = book_json(&b);
	json_dumpf(out, stdout, JSON_COMPACT);
	fflush(stdout);
	json_decref(out);
	book_release(&b);
	buf_release(&in);
	buf_release(&err);
	return 0;
}

/* ---- the parent ---- */

static int book_from_json(json_t *j, struct book *out, struct buf *err)
{
	json_t *sheet, *row, *cell;
	size_t i, r, c;

	if (json_is_string(json_object_get(j, "error"))) {
		buf_setf(err, "%s", json_string_value(json_object_get(j, "error")));
		return -1;
	}
	if (!json_is_array(json_object_get(j, "sheets"))) {
		buf_setf(err, "%s", damaged);
		return -1;
	}
	json_array_foreach(json_object_get(j, "sheets"), i, sheet) {
		struct sheet *s = book_add(out, json_string_value(json_object_get(sheet, "name")));

		s->date1904 = json_is_true(json_object_get(sheet, "date1904"));
		json_array_foreach(json_object_get(sheet, "rows"), r, row) {
			struct sheet_row *sr = sheet_add_row(s, (unsigned)json_integer_value(json_array_get(row, 0)));

			json_array_foreach(row, c, cell)
				if (c && json_is_string(cell))
					sheet_add_cell(sr, json_string_value(cell), json_string_length(cell));
		}
	}
	return 0;
}

/* Sends all of data, then reads everything the child writes, until `deadline`. */
static int talk(int fd, const void *data, size_t len, time_t deadline, struct buf *reply)
{
	size_t done = 0;
	char chunk[65536];
	ssize_t n;

	while (done < len) {
		n = send(fd, (const char *)data + done, len - done, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || time(NULL) > deadline)
			return -1;
		done += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	for (;;) {
		n = recv(fd, chunk, sizeof(chunk), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || time(NULL) > deadline)
			return -1;
		if (n == 0)
			return reply->err ? -1 : 0;
		buf_add(reply, chunk, (size_t)n);
	}
}

int xls_read_book_isolated(const void *data, size_t len, struct book *out, struct buf *err)
{
	static char arg0[] = "jiceng", arg1[] = XLS_CHILD_COMMAND;
	char *argv[] = { arg0, arg1, NULL };
	struct timeval tv = { CHILD_SECONDS, 0 };
	posix_spawn_file_actions_t fa;
	struct buf reply;
	json_t *j = NULL;
	pid_t pid = -1;
	int sv[2] = { -1, -1 }, status = 0, ret = -1, talked;

	buf_init(&reply, OUTPUT_MAX);
	if (!xls_looks_like(data, len)) {
		buf_setf(err, "不是有效的 .xls 文件");
		goto out;
	}
	if (len > XLS_MAX_FILE) {
		buf_setf(err, "文件过大（超过 %zu MB）", XLS_MAX_FILE >> 20);
		goto out;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		buf_setf(err, "服务器无法读取 .xls 文件，请另存为 .xlsx 后再导入");
		goto out;
	}
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* no database or client socket */
	if (posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ)) {
		pid = -1;
		posix_spawn_file_actions_destroy(&fa);
		buf_setf(err, "服务器无法读取 .xls 文件，请另存为 .xlsx 后再导入");
		goto out;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	sv[1] = -1;
	talked = talk(sv[0], data, len, time(NULL) + CHILD_SECONDS, &reply);
	if (talked)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	pid = -1;
	if (talked || !WIFEXITED(status) || WEXITSTATUS(status) ||
	    !(j = json_loadb(reply.ptr, reply.len, 0, NULL))) {
		buf_setf(err, "%s", damaged);
		goto out;
	}
	ret = book_from_json(j, out, err);
out:
	json_decref(j);
	if (sv[0] >= 0)
		close(sv[0]);
	if (sv[1] >= 0)
		close(sv[1]);
	buf_release(&reply);
	return ret;
}
