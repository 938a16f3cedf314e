/* sheet: rows of UTF-8 text cells, owned through xmalloc. */
#include "io/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* The one empty cell; see sheet_add_cell() for why it is shared. */
static char sheet_empty_cell[1];

static void row_release(struct sheet_row *row)
{
	size_t i;

	for (i = 0; i < row->ncells; i++)
		if (row->cells[i] != sheet_empty_cell)
			free(row->cells[i]);
	free(row->cells);
	row->cells = NULL;
	row->ncells = row->alloc = 0;
}

void sheet_init(struct sheet *s)
{
	s->rows = NULL;
	s->nrows = s->alloc = 0;
}

void sheet_release(struct sheet *s)
{
	size_t i;

	for (i = 0; i < s->nrows; i++)
		row_release(&s->rows[i]);
	free(s->rows);
	sheet_init(s);
}

struct sheet_row *sheet_add_row(struct sheet *s, unsigned line)
{
	struct sheet_row *row;

	ALLOC_GROW(s->rows, s->nrows + 1, s->alloc);
	row = &s->rows[s->nrows++];
	row->cells = NULL;
	row->ncells = row->alloc = 0;
	row->line = line;
	return row;
}

void sheet_pop_row(struct sheet *s)
{
	if (!s->nrows)
		return;
	row_release(&s->rows[--s->nrows]);
}

void sheet_add_cell_owned(struct sheet_row *row, char *text)
{
	ALLOC_GROW(row->cells, row->ncells + 1, row->alloc);
	if (!text[0]) {
		free(text);
		text = sheet_empty_cell;
	}
	row->cells[row->ncells++] = text;
}

void sheet_add_cell(struct sheet_row *row, const char *text, size_t len)
{
	ALLOC_GROW(row->cells, row->ncells + 1, row->alloc);
	if (!text || !len)
		row->cells[row->ncells++] = sheet_empty_cell;
	else
		row->cells[row->ncells++] = xstrndup(text, len);
}

void sheet_row_pad(struct sheet_row *row, size_t n)
{
	if (row->ncells >= n)
		return;
	ALLOC_GROW(row->cells, n, row->alloc);
	while (row->ncells < n)
		row->cells[row->ncells++] = sheet_empty_cell;
}

void sheet_row_trim(struct sheet_row *row)
{
	while (row->ncells && !row->cells[row->ncells - 1][0]) {
		if (row->cells[row->ncells - 1] != sheet_empty_cell)
			free(row->cells[row->ncells - 1]);
		row->ncells--;
	}
}

int sheet_row_is_empty(const struct sheet_row *row)
{
	size_t i;

	for (i = 0; i < row->ncells; i++)
		if (row->cells[i][0])
			return 0;
	return 1;
}

const char *sheet_cell(const struct sheet *s, size_t row, size_t col)
{
	if (row >= s->nrows || col >= s->rows[row].ncells)
		return sheet_empty_cell;
	return s->rows[row].cells[col];
}

size_t sheet_width(const struct sheet *s)
{
	size_t i, w = 0;

	for (i = 0; i < s->nrows; i++)
		if (s->rows[i].ncells > w)
			w = s->rows[i].ncells;
	return w;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int sheet_looks_scientific(const char *s)
{
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\0';
}

size_t sheet_utf8_seq(const unsigned char *p, size_t len)
{
	unsigned c = p[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (len < n)
		return 0;
	cp = c & (0x3F >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}
