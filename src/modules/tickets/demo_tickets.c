/* demo_tickets: the ticket engine's demo data, dated relative to the day it
 * runs — 独山县's enterprise service desk (企业点单、中心派单、部门接单、企业评单,
 * with financing obtained), 项目代办 whose 办结率 is 99% and 满意度 98% as the
 * newspaper reports, and 新庄社区's wish board (居民点单、支部派单、全员接单、
 * 组织晒单). Every ticket goes through the same actions a user would run. */
#include "modules/tickets/tickets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/demo.h"
#include "api/generic.h"
#include "api/transition.h"
#include "domain/date.h"
#include "domain/demo_ids.h"
#include "modules/platform/platform.h"

#define COUNTY "522726000000"
#define XIASI_TOWN "522726111000"
#define XINZHUANG "522725002006"

struct demo {
	struct request_ctx *ctx;
	struct buf *err;
	time_t now;
	long long tickets;
};

/* The instant `days` and `hours` before now, RFC 3339 UTC (arena). */
static const char *ago(struct demo *d, double days)
{
	time_t t = d->now - (time_t)(days * 86400);
	struct tm tm;
	char out[DATE_TIME_SIZE];

	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(d->ctx->a, out);
}

static int act(struct demo *d, long long id, const char *name, json_t *body)
{
	json_t *errors = json_object();
	int status = transition_run(d->ctx, &res_tickets, id, resource_action(&res_tickets, name),
				    body, -1, 0, errors, NULL, d->err);

	if (status) {
		char *e = json_dumps(errors, JSON_COMPACT);
		const char *why = arena_strdup(d->ctx->a, d->err->ptr);

		buf_setf(d->err, "演示数据 工单 %lld %s 失败 (%d): %s %s", id, name, status, e, why);
		free(e);
	}
	json_decref(errors);
	json_decref(body);
	return status ? -1 : 0;
}

static long long org(struct demo *d, const char *name, const char *division)
{
	return demo_create(d->ctx, &res_orgs, json_pack("{s:s, s:s, s:s}", "name", name, "kind",
							"department", "division_code", division), d->err);
}

/* Sets a category's default organisation, as an administrator would. */
static int route_category(struct demo *d, const char *kind, const char *code, long long org_id)
{
	struct ticket_category cat;
	json_t *before, *rec, *errors, *after = NULL;
	int r = tickets_category(d->ctx, kind, code, &cat, d->err);

	if (r <= 0)
		return r < 0 ? -1 : 0;
	before = generic_load(d->ctx, &res_ticket_categories, cat.id, 0);
	rec = json_pack("{s:I}", "default_org_id", (json_int_t)org_id);
	errors = json_object();
	r = generic_write(d->ctx, &res_ticket_categories, rec, before, -1, "update", errors, &after,
			  d->err);
	json_decref(before);
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	return r ? -1 : 0;
}

/* One ticket's life: submitted `days` ago and taken as far as `until`. */
struct life {
	const char *kind, *category, *title, *division;
	long long enterprise, assignee;
	double days;               /* submitted this many days ago */
	const char *until;         /* submitted dispatched accepted resolved closed withdrawn */
	const char *rating;
	long long amount_fen;
	int late_accept;           /* accepted after more than a working day */
};

