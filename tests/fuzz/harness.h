/* harness: what the request-level fuzz targets share — a copy of a database
 * made by `jiceng init` + `jiceng demo` (JICENG_FUZZ_DB, key JICENG_FUZZ_KEY;
 * `make fuzz` makes them), opened once per process, and requests built on it
 * as the server builds them, without a socket. */
#ifndef JICENG_FUZZ_HARNESS_H
#define JICENG_FUZZ_HARNESS_H

#include <stddef.h>

#include "http/request.h"

/* Opens the database (aborts when it cannot: a harness error, not a find). */
void fuzz_env_init(void);
/* A fresh request on the shared connection; `who` is an administrator when
 * admin is 1, a town user of 下司镇 when 0, nobody when -1. */
struct request_ctx *fuzz_request(const char *method, const char *path, int admin);
void fuzz_request_free(struct request_ctx *ctx);
/* Aborts (so the fuzzer keeps the input) unless the reply is a status the
 * contract allows for bad input — never 500 — and a JSON reply parses. */
void fuzz_check_reply(const struct request_ctx *ctx);

#endif
