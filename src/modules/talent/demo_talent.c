/* demo_talent: 下司镇's village reserve talent pool as the newspaper reports
 * it — 44 admitted (41 aged 35 or under, 42 大专以上), 7 self-applied this
 * year, 40+ training 人次, 10+ shadowing placements, 7 exited (3 of them into
 * 村两委) and 6 new activists — with every date relative to the day it runs,
 * so that the figures hold whenever it is loaded. Written through the same
 * validation, workflow actions and audit as a user's input. */
#include "modules/talent/demo_talent.h"

#include "api/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/talent/talent_common.h"
#include "domain/date.h"
#include "domain/demo_ids.h"

#define ADMITTED 44
#define EXITED 7

static const char *const villages[] = {
	"522726111200", "522726111214", "522726111215", "522726111216", "522726111217",
	"522726111218",
};

static const char *const surnames[] = { "潘", "韦", "莫", "蒙", "岑", "陆", "罗", "吴", "杨", "王",
					"石", "黎", "龙", "覃", "何", "陈", "张" };
static const char *const given[] = { "晓东", "思源", "雁", "建军", "春燕", "明辉", "小兰", "国华",
				     "丽萍", "志勇", "家乐", "文静", "德胜", "红梅", "永福", "雪",
				     "海涛", "玉兰", "俊杰" };
static const char *const sources[] = { "returning_graduate", "veteran", "entrepreneur",
				       "coop_backbone", "returning_worker" };
static const char *const colleges[] = { "bachelor", "college", "bachelor", "master", "college" };

struct demo {
	struct request_ctx *ctx;
	struct buf *err;
	char today[DATE_SIZE], jan1[DATE_SIZE];
	int seq;
};

static long long create(struct demo *d, const struct resource *res, json_t *in)
{
	return demo_create(d->ctx, res, in, d->err);
}

/* Runs a workflow action as its user would; 0, or -1 with d->err saying why not. */
static int act(struct demo *d, const struct resource *res, long long id, const char *name,
	       json_t *body)
{
	return demo_act(d->ctx, res, id, name, body, d->err);
}

/* today - days, as text in the arena */
static const char *ago(struct demo *d, int days)
{
	char out[DATE_SIZE];

	date_add_days(d->today, -days, out);
	return arena_strdup(d->ctx->a, out);
}

/* today - days, but not before 1 January of this year (an event "this year") */
static const char *this_year(struct demo *d, int days)
{
	const char *s = ago(d, days);

	return strcmp(s, d->jan1) < 0 ? arena_strdup(d->ctx->a, d->jan1) : s;
}

/* a + days, but not after today */
static const char *later(struct demo *d, const char *a, int days)
{
	char out[DATE_SIZE];

	date_add_days(a, days, out);
	return strcmp(out, d->today) > 0 ? arena_strdup(d->ctx->a, d->today)
					 : arena_strdup(d->ctx->a, out);
}

/* A person aged `age` today in `village`; returns the id or 0. */
static long long person(struct demo *d, int age, const char *education, const char *village)
{
	char birth[DATE_SIZE], shifted[DATE_SIZE], id[19];
	int k = d->seq++;

	date_add_months(d->today, -12 * age, shifted);
	date_add_days(shifted, -(1 + (k * 37) % 300), birth);
	demo_id_number("522726", birth, 200 + k, k % 3 != 1, id);
	return create(d, &res_persons, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"name", arena_printf(d->ctx->a, "%s%s", surnames[k % 17], given[(k * 5) % 19]),
		"id_number", id, "phone", arena_printf(d->ctx->a, "138%08d", 20000000 + k * 6007),
		"ethnicity", k % 4 ? "布依族" : "汉族", "education", education,
		"political_status", k % 6 == 0 ? "league" : "masses", "division_code", village,
		"address", arena_printf(d->ctx->a, "独山县下司镇%s", records_division_name(d->ctx->db, d->ctx->a, village))));
}

/* A talent taken through 村级推荐 → 镇级考察 → 多部门联审 → 入库 from `rec_on`
 * (stopping at `until`); returns its id or 0. */
static long long talent(struct demo *d, long long pid, const char *village, const char *source,
			const char *channel, const char *rec_on, const char *until, int gap)
{
	long long id = create(d, &res_talents, json_pack("{s:I, s:s, s:s, s:s, s:s}", "person_id",
		(json_int_t)pid, "village_code", village, "source", source, "channel", channel,
		"recommended_on", rec_on));
	const char *ins = later(d, rec_on, gap), *rev = later(d, ins, gap), *adm = later(d, rev, gap);

	if (!id || !strcmp(until, "recommended"))
		return id;
	if (act(d, &res_talents, id, "inspect", json_pack("{s:s, s:s}", "date", ins, "opinion",
		"经镇党委考察，政治素质好，群众基础较好，同意进入联审")))
		return 0;
	if (!strcmp(until, "inspected"))
		return id;
	if (act(d, &res_talents, id, "review", json_pack("{s:s, s:s, s:[s,s,s,s]}", "date", rev,
		"opinion", "联审无异议", "departments", "镇党建办", "镇纪委", "派出所", "司法所")))
		return 0;
	if (!strcmp(until, "reviewed"))
		return id;
	if (act(d, &res_talents, id, "admit", json_pack("{s:s, s:s}", "date", adm, "opinion",
		"同意纳入村级后备力量人才库")))
		return 0;
	return id;
}