static long long run_life(struct demo *d, const struct life *l)
{
	double t = l->days;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", l->kind, "category",
			       l->category, "title", l->title, "division_code", l->division,
			       "source", l->enterprise ? "online" : "counter",
			       "submitted_at", ago(d, t));
	long long id;

	if (l->enterprise)
		json_object_set_new(in, "requester_enterprise_id", json_integer(l->enterprise));
	if (!(id = demo_create(d->ctx, &res_tickets, in, d->err)))
		return -1;
	d->tickets++;
	if (!strcmp(l->until, "submitted"))
		return id;
	if (!strcmp(l->until, "withdrawn"))
		return act(d, id, "withdraw", json_pack("{s:s, s:s}", "reason", "问题已自行解决",
							"at", ago(d, t - 0.1))) ? -1 : id;
	t -= 0.1;
	if (act(d, id, "dispatch", json_pack("{s:I, s:s}", "assignee_org_id",
					      (json_int_t)l->assignee, "at", ago(d, t))))
		return -1;
	if (!strcmp(l->until, "dispatched"))
		return id;
	t -= l->late_accept ? 3.0 : 0.2;
	if (act(d, id, "accept", json_pack("{s:s}", "at", ago(d, t))))
		return -1;
	if (!strcmp(l->until, "accepted"))
		return id;
	t -= t > 6 ? 4.0 : t / 3;
	if (act(d, id, "resolve", json_pack("{s:s, s:s, s:I}", "resolution", "已按企业需求办理完毕",
					     "at", ago(d, t), "amount_fen", (json_int_t)l->amount_fen)))
		return -1;
	if (!strcmp(l->until, "resolved"))
		return id;
	t -= t / 4;
	if (act(d, id, "rate", json_pack("{s:s, s:s}", "rating", l->rating, "at", ago(d, t))))
		return -1;
	return id;
}

static const char *const es_categories[] = { "financing", "debt", "land", "labour", "energy",
					     "agency" };
static const char *const es_titles[] = { "申请流动资金贷款协调", "历史债务化解协调", "新建厂房用地报批",
					 "春节后用工招聘对接", "生产用电增容", "营业执照变更代办" };
static const char *const pa_categories[] = { "approval", "permit", "land_use", "construction" };
static const char *const pa_titles[] = { "项目立项审批代办", "施工许可证代办", "项目用地预审代办",
					 "规划许可报建代办" };
static const char *const wishes[] = {
	"给孙子买一套学习用的书桌", "帮忙修理漏雨的屋顶", "陪独居老人去医院复查", "为留守儿童辅导作业",
	"更换楼道里坏掉的路灯", "帮残疾人申请轮椅", "给老人送一台取暖器", "清理小区堆放的建筑垃圾",
	"帮腿脚不便的老人代买药品", "为社区儿童之家添置图书",
};

