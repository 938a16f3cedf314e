/* talent_stats: the structure figures of the reserve talent pool,
 * GET /api/v1/stats/talent_structure (stats.c dispatches). */
#ifndef JICENG_TALENT_STATS_H
#define JICENG_TALENT_STATS_H

#include "api/stats.h"

extern const struct stats_def talent_stats[];

#endif
