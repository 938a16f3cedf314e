/* xls_read: .xls workbooks through freexl — one sheet per worksheet, cell
 * values turned into the same text the .xlsx reader gives. */
#include "io/xls_read.h"

#include <freexl.h>
#include <math.h> /* isfinite(), a macro: no libm needed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/xmalloc.h"

static const char bad_file[] = "不是有效的 .xls 文件";

int xls_looks_like(const void *data, size_t len)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

	return len >= 8 && !memcmp(data, ole2, 8);
}

/* The text of a cell as the user saw it; NULL for an empty cell. */
static char *cell_text(const FreeXL_CellValue *v)
{
	const char *t;
	size_t a, b;

	switch (v->type) {
	case FREEXL_CELL_INT:
		return sheet_number_text((double)v->value.int_value);
	case FREEXL_CELL_DOUBLE:
		return isfinite(v->value.double_value) ? sheet_number_text(v->value.double_value)
							: NULL;
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
		/* "YYYY-MM-DD[ HH:MM:SS]": the date, as .xlsx date cells read */
		t = v->value.text_value;
		return t ? xstrndup(t, strnlen(t, 10)) : NULL;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_TIME:
		t = v->value.text_value;
		if (!t)
			return NULL;
		b = strlen(t);
		for (a = 0; a < b && strchr(" \t\r\n\v\f", t[a]); a++)
			;
		while (b > a && strchr(" \t\r\n\v\f", t[b - 1]))
			b--;
		return b > a ? xstrndup(t + a, b - a) : NULL;
	default:
		return NULL;
	}
}

static const char *open_error(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "内存不足，无法读取 .xls 文件";
	case FREEXL_UNSUPPORTED_CHARSET:
	case FREEXL_INVALID_CHARACTER:
		return "无法识别 .xls 文件的字符编码，请在 Excel/WPS 中另存为 .xlsx 后再导入";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "文件中没有 Excel 工作簿（可能是 Word 等其他文档，或加密的 .xlsx 文件）";
	default:
		return "不是有效的 .xls 文件，或文件已损坏";
	}
}

/* Reads the active worksheet into s. */
static int read_sheet(const void *h, struct sheet *s, size_t *cells, struct buf *err)
{
	unsigned int rows = 0, r;
	unsigned short cols = 0, c;
	int ret = -1;

	if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		buf_setf(err, "%s（无法读取工作表的大小）", bad_file);
		goto out;
	}
	if (rows > SHEET_MAX_LINE) {
		buf_setf(err, "行数超过上限（%u 行），请拆分文件后导入", SHEET_MAX_LINE);
		goto out;
	}
	for (r = 0; r < rows; r++) {
		struct sheet_row *row = NULL;

		for (c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			char *t;

			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				continue;
			t = cell_text(&v);
			if (!t)
				continue;
			if (!row)
				row = sheet_add_row(s, r + 1);
			*cells += (size_t)c + 1 - row->ncells;
			if (*cells > SHEET_MAX_CELLS) {
				free(t);
				buf_setf(err, "表格内容过多，请拆分文件后导入");
				goto out;
			}
			sheet_row_pad(row, c);
			sheet_add_cell_owned(row, t);
		}
	}
	ret = 0;
out:
	return ret;
}

int xls_read_book(const void *data, size_t len, struct book *out, struct buf *err)
{
	const void *h = NULL;
	char path[64];
	unsigned int n = 0, i, mode = 0, pw = 0;
	size_t cells = 0, done;
	int fd = -1, rc, ret = -1;

	if (!len) {
		buf_setf(err, "文件为空");
		goto out;
	}
	if (len > XLS_MAX_FILE) {
		buf_setf(err, "文件过大（超过 %zu MB）", XLS_MAX_FILE >> 20);
		goto out;
	}
	if (!xls_looks_like(data, len)) {
		buf_setf(err, "%s", bad_file);
		goto out;
	}
	fd = memfd_create("jiceng-xls", MFD_CLOEXEC);
	if (fd < 0) {
		buf_setf(err, "服务器无法读取 .xls 文件，请另存为 .xlsx 后再导入");
		goto out;
	}
	for (done = 0; done < len;) {
		ssize_t w = write(fd, (const char *)data + done, len - done);

		if (w <= 0) {
			buf_setf(err, "服务器无法读取 .xls 文件，请另存为 .xlsx 后再导入");
			goto out;
		}
		done += (size_t)w;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rc = freexl_open(path, &h);
	if (rc != FREEXL_OK) {
		buf_setf(err, "%s", open_error(rc));
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw == FREEXL_BIFF_OBFUSCATED) {
		buf_setf(err, "该 .xls 文件设置了密码，请在 Excel/WPS 中取消密码后再导入");
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK || !n) {
		buf_setf(err, "工作簿中没有工作表");
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_DATEMODE, &mode) != FREEXL_OK)
		mode = FREEXL_BIFF_DATEMODE_1900;
	for (i = 0; i < n; i++) {
		const char *name = NULL;
		struct sheet *s;

		if (freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK)
			continue;
		freexl_get_worksheet_name(h, (unsigned short)i, &name);
		s = book_add(out, name ? name : "");
		s->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
		if (read_sheet(h, s, &cells, err))
			goto out;
	}
	if (!out->n) {
		buf_setf(err, "工作簿中没有工作表");
		goto out;
	}
	ret = 0;
out:
	if (h)
		freexl_close(h);
	if (fd >= 0)
		close(fd);
	return ret;
}
