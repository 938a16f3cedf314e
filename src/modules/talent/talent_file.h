/* talent_file: the growth file of a person (一人一档成长档案),
 * GET /api/v1/persons/{id}/file. */
#ifndef JICENG_TALENT_FILE_H
#define JICENG_TALENT_FILE_H

#include "http/request.h"

/* {"person": {...}, "events": [{"date", "kind", "title", "detail"}]} with the
 * events in date order; 404 when the person is missing or out of scope. */
void talent_file_get(struct request_ctx *ctx);

#endif
