/* demo: creating demo records through generic_write and moving them through
 * transition_run, the paths every user takes. */
#include "api/demo.h"

#include <stdlib.h>

#include "api/generic.h"
#include "api/record.h"
#include "api/transition.h"
#include "domain/date.h"

long long demo_create(struct request_ctx *ctx, const struct resource *res, json_t *in,
		      struct buf *err)
{
	json_t *rec = json_object(), *errors = json_object(), *after = NULL;
	long long id = 0;
	int status = WS_INVALID;

	record_validate(ctx, res, in, rec, 1, VALUE_IMPORT, errors);
	if (!json_object_size(errors) &&
	    !(status = generic_write(ctx, res, rec, NULL, -1, "create", errors, &after, err)))
		id = json_integer_value(json_object_get(after, "id"));
	if (!id && json_object_size(errors)) {
		char *e = json_dumps(errors, JSON_COMPACT);

		buf_setf(err, "演示数据 %s 写入失败: %s", res->name, e);
		free(e);
	} else if (!id && !err->len) {
		buf_setf(err, "演示数据 %s 写入失败（%d）", res->name, status);
	}
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	json_decref(in);
	return id;
}

int demo_act(struct request_ctx *ctx, const struct resource *res, long long id,
	     const char *action, json_t *body, struct buf *err)
{
	const struct action *act = resource_action(res, action);
	json_t *errors = json_object();
	int status = act ? transition_run(ctx, res, id, act, body, -1, 0, errors, NULL, err)
			 : WS_ERROR;

	if (status) {
		char *e = json_dumps(errors, JSON_COMPACT);
		const char *why = arena_strdup(ctx->a, err->ptr);

		buf_setf(err, "演示数据 %s %lld %s 失败 (%d): %s %s", res->name, id, action, status, e,
			 why);
		free(e);
	}
	json_decref(errors);
	json_decref(body);
	return status ? -1 : 0;
}

const char *demo_instant(struct request_ctx *ctx, time_t base, double days)
{
	time_t t = base - (time_t)(days * 86400);
	struct tm tm;
	char out[DATE_TIME_SIZE];

	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(ctx->a, out);
}
