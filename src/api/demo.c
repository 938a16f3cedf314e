/* demo: creating demo records through generic_write. */
#include "api/demo.h"

#include <stdlib.h>

#include "api/generic.h"
#include "api/record.h"

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
