/* sheet: rows of UTF-8 text cells, owned through xmalloc. */
#include "io/sheet.h"

#include <stdio.h>
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
	memset(s, 0, sizeof(*s));
}

void sheet_release(struct sheet *s)
{
	size_t i;

	for (i = 0; i < s->nrows; i++)
		row_release(&s->rows[i]);
	free(s->rows);
	free(s->name);
	free(s->merges);
	sheet_init(s);
}

void sheet_add_merge(struct sheet *s, unsigned line1, size_t col1, unsigned line2, size_t col2)
{
	struct sheet_merge *m;

	ALLOC_GROW(s->merges, s->nmerges + 1, s->merges_alloc);
	m = &s->merges[s->nmerges++];
	m->first_line = line1 < line2 ? line1 : line2;
	m->last_line = line1 < line2 ? line2 : line1;
	m->first_col = col1 < col2 ? col1 : col2;
	m->last_col = col1 < col2 ? col2 : col1;
}

/* Index of the first row whose line is at least `line` (rows ascend by line). */
static size_t first_at_or_after(const struct sheet *s, unsigned line)
{
	size_t lo = 0, hi = s->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct sheet_row *sheet_row_at(struct sheet *s, unsigned line)
{
	size_t i = first_at_or_after(s, line);

	return i < s->nrows && s->rows[i].line == line ? &s->rows[i] : NULL;
}

int sheet_apply_merges(struct sheet *s)
{
	size_t width = sheet_width(s), cells = 0, i, c, m;

	for (i = 0; i < s->nrows; i++)
		cells += s->rows[i].ncells;
	for (m = 0; m < s->nmerges && width; m++) {
		const struct sheet_merge *g = &s->merges[m];
		struct sheet_row *top = sheet_row_at(s, g->first_line);
		size_t last_col = g->last_col < width ? g->last_col : width - 1;
		const char *text;

		if (!top || g->first_col >= top->ncells || !top->cells[g->first_col][0])
			continue;
		text = top->cells[g->first_col]; /* stays put: only other cells change */
		for (i = first_at_or_after(s, g->first_line);
		     i < s->nrows && s->rows[i].line <= g->last_line; i++) {
			struct sheet_row *row = &s->rows[i];

			for (c = g->first_col; c <= last_col; c++) {
				if (c < row->ncells && row->cells[c][0])
					continue; /* the top-left cell, or a value the file kept */
				if (c >= row->ncells)
					cells += c + 1 - row->ncells;
				if (cells > SHEET_MAX_CELLS)
					return -1;
				sheet_row_pad(row, c + 1);
				row->cells[c] = xstrdup(text);
			}
		}
	}
	return 0;
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

char *sheet_number_text(double v)
{
	char out[64], *e;
	size_t n;

	if (v >= 1e15 || v <= -1e15) {
		snprintf(out, sizeof(out), "%.14E", v);
		/* trim mantissa zeros: 5.22726199001010E+17 -> 5.2272619900101E+17 */
		e = strchr(out, 'E');
		n = (size_t)(e - out);
		while (n > 1 && out[n - 1] == '0')
			n--;
		if (out[n - 1] == '.')
			n--;
		memmove(out + n, e, strlen(e) + 1);
	} else if (v == (double)(long long)v) { /* exact: |v| < 1e15 here */
		snprintf(out, sizeof(out), "%.0f", v == 0 ? 0.0 : v);
	} else {
		snprintf(out, sizeof(out), "%.15g", v);
	}
	return xstrdup(out);
}


void book_release(struct book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		sheet_release(&b->sheets[i]);
	free(b->sheets);
	b->sheets = NULL;
	b->n = b->alloc = b->hidden = 0;
}

struct sheet *book_add(struct book *b, const char *name)
{
	struct sheet *s;

	ALLOC_GROW(b->sheets, b->n + 1, b->alloc);
	s = &b->sheets[b->n++];
	sheet_init(s);
	s->name = name ? xstrdup(name) : NULL;
	return s;
}
