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

/* A merged range: rows as the user sees them (1-based, like sheet_row.line),
 * columns 0-based, both inclusive. */
struct sheet_merge {
	unsigned first_line, last_line;
	size_t first_col, last_col;
};

struct sheet {
	struct sheet_row *rows;       /* in the order read; readers keep lines ascending */
	size_t nrows, alloc;
	char *name;                   /* the worksheet's tab name (xmalloc'd); NULL for CSV */
	struct sheet_merge *merges;   /* as read; sheet_apply_merges() uses them */
	size_t nmerges, merges_alloc;
	int date1904;                 /* the workbook counts date serials from 1904 */
};

#define SHEET_INIT { .rows = NULL }

void sheet_init(struct sheet *s);
/* Frees every row, cell, the name and the merges; the sheet is empty and
 * usable again. */
void sheet_release(struct sheet *s);

/* Records a merged range (lines 1-based, columns 0-based, inclusive; the
 * corners in any order). */
void sheet_add_merge(struct sheet *s, unsigned line1, size_t col1, unsigned line2, size_t col2);

/*
 * Gives every cell of each recorded merge the text of its top-left cell, as
 * the spreadsheet shows it (a title merged over the header's width, a value
 * merged down over three rows). Only rows that were read are filled (a row
 * with no text stays out) and only columns up to the widest row read before
 * the merges; a merge whose top-left cell is empty fills nothing. Returns 0,
 * or -1 when filling would pass SHEET_MAX_CELLS (the sheet is then unchanged
 * past the cells already filled).
 */
int sheet_apply_merges(struct sheet *s);

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

/* The row whose line is `line`, or NULL (rows ascend by line, as every
 * reader appends them). */
struct sheet_row *sheet_row_at(struct sheet *s, unsigned line);

/* The text of cell (row, col), "" when either is out of range. */
const char *sheet_cell(const struct sheet *s, size_t row, size_t col);
/* The largest ncells over all rows. */
size_t sheet_width(const struct sheet *s);

/* 1 if s looks like a number a spreadsheet program printed in scientific
 * notation, e.g. "5.22726E+17" or "5.2272619900101101E+17": what an ID card
 * number becomes when its column was not formatted as text. Validators use
 * it to tell the user why the number is wrong rather than "bad checksum". */
int sheet_looks_scientific(const char *s);

/* A finite number as the user saw it in a spreadsheet (xmalloc'd): integers
 * below 1e15 without ".0", others with Excel's 15 significant digits, and
 * numbers of 1e15 and more in scientific notation ("5.2272619900101E+17": an
 * ID number the spreadsheet turned into a number, which
 * sheet_looks_scientific() recognises). */
char *sheet_number_text(double v);

/* A workbook: its worksheets that hold data, in tab order. */
struct book {
	struct sheet *sheets;
	size_t n, alloc;
	size_t hidden;  /* hidden worksheets the reader left out */
};

#define BOOK_INIT { NULL, 0, 0, 0 }

/* Frees every sheet; the book is empty and usable again. */
void book_release(struct book *b);
/* Appends an empty sheet named `name` (copied; NULL for none). The pointer is
 * valid until the next book_add(). */
struct sheet *book_add(struct book *b, const char *name);

#endif
