/* csv: RFC 4180 reader with encoding detection (UTF-8, else GB18030) and a
 * writer that guards against formula injection. */
#include "core/utf8.h"
#include "io/csv.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static const char csv_bad_encoding[] =
	"文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV";

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* 1 if data is UTF-8 throughout. A NUL byte also fails: no text CSV has one,
 * but UTF-16 files (Excel's "Unicode text") are full of them. */
static int valid_utf8(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		if (!p[i])
			return 0;
		n = utf8_decode(p + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* Decodes GB18030 into `out`; 0 if every byte was valid. */
static int decode_gb18030(const char *data, size_t len, struct buf *out)
{
	iconv_t cd;
	char *in = (char *)data, *o;
	size_t inleft = len, outleft, chunk, r;
	int ret = -1;
	char tmp[4096];

	if (memchr(data, '\0', len))
		return -1;
	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return -1;
	while (inleft) {
		o = tmp;
		outleft = sizeof(tmp);
		r = iconv(cd, &in, &inleft, &o, &outleft);
		chunk = sizeof(tmp) - outleft;
		buf_add(out, tmp, chunk);
		if (r == (size_t)-1 && errno != E2BIG)
			goto out;
		if (r == (size_t)-1 && !chunk)
			goto out; /* E2BIG without progress cannot happen; be safe */
	}
	if (out->err)
		goto out;
	ret = 0;
out:
	iconv_close(cd);
	return ret;
}

/* Adds text[0..len) as a cell, trimmed of whitespace and of one leading '
 * (or tab, which Excel users also use to force text). */
static void add_trimmed(struct sheet_row *row, const char *text, size_t len)
{
	size_t a = 0, b = len;

	while (a < b && is_space((unsigned char)text[a]))
		a++;
	if (a < b && text[a] == '\'') {
		a++;
		while (a < b && is_space((unsigned char)text[a]))
			a++;
	}
	while (b > a && is_space((unsigned char)text[b - 1]))
		b--;
	sheet_add_cell(row, text + a, b - a);
}

/* Parses UTF-8 text t[0..n) into out. */
static int parse(const char *t, size_t n, struct sheet *out, struct buf *err)
{
	struct buf cell = BUF_INIT;
	struct sheet_row *row;
	size_t pos = 0, cells = 0;
	unsigned line = 1;
	int ret = -1;

	while (pos < n) {
		if (out->nrows >= SHEET_MAX_ROWS) {
			buf_setf(err, "行数超过上限（%u 行），请拆分文件后导入",
				 SHEET_MAX_ROWS);
			goto out;
		}
		row = sheet_add_row(out, line);
		for (;;) {
			buf_reset(&cell);
			if (pos < n && t[pos] == '"') {
				pos++;
				for (;;) {
					if (pos >= n) {
						buf_setf(err, "第 %u 行：引号没有配对，请检查该行的双引号",
							 line);
						goto out;
					}
					if (t[pos] == '"') {
						if (pos + 1 < n && t[pos + 1] == '"') {
							buf_addc(&cell, '"');
							pos += 2;
							continue;
						}
						pos++;
						break;
					}
					if (t[pos] == '\r') {
						/* line breaks inside a cell become LF */
						buf_addc(&cell, '\n');
						pos++;
						if (pos < n && t[pos] == '\n')
							pos++;
						continue;
					}
					buf_addc(&cell, t[pos++]);
				}
			}
			/* Unquoted text, or what follows a closing quote: Excel
			 * keeps it literally, so do we. */
			while (pos < n && t[pos] != ',' && t[pos] != '\r' &&
			       t[pos] != '\n')
				buf_addc(&cell, t[pos++]);
			if (row->ncells >= SHEET_MAX_COLS) {
				buf_setf(err, "第 %u 行：列数超过上限（%u 列）",
					 line, SHEET_MAX_COLS);
				goto out;
			}
			if (++cells > SHEET_MAX_CELLS) {
				buf_setf(err, "单元格数量超过上限（%zu 个），请拆分文件后导入",
					 (size_t)SHEET_MAX_CELLS);
				goto out;
			}
			if (cell.err) {
				buf_setf(err, "第 %u 行：单元格内容过长", line);
				goto out;
			}
			add_trimmed(row, cell.ptr, cell.len);
			if (pos < n && t[pos] == ',') {
				pos++;
				continue;
			}
			break;
		}
		if (pos < n && t[pos] == '\r')
			pos++;
		if (pos < n && t[pos] == '\n')
			pos++;
		sheet_row_trim(row);
		if (!row->ncells)
			sheet_pop_row(out);
		if (line == UINT_MAX) {
			buf_setf(err, "文件行数过多");
			goto out;
		}
		line++;
	}
	if (!out->nrows) {
		buf_setf(err, "文件内容为空");
		goto out;
	}
	ret = 0;
out:
	buf_release(&cell);
	return ret;
}

int csv_read(const char *data, size_t len, struct sheet *out, struct buf *err)
{
	struct buf dec = BUF_INIT;
	int ret = -1;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if (!valid_utf8(data, len)) {
		if (decode_gb18030(data, len, &dec)) {
			buf_setf(err, "%s", csv_bad_encoding);
			goto out;
		}
		data = dec.ptr;
		len = dec.len;
		/* GB18030's own BOM decodes to U+FEFF */
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
			data += 3;
			len -= 3;
		}
	}
	ret = parse(data, len, out, err);
out:
	buf_release(&dec);
	return ret;
}

void csv_write_bom(struct buf *out)
{
	buf_add(out, "\xEF\xBB\xBF", 3);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [+-]digits[.digits][e[+-]digits]: a value Excel shows as a number, never
 * as a formula, so "-5" needs no guard. */
static int plain_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	while (is_digit(*s)) {
		s++;
		digits = 1;
	}
	if (*s == '.') {
		s++;
		while (is_digit(*s)) {
			s++;
			digits = 1;
		}
	}
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!is_digit(*s))
			return 0;
		while (is_digit(*s))
			s++;
	}
	return *s == '\0';
}

void csv_write_row(struct buf *out, const char *const *cells, size_t n)
{
	const char *c, *p;
	size_t i;
	int quote;

	for (i = 0; i < n; i++) {
		c = cells[i] ? cells[i] : "";
		if (i)
			buf_addc(out, ',');
		quote = strpbrk(c, ",\"\r\n") != NULL;
		if (quote)
			buf_addc(out, '"');
		/* a tab or carriage return first is read as = by some programs */
		if ((c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@' || c[0] == '\t' ||
		     c[0] == '\r') && !plain_number(c))
			buf_addc(out, '\'');
		for (p = c; *p; p++) {
			if (*p == '"')
				buf_addc(out, '"');
			buf_addc(out, *p);
		}
		if (quote)
			buf_addc(out, '"');
	}
	buf_add(out, "\r\n", 2);
}

int csv_write_sheet(const struct sheet *s, struct buf *out)
{
	size_t i;

	csv_write_bom(out);
	for (i = 0; i < s->nrows; i++)
		csv_write_row(out, (const char *const *)s->rows[i].cells,
			      s->rows[i].ncells);
	return out->err ? -1 : 0;
}
