/* log: the server's own messages as JSON lines on stderr ({"time", "level",
 * "msg"} and any fields given), escaped by jansson so that no value can forge
 * a line. Request handlers report failures here, never with printf. */
#ifndef JICENG_LOG_H
#define JICENG_LOG_H

#include <jansson.h>

/* Writes one line at `level` ("error", "warn", "info") with the printf-style
 * message; `fields` (stolen, may be NULL) adds members. Thread-safe. */
void log_line(const char *level, json_t *fields, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_error(...) log_line("error", NULL, __VA_ARGS__)
#define log_warn(...) log_line("warn", NULL, __VA_ARGS__)

#endif
