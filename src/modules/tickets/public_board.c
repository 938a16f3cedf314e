/* public_board: GET /public/v1/wishes — the 晒单 board: the published
 * tickets of the resident kinds (微心愿 claimed and fulfilled, problems
 * solved), for anyone, with names masked and nothing else personal. */
#include "modules/tickets/tickets.h"

#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/division.h"

#define BOARD_MAX 100

/* A person's name as the public sees it: the surname, the rest as *. */
static const char *masked_name(struct request_ctx *ctx, const char *name)
{
	size_t first;

	if (!name || !*name)
		return NULL;
	/* the first UTF-8 character */
	for (first = 1; name[first] && (name[first] & 0xC0) == 0x80; first++)
		;
	return arena_printf(ctx->a, "%.*s*", (int)first, name);
}

void tickets_public_board(struct request_ctx *ctx)
{
	const char *div = request_arg(ctx, "division");
	struct query_arg qa[8];
	struct records_query q;
	struct db_result rows;
	struct buf err = BUF_INIT;
	const char *bad = NULL;
	char code[DIVISION_SIZE];
	long long total;
	json_t *items;
	size_t n = 0, i;

	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	qa[n].key = "published", qa[n++].value = "true";
	qa[n].key = "kind", qa[n++].value = "resident_wish";
	qa[n].key = "kind", qa[n++].value = "resident_request";
	if (div && *div) {
		if (division_normalize(div, code)) {
			reply_error(ctx, 400, "bad_request", "division 应为区划代码",
				    json_pack("{s:s}", "division", "应为区划代码"));
			goto out;
		}
		qa[n].key = "division", qa[n++].value = arena_strdup(ctx->a, code);
	}
	if (generic_filters(ctx, &res_tickets, qa, n, &q.where, &bad, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	q.sort = resource_field(&res_tickets, "closed_at");
	q.desc = 1;
	q.limit = BOARD_MAX;
	q.want_total = 1;
	if (records_list(ctx->db, ctx->a, NULL, &res_tickets, &q, &rows, &total, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	items = json_array();
	for (i = 0; i < rows.nrows; i++) {
		json_t *t = record_from_row(ctx, &res_tickets, &rows, i, 0);
		const char *by = json_string_value(json_object_get(t, "claimed_by_org_id_label"));

		if (!by)
			by = masked_name(ctx, json_string_value(json_object_get(t,
				"claimed_by_person_id_label")));
		json_array_append_new(items, json_pack(
			"{s:O, s:O, s:s, s:O, s:O, s:O, s:O, s:O, s:s?, s:O}",
			"id", json_object_get(t, "id"), "kind", json_object_get(t, "kind"),
			"kind_label", resource_enum_label(&res_tickets, "kind",
				json_string_value(json_object_get(t, "kind"))),
			"category_label", json_object_get(t, "category_label"),
			"title", json_object_get(t, "title"),
			"public_summary", json_object_get(t, "public_summary"),
			"division_code", json_object_get(t, "division_code"),
			"division_name", json_object_get(t, "division_code_label"),
			"claimed_by", by, "closed_at", json_object_get(t, "closed_at")));
		json_decref(t);
	}
	reply_json(ctx, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
out:
	sqlw_release(&q.where);
	buf_release(&err);
}
