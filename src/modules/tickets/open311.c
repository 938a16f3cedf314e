/* open311: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over
 * the tickets of the resident kinds — service discovery, service requests
 * created with an API token as api_key, and their status, in JSON and XML.
 * Answers are built once as JSON values and written in the format the path
 * asks for (libxml2 writes the XML). Personal data never appears in them. */
#include "modules/tickets/tickets.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "api/generic.h"
#include "api/record.h"
#include "domain/date.h"
#include "http/auth.h"
#include "http/form.h"

#define REQUESTS_MAX 1000
#define DEFAULT_DAYS 90

enum format { FMT_JSON, FMT_XML };

static enum format format_of(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".xml") ? FMT_XML : FMT_JSON;
}

/* The segment without its ".json" / ".xml". */
static const char *strip_format(struct request_ctx *ctx, const char *file)
{
	const char *dot = strrchr(file, '.');

	return dot && (!strcmp(dot, ".json") || !strcmp(dot, ".xml"))
		? arena_strndup(ctx->a, file, (size_t)(dot - file)) : file;
}

/* Writes one JSON value as XML children of the current element. */
static void xml_value(xmlTextWriterPtr w, const char *name, json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;

	if (json_is_array(v)) {
		xmlTextWriterStartElement(w, BAD_CAST name);
		json_array_foreach(v, i, x)
			xml_value(w, "attribute", x);
		xmlTextWriterEndElement(w);
	} else if (json_is_object(v)) {
		xmlTextWriterStartElement(w, BAD_CAST name);
		json_object_foreach(v, key, x)
			xml_value(w, key, x);
		xmlTextWriterEndElement(w);
	} else if (json_is_string(v)) {
		xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST json_string_value(v));
	} else if (json_is_integer(v)) {
		xmlTextWriterWriteFormatElement(w, BAD_CAST name, "%lld",
						(long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		xmlTextWriterWriteFormatElement(w, BAD_CAST name, "%.17g", json_real_value(v));
	} else if (json_is_boolean(v)) {
		xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST(json_is_true(v) ? "true" : "false"));
	} else {
		xmlTextWriterStartElement(w, BAD_CAST name);
		xmlTextWriterEndElement(w);
	}
}

/* Replies `body` (stolen): JSON as it is, XML as <root><item>…</item></root>
 * for an array, <root>…</root> for an object. */
