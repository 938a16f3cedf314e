/* generate: the benchmark dataset, village by village, through batched
 * multi-row INSERTs (store/bulk.c) in transactions of a few villages. Ids are
 * assigned here so that rows can refer to each other without reading back;
 * PostgreSQL's identity sequences are moved past them at the end. */
#include "synth/generate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/tallies.h"
#include "core/secret.h"
#include "core/xmalloc.h"
#include "domain/date.h"
#include "domain/demo_ids.h"
#include "domain/division.h"
#include "domain/mask.h"
#include "domain/search_terms.h"
#include "domain/workdays.h"
#include "store/bulk.h"
#include "store/calendar_store.h"
#include "synth/synth.h"

#define VILLAGES_PER_TX 100
#define DEPARTMENTS 6

static const char *const person_cols[] = {
	"id", "name", "gender", "id_number_enc", "id_number_hash", "id_number_mask", "birth_date",
	"phone_enc", "phone_hash", "phone_mask", "ethnicity", "education", "political_status",
	"division_code", "address", "employer", "version", "created_at", "updated_at",
};
static const char *const org_cols[] = {
	"id", "name", "kind", "parent_id", "path", "division_code", "established_on", "version",
	"created_at", "updated_at",
};
static const char *const enterprise_cols[] = {
	"id", "name", "credit_code", "division_code", "ownership", "industry", "employees",
	"party_org_id", "has_union", "has_youth_league", "has_womens_federation", "version",
	"created_at", "updated_at",
};
static const char *const talent_cols[] = {
	"id", "person_id", "village_code", "source", "channel", "status", "recommended_on",
	"admitted_on", "exited_on", "exit_reason", "version", "created_at", "updated_at",
};
static const char *const eval_cols[] = {
	"id", "talent_id", "kind", "period", "grade", "long_absent", "evaluated_on", "version",
	"created_at", "updated_at",
};
static const char *const ticket_cols[] = {
	"id", "kind", "category", "title", "source", "requester_enterprise_id", "division_code",
	"status", "assignee_org_id", "due_on", "submitted_at", "dispatched_at", "accepted_at",
	"responded_on_time", "resolved_at", "resolved_on_time", "resolve_minutes", "closed_at",
	"resolution", "amount_fen", "rating", "reopen_count", "published", "version",
	"created_at", "updated_at",
};
static const char *const event_cols[] = {
	"entity", "entity_id", "action", "from_state", "to_state", "on_date", "username", "at",
};
static const char *const term_cols[] = { "entity", "term", "entity_id" };

#define N(a) ((int)(sizeof(a) / sizeof(a[0])))

struct category {
	const char *kind, *code, *label;
	int sla;
};

struct county {
	char code[DIVISION_SIZE];
	long long departments[DEPARTMENTS];
	int persons;        /* ID numbers issued, for the sequence digits */
};

struct gen {
	struct db *db;
	struct arena *a;
	struct rng r;
	struct bulk persons, orgs, enterprises, talents, evals, tickets, events, terms;
	long long next_person, next_org, next_enterprise, next_talent, next_eval, next_ticket;
	long long credit_seq;
	struct workday_calendar cal;
	time_t now;
	char today[DATE_SIZE];
	struct category *cats;
	int ncats;
	struct county *counties;
	int ncounties, acounties;
	char town[DIVISION_SIZE];
	long long town_org;
	uint64_t *ids;      /* open-addressing set of issued ID numbers (their hashes) */
	size_t ids_cap;
	struct synth_counts *n;
};

/* ---- small helpers ---- */

