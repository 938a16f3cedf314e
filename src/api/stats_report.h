/* stats_report: a named statistic per child division as a workbook for people
 * (GET /api/v1/stats/{name}?format=xlsx), the figures its definition declares. */
#ifndef JICENG_STATS_REPORT_H
#define JICENG_STATS_REPORT_H

#include <jansson.h>

#include "http/request.h"
#include "schema/stats.h"

/* Replies with the workbook: a title naming the statistic, the area and the
 * period, a header (地区 and each of def->figures), one row per member of
 * `children` ([{code, name, values}], borrowed) and 合计 from `values` (the
 * area's own figures, borrowed: ratios are not sums of ratios). A ratio reads
 * "41（93.2%）". Audited as an export of the statistic. Replies 404 when the
 * statistic declares no figures. */
void stats_report_send(struct request_ctx *ctx, const struct stats_def *def,
		       const struct stats_args *args, json_t *values, json_t *children);

#endif
