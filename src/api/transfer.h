/* transfer: what the spreadsheet handlers share — export.c (export and the
 * import template) and import.c — the file formats and how a file is named
 * and sent. */
#ifndef JICENG_API_TRANSFER_H
#define JICENG_API_TRANSFER_H

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

#endif
