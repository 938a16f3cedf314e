/* read: GET /api/v1/{res}/{id} — one record in the caller's scope (404
 * outside it), its full personal data when asked and allowed (audited) or the
 * fields declared shown to the caller's organisation (audited), and
 * for a workflow resource the actions the caller may run on it now. */
#include "api/generic.h"

#include "api/record.h"
#include "api/transition.h"

void generic_get(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	struct db_result r;
	struct buf err = BUF_INIT;
	long long id;
	int reveal, rc;
	json_t *o;

	if (!res || generic_id_or_reply(ctx, 1, &id))
		goto out;
	if ((reveal = generic_reveal_or_reply(ctx)) < 0)
		goto out;
	rc = records_get(ctx->db, ctx->a, ctx->who, res, id, &r, &err);
	if (rc == REC_NOTFOUND) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	if (rc) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	o = record_from_row(ctx, res, &r, 0, reveal ? RECORD_REVEAL : 0);
	if (res->actions)
		json_object_set_new(o, "_actions", transition_available(ctx, res, o));
	if (reveal ? generic_audit_reveal_or_reply(ctx, res, id, NULL)
		   : generic_show_to_members_or_reply(ctx, res, &r, id, o)) {
		json_decref(o);
		goto out;
	}
	reply_json(ctx, 200, o);
out:
	buf_release(&err);
}
