/* events: GET /api/v1/{res}/{id}/events — a record's workflow history from
 * the one event log, oldest first, for callers who can see the record. */
#include "api/generic.h"

#include <stdlib.h>

#include "store/events_store.h"

static json_t *cell_int(const char *v)
{
	return v ? json_integer(strtoll(v, NULL, 10)) : json_null();
}

static json_t *state_json(const struct resource *res, const char *v)
{
	return v ? json_string(v) : json_null();
}

void generic_events(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct db_result rec, ev;
	struct buf err = BUF_INIT;
	json_t *items;
	long long id;
	size_t i;
	int rc;

	if (!res || generic_id_or_reply(ctx, 1, &id))
		goto out;
	rc = records_get(ctx->db, ctx->a, ctx->who, res, id, &rec, &err);
	if (rc == REC_NOTFOUND) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	if (rc || events_of(ctx->db, ctx->a, res->name, id, &ev, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	items = json_array();
	for (i = 0; i < ev.nrows; i++) {
		const char *action = db_cell(&ev, i, 5), *from = db_cell(&ev, i, 6);
		const char *to = db_cell(&ev, i, 7), *fields = db_cell(&ev, i, 8);
		const struct action *act = resource_action(res, action);
		json_t *f = fields ? json_loads(fields, 0, NULL) : NULL;
		json_t *item = json_pack("{s:o, s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
			"id", cell_int(db_cell(&ev, i, 0)), "at", db_cell(&ev, i, 1),
			"on", db_cell(&ev, i, 2), "user_id", cell_int(db_cell(&ev, i, 3)),
			"username", db_cell(&ev, i, 4), "action", action,
			"action_label", act ? act->label : action,
			"from", state_json(res, from), "to", state_json(res, to),
			"fields", f ? f : json_object(),
			"comment", db_cell(&ev, i, 9) ? json_string(db_cell(&ev, i, 9)) : json_null());

		json_object_set_new(item, "user_name", db_cell(&ev, i, 10)
				    ? json_string(db_cell(&ev, i, 10)) : json_null());
		if (res->state_field) {
			json_object_set_new(item, "from_label", from ? json_string(resource_enum_label(
				res, res->state_field, from)) : json_null());
			json_object_set_new(item, "to_label", to ? json_string(resource_enum_label(
				res, res->state_field, to)) : json_null());
		}
		json_array_append_new(items, item);
	}
	reply_json(ctx, 200, json_pack("{s:o}", "items", items));
out:
	buf_release(&err);
}
