/* static_files: the embedded web console; unknown paths get index.html so that
 * the console's own routes survive a reload. */
#ifndef JICENG_STATIC_FILES_H
#define JICENG_STATIC_FILES_H

#include "http/request.h"

void static_files_serve(struct request_ctx *ctx);

#endif
