/* static_files: the embedded web console; unknown paths get index.html so that
 * the console's own routes survive a reload. */
#ifndef JICENG_STATIC_FILES_H
#define JICENG_STATIC_FILES_H

#include "http/request.h"

/* Answers GET and HEAD of the console's files: the Brotli or gzip variant
 * compressed at build time when the request's Accept-Encoding takes it (with
 * Content-Encoding and Vary: Accept-Encoding), else the bytes as they are. */
void static_files_serve(struct request_ctx *ctx);

/* 1 when an Accept-Encoding header value (NULL: absent) accepts `coding`
 * ("br", "gzip") — named, or through "*", with a q-value above 0 — else 0
 * (RFC 9110 12.5.3). */
int static_files_accepts(const char *accept_encoding, const char *coding);

#endif