static const char *quarter_of(struct demo *d, const char *date)
{
	int m = atoi(date + 5);

	return arena_printf(d->ctx->a, "%.4sQ%d", date, (m - 1) / 3 + 1);
}

long long demo_talent_load(struct request_ctx *ctx, struct buf *err)
{
	struct demo d = { .ctx = ctx, .err = err };
	long long admitted[ADMITTED], dept[2], tr, n = 0;
	char q_start[DATE_SIZE], q1[DATE_SIZE], q2[DATE_SIZE];
	const char *p1, *p2, *last_year;
	int i;

	date_today(d.today);
	memcpy(d.jan1, d.today, 4);
	memcpy(d.jan1 + 4, "-01-01", 7);
	/* the two quarters before the current one, for the 季度研判 */
	{
		static const char *const starts[] = { "01-01", "04-01", "07-01", "10-01" };

		memcpy(q_start, d.today, 5);
		memcpy(q_start + 5, starts[(atoi(d.today + 5) - 1) / 3 % 4], 6);
	}
	date_add_months(q_start, -3, q1);
	date_add_months(q_start, -6, q2);
	p1 = quarter_of(&d, q1);
	p2 = quarter_of(&d, q2);
	last_year = arena_printf(ctx->a, "%d", atoi(d.today) - 1);

	dept[0] = create(&d, &res_orgs, json_pack("{s:s, s:s, s:s}", "name", "下司镇党建办",
		"kind", "department", "division_code", "522726111000"));
	dept[1] = create(&d, &res_orgs, json_pack("{s:s, s:s, s:s}", "name", "下司镇平安法治办",
		"kind", "department", "division_code", "522726111000"));
	if (!dept[0] || !dept[1])
		return -1;

	/* 44 in the pool: 41 aged 35 or under, 42 with 大专以上; the first 7 applied
	 * of their own accord this year */
	for (i = 0; i < ADMITTED; i++) {
		static const int older[] = { 38, 42, 47 };
		int age = i < 41 ? 22 + (i * 5) % 14 : older[i - 41];
		const char *edu = i == 7 || i == 30 ? "senior" : colleges[i % 5];
		const char *village = villages[i % 6];
		int self = i < 7;
		long long pid = person(&d, age, edu, village);

		if (!pid)
			return -1;
		admitted[i] = talent(&d, pid, village, sources[i % 5],
				     self ? "self_applied" : "recommended",
				     self ? this_year(&d, 60 + i * 5) : ago(&d, 400 + i * 13),
				     "admitted", self ? 7 : 10);
		if (!admitted[i])
			return -1;
		n++;
	}
	/* in the workflow now, and one not admitted */
	for (i = 0; i < 4; i++) {
		static const char *const until[] = { "recommended", "inspected", "reviewed", "reviewed" };
		long long pid = person(&d, 24 + i, "bachelor", villages[i]);
		long long id = pid ? talent(&d, pid, villages[i], sources[i], "recommended",
					    this_year(&d, 12 - i * 3), until[i], 1) : 0;

		if (!id)
			return -1;
		if (i == 3 && act(&d, &res_talents, id, "reject", json_pack("{s:s, s:s, s:s}",
			"date", d.today, "opinion", "联审未通过", "reason", "群众认可度不高")))
			return -1;
		n++;
	}
	/* 7 adjusted out this year: 2 long absent, 2 ineffective, 3 into 村两委 */
	for (i = 0; i < EXITED; i++) {
		const char *village = villages[(i + 2) % 6];
		long long pid = person(&d, 27 + i, "college", village);
		long long id = pid ? talent(&d, pid, village, sources[i % 5], "recommended",
					    ago(&d, 800 + i * 20), "admitted", 15) : 0;
		const char *on = this_year(&d, 10 * (i + 1));

		if (!id)
			return -1;
		n++;
		if (i < 4) {
			if (act(&d, &res_talents, id, "exit", json_pack("{s:s, s:s, s:s}", "date", on,
				"exit_reason", i < 2 ? "long_absent" : "ineffective", "opinion",
				i < 2 ? "常年在外务工，经季度研判调整出库" : "作用发挥不明显，经年度考核调整出库")))
				return -1;
			continue;
		}
		if (!create(&d, &res_committee_members, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}",
			"person_id", (json_int_t)pid, "village_code", village, "body",
			i == 4 ? "party_org" : "villagers_committee", "position",
			i == 6 ? "deputy" : "member", "term_start", on, "is_new", 1)))
			return -1;
	}
	/* trainings this year: 18 + 15 + 10 人次 */
	{
		static const struct { const char *title, *kind, *division, *location; int days, from, count, hours; } trs[] = {
			{ "村级后备力量专题培训班", "party_school", "522726000000", "县委党校", 90, 0, 18, 24 },
			{ "后备力量能力提升课堂（基层治理）", "town_class", "522726111000", "下司镇党群服务中心", 45, 10, 15, 4 },
			{ "田间课堂：茶叶种植与合作社管理", "field_class", "522726111000", "华南村茶园", 20, 20, 10, 3 },
		};
		int t, k;

		for (t = 0; t < 3; t++) {
			const char *start = this_year(&d, trs[t].days);

			tr = create(&d, &res_trainings, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s}",
				"title", trs[t].title, "kind", trs[t].kind, "division_code", trs[t].division,
				"start_on", start, "end_on", later(&d, start, trs[t].kind[0] == 'p' ? 3 : 0),
				"hours", trs[t].hours, "location", trs[t].location));
			if (!tr)
				return -1;
			for (k = 0; k < trs[t].count; k++) {
				json_t *t0 = generic_load(ctx, &res_talents, admitted[trs[t].from + k], 0);
				long long pid = talent_common_int(t0, "person_id");

				json_decref(t0);
				if (!create(&d, &res_training_attendance, json_pack("{s:I, s:I}",
					"training_id", (json_int_t)tr, "person_id", (json_int_t)pid)))
					return -1;
			}
		}
	}
	/* 12 跟岗锻炼 at the town's offices for a month, 4 试岗, 2 轮岗 */
	for (i = 0; i < 18; i++) {
		static const char *const posts[] = { "项目监督员", "防火巡查员", "便民服务员", "人居环境整治专干" };
		const char *kind = i < 12 ? "shadowing" : i < 16 ? "trial_post" : "rotation";
		const char *start = this_year(&d, 70 - i * 2);
		char end[DATE_SIZE];
		json_t *in;

		date_add_months(start, 1, end);
		in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}",
			"talent_id", (json_int_t)admitted[i + 7], "kind", kind, "post",
			i < 12 ? (i % 2 ? "平安法治办" : "党建办") : posts[i % 4], "start_on", start,
			"end_on", end, "tasks", i < 12 ? "参与矛盾调解、项目推进、政务服务" :
				"参与项目建设、人居环境整治、防汛防火");
		if (i < 12)
			json_object_set_new(in, "host_org_id", json_integer(dept[i % 2]));
		if (!create(&d, &res_placements, in))
			return -1;
	}
	/* 6 outstanding talents became 入党积极分子 this year; one is further on */
	for (i = 0; i < 7; i++) {
		json_t *t0 = generic_load(ctx, &res_talents, admitted[10 + i], 0);
		long long pid = talent_common_int(t0, "person_id");

		json_decref(t0);
		if (!create(&d, &res_party_development, i < 6
			? json_pack("{s:I, s:s, s:s, s:s, s:s}", "person_id", (json_int_t)pid, "stage",
				    "activist", "applied_on", ago(&d, 200 + i * 10), "activist_on",
				    this_year(&d, 30 + i), "contact_persons", "蒙书记、潘主任")
			: json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "person_id", (json_int_t)pid,
				    "stage", "candidate", "applied_on", ago(&d, 900), "activist_on",
				    ago(&d, 700), "candidate_on", ago(&d, 100), "contact_persons", "蒙书记")))
			return -1;
	}
	/* 季度研判 of the last two quarters and last year's 年度考核 for those admitted
	 * before them; two are now exit candidates (long absent / incompetent twice) */
	for (i = 7; i < ADMITTED; i++) {
		static const char *const g[] = { "competent", "excellent", "competent", "basic" };
		int q;

		for (q = 0; q < 2; q++) {
			const char *grade = i == 39 ? "incompetent" : g[(i + q) % 4];

			if (!create(&d, &res_talent_evaluations, json_pack("{s:I, s:s, s:s, s:s, s:b, s:s, s:s}",
				"talent_id", (json_int_t)admitted[i], "kind", "quarterly", "period",
				q ? p2 : p1, "grade", grade, "long_absent", i == 40, "comment",
				i == 40 ? "外出务工，长期不在村" : "按时参加村级事务，表现良好",
				"evaluated_on", q ? q1 : q_start)))
				return -1;
		}
		if (!create(&d, &res_talent_evaluations, json_pack("{s:I, s:s, s:s, s:s, s:s}",
			"talent_id", (json_int_t)admitted[i], "kind", "annual", "period", last_year,
			"grade", i % 5 == 0 ? "excellent" : "competent", "evaluated_on", d.jan1)))
			return -1;
	}
	return n;
}
