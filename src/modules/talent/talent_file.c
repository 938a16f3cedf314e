/* talent_file: one printable timeline per person (一人一档) — the talent's
 * admission steps, reviews, trainings, placements, 村两委 terms, party
 * development stages and the audit of changes to the person, in date order. */
#include "modules/talent/talent_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_common.h"
#include "modules/talent/talent_rules.h"
#include "store/audit_store.h"
#include "store/records.h"
#include "modules/talent/talent_store.h"

#define AUDIT_MAX 200

struct event {
	const char *date;
	int seq;   /* insertion order: keeps a day's events in the order of the mechanism */
	json_t *obj;
};

struct events {
	struct event *v;
	size_t n, alloc;
	struct arena *a;
};

static void add(struct events *ev, const char *date, const char *kind, const char *title,
		const char *detail)
{
	if (!date)
		return;
	if (ev->n == ev->alloc) {
		size_t na = ev->alloc ? ev->alloc * 2 : 32;
		struct event *nv = arena_alloc(ev->a, sizeof(*nv) * na);

		if (ev->n)
			memcpy(nv, ev->v, sizeof(*nv) * ev->n);
		ev->v = nv;
		ev->alloc = na;
	}
	ev->v[ev->n].date = date;
	ev->v[ev->n].seq = (int)ev->n;
	ev->v[ev->n].obj = json_pack("{s:s, s:s, s:s, s:s}", "date", date, "kind", kind, "title",
				     title, "detail", detail ? detail : "");
	ev->n++;
}

static int by_date(const void *x, const void *y)
{
	const struct event *a = x, *b = y;
	int c = strcmp(a->date, b->date);

	return c ? c : a->seq - b->seq;
}

static const char *label(const char *res, const char *field, const char *value)
{
	return resource_enum_label(resource_find(res), field, value);
}

static const char *step_label(const char *action)
{
	const struct action *a = resource_action(&res_talents, action);

	return a ? a->label : action;
}

/* "；"-joined non-empty parts */
static const char *join(struct arena *a, const char *const *parts, int n)
{
	struct buf b = BUF_INIT;
	const char *out;
	int i;

	for (i = 0; i < n; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (b.len)
			buf_adds(&b, "；");
		buf_adds(&b, parts[i]);
	}
	out = arena_strdup(a, b.len ? b.ptr : "");
	buf_release(&b);
	return out;
}

static void steps(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const char *action = db_cell(r, i, 1), *detail = db_cell(r, i, 4);
		json_t *d = detail ? json_loads(detail, 0, NULL) : NULL;
		const char *extra = NULL;
		const char *parts[4];

		if (d && json_is_array(json_object_get(d, "departments"))) {
			struct buf b = BUF_INIT;
			size_t k;
			json_t *x;

			buf_adds(&b, "联审部门：");
			json_array_foreach(json_object_get(d, "departments"), k, x) {
				if (k)
					buf_adds(&b, "、");
				buf_adds(&b, json_string_value(x) ? json_string_value(x) : "");
			}
			extra = arena_strdup(ctx->a, b.ptr);
			buf_release(&b);
		} else if (d && talent_common_str(d, "reason")) {
			extra = arena_printf(ctx->a, "原因：%s", talent_common_str(d, "reason"));
		} else if (d && talent_common_str(d, "exit_reason")) {
			extra = arena_printf(ctx->a, "出库原因：%s", label("talents", "exit_reason",
									 talent_common_str(d, "exit_reason")));
		} else if (d && talent_common_str(d, "channel")) {
			extra = label("talents", "channel", talent_common_str(d, "channel"));
		}
		parts[0] = db_cell(r, i, 6) ? arena_printf(ctx->a, "%s后备力量", db_cell(r, i, 6)) : NULL;
		parts[1] = extra;
		parts[2] = db_cell(r, i, 3) ? arena_printf(ctx->a, "意见：%s", db_cell(r, i, 3)) : NULL;
		parts[3] = db_cell(r, i, 5) ? arena_printf(ctx->a, "经办：%s", db_cell(r, i, 5)) : NULL;
		add(ev, db_cell(r, i, 0), "talent_step", step_label(action),
		    join(ctx->a, parts, 4));
		json_decref(d);
	}
}

