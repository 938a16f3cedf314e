/* log: JSON lines on stderr, one fputs per line so that threads never interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/buf.h"

void log_line(const char *level, json_t *fields, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	json_t *o = fields ? fields : json_object();
	char when[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	char *line;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(o, "time", json_string(when));
	json_object_set_new(o, "level", json_string(level));
	json_object_set_new(o, "msg", json_stringn(msg.ptr, msg.len));
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (line) {
		buf_reset(&msg);
		buf_adds(&msg, line);
		buf_addc(&msg, '\n');
		fputs(msg.ptr, stderr);
		free(line);
	}
	json_decref(o);
	buf_release(&msg);
}