static void instant(time_t t, char out[DATE_TIME_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static struct db_param txt(const char *s)
{
	return db_text(s);
}

static struct db_param num(long long v)
{
	return db_int(v);
}

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

/* 1 when the ID number was issued already; else remembers it. */
static int id_taken(struct gen *g, const char *id)
{
	uint64_t h = fnv(id);
	size_t i = (size_t)h & (g->ids_cap - 1);

	while (g->ids[i]) {
		if (g->ids[i] == h)
			return 1;
		i = (i + 1) & (g->ids_cap - 1);
	}
	g->ids[i] = h;
	return 0;
}

static struct county *county_of(struct gen *g, const char *village)
{
	char code[DIVISION_SIZE];
	int i;

	division_rollup(village, DIVISION_COUNTY, code);
	for (i = 0; i < g->ncounties; i++)
		if (!strcmp(g->counties[i].code, code))
			return &g->counties[i];
	if (g->ncounties == g->acounties) {
		g->acounties = g->acounties ? g->acounties * 2 : 64;
		g->counties = xrealloc(g->counties, sizeof(*g->counties) * (size_t)g->acounties);
	}
	memset(&g->counties[g->ncounties], 0, sizeof(g->counties[0]));
	memcpy(g->counties[g->ncounties].code, code, DIVISION_SIZE);
	return &g->counties[g->ncounties++];
}

static int add_org(struct gen *g, long long id, const char *name, const char *kind,
		   long long parent, const char *path, const char *division, struct buf *err)
{
	char stamp[DATE_TIME_SIZE];
	struct db_param v[10];

	instant(g->now, stamp);
	v[0] = num(id);
	v[1] = txt(name);
	v[2] = txt(kind);
	v[3] = parent ? num(parent) : db_null();
	v[4] = txt(path);
	v[5] = txt(division);
	v[6] = txt("2010-07-01");
	v[7] = num(1);
	v[8] = txt(stamp);
	v[9] = txt(stamp);
	g->n->orgs++;
	return bulk_row(&g->orgs, v, err);
}

static void emit_term(const char *term, void *arg)
{
	struct { struct gen *g; const char *entity; long long id; struct buf *err; int rc; } *t = arg;
	struct db_param v[3] = { txt(t->entity), txt(term), num(t->id) };

	if (!t->rc)
		t->rc = bulk_row(&t->g->terms, v, t->err);
}

static int index_text(struct gen *g, const char *entity, long long id, const char *text,
		      struct buf *err)
{
	struct { struct gen *g; const char *entity; long long id; struct buf *err; int rc; } t =
		{ g, entity, id, err, 0 };

	search_terms_each(text, emit_term, &t);
	return t.rc;
}

static int add_event(struct gen *g, long long id, const char *entity, const char *action,
		     const char *from, const char *to, time_t at, struct buf *err)
{
	char stamp[DATE_TIME_SIZE], day[DATE_SIZE];
	struct db_param v[8];

	instant(at, stamp);
	date_local_day(stamp, day);
	v[0] = txt(entity);
	v[1] = num(id);
	v[2] = txt(action);
	v[3] = txt(from);
	v[4] = txt(to);
	v[5] = txt(day);
	v[6] = txt("synth");
	v[7] = txt(stamp);
	g->n->events++;
	return bulk_row(&g->events, v, err);
}

/* ---- the village's people and places ---- */

static const char *const educations[] = { "primary", "junior", "senior", "college", "bachelor",
					  "master" };
static const int education_w[] = { 18, 34, 20, 14, 12, 2 };
static const char *const politics[] = { "masses", "league", "member", "probationary", "activist" };
static const int politics_w[] = { 74, 12, 10, 1, 3 };
static const char *const ethnicities[] = { "汉族", "布依族", "苗族", "水族", "侗族" };
static const int ethnicity_w[] = { 55, 20, 15, 6, 4 };

/* Writes the village's persons; their ids go to `ids`. */
static int village_persons(struct gen *g, const char *village, const char *vname,
			   long long *ids, int *ages, struct buf *err)
{
	struct county *c = county_of(g, village);
	char stamp[DATE_TIME_SIZE];
	int i;

	instant(g->now, stamp);
	for (i = 0; i < SYNTH_PERSONS; i++) {
		char name[48], birth[DATE_SIZE], id[19], phone[12], hash[SECRET_HASH_HEX_SIZE];
		char mask[MASK_ID_SIZE], phone_hash[SECRET_HASH_HEX_SIZE], phone_mask[MASK_PHONE_SIZE];
		int age = 18 + (int)rng_below(&g->r, 63), male = (int)rng_below(&g->r, 2);
		struct buf enc = BUF_INIT, phone_enc = BUF_INIT;
		struct db_param v[N(person_cols)];
		int rc;

		synth_name(&g->r, name, sizeof(name));
		date_add_days(g->today, -(age * 365 + (int)rng_below(&g->r, 365)), birth);
		do
			demo_id_number(c->code, birth, ++c->persons, male, id);
		while (id_taken(g, id));
		secret_encrypt(id, &enc);
		secret_hash(id, hash);
		mask_id_number(id, mask);
		synth_phone(&g->r, phone);
		/* sealed as api/record.c record_values seals every phone */
		secret_encrypt(phone, &phone_enc);
		secret_hash(phone, phone_hash);
		mask_phone(phone, phone_mask);
		ids[i] = ++g->next_person;
		ages[i] = age;
		v[0] = num(ids[i]);
		v[1] = txt(name);
		v[2] = txt(male ? "male" : "female");
		v[3] = txt(enc.ptr);
		v[4] = txt(hash);
		v[5] = txt(mask);
		v[6] = txt(birth);
		v[7] = txt(phone_enc.ptr);
		v[8] = txt(phone_hash);
		v[9] = txt(phone_mask);
		v[10] = txt(ethnicities[rng_weighted(&g->r, ethnicity_w, N(ethnicity_w))]);
		v[11] = txt(educations[rng_weighted(&g->r, education_w, N(education_w))]);
		v[12] = txt(politics[rng_weighted(&g->r, politics_w, N(politics_w))]);
		v[13] = txt(village);
		v[14] = txt(vname);
		v[15] = db_null();
		v[16] = num(1);
		v[17] = txt(stamp);
		v[18] = txt(stamp);
		rc = bulk_row(&g->persons, v, err) || index_text(g, "persons", ids[i], name, err);
		buf_release(&enc);
		buf_release(&phone_enc);
		if (rc)
			return -1;
		g->n->persons++;
	}
	return 0;
}

static const char *const trades[] = { "茶业", "农业", "旅游开发", "建材", "食品", "电子",
				      "物流", "服装", "中药材", "养殖" };
static const char *const forms[] = { "有限公司", "专业合作社", "有限责任公司" };

static int village_enterprises(struct gen *g, const char *village, const char *vname,
			       long long branch, long long *ids, struct buf *err)
{
	struct county *c = county_of(g, village);
	char stamp[DATE_TIME_SIZE], prefix[9];
	int i;

	instant(g->now, stamp);
	snprintf(prefix, sizeof(prefix), "91%.6s", c->code);
	for (i = 0; i < SYNTH_ENTERPRISES; i++) {
		char name[128], code[19];
		struct db_param v[N(enterprise_cols)];
		int covered = rng_below(&g->r, 100) < 35;

		snprintf(name, sizeof(name), "%s%s%s%s", vname, trades[rng_below(&g->r, N(trades))],
			 i ? "" : "发展", forms[rng_below(&g->r, N(forms))]);
		demo_credit_code(prefix, (int)++g->credit_seq, code);
		ids[i] = ++g->next_enterprise;
		v[0] = num(ids[i]);
		v[1] = txt(name);
		v[2] = txt(code);
		v[3] = txt(village);
		v[4] = txt("private");
		v[5] = txt(trades[i % N(trades)]);
		v[6] = num(5 + rng_below(&g->r, 300));
		v[7] = covered ? num(branch) : db_null();
		v[8] = num(rng_below(&g->r, 100) < 36);
		v[9] = num(rng_below(&g->r, 100) < 25);
		v[10] = num(rng_below(&g->r, 100) < 11);
		v[11] = num(1);
		v[12] = txt(stamp);
		v[13] = txt(stamp);
		if (bulk_row(&g->enterprises, v, err) ||
		    index_text(g, "enterprises", ids[i], name, err))
			return -1;
		g->n->enterprises++;
	}
	return 0;
}

/* ---- reserve talents: 8 per village, with their steps and reviews ---- */

static const char *const talent_states[] = { "admitted", "exited", "recommended", "inspected",
					     "reviewed", "rejected" };
static const int talent_w[] = { 60, 10, 10, 5, 5, 10 };
static const char *const sources[] = { "returning_graduate", "veteran", "entrepreneur",
				       "coop_backbone", "returning_worker" };

static int village_talents(struct gen *g, const char *village, const long long *persons,
			   const int *ages, struct buf *err)
{
	static const char *const path[] = { "recommended", "inspected", "reviewed", "admitted" };
	static const char *const actions[] = { "recommend", "inspect", "review", "admit" };
	char stamp[DATE_TIME_SIZE];
	int i, k, used = 0;

	instant(g->now, stamp);
	for (i = 0; i < SYNTH_TALENTS; i++) {
		const char *state = talent_states[rng_weighted(&g->r, talent_w, N(talent_w))];
		long long id = ++g->next_talent;
		/* recommended long enough ago that every later step lies in the past */
		time_t rec = g->now - (time_t)(86400.0 * (420 + rng_below(&g->r, 600)));
		char d_rec[DATE_SIZE], d_adm[DATE_SIZE], d_exit[DATE_SIZE], t[DATE_TIME_SIZE];
		int steps = !strcmp(state, "recommended") ? 1 : !strcmp(state, "inspected") ? 2
			  : !strcmp(state, "reviewed") || !strcmp(state, "rejected") ? 3 : 4;
		int admitted = steps == 4 && strcmp(state, "rejected");
		struct db_param v[N(talent_cols)];
		long long person;

		/* a young villager not yet in the pool */
		do
			person = persons[used++ % SYNTH_PERSONS];
		while (ages[(used - 1) % SYNTH_PERSONS] > 45 && used < SYNTH_PERSONS * 2);
		instant(rec, t);
		date_local_day(t, d_rec);
		instant(rec + 86400L * 60, t);
		date_local_day(t, d_adm);
		instant(rec + 86400L * 400, t);
		date_local_day(t, d_exit);
		v[0] = num(id);
		v[1] = num(person);
		v[2] = txt(village);
		v[3] = txt(sources[rng_below(&g->r, N(sources))]);
		v[4] = txt(rng_below(&g->r, 6) ? "recommended" : "self_applied");
		v[5] = txt(state);
		v[6] = txt(d_rec);
		v[7] = admitted ? txt(d_adm) : db_null();
		v[8] = !strcmp(state, "exited") ? txt(d_exit) : db_null();
		v[9] = !strcmp(state, "exited") ? txt("long_absent") : db_null();
		v[10] = num(1);
		v[11] = txt(stamp);
		v[12] = txt(stamp);
		if (bulk_row(&g->talents, v, err))
			return -1;
		g->n->talents++;
		for (k = 0; k < steps; k++)
			if (add_event(g, id, "talents", actions[k], k ? path[k - 1] : NULL, path[k],
				      rec + 86400L * 20 * k, err))
				return -1;
		if (!strcmp(state, "exited") &&
		    add_event(g, id, "talents", "exit", "admitted", "exited", rec + 86400L * 400, err))
			return -1;
		if (!strcmp(state, "rejected") &&
		    add_event(g, id, "talents", "reject", "reviewed", "rejected", rec + 86400L * 60, err))
			return -1;
		for (k = 0; admitted && k < 2; k++) {
			struct db_param e[N(eval_cols)];
			char period[24], on[24];
			int year = atoi(d_adm), q = (atoi(d_adm + 5) - 1) / 3 + 1 + k;

			if (q > 4) {
				q -= 4;
				year++;
			}
			snprintf(period, sizeof(period), "%dQ%d", year, q);
			snprintf(on, sizeof(on), "%d-%02d-25", year, q * 3);
			if (strcmp(on, g->today) > 0)
				break;
			e[0] = num(++g->next_eval);
			e[1] = num(id);
			e[2] = txt("quarterly");
			e[3] = txt(period);
			e[4] = txt(rng_below(&g->r, 10) ? "competent" : "excellent");
			e[5] = num(0);
			e[6] = txt(on);
			e[7] = num(1);
			e[8] = txt(stamp);
			e[9] = txt(stamp);
			if (bulk_row(&g->evals, e, err))
				return -1;
			g->n->evaluations++;
		}
	}
	return 0;
}

/* ---- tickets: three years of them, with their timelines ---- */

static const char *const kinds[] = { "enterprise_service", "project_agency", "resident_wish",
				     "resident_request", "worker_appeal", "suggestion", "dispute" };
static const int kind_w[] = { 25, 10, 15, 30, 8, 5, 7 };
static const char *const outcomes[] = { "closed", "resolved", "accepted", "dispatched",
					"submitted", "withdrawn", "returned" };
static const int outcome_w[] = { 85, 5, 3, 2, 2, 2, 1 };
static const char *const ratings[] = { "satisfied", "basic", "dissatisfied" };
static const int rating_w[] = { 88, 9, 3 };

static const struct category *pick_category(struct gen *g, const char *kind)
{
	int i, n = 0, first = -1, k;

	for (i = 0; i < g->ncats; i++)
		if (!strcmp(g->cats[i].kind, kind)) {
			if (first < 0)
				first = i;
			n++;
		}
	k = (int)rng_below(&g->r, (uint32_t)n);
	return &g->cats[first + k];
}

static int local_day_of(time_t t, char out[DATE_SIZE])
{
	char s[DATE_TIME_SIZE];

	instant(t, s);
	return date_local_day(s, out);
}

static int village_tickets(struct gen *g, const char *village, const long long *enterprises,
			   long long branch, struct buf *err)
{
	struct county *c = county_of(g, village);
	int total = SYNTH_TICKETS_PER_YEAR * SYNTH_YEARS, i;

	for (i = 0; i < total; i++) {
		const char *kind = kinds[rng_weighted(&g->r, kind_w, N(kind_w))];
		const struct category *cat = pick_category(g, kind);
		const char *outcome = outcomes[rng_weighted(&g->r, outcome_w, N(outcome_w))];
		int ent_kind = !strcmp(kind, "enterprise_service") || !strcmp(kind, "project_agency");
		time_t sub = g->now - (time_t)(rng_unit(&g->r) * 86400.0 * 365 * SYNTH_YEARS);
		time_t disp = sub + 3600 * (1 + (time_t)rng_below(&g->r, 6));
		time_t acc = disp + 3600 * (1 + (time_t)rng_below(&g->r, rng_below(&g->r, 10) ? 20 : 90));
		time_t res = acc + 3600 * (4 + (time_t)rng_below(&g->r, 24 * cat->sla));
		time_t clo = res + 3600 * (2 + (time_t)rng_below(&g->r, 72));
		char s_sub[DATE_TIME_SIZE], s_disp[DATE_TIME_SIZE], s_acc[DATE_TIME_SIZE];
		char s_res[DATE_TIME_SIZE], s_clo[DATE_TIME_SIZE], d_disp[DATE_SIZE], due[DATE_SIZE];
		char d_acc[DATE_SIZE], d_res[DATE_SIZE], limit[DATE_SIZE], title[96];
		int stage = !strcmp(outcome, "closed") ? 5 : !strcmp(outcome, "resolved") ? 4
			  : !strcmp(outcome, "accepted") ? 3 : !strcmp(outcome, "dispatched") ||
			    !strcmp(outcome, "returned") ? 2 : 1;
		const char *status = outcome, *rating = NULL;
		long long id = ++g->next_ticket, assignee;
		struct db_param v[N(ticket_cols)];

		/* what has not happened yet by now has not happened */
		if (stage >= 5 && clo > g->now)
			stage = 4, status = "resolved";
		if (stage >= 4 && res > g->now)
			stage = 3, status = "accepted";
		if (stage >= 3 && acc > g->now)
			stage = 2, status = "dispatched";
		if (stage >= 2 && disp > g->now)
			stage = 1, status = "submitted";
		instant(sub, s_sub);
		instant(disp, s_disp);
		instant(acc, s_acc);
		instant(res, s_res);
		instant(clo, s_clo);
		local_day_of(disp, d_disp);
		local_day_of(acc, d_acc);
		local_day_of(res, d_res);
		workday_add(&g->cal, d_disp, cat->sla, due);
		workday_add(&g->cal, d_disp, 1, limit);
		assignee = ent_kind || !strcmp(kind, "worker_appeal") || !strcmp(kind, "suggestion")
			? c->departments[rng_below(&g->r, DEPARTMENTS)] : branch;
		if (stage == 5)
			rating = ratings[rng_weighted(&g->r, rating_w, N(rating_w))];
		snprintf(title, sizeof(title), "%s事项", cat->label);
		v[0] = num(id);
		v[1] = txt(kind);
		v[2] = txt(cat->code);
		v[3] = txt(title);
		v[4] = txt(ent_kind ? "online" : "counter");
		v[5] = ent_kind ? num(enterprises[rng_below(&g->r, SYNTH_ENTERPRISES)]) : db_null();
		v[6] = txt(village);
		v[7] = txt(status);
		v[8] = stage >= 2 ? num(assignee) : db_null();
		v[9] = stage >= 2 ? txt(due) : db_null();
		v[10] = txt(s_sub);
		v[11] = stage >= 2 ? txt(s_disp) : db_null();
		v[12] = stage >= 3 ? txt(s_acc) : db_null();
		v[13] = stage >= 3 ? num(strcmp(d_acc, limit) <= 0) : db_null();
		v[14] = stage >= 4 ? txt(s_res) : db_null();
		v[15] = stage >= 4 ? num(strcmp(d_res, due) <= 0) : db_null();
		v[16] = stage >= 4 ? num((long long)(res - sub) / 60) : db_null();
		v[17] = stage >= 5 ? txt(s_clo) : db_null();
		v[18] = stage >= 4 ? txt("已办结") : db_null();
		v[19] = stage >= 4 && !strcmp(cat->code, "financing")
			? num(100000000LL * (1 + rng_below(&g->r, 50))) : db_null();
		v[20] = txt(rating);
		v[21] = num(0);
		v[22] = num(stage == 5 && !strcmp(kind, "resident_wish") && rng_below(&g->r, 2));
		v[23] = num(stage);
		v[24] = txt(s_sub);
		v[25] = txt(stage >= 5 ? s_clo : stage >= 4 ? s_res : stage >= 3 ? s_acc
			    : stage >= 2 ? s_disp : s_sub);
		if (!strcmp(outcome, "withdrawn")) {
			v[7] = txt("withdrawn");
			v[8] = v[9] = v[11] = v[12] = v[13] = v[14] = v[15] = v[16] = v[17] = v[18] =
				v[19] = v[20] = db_null();
			v[22] = num(0);
			stage = 1;
		}
		if (bulk_row(&g->tickets, v, err) ||
		    add_event(g, id, "tickets", "submit", NULL, "submitted", sub, err))
			return -1;
		g->n->tickets++;
		if (!strcmp(outcome, "withdrawn")) {
			if (add_event(g, id, "tickets", "withdraw", "submitted", "withdrawn",
				      sub + 3600, err))
				return -1;
			continue;
		}
		if ((stage >= 2 && add_event(g, id, "tickets", "dispatch", "submitted", "dispatched",
					     disp, err)) ||
		    (stage >= 3 && add_event(g, id, "tickets", "accept", "dispatched", "accepted",
					     acc, err)) ||
		    (stage >= 4 && add_event(g, id, "tickets", "resolve", "accepted", "resolved",
					     res, err)) ||
		    (stage >= 5 && add_event(g, id, "tickets", "rate", "resolved", "closed", clo, err)) ||
		    (!strcmp(status, "returned") && add_event(g, id, "tickets", "return", "dispatched",
							     "returned", disp + 7200, err)))
			return -1;
	}
	return 0;
}

/* ---- the run ---- */

static const char *const department_names[DEPARTMENTS] = {
	"工业和信息化局", "政务服务中心", "发展和改革局", "自然资源局", "人力资源和社会保障局",
	"地方金融服务中心",
};

/* The county's departments, created on its first village. */
static int county_departments(struct gen *g, const char *village, struct buf *err)
{
	struct county *c = county_of(g, village);
	char county12[DIVISION_SIZE];
	struct db_param p;
	struct db_result r;
	int i;

	if (c->departments[0])
		return 0;
	division_rollup(village, DIVISION_COUNTY, county12);
	p = db_text(county12);
	if (db_query(g->db, g->a, "SELECT short_name FROM divisions WHERE code = ?", &p, 1, &r, err))
		return -1;
	for (i = 0; i < DEPARTMENTS; i++) {
		long long id = ++g->next_org;
		char name[128], path[32];

		snprintf(name, sizeof(name), "%s%s", r.nrows ? db_cell(&r, 0, 0) : "", department_names[i]);
		snprintf(path, sizeof(path), "/%lld/", id);
		if (add_org(g, id, name, "department", 0, path, county12, err))
			return -1;
		c->departments[i] = id;
	}
	return 0;
}

/* The town's party committee, created on its first village. */
static int town_committee(struct gen *g, const char *village, struct buf *err)
{
	char town[DIVISION_SIZE], name[160], path[32];
	struct db_param p;
	struct db_result r;

	division_rollup(village, DIVISION_TOWN, town);
	if (!strcmp(town, g->town))
		return 0;
	memcpy(g->town, town, DIVISION_SIZE);
	p = db_text(town);
	if (db_query(g->db, g->a, "SELECT short_name FROM divisions WHERE code = ?", &p, 1, &r, err))
		return -1;
	g->town_org = ++g->next_org;
	snprintf(name, sizeof(name), "中共%s委员会", r.nrows ? db_cell(&r, 0, 0) : town);
	snprintf(path, sizeof(path), "/%lld/", g->town_org);
	return add_org(g, g->town_org, name, "party_committee", 0, path, town, err);
}

static int one_village(struct gen *g, const char *village, const char *vname, struct buf *err)
{
	long long persons[SYNTH_PERSONS], enterprises[SYNTH_ENTERPRISES], branch;
	int ages[SYNTH_PERSONS];
	char name[160], path[48];

	if (county_departments(g, village, err) || town_committee(g, village, err))
		return -1;
	branch = ++g->next_org;
	snprintf(name, sizeof(name), "中共%s支部委员会", vname);
	snprintf(path, sizeof(path), "/%lld/%lld/", g->town_org, branch);
	if (add_org(g, branch, name, "branch", g->town_org, path, village, err) ||
	    village_persons(g, village, vname, persons, ages, err) ||
	    village_enterprises(g, village, vname, branch, enterprises, err) ||
	    village_talents(g, village, persons, ages, err) ||
	    village_tickets(g, village, enterprises, branch, err))
		return -1;
	g->n->villages++;
	return 0;
}

static int flush_all(struct gen *g, struct buf *err)
{
	struct bulk *all[] = { &g->orgs, &g->persons, &g->enterprises, &g->talents, &g->evals,
			       &g->tickets, &g->events, &g->terms };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (bulk_flush(all[i], err))
			return -1;
	return 0;
}

static long long max_id(struct gen *g, const char *table, struct buf *err)
{
	char sql[96];
	struct db_result r;

	snprintf(sql, sizeof(sql), "SELECT COALESCE(MAX(id), 0) FROM %s", table);
	if (db_query(g->db, g->a, sql, NULL, 0, &r, err))
		return -1;
	return strtoll(db_cell(&r, 0, 0), NULL, 10);
}

static int load_categories(struct gen *g, struct buf *err)
{
	struct db_result r;
	size_t i;

	if (db_query(g->db, g->a, "SELECT kind, code, label, sla_days FROM ticket_categories"
				  " WHERE deleted_at IS NULL AND active = 1 ORDER BY kind, id",
		     NULL, 0, &r, err))
		return -1;
	g->cats = arena_alloc(g->a, sizeof(*g->cats) * (r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		g->cats[i].kind = db_cell(&r, i, 0);
		g->cats[i].code = db_cell(&r, i, 1);
		g->cats[i].label = db_cell(&r, i, 2);
		g->cats[i].sla = atoi(db_cell(&r, i, 3));
	}
	g->ncats = (int)r.nrows;
	return 0;
}

/* Identity sequences past the ids written here (PostgreSQL). */
static int reset_sequences(struct gen *g, struct buf *err)
{
	static const char *const tables[] = { "persons", "orgs", "enterprises", "talents",
					      "talent_evaluations", "tickets", "events" };
	size_t i;

	if (!db_is_pg(g->db))
		return 0;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char sql[200];

		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
			 " (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)", tables[i], tables[i]);
		if (db_query(g->db, g->a, sql, NULL, 0, NULL, err))
			return -1;
	}
	return 0;
}

static void progress(const struct synth_counts *n, size_t done, size_t total, double secs)
{
	int width = 30, filled = total ? (int)((double)done * width / (double)total) : width;

	fprintf(stderr, "\r生成中 [%.*s%*s] %3d%%  村 %zu/%zu  人员 %lld  工单 %lld  %.0fs ",
		filled, "##############################",
		width - filled, "", total ? (int)(done * 100 / total) : 100, done, total,
		n->persons, n->tickets, secs);
	fflush(stderr);
}

int synth_generate(struct db *db, const struct synth_options *o, struct synth_counts *out,
		   struct buf *err)
{
	struct gen g;
	struct db_result villages;
	struct arena *keep = arena_new();  /* what lives through the run: the villages */
	struct timespec t0, t1;
	size_t i, picked = 0, done = 0;
	int ret = -1, in_tx = 0;
	size_t *chosen = NULL;

	memset(&g, 0, sizeof(g));
	memset(out, 0, sizeof(*out));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	g.db = db;
	g.a = arena_new();
	g.n = out;
	g.now = time(NULL);
	date_today(g.today);
	rng_seed(&g.r, o->seed);
	if (max_id(&g, "persons", err) != 0 || max_id(&g, "tickets", err) != 0) {
		if (!err->len)
			buf_setf(err, "数据库中已有人员或工单：gen 只写入新建的空库（先运行 jiceng init）");
		goto out;
	}
	if ((g.next_org = max_id(&g, "orgs", err)) < 0 ||
	    (g.next_enterprise = max_id(&g, "enterprises", err)) < 0 ||
	    (g.next_talent = max_id(&g, "talents", err)) < 0 ||
	    (g.next_eval = max_id(&g, "talent_evaluations", err)) < 0 ||
	    load_categories(&g, err) || calendar_load(db, g.a, &g.cal, err) ||
	    db_query(db, keep, "SELECT code, short_name FROM divisions WHERE level = 5"
			      " AND deleted_at IS NULL ORDER BY code", NULL, 0, &villages, err))
		goto out;
	/* the villages that get data: a fixed share, chosen by the seed */
	chosen = xcalloc(villages.nrows + 1, sizeof(*chosen));
	for (i = 0; i < villages.nrows; i++) {
		struct rng pick;

		rng_seed(&pick, o->seed ^ fnv(db_cell(&villages, i, 0)));
		if (o->scale >= 1 || rng_unit(&pick) < o->scale)
			chosen[picked++] = i;
	}
	if (!picked) {
		buf_setf(err, "没有可生成数据的村（数据库里没有村级区划，或 --scale 太小）");
		goto out;
	}
	/* generated data is made again, not recovered: no fsync per transaction */
	if (!db_is_pg(db) && db->be->exec_script(db, "PRAGMA synchronous=OFF", err))
		goto out;
	g.ids_cap = 1;
	while (g.ids_cap < (size_t)picked * SYNTH_PERSONS * 2)
		g.ids_cap <<= 1;
	g.ids = xcalloc(g.ids_cap, sizeof(*g.ids));
	bulk_init(&g.persons, db, "persons", person_cols, N(person_cols));
	bulk_init(&g.orgs, db, "orgs", org_cols, N(org_cols));
	bulk_init(&g.enterprises, db, "enterprises", enterprise_cols, N(enterprise_cols));
	bulk_init(&g.talents, db, "talents", talent_cols, N(talent_cols));
	bulk_init(&g.evals, db, "talent_evaluations", eval_cols, N(eval_cols));
	bulk_init(&g.tickets, db, "tickets", ticket_cols, N(ticket_cols));
	bulk_init(&g.events, db, "events", event_cols, N(event_cols));
	bulk_init(&g.terms, db, "search_terms", term_cols, N(term_cols));
	bulk_depends(&g.enterprises, &g.orgs);
	bulk_depends(&g.talents, &g.persons);
	bulk_depends(&g.evals, &g.talents);
	bulk_depends(&g.tickets, &g.orgs);
	bulk_depends(&g.tickets, &g.enterprises);
	for (i = 0; i < picked; i++) {
		size_t row = chosen[i];

		if (!in_tx) {
			if (db_begin(db, 1, err))
				goto out;
			in_tx = 1;
		}
		if (one_village(&g, db_cell(&villages, row, 0), db_cell(&villages, row, 1), err))
			goto out;
		if (++done % VILLAGES_PER_TX == 0 || done == picked) {
			if (flush_all(&g, err) || db_commit(db, err))
				goto out;
			in_tx = 0;
			arena_free(g.a);
			g.a = arena_new();
			/* the calendar and categories lived in the old arena */
			if (load_categories(&g, err) || calendar_load(db, g.a, &g.cal, err))
				goto out;
			if (o->progress) {
				clock_gettime(CLOCK_MONOTONIC, &t1);
				progress(out, done, picked, (double)(t1.tv_sec - t0.tv_sec));
			}
		}
	}
	if (o->progress)
		fputc('\n', stderr);
	if (reset_sequences(&g, err) || tallies_rebuild(db, 0, err))
		goto out;
	db_analyze(db);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ret = 0;
out:
	if (in_tx)
		db_rollback(db);
	if (g.persons.params) {
		bulk_release(&g.persons);
		bulk_release(&g.orgs);
		bulk_release(&g.enterprises);
		bulk_release(&g.talents);
		bulk_release(&g.evals);
		bulk_release(&g.tickets);
		bulk_release(&g.events);
		bulk_release(&g.terms);
	}
	free(g.ids);
	free(g.counties);
	free(chosen);
	arena_free(g.a);
	arena_free(keep);
	return ret;
}