static void evaluations(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const char *kind = db_cell(r, i, 1), *grade = db_cell(r, i, 3);
		int absent = db_cell(r, i, 4) && strcmp(db_cell(r, i, 4), "0");
		const char *parts[2] = { absent ? "长期在外" : NULL, db_cell(r, i, 5) };
		char start[DATE_SIZE];
		const char *date = db_cell(r, i, 0);

		if (!date && !talent_rules_period_start(db_cell(r, i, 2), start))
			date = arena_strdup(ctx->a, start);
		add(ev, date, "evaluation",
		    arena_printf(ctx->a, "%s%s%s%s", db_cell(r, i, 2),
				 label("talent_evaluations", "kind", kind), grade ? "：" : "",
				 grade ? label("talent_evaluations", "grade", grade) : ""),
		    join(ctx->a, parts, 2));
	}
}

/* Whether the caller may see record `id` of `res`: the one scope rule of
 * store/records.c, so that a file shows no more than the ledgers do. */
static int visible(struct request_ctx *ctx, const struct resource *res, const char *id)
{
	struct db_result row;
	struct buf err = BUF_INIT;
	int ok = id && records_get(ctx->db, ctx->a, ctx->who, res, strtoll(id, NULL, 10), &row,
				   &err) == REC_OK;

	buf_release(&err);
	return ok;
}

static void trainings(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		if (!visible(ctx, &res_trainings, db_cell(r, i, 6)))
			continue; /* a training another place held: not the caller's to see */
		const char *parts[4] = {
			label("trainings", "kind", db_cell(r, i, 3)),
			db_cell(r, i, 1) ? arena_printf(ctx->a, "至 %s", db_cell(r, i, 1)) : NULL,
			db_cell(r, i, 4) ? arena_printf(ctx->a, "%s 学时", db_cell(r, i, 4)) : NULL,
			db_cell(r, i, 5),
		};

		add(ev, db_cell(r, i, 0), "training", arena_printf(ctx->a, "参加培训：%s",
								   db_cell(r, i, 2)),
		    join(ctx->a, parts, 4));
	}
}

static void placements(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const char *parts[4] = {
			db_cell(r, i, 4),
			db_cell(r, i, 1) ? arena_printf(ctx->a, "至 %s", db_cell(r, i, 1)) : NULL,
			db_cell(r, i, 5), db_cell(r, i, 6) ? arena_printf(ctx->a, "评价：%s",
									  db_cell(r, i, 6)) : NULL,
		};

		add(ev, db_cell(r, i, 0), "placement",
		    arena_printf(ctx->a, "%s%s%s", label("placements", "kind", db_cell(r, i, 2)),
				 db_cell(r, i, 3) ? "：" : "", db_cell(r, i, 3) ? db_cell(r, i, 3) : ""),
		    join(ctx->a, parts, 4));
	}
}

static void committee(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		int is_new = db_cell(r, i, 5) && strcmp(db_cell(r, i, 5), "0");
		const char *parts[4] = {
			is_new ? "新进" : NULL,
			db_cell(r, i, 1) ? arena_printf(ctx->a, "任期至 %s", db_cell(r, i, 1)) : NULL,
			label("committee_members", "status", db_cell(r, i, 6)),
			db_cell(r, i, 7) ? arena_printf(ctx->a, "特批理由：%s", db_cell(r, i, 7)) : NULL,
		};

		add(ev, db_cell(r, i, 0), "committee",
		    arena_printf(ctx->a, "任%s%s%s", db_cell(r, i, 4) ? db_cell(r, i, 4) : "",
				 label("committee_members", "body", db_cell(r, i, 2)),
				 label("committee_members", "position", db_cell(r, i, 3))),
		    join(ctx->a, parts, 4));
	}
}

static void party(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	static const char *const titles[TALENT_RULES_STAGES] = {
		"递交入党申请书", "确定为入党积极分子", "确定为发展对象", "接收为预备党员",
		"转为正式党员",
	};
	size_t i;
	int s;

	for (i = 0; i < r->nrows; i++)
		for (s = 0; s < TALENT_RULES_STAGES; s++)
			add(ev, db_cell(r, i, 1 + s), "party", titles[s], "");
}

