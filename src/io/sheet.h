/* sheet: a table of UTF-8 text cells, the common form of every imported or
 * exported spreadsheet (CSV and XLSX are read into it and written from it). */
#ifndef JICENG_IO_SHEET_H
#define JICENG_IO_SHEET_H

#include <stddef.h>

/* Limits shared by the readers. Excel's own grid is 1,048,576 x 16,384; the
 * cell and text caps stop a small file from expanding into gigabytes (an
 * XLSX cell may point at a long shared string any number of times). */
#define SHEET_MAX_ROWS 1000000u
#define SHEET_MAX_COLS 16384u
#define SHEET_MAX_LINE 1048576u
#define SHEET_MAX_CELLS ((size_t)10 * 1000 * 1000)
#define SHEET_MAX_TEXT ((size_t)256 << 20)

struct sheet_row {
	char **cells;  /* never NULL entries; read-only, see sheet_add_cell() */
	size_t ncells;
	size_t alloc;
	unsigned line; /* 1-based row number as the user sees it, for errors */
};

struct sheet {
	struct sheet_row *rows;
	size_t nrows, alloc;
};

#define SHEET_INIT { NULL, 0, 0 }

void sheet_init(struct sheet *s);
/* Frees every row and cell; the sheet is empty and usable again. */
void sheet_release(struct sheet *s);

/* Appends an empty row numbered `line`. The pointer is valid until the next
 * sheet_add_row() (the row array may move). */
struct sheet_row *sheet_add_row(struct sheet *s, unsigned line);

/* Appends a copy of text[0..len) as the next cell. NULL or len 0 adds an
 * empty cell; empty cells all share one static "" so that padding out a
 * sparse row costs a pointer, which is why cells must not be written to or
 * freed by callers. */
void sheet_add_cell(struct sheet_row *row, const char *text, size_t len);
/* Takes ownership of `text` (xmalloc'd, NUL-terminated) as the next cell. */
void sheet_add_cell_owned(struct sheet_row *row, char *text);
/* Pads the row with empty cells up to n cells (no-op if it has n already). */
void sheet_row_pad(struct sheet_row *row, size_t n);
/* Drops trailing empty cells. */
void sheet_row_trim(struct sheet_row *row);
/* 1 if the row has no cell with any text. */
int sheet_row_is_empty(const struct sheet_row *row);
/* Removes the last row (used by readers that skip all-empty rows). */
void sheet_pop_row(struct sheet *s);

/* The text of cell (row, col), "" when either is out of range. */
const char *sheet_cell(const struct sheet *s, size_t row, size_t col);
/* The largest ncells over all rows. */
size_t sheet_width(const struct sheet *s);

/* Length (1-4) of the well-formed UTF-8 sequence at p[0..len), or 0 if the
 * bytes there are not one (overlong forms, surrogates and code points past
 * U+10FFFF are refused). */
size_t sheet_utf8_seq(const unsigned char *p, size_t len);

/* 1 if s looks like a number a spreadsheet program printed in scientific
 * notation, e.g. "5.22726E+17" or "5.2272619900101101E+17": what an ID card
 * number becomes when its column was not formatted as text. Validators use
 * it to tell the user why the number is wrong rather than "bad checksum". */
int sheet_looks_scientific(const char *s);

#endif
