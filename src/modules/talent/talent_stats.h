/* talent_stats: the structure figures of the reserve talent pool,
 * GET /api/v1/stats/talent_structure. */
#ifndef JICENG_MODULES_TALENT_STATS_H
#define JICENG_MODULES_TALENT_STATS_H

#include "http/request.h"
#include "schema/stats.h"

extern const struct stats_def talent_stats[];

#endif
