/* import_table: finding the table in a spreadsheet as a person would — the
 * sheet whose header matches the ledger, the header row among title, 填报单位
 * and note lines (two-row headers with group labels joined), each column's
 * meaning, and the rows that are not data (合计 rows, blank numbered rows,
 * 填表人 lines, a header repeated for printing). Reads the declarations
 * only; no database, no HTTP. */
#ifndef JICENG_API_IMPORT_TABLE_H
#define JICENG_API_IMPORT_TABLE_H

#include <jansson.h>

#include "core/arena.h"
#include "io/sheet.h"
#include "schema/resource.h"

/* How many rows from the top of a sheet may come before its header. */
#define IMPORT_HEADER_SCAN 20
/* How many skipped rows an answer lists (file.skipped_rows counts them all). */
#define IMPORT_MAX_SKIPS_SHOWN 500

enum import_role {
	COL_NONE = 0,  /* no header and no data */
	COL_FIELD,     /* a field (or an import column) the import writes */
	COL_ID,        /* "ID": the record a row updates (as exported) */
	COL_VERSION,   /* "版本": the record's version when it was exported */
	COL_CREATED,   /* "创建时间": when the exported record was created, which tells it from
			* another system's record with the same ID */
	COL_SEQ,       /* 序号: numbers the rows, not data */
	COL_READONLY,  /* a field the server sets (状态, 年龄…): read back from exports, ignored */
	COL_UNKNOWN,   /* a header that names no field, or data under no header */
};

struct import_column {
	enum import_role role;
	const struct field *f;  /* COL_FIELD, COL_READONLY */
	const char *header;     /* as the sheet shows it ("联系方式/手机" when two rows joined); "" if none */
	size_t data_rows;       /* data rows with text in this column */
};

struct import_skip {
	unsigned line;          /* the row as the spreadsheet numbers it */
	const char *reason;     /* 标题或说明 / 合计行 / 只有序号的空行 / 填表说明 / 重复的表头 */
	const char *text;       /* the row's first text, to recognise it (at most ~40 characters) */
};

struct import_table {
	const struct sheet *sheet;
	size_t sheet_index;          /* in the book */
	unsigned header_lines[2];    /* the header row(s), upper first */
	int nheader;                 /* 1 or 2 */
	struct import_column *cols;  /* one per column of the sheet */
	size_t ncols;
	size_t *rows;                /* indices into sheet->rows of the data rows */
	size_t nrows;
	struct import_skip *skips;   /* rows read but not data, in order */
	size_t nskips, skips_alloc;
	int fields;                  /* columns that are fields of the ledger */
	const char **also;           /* other sheets whose header matches too, NULL-terminated */
	json_t *problems;            /* header problems [{row, column, field, label, message}] (new ref) */
};

/*
 * Finds the table of `res` in `book`: in the sheet named `want` (NULL: the
 * sheet whose header matches the most fields of res; the first on a tie;
 * sheets without any field column are passed over). Everything in *t lives
 * in `a` except t->problems (json_decref() it) and the sheet (the book's).
 * Header problems (a column twice, a required column missing) go into
 * t->problems rather than failing. Returns 0, or -1 with a Chinese message in
 * `err` when no sheet has a header that names a field of res (or `want` is
 * not a sheet of the book).
 */
int import_table_find(struct arena *a, const struct resource *res, const struct book *book,
		      const char *want, struct import_table *t, struct buf *err);

/* The name a row's value of COL_ID, COL_VERSION, COL_CREATED travels under
 * ("id", "version", "created_at"); NULL for other roles. */
const char *import_meta_name(enum import_role role);

/* The column's letters as a spreadsheet shows them: 0 → "A", 26 → "AA" (arena). */
const char *import_column_name(struct arena *a, size_t col);

/*
 * What was found, for the answer (API: docs/api.md "Import"): adds to `out`
 * "file" {sheet, sheets, hidden_sheets, header_rows, first_row, last_row,
 * rows, skipped_rows, also}, "columns" [{column, header, field, label}], "ignored_columns"
 * [{column, header, reason, data_rows, refused}] (refused: an unknown or
 * unlabelled column with data that a real import refuses unless
 * `ignore_unknown`) and "skipped" [{row, reason, text}] (the first
 * IMPORT_MAX_SKIPS_SHOWN). Returns how many
 * columns a real import would refuse.
 */
size_t import_table_report(struct arena *a, const struct import_table *t, const struct book *book,
			   int ignore_unknown, json_t *out);

#endif