/* Changed fields of an audit row, by label; personal data is not repeated. */
static void audits(struct request_ctx *ctx, struct events *ev, const struct db_result *r)
{
	size_t i;

	for (i = r->nrows; i-- > 0;) { /* audit_list is newest first */
		const char *at = db_cell(r, i, 1), *action = db_cell(r, i, 4);
		json_t *before = db_cell(r, i, 7) ? json_loads(db_cell(r, i, 7), 0, NULL) : NULL;
		json_t *after = db_cell(r, i, 8) ? json_loads(db_cell(r, i, 8), 0, NULL) : NULL;
		const struct field *f;
		struct buf b = BUF_INIT;
		const char *title;

		if (strcmp(action, "create") && strcmp(action, "update") && strcmp(action, "delete")) {
			json_decref(before);
			json_decref(after);
			continue; /* reads and exports are not changes */
		}
		title = !strcmp(action, "create") ? "建立人员档案"
				  : !strcmp(action, "delete") ? "删除人员档案" : "修改人员信息";

		for (f = res_persons.fields; before && after && f->name; f++) {
			json_t *x = json_object_get(before, f->name), *y = json_object_get(after, f->name);

			if ((f->flags & F_HIDDEN) || json_equal(x ? x : json_null(), y ? y : json_null()))
				continue;
			if (b.len)
				buf_adds(&b, "；");
			if (f->type == FT_ENUM && json_is_string(y))
				buf_addf(&b, "%s：%s", f->label,
					 label("persons", f->name, json_string_value(y)));
			else if (json_is_string(y) && f->type != FT_ID_NUMBER && f->type != FT_PHONE)
				buf_addf(&b, "%s：%s", f->label, json_string_value(y));
			else
				buf_adds(&b, f->label);
		}
		if (at && strlen(at) >= 10)
			add(ev, arena_strndup(ctx->a, at, 10), "audit", title,
			    arena_printf(ctx->a, "%s%s%s", b.len ? b.ptr : "",
					 b.len ? "；" : "", arena_printf(ctx->a, "经办：%s",
									db_cell(r, i, 3) ? db_cell(r, i, 3) : "")));
		buf_release(&b);
		json_decref(before);
		json_decref(after);
	}
}

void talent_file_get(struct request_ctx *ctx)
{
	struct events ev = { NULL, 0, 0, ctx->a };
	struct db_result row, r[TALENT_FILE_KINDS + 1]; /* the events, then the audit */
	struct buf err = BUF_INIT;
	struct audit_query aq;
	json_t *person = NULL, *events;
	char *end;
	long long id = strtoll(ctx->params[0], &end, 10);
	size_t i;
	int rc, k;

	if (*end || id <= 0) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	rc = records_get(ctx->db, ctx->a, ctx->who, &res_persons, id, &row, &err);
	if (rc == REC_NOTFOUND) {
		reply_error(ctx, 404, "not_found", "记录不存在", NULL);
		goto out;
	}
	memset(&aq, 0, sizeof(aq));
	aq.entity = "persons";
	aq.entity_id = id;
	aq.limit = AUDIT_MAX;
	for (k = 0; !rc && k < TALENT_FILE_KINDS; k++)
		rc = talent_store_file(ctx->db, ctx->a, (enum talent_file_kind)k, id, &r[k], &err);
	if (rc ||
	    audit_list(ctx->db, ctx->a, &aq, &r[TALENT_FILE_KINDS], &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	person = record_from_row(ctx, &res_persons, &row, 0, 0);
	talent_common_set_age(person);
	audits(ctx, &ev, &r[TALENT_FILE_KINDS]);
	steps(ctx, &ev, &r[0]);
	evaluations(ctx, &ev, &r[1]);
	trainings(ctx, &ev, &r[2]);
	placements(ctx, &ev, &r[3]);
	committee(ctx, &ev, &r[4]);
	party(ctx, &ev, &r[5]);
	if (ev.n)
		qsort(ev.v, ev.n, sizeof(*ev.v), by_date);
	events = json_array();
	for (i = 0; i < ev.n; i++)
		json_array_append_new(events, ev.v[i].obj);
	reply_json(ctx, 200, json_pack("{s:o, s:o}", "person", person, "events", events));
	person = NULL;
out:
	json_decref(person);
	buf_release(&err);
}
