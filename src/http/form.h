/* form: application/x-www-form-urlencoded request bodies (Open311's POST). */
#ifndef JICENG_FORM_H
#define JICENG_FORM_H

#include "http/request.h"

/*
 * Parses the request body as a form into name/value pairs (arena copies; '+'
 * is a space and %XX escapes are decoded by libmicrohttpd). Returns how many,
 * or -1 when a pair is not valid UTF-8 after decoding. `max` bounds the count.
 */
int form_parse(struct request_ctx *ctx, struct query_arg *out, size_t max);

/* The first value of `key` among the pairs, or NULL. */
const char *form_value(const struct query_arg *args, size_t n, const char *key);

#endif
