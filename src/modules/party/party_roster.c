/* party_roster: staff and member rows that name their person by 姓名 and
 * 身份证号, as a 名册 does — matched by ID number or created in the area of the
 * row's organisation — for imports of 台账 and for POST …/enrol. A park
 * committee records the people of its enterprises this way without persons'
 * area scope being widened: it sees them through these rows only. */
#include "modules/party/party.h"

#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "core/secret.h"
#include "modules/party/party_common.h"
#include "modules/platform/platform.h"

/* The person's columns a roster row may carry instead of person_id. */
static const char *const person_keys[] = { "name", "id_number", "gender", "phone", "education",
					   "division_code", NULL };

static int is_person_key(const char *key)
{
	int i;

	for (i = 0; person_keys[i]; i++)
		if (!strcmp(key, person_keys[i]))
			return 1;
	return 0;
}

/* The row's organisation: the branch of a member, the organisation of a post. */
static const char *org_column(const struct resource *res)
{
	return resource_field(res, "branch_org_id") ? "branch_org_id" : "org_id";
}

/* The person of a roster row: matched by ID number (the name must agree, and
 * the registered name is not disclosed), else created. Returns the id, 0
 * with field errors, -1 with err. */
static long long roster_person(struct request_ctx *ctx, json_t *pin, long long org,
			       unsigned flags, json_t *errors, struct buf *err)
{
	json_t *prec = json_object(), *after = NULL;
	char h[SECRET_HASH_HEX_SIZE];
	long long person = -1;

	if (!party_str(pin, "name"))
		json_object_set_new(errors, "name", json_string("姓名不能为空（或填写人员编号）"));
	if (!party_str(pin, "id_number"))
		json_object_set_new(errors, "id_number", json_string("身份证号不能为空"));
	if (!json_object_get(pin, "division_code") && org) {
		json_t *o = generic_load(ctx, &res_orgs, org, 0);

		json_object_set(pin, "division_code", json_object_get(o, "division_code"));
		json_decref(o);
	}
	record_validate(ctx, &res_persons, pin, prec, 1, flags, errors);
	if (!org)
		json_object_del(errors, "division_code"); /* the organisation is asked for */
	if (json_object_size(errors)) {
		person = 0;
		goto out;
	}
	secret_hash(party_str(prec, "id_number"), h);
	person = records_find_other(ctx->db, ctx->a, &res_persons, "id_number_hash", h, 0, err);
	if (person < 0)
		goto out;
	if (person) {
		json_t *known = generic_load(ctx, &res_persons, person, 0);
		const char *name = party_str(known, "name");

		if (!name || strcmp(name, party_str(prec, "name"))) {
			json_object_set_new(errors, "name",
					    json_string("该身份证号已登记，但姓名与登记的不一致"));
			person = 0;
		}
		json_decref(known);
		goto out;
	}
	if (generic_write(ctx, &res_persons, prec, NULL, -1, "create", errors, &after, err)) {
		person = json_object_size(errors) ? 0 : -1;
		goto out;
	}
	person = party_int(after, "id");
out:
	json_decref(prec);
	json_decref(after);
	return person;
}

int party_roster_write(struct request_ctx *ctx, const struct resource *res, json_t *in,
		       unsigned flags, json_t *errors, json_t **after, struct buf *err)
{
	json_t *own = json_object(), *pin = json_object(), *rec = json_object();
	const char *key;
	json_t *v;
	long long person;
	int status = WS_INVALID;

	*after = NULL;
	json_object_foreach(in, key, v)
		json_object_set(is_person_key(key) ? pin : own, key, v);
	record_validate(ctx, res, own, rec, 1, flags, errors);
	if (!json_object_get(own, "person_id")) {
		json_object_del(errors, "person_id");
		person = roster_person(ctx, pin, party_int(rec, org_column(res)), flags, errors, err);
		if (person < 0) {
			status = WS_ERROR;
			goto out;
		}
		json_object_set_new(rec, "person_id", json_integer(person));
	}
	if (json_object_size(errors))
		goto out;
	status = generic_write(ctx, res, rec, NULL, -1, "create", errors, after, err);
out:
	json_decref(own);
	json_decref(pin);
	json_decref(rec);
	return status;
}

int party_roster_import_row(struct request_ctx *ctx, const struct resource *res, json_t *in,
			    json_t *errors, struct buf *err)
{
	json_t *after = NULL;
	int status = party_roster_write(ctx, res, in, VALUE_IMPORT, errors, &after, err);

	json_decref(after);
	if (status == WS_OK)
		return 1;
	if (json_object_size(errors))
		return 0;
	if (!err->len)
		buf_setf(err, "%s: write failed (%d)", res->name, status);
	return -1;
}

static void enrol(struct request_ctx *ctx, const struct resource *res)
{
	json_t *body = NULL, *errors = NULL, *after = NULL;
	struct buf err = BUF_INIT;
	int status;

	if (generic_can_write_or_reply(ctx, res) || !(body = generic_body_or_reply(ctx)))
		goto out;
	errors = json_object();
	if (db_begin(ctx->db, 1, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	status = party_roster_write(ctx, res, body, 0, errors, &after, &err);
	generic_commit_and_reply(ctx, res, status, errors, &after, &err, 201);
out:
	json_decref(body);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}

void party_members_enrol(struct request_ctx *ctx)
{
	enrol(ctx, &res_party_members);
}

void org_staff_enrol(struct request_ctx *ctx)
{
	enrol(ctx, &res_org_staff);
}
