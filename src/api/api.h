/* api: the handlers besides the generic resource ones (route.c names them). */
#ifndef JICENG_API_H
#define JICENG_API_H

#include "http/request.h"
#include "schema/stats.h"

void api_health(struct request_ctx *ctx);        /* api/schema.c */
void api_schema(struct request_ctx *ctx);        /* api/schema.c */
void api_audit_list(struct request_ctx *ctx);    /* api/audit_api.c */
void api_tokens_list(struct request_ctx *ctx);   /* api/tokens.c */
void api_tokens_create(struct request_ctx *ctx);
void api_tokens_revoke(struct request_ctx *ctx);
void api_stats(struct request_ctx *ctx);         /* api/stats.c */
/* The named statistic of that name in the modules' tables, or NULL. */
const struct stats_def *stats_find(const char *name);
void api_todos(struct request_ctx *ctx);         /* api/todos.c */
void api_export(struct request_ctx *ctx);        /* api/export.c */
void api_template(struct request_ctx *ctx);
/* GET /api/v1/{res}/report: the filtered list as a titled, printable 报表 (api/report_export.c) */
void api_report(struct request_ctx *ctx);
void api_import(struct request_ctx *ctx);        /* api/import.c */

#endif