int tickets_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	struct demo d = { .ctx = ctx, .err = err, .now = time(NULL) };
	long long gx, zw, fg, zr, rs, jr, ents[3], branch, members[4];
	struct db_result r;
	long long n_es = 0, n_pa = 0, n_wish = 0;
	int i;

	/* the departments 中心派单 dispatches to */
	if (!(gx = org(&d, "独山县工业和信息化局", COUNTY)) || !(zw = org(&d, "独山县政务服务中心", COUNTY)) ||
	    !(fg = org(&d, "独山县发展和改革局", COUNTY)) || !(zr = org(&d, "独山县自然资源局", COUNTY)) ||
	    !(rs = org(&d, "独山县人力资源和社会保障局", COUNTY)) ||
	    !(jr = org(&d, "独山县地方金融服务中心", COUNTY)))
		return -1;
	if (route_category(&d, "enterprise_service", "financing", jr) ||
	    route_category(&d, "enterprise_service", "debt", jr) ||
	    route_category(&d, "enterprise_service", "land", zr) ||
	    route_category(&d, "enterprise_service", "labour", rs) ||
	    route_category(&d, "enterprise_service", "energy", gx) ||
	    route_category(&d, "enterprise_service", "agency", zw) ||
	    route_category(&d, "project_agency", "approval", fg) ||
	    route_category(&d, "project_agency", "permit", zw) ||
	    route_category(&d, "project_agency", "land_use", zr) ||
	    route_category(&d, "project_agency", "construction", zw))
		return -1;
	if (db_query(ctx->db, ctx->a, "SELECT id FROM enterprises WHERE deleted_at IS NULL"
				      " ORDER BY id LIMIT 3", NULL, 0, &r, err) || r.nrows < 3) {
		if (!err->len)
			buf_setf(err, "演示数据：工单需要先有企业");
		return -1;
	}
	for (i = 0; i < 3; i++)
		ents[i] = strtoll(db_cell(&r, (size_t)i, 0), NULL, 10);

	/* 企业点单: a year of requests, most closed and rated, a few open and one overdue */
	for (i = 0; i < 36; i++) {
		int c = i % 6;
		long long assignee = c == 0 || c == 1 ? jr : c == 2 ? zr : c == 3 ? rs : c == 4 ? gx : zw;
		struct life l = {
			"enterprise_service", es_categories[c], es_titles[c], XIASI_TOWN, ents[i % 3],
			assignee, 350.0 - i * 9.5, i < 31 ? "closed" : i < 33 ? "resolved" : i < 35
			? "accepted" : "dispatched", i % 11 == 5 ? "basic" : i == 17 ? "dissatisfied"
			: "satisfied", c == 0 ? (long long)(300 + i * 25) * 1000000 : 0, i % 9 == 4,
		};

		if (l.days < 12 && !strcmp(l.until, "closed"))
			l.until = "resolved";
		if (i == 35)
			l.days = 40; /* dispatched long ago, never accepted: overdue */
		if (run_life(&d, &l) < 0)
			return -1;
		n_es++;
	}
	/* 项目代办: 100 applications, 99 handled, 97 of the 99 rated satisfied (办结率 99%, 满意度 98%) */
	for (i = 0; i < 100; i++) {
		struct life l = {
			"project_agency", pa_categories[i % 4], pa_titles[i % 4], XIASI_TOWN, ents[i % 3],
			i % 4 == 0 ? fg : i % 4 == 2 ? zr : zw, 330.0 - i * 3.0,
			i == 99 ? "accepted" : "closed", i == 20 || i == 60 ? "dissatisfied"
			: i % 7 == 3 ? "basic" : "satisfied", 0, 0,
		};

		if (i == 99)
			l.days = 5;
		if (run_life(&d, &l) < 0)
			return -1;
		n_pa++;
	}

	/* 新庄社区: 居民点单、支部派单、全员接单、组织晒单 */
	branch = demo_create(ctx, &res_orgs, json_pack("{s:s, s:s, s:s}", "name",
		"中共新庄社区委员会", "kind", "party_committee", "division_code", XINZHUANG), err);
	if (!branch)
		return -1;
	for (i = 0; i < 4; i++) {
		static const char *const names[] = { "杨春兰", "罗建国", "吴晓梅", "王德明" };
		char id[19], birth[DATE_SIZE];

		date_add_days("1970-05-01", i * 2300, birth);
		demo_id_number("522725", birth, 500 + i, i % 2, id);
		if (!(members[i] = demo_create(ctx, &res_persons, json_pack(
			"{s:s, s:s, s:s, s:s}", "name", names[i], "id_number", id, "political_status",
			"member", "division_code", XINZHUANG), err)))
			return -1;
	}
	for (i = 0; i < 10; i++) {
		double days = 200.0 - i * 17;
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "resident_wish",
				       "category", "wish", "title", wishes[i], "division_code", XINZHUANG,
				       "source", "visit", "submitted_at", ago(&d, days));
		long long id = demo_create(ctx, &res_tickets, in, err);

		if (!id)
			return -1;
		d.tickets++;
		n_wish++;
		if (i == 9)
			continue; /* the newest still waits for a taker */
		if (act(&d, id, "claim", i % 3 == 0
			? json_pack("{s:I, s:s}", "claimed_by_org_id", (json_int_t)branch, "at", ago(&d, days - 0.5))
			: json_pack("{s:I, s:s}", "claimed_by_person_id", (json_int_t)members[i % 4],
				    "at", ago(&d, days - 0.5))) ||
		    act(&d, id, "resolve", json_pack("{s:s, s:s}", "resolution", "已帮助居民实现心愿",
						       "at", ago(&d, days - 3))) ||
		    act(&d, id, "rate", json_pack("{s:s, s:s}", "rating", "satisfied", "at",
						    ago(&d, days - 4))))
			return -1;
		if (i < 7 && act(&d, id, "publish", json_pack("{s:s, s:s}", "public_summary",
			arena_printf(ctx->a, "心愿“%s”已由党员认领并完成", wishes[i]), "at", ago(&d, days - 5))))
			return -1;
	}
	buf_addf(summary, "工单 %lld 件（企业服务 %lld、项目代办 %lld、新庄社区微心愿 %lld）\n",
		 d.tickets, n_es, n_pa, n_wish);
	return 0;
}
