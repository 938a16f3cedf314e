/* transfer: what the spreadsheet handlers share — export.c (export and the
 * import template), report_export.c (the 报表) and import.c — the file
 * formats, how a file is named and sent, and the text of a cell. */
#ifndef JICENG_API_TRANSFER_H
#define JICENG_API_TRANSFER_H

#include <jansson.h>

#include "core/arena.h"
#include "http/request.h"
#include "io/sheet.h"
#include "schema/resource.h"

enum file_format { FMT_CSV, FMT_XLSX, FMT_XLS };

/* The `format` argument: csv, xlsx (the default) or, when `xls_ok`, xls.
 * 0, or -1 after replying 400. */
int transfer_format_or_reply(struct request_ctx *ctx, int xls_ok, enum file_format *fmt);

/* "csv", "xlsx" or "xls". */
const char *transfer_format_name(enum file_format fmt);

/* The headers of an export's last columns, read back by imports to tell
 * whether a row's record changed since (its version) or is another system's
 * record with the same ID (when it was created). */
#define TRANSFER_VERSION_LABEL "版本"
#define TRANSFER_CREATED_LABEL "创建时间"

/* Who reads a cell: the data file comes back in on import, the 报表 is for
 * people only. */
enum transfer_cell {
	CELL_DATA,   /* references and divisions as "name #id", lists as JSON, periods as coded */
	CELL_REPORT, /* names only, lists as 组织部、民政局, periods as 2026年第四季度 */
};

/* The text of field `f`'s value in record `rec` (as record_from_row gives it,
 * with the `<field>_label` of references and divisions) as a spreadsheet cell:
 * enum labels, 是/否, money in yuan with two decimals (fen 12345 → 123.45),
 * "" for null or absent. The text lives in `a` (or in `rec` when returned as
 * it is there). Never fails. */
const char *transfer_cell_text(struct arena *a, const struct field *f, json_t *rec,
			       enum transfer_cell use);

#endif