static void reply_311(struct request_ctx *ctx, int status, enum format fmt, const char *root,
		      const char *item, json_t *body)
{
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	json_t *x;
	const char *key;
	size_t i;

	if (fmt == FMT_JSON) {
		reply_json(ctx, status, body);
		return;
	}
	xb = xmlBufferCreate();
	w = xmlNewTextWriterMemory(xb, 0);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST root);
	if (json_is_array(body)) {
		json_array_foreach(body, i, x)
			xml_value(w, item, x);
	} else {
		json_object_foreach(body, key, x)
			xml_value(w, key, x);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	ctx->status = status;
	ctx->content_type = "text/xml; charset=utf-8";
	buf_reset(&ctx->out);
	buf_add(&ctx->out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	json_decref(body);
}

/* The specification's error answer: [{"code", "description"}]. */
static void error_311(struct request_ctx *ctx, int status, const char *description)
{
	reply_311(ctx, status, format_of(ctx->path), "errors", "error",
		  json_pack("[{s:i, s:s}]", "code", status, "description", description));
}

/* ---- services: the categories of the resident kinds ---- */

static const char *const resident_kinds[] = { "resident_wish", "resident_request", NULL };

static json_t *services(struct request_ctx *ctx, const char *only, struct buf *err)
{
	static const char sql[] =
		"SELECT kind, code, label, sla_days FROM ticket_categories WHERE deleted_at IS NULL"
		" AND active = 1 AND kind IN ('resident_wish', 'resident_request') ORDER BY id";
	struct db_result r;
	json_t *arr;
	size_t i;

	if (db_query(ctx->db, ctx->a, sql, NULL, 0, &r, err))
		return NULL;
	arr = json_array();
	for (i = 0; i < r.nrows; i++) {
		const char *code = arena_printf(ctx->a, "%s.%s", db_cell(&r, i, 0), db_cell(&r, i, 1));

		if (only && strcmp(only, code))
			continue;
		json_array_append_new(arr, json_pack(
			"{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code", code,
			"service_name", db_cell(&r, i, 2),
			"description", arena_printf(ctx->a, "%s（办理时限 %s 个工作日）", db_cell(&r, i, 2),
						    db_cell(&r, i, 3)),
			"metadata", 0, "type", "realtime", "keywords", db_cell(&r, i, 2),
			"group", resource_enum_label(&res_tickets, "kind", db_cell(&r, i, 0))));
	}
	return arr;
}

void open311_services(struct request_ctx *ctx)
{
	struct buf err = BUF_INIT;
	json_t *arr = services(ctx, NULL, &err);

	if (!arr)
		error_311(ctx, 500, "服务器内部错误");
	else
		reply_311(ctx, 200, format_of(ctx->path), "services", "service", arr);
	buf_release(&err);
}

void open311_service(struct request_ctx *ctx)
{
	const char *code = strip_format(ctx, ctx->params[0]);
	struct buf err = BUF_INIT;
	json_t *arr = services(ctx, code, &err);

	if (!arr) {
		error_311(ctx, 500, "服务器内部错误");
	} else if (!json_array_size(arr)) {
		json_decref(arr);
		error_311(ctx, 404, "没有这项服务（service_code）");
	} else {
		json_decref(arr);
		reply_311(ctx, 200, format_of(ctx->path), "service_definition", NULL,
			  json_pack("{s:s, s:[]}", "service_code", code, "attributes"));
	}
	buf_release(&err);
}

/* ---- service requests: resident tickets ---- */

static int closed_status(const char *s)
{
	return s && (!strcmp(s, "resolved") || !strcmp(s, "closed") || !strcmp(s, "withdrawn"));
}

/* The end of a local day as an instant: when a request is expected done. */
static const char *expected(struct request_ctx *ctx, const char *due)
{
	char next[DATE_SIZE], start[DATE_TIME_SIZE];
	struct tm tm;
	time_t t;

	if (!due || date_add_days(due, 1, next) || date_local_start(next, start))
		return NULL;
	memset(&tm, 0, sizeof(tm));
	strptime(start, "%Y-%m-%dT%H:%M:%SZ", &tm);
	t = timegm(&tm) - 1;
	gmtime_r(&t, &tm);
	strftime(start, sizeof(start), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(ctx->a, start);
}

/* A ticket as GeoReport's service request: no names, no phones. */
static json_t *request_json(struct request_ctx *ctx, json_t *t)
{
	const char *status = json_string_value(json_object_get(t, "status"));
	const char *note = json_string_value(json_object_get(t, closed_status(status) &&
							     strcmp(status, "withdrawn")
							     ? "resolution" : "public_summary"));

	return json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s, s:s?, s:s, s:s, s:s?,"
			 " s:s?, s:n, s:n, s:n, s:n, s:n}",
		"service_request_id", arena_printf(ctx->a, "%lld",
			(long long)json_integer_value(json_object_get(t, "id"))),
		"status", closed_status(status) ? "closed" : "open",
		"status_notes", note,
		"service_name", json_string_value(json_object_get(t, "category_label")),
		"service_code", arena_printf(ctx->a, "%s.%s",
			json_string_value(json_object_get(t, "kind")),
			json_string_value(json_object_get(t, "category"))),
		"description", json_string_value(json_object_get(t, "description")),
		"agency_responsible", json_string_value(json_object_get(t, "assignee_org_id_label")),
		"service_notice", resource_enum_label(&res_tickets, "status", status),
		"requested_datetime", json_string_value(json_object_get(t, "submitted_at")),
		"updated_datetime", json_string_value(json_object_get(t, "updated_at")),
		"address", json_string_value(json_object_get(t, "address"))
			? json_string_value(json_object_get(t, "address")) : "",
		"expected_datetime", expected(ctx, json_string_value(json_object_get(t, "due_on"))),
		"zipcode", NULL,
		"address_id", "lat", "long", "media_url", "account_id");
}

/* Appends a list filter. */
static void arg(struct request_ctx *ctx, struct query_arg *qa, size_t *n, const char *k,
		const char *v)
{
	qa[*n].key = k;
	qa[*n].value = arena_strdup(ctx->a, v);
	(*n)++;
}

/* The list filters of a GET requests: only resident kinds, and what the client asks. */
static int request_filters(struct request_ctx *ctx, struct query_arg *qa, size_t *n,
			   const char **why)
{
	const char *ids = request_arg(ctx, "service_request_id");
	const char *code = request_arg(ctx, "service_code"), *status = request_arg(ctx, "status");
	const char *start = request_arg(ctx, "start_date"), *end = request_arg(ctx, "end_date");
	char t[DATE_TIME_SIZE], today[DATE_SIZE], from[DATE_SIZE];
	const char *const *k;

	*n = 0;
	for (k = resident_kinds; *k; k++)
		arg(ctx, qa, n, "kind", *k);
	if (code && *code) {
		const char *dot = strchr(code, '.');

		if (!dot)
			return *why = "service_code 无效", -1;
		*n = 0;
		arg(ctx, qa, n, "kind", arena_strndup(ctx->a, code, (size_t)(dot - code)));
		if (!tickets_resident_kind(qa[0].value))
			return *why = "service_code 无效", -1;
		arg(ctx, qa, n, "category", dot + 1);
	}
	if (ids && *ids) {
		char *copy = arena_strdup(ctx->a, ids), *save = NULL, *tok;

		for (tok = strtok_r(copy, ",", &save); tok && *n < 200; tok = strtok_r(NULL, ",", &save))
			arg(ctx, qa, n, "id", tok);
		return 0;
	}
	if (start && *start) {
		if (date_parse_datetime(start, t, why))
			return *why = "start_date 应为 RFC 3339 时间", -1;
		arg(ctx, qa, n, "submitted_at__gte", t);
	} else if (!end || !*end) {
		date_today(today);
		date_add_days(today, -DEFAULT_DAYS, from);
		arg(ctx, qa, n, "submitted_at__gte", from);
	}
	if (end && *end) {
		if (date_parse_datetime(end, t, why))
			return *why = "end_date 应为 RFC 3339 时间", -1;
		arg(ctx, qa, n, "submitted_at__lte", t);
	}
	if (status && *status) {
		static const char *const open[] = { "submitted", "dispatched", "accepted", "returned", NULL };
		static const char *const closed[] = { "resolved", "closed", "withdrawn", NULL };
		const char *const *s;

		if (strcmp(status, "open") && strcmp(status, "closed"))
			return *why = "status 应为 open 或 closed", -1;
		for (s = !strcmp(status, "open") ? open : closed; *s; s++)
			arg(ctx, qa, n, "status", *s);
	}
	return 0;
}

static void list_requests(struct request_ctx *ctx, const struct query_arg *qa, size_t n,
			  int one)
{
	struct records_query q;
	struct db_result rows;
	struct buf err = BUF_INIT;
	const char *bad = NULL;
	long long total;
	json_t *arr;
	size_t i;

	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (generic_filters(ctx, &res_tickets, qa, n, &q.where, &bad, &err)) {
		error_311(ctx, 400, arena_printf(ctx->a, "%s：%s", bad ? bad : "", err.ptr));
		goto out;
	}
	q.desc = 1;
	q.limit = REQUESTS_MAX;
	/* public answers: unscoped, and only what the filters above allow */
	if (records_list(ctx->db, ctx->a, NULL, &res_tickets, &q, &rows, &total, &err)) {
		error_311(ctx, 500, "服务器内部错误");
		goto out;
	}
	if (one && !rows.nrows) {
		error_311(ctx, 404, "没有这个服务请求");
		goto out;
	}
	arr = json_array();
	for (i = 0; i < rows.nrows; i++) {
		json_t *t = record_from_row(ctx, &res_tickets, &rows, i, 0);

		json_array_append_new(arr, request_json(ctx, t));
		json_decref(t);
	}
	reply_311(ctx, 200, format_of(ctx->path), "service_requests", "request", arr);
out:
	sqlw_release(&q.where);
	buf_release(&err);
}

void open311_requests(struct request_ctx *ctx)
{
	struct query_arg qa[220];
	const char *why = NULL;
	size_t n;

	if (request_filters(ctx, qa, &n, &why)) {
		error_311(ctx, 400, why);
		return;
	}
	list_requests(ctx, qa, n, 0);
}

void open311_request(struct request_ctx *ctx)
{
	const char *id = strip_format(ctx, ctx->params[0]);
	struct query_arg qa[4];
	size_t n = 0;

	if (!*id || strspn(id, "0123456789") != strlen(id)) {
		error_311(ctx, 404, "没有这个服务请求");
		return;
	}
	arg(ctx, qa, &n, "id", id);
	arg(ctx, qa, &n, "kind", resident_kinds[0]);
	arg(ctx, qa, &n, "kind", resident_kinds[1]);
	list_requests(ctx, qa, n, 1);
}

/* POST requests.json: a resident request from another system, as the token's user. */
void open311_post(struct request_ctx *ctx)
{
	struct query_arg form[64];
	int n = form_parse(ctx, form, 64);
	const char *key, *code, *desc, *addr, *juris, *dot, *first, *last, *phone;
	json_t *in = NULL, *rec = NULL, *errors = NULL, *after = NULL;
	struct buf err = BUF_INIT;
	int status;

	if (n < 0) {
		error_311(ctx, 400, "请求内容不是有效的表单（UTF-8）");
		return;
	}
	key = form_value(form, (size_t)n, "api_key");
	if (!key || !*key || auth_identify_token(ctx, key)) {
		error_311(ctx, 403, "api_key 无效");
		return;
	}
	ctx->log_user = ctx->who->username;
	if (ctx->who->readonly) {
		error_311(ctx, 403, "该 api_key 的账号只能查看");
		return;
	}
	code = form_value(form, (size_t)n, "service_code");
	desc = form_value(form, (size_t)n, "description");
	addr = form_value(form, (size_t)n, "address_string");
	juris = form_value(form, (size_t)n, "jurisdiction_id");
	if (!code || !(dot = strchr(code, '.')) ||
	    !tickets_resident_kind(arena_strndup(ctx->a, code, (size_t)(dot - code)))) {
		error_311(ctx, 400, "service_code 无效（见 services.json）");
		return;
	}
	if (!desc || !*desc) {
		error_311(ctx, 400, "description 不能为空");
		return;
	}
	first = form_value(form, (size_t)n, "first_name");
	last = form_value(form, (size_t)n, "last_name");
	phone = form_value(form, (size_t)n, "phone");
	in = json_pack("{s:s%, s:s, s:s, s:s, s:s}", "kind", code, (size_t)(dot - code),
		       "category", dot + 1, "description", desc, "source", "open311",
		       "title", arena_strndup(ctx->a, desc, strlen(desc) > 90 ? 90 : strlen(desc)));
	if (addr && *addr)
		json_object_set_new(in, "address", json_string(addr));
	if (juris && *juris)
		json_object_set_new(in, "division_code", json_string(juris));
	else if (ctx->who->scope_division)
		json_object_set_new(in, "division_code", json_string(ctx->who->scope_division));
	if ((first && *first) || (last && *last))
		json_object_set_new(in, "requester_name", json_string(arena_printf(ctx->a, "%s%s",
			last ? last : "", first ? first : "")));
	if (phone && *phone)
		json_object_set_new(in, "requester_phone", json_string(phone));
	rec = json_object();
	errors = json_object();
	if (db_begin(ctx->db, 1, &err)) {
		error_311(ctx, 500, "服务器内部错误");
		goto out;
	}
	record_validate(ctx, &res_tickets, in, rec, 1, VALUE_IMPORT, errors);
	status = json_object_size(errors) ? WS_INVALID
		: generic_write(ctx, &res_tickets, rec, NULL, -1, "create", errors, &after, &err);
	if (status || db_commit(ctx->db, &err)) {
		const char *k;
		json_t *v;
		const char *msg = "请求无效";

		db_rollback(ctx->db);
		json_object_foreach(errors, k, v) {
			msg = arena_printf(ctx->a, "%s：%s", k, json_string_value(v));
			break;
		}
		error_311(ctx, status == WS_INVALID ? 400 : 500, status == WS_INVALID ? msg
									: "服务器内部错误");
		goto out;
	}
	reply_311(ctx, 201, format_of(ctx->path), "service_requests", "request",
		  json_pack("[{s:s, s:s, s:n}]", "service_request_id", arena_printf(ctx->a, "%lld",
			(long long)json_integer_value(json_object_get(after, "id"))),
			"service_notice", "已受理，将按办理时限派单办理", "account_id"));
out:
	json_decref(in);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
}
