/* xlsx_write: libxlsxwriter behind a memory-to-memory interface, for data
 * files (every cell text) and reports (a title row, numeric columns). Version
 * 1.1.4 can only write to a named file, so the workbook goes to a private
 * temporary file that is read back and unlinked. */
#include "core/utf8.h"
#include "io/xlsx_write.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/xmalloc.h"

#define EXCEL_MAX_ROWS 1048576u
#define EXCEL_MAX_CELL_CHARS 32767u
#define MIN_WIDTH 6
#define MAX_WIDTH 60

/* Copies s, replacing each byte that does not start a valid UTF-8 sequence
 * with U+FFFD: libxlsxwriter writes bytes as given and Excel refuses the
 * whole file over one bad byte. Returns NULL when s is clean already. */
static char *clean_utf8(const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	unsigned long cp;

	for (i = 0; i < len; i++)
		if (p[i] >= 0x80)
			break;
	if (i == len)
		return NULL;
	for (i = 0; i < len;) {
		n = utf8_decode(p + i, len - i, &cp);
		if (n) {
			buf_add(&b, p + i, n);
			i += n;
		} else {
			buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	if (b.len == len) { /* nothing replaced */
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* Characters in s (a valid UTF-8 string), and the display width of its
 * widest line, with East Asian wide characters counting two. */
static void measure(const char *s, size_t *chars, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t line = 0;
	unsigned long cp;

	*chars = *width = 0;
	while (*p) {
		if (*p < 0x80) {
			cp = *p++;
		} else if (*p < 0xE0) {
			cp = ((unsigned long)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else if (*p < 0xF0) {
			cp = ((unsigned long)(p[0] & 0x0F) << 12) |
			     ((unsigned long)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			p += 3;
		} else {
			cp = 0x10000;
			p += 4;
		}
		(*chars)++;
		if (cp == '\n') {
			line = 0;
			continue;
		}
		/* Hangul Jamo onward, less the halfwidth katakana/hangul block */
		line += (cp >= 0x1100 && !(cp >= 0xFF61 && cp <= 0xFFDC)) ? 2 : 1;
		if (line > *width)
			*width = line;
	}
}

/* Appends sheet_name, made acceptable to Excel, to name. */
static void clean_sheet_name(const char *sheet_name, struct buf *name)
{
	struct buf tmp = BUF_INIT;
	char *fixed = NULL;
	const char *p;
	size_t chars, n;

	if (sheet_name)
		fixed = clean_utf8(sheet_name);
	p = fixed ? fixed : sheet_name ? sheet_name : "";
	while (*p == '\'') /* Excel rejects a leading or trailing apostrophe */
		p++;
	for (chars = 0; *p && chars < 31; chars++) {
		for (n = 1; (p[n] & 0xC0) == 0x80; n++)
			;
		if (n == 1 && strchr("[]:*?/\\", *p))
			buf_addc(&tmp, '_');
		else if (n > 1 || (unsigned char)*p >= 0x20)
			buf_add(&tmp, p, n);
		else
			buf_addc(&tmp, ' ');
		p += n;
	}
	for (n = tmp.len; n && tmp.ptr[n - 1] == '\''; n--)
		;
	if (n)
		buf_add(name, tmp.ptr, n);
	else
		buf_adds(name, "Sheet1");
	buf_release(&tmp);
	free(fixed);
}

/* Appends the file behind fd to out. */
static int slurp(int fd, struct buf *out)
{
	char tmp[65536];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		buf_add(out, tmp, (size_t)n);
	}
	return out->err ? -1 : 0;
}

/* The number a cell of a numeric column holds: 1 with *v set when `cell`
 * is a whole decimal number, else 0 (the cell stays text). */
static int cell_number(const char *cell, double *v)
{
	char *end;

	if (!*cell || strchr(cell, 'x') || strchr(cell, 'X')) /* no hex floats */
		return 0;
	errno = 0;
	*v = strtod(cell, &end);
	return !*end && !errno && isfinite(*v);
}

int xlsx_write(const struct sheet *s, const char *sheet_name, struct buf *out,
	       struct buf *err)
{
	return xlsx_write_layout(s, sheet_name, NULL, out, err);
}

int xlsx_write_layout(const struct sheet *s, const char *sheet_name,
		      const struct xlsx_layout *layout, struct buf *out, struct buf *err)
{
	struct buf path = BUF_INIT, name = BUF_INIT;
	lxw_workbook_options opts = { 0 };
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	lxw_format *text, *head, *title = NULL, **numeric = NULL;
	lxw_error lerr;
	const char *tmpdir = getenv("TMPDIR");
	size_t width = sheet_width(s), *colw = NULL, r, c, chars, w, titlew = 0;
	lxw_row_t top = layout && layout->title ? 1 : 0; /* the sheet's row 0 goes here */
	char *fixed;
	const char *cell;
	double num;
	int fd = -1, ret = -1;

	if (s->nrows + top > EXCEL_MAX_ROWS) {
		buf_setf(err, "导出行数超过 Excel 上限（%u 行），请缩小导出范围",
			 EXCEL_MAX_ROWS);
		goto out;
	}
	if (width > SHEET_MAX_COLS) {
		buf_setf(err, "导出列数超过 Excel 上限（%u 列）", SHEET_MAX_COLS);
		goto out;
	}
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	buf_addf(&path, "%s/jiceng-export-XXXXXX", tmpdir);
	fd = mkstemp(path.ptr);
	if (fd < 0) {
		buf_setf(err, "无法创建临时文件：%s", strerror(errno));
		goto out;
	}
	clean_sheet_name(sheet_name, &name);
	/* libxlsxwriter's own scratch files go beside ours */
	opts.tmpdir = (char *)tmpdir;
	wb = workbook_new_opt(path.ptr, &opts);
	if (!wb) {
		buf_setf(err, "无法创建 XLSX 文件");
		goto out;
	}
	ws = workbook_add_worksheet(wb, name.ptr);
	if (!ws) {
		buf_setf(err, "无法创建工作表");
		goto out;
	}
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	head = workbook_add_format(wb);
	format_set_num_format(head, "@");
	format_set_bold(head);
	numeric = xcalloc(width ? width : 1, sizeof(*numeric));
	for (c = 0; layout && c < width && c < layout->nformats; c++) {
		if (!layout->formats[c])
			continue;
		numeric[c] = workbook_add_format(wb);
		format_set_num_format(numeric[c], layout->formats[c]);
	}
	if (top) {
		title = workbook_add_format(wb);
		format_set_bold(title);
		format_set_font_size(title, 14);
		format_set_align(title, LXW_ALIGN_CENTER);
		format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
		fixed = clean_utf8(layout->title);
		cell = fixed ? fixed : layout->title;
		measure(cell, &chars, &titlew);
		lerr = width > 1 ? worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(width - 1), cell, title)
				 : worksheet_write_string(ws, 0, 0, cell, title);
		free(fixed);
		if (lerr == LXW_NO_ERROR)
			lerr = worksheet_set_row(ws, 0, 28, NULL);
		if (lerr != LXW_NO_ERROR) {
			buf_setf(err, "写入标题失败：%s", lxw_strerror(lerr));
			goto out;
		}
	}

	colw = xcalloc(width ? width : 1, sizeof(*colw));
	for (r = 0; r < s->nrows; r++) {
		for (c = 0; c < s->rows[r].ncells; c++) {
			cell = s->rows[r].cells[c];
			fixed = clean_utf8(cell);
			if (fixed)
				cell = fixed;
			measure(cell, &chars, &w);
			if (chars > EXCEL_MAX_CELL_CHARS) {
				free(fixed);
				buf_setf(err, "第 %zu 行第 %zu 列内容超过 Excel 单元格上限（%u 个字符）",
					 r + 1, c + 1, EXCEL_MAX_CELL_CHARS);
				goto out;
			}
			if (w > colw[c])
				colw[c] = w;
			if (r && numeric[c] && cell_number(cell, &num))
				lerr = worksheet_write_number(ws, (lxw_row_t)r + top, (lxw_col_t)c,
							      num, numeric[c]);
			else
				lerr = worksheet_write_string(ws, (lxw_row_t)r + top, (lxw_col_t)c,
							      cell, r ? text : head);
			free(fixed);
			if (lerr != LXW_NO_ERROR) {
				buf_setf(err, "写入第 %zu 行第 %zu 列失败：%s", r + 1,
					 c + 1, lxw_strerror(lerr));
				goto out;
			}
		}
	}
	for (c = 0, w = 0; c < width; c++) {
		colw[c] += 2;
		if (colw[c] < MIN_WIDTH)
			colw[c] = MIN_WIDTH;
		if (colw[c] > MAX_WIDTH)
			colw[c] = MAX_WIDTH;
		w += colw[c];
	}
	if (top && width) { /* the merged title is cut at the columns' edge: widen them */
		for (c = 0; w < titlew + 4; c = (c + 1) % width, w++)
			colw[c]++;
	}
	for (c = 0; c < width; c++) {
		w = colw[c];
		/* the column format keeps cells typed in later as text too */
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w,
				     numeric[c] ? NULL : text);
	}
	if (layout && layout->print) {
		worksheet_set_paper(ws, 9); /* A4 */
		worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
		worksheet_repeat_rows(ws, 0, top);
		worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
		worksheet_print_across(ws);
	}
	if (s->nrows && width) {
		worksheet_freeze_panes(ws, top + 1, 0);
		worksheet_autofilter(ws, top, 0, (lxw_row_t)(s->nrows - 1) + top,
				     (lxw_col_t)(width - 1));
	}
	lerr = workbook_close(wb);
	wb = NULL;
	if (lerr != LXW_NO_ERROR) {
		buf_setf(err, "生成 XLSX 文件失败：%s", lxw_strerror(lerr));
		goto out;
	}
	if (slurp(fd, out)) {
		buf_setf(err, out->err ? "导出文件过大" : "读取临时文件失败");
		goto out;
	}
	ret = 0;
out:
	if (wb) /* an error part-way: closing is the only way to free it */
		workbook_close(wb);
	if (fd >= 0) {
		unlink(path.ptr);
		close(fd);
	}
	free(colw);
	free(numeric);
	buf_release(&path);
	buf_release(&name);
	return ret;
}
