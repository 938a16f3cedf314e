/* query: the query string of a request, split and decoded here rather than by
 * libmicrohttpd (whose argument parser in 0.9.75 can run its connection's
 * memory out and then never answer; see server.c), with a limit on the number
 * of arguments and every key and value checked to be UTF-8. */
#ifndef JICENG_QUERY_H
#define JICENG_QUERY_H

#include <stddef.h>

#include "core/arena.h"
#include "http/request.h"

/* More arguments than this is a bad request (a list takes a few dozen). */
#define QUERY_MAX_ARGS 200

enum query_status {
	QUERY_OK = 0,
	QUERY_TOO_MANY,   /* more than max_args arguments */
	QUERY_BAD_UTF8,   /* a key or value is not UTF-8 once decoded (e.g. %FF) */
};

/* Splits `raw` (len bytes after the '?', not NUL-terminated; may be empty)
 * at '&' into key=value pairs, turns '+' into a space and decodes %XX in each
 * (libmicrohttpd's MHD_http_unescape). A key without '=' gets the value "";
 * empty keys are skipped. On QUERY_OK *args (arena memory, in order, repeats
 * kept) and *nargs are set; on an error they are left empty and *bad names
 * the offending key where there is one (an arena copy, UTF-8 safe). */
enum query_status query_parse(struct arena *a, const char *raw, size_t len, size_t max_args,
			      struct query_arg **args, size_t *nargs, const char **bad);

#endif
