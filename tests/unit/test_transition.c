/* test_transition: a sample workflow resource that is nothing but its
 * declaration and its table gets stamped dates, copied fields, counters, a
 * target chosen by a body field, an actor who may act besides the role level,
 * state and version checks, and its history in the event log — all from
 * transition_run and generic_write, on SQLite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/generic.h"
#include "api/transition.h"
#include "cli/cli.h"
#include "store/events_store.h"
#include "store/migrate.h"
#include "store/org_tree.h"

/* ---- the sample: only a declaration ---- */

static const struct enum_value states[] = {
	{ "open", "待处理" }, { "taken", "已接手" }, { "done", "已完成" }, { "closed", "已评价" },
	{ NULL, NULL },
};

static const struct enum_value ratings[] = {
	{ "good", "满意" }, { "bad", "不满意" }, { NULL, NULL },
};

static const struct field sample_fields[] = {
	{ "title", "标题", FT_STRING, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "division_code", "地区", FT_DIVISION, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "status", "状态", FT_ENUM, F_READONLY, states, NULL, 0, NULL },
	{ "assignee_org_id", "承办单位", FT_REF, F_READONLY, NULL, "orgs", 0, NULL },
	{ "taken_at", "接手时间", FT_DATETIME, F_READONLY, NULL, NULL, 0, NULL },
	{ "done_on", "完成日期", FT_DATE, F_READONLY, NULL, NULL, 0, NULL },
	{ "rating", "评价", FT_ENUM, F_READONLY, ratings, NULL, 0, NULL },
	{ "urge_count", "催办次数", FT_INT, F_READONLY, NULL, NULL, 0, NULL },
	{ "reopen_count", "重办次数", FT_INT, F_READONLY, NULL, NULL, 0, NULL },
	FIELD_END,
};

static const struct field f_take[] = {
	{ "assignee_org_id", "承办单位", FT_REF, F_REQUIRED, NULL, "orgs", 0, NULL },
	FIELD_END,
};

static const struct field f_finish[] = {
	{ "date", "日期", FT_DATE, F_REQUIRED, NULL, NULL, 0, NULL },
	{ "opinion", "办理意见", FT_TEXT, 0, NULL, NULL, 0, NULL },
	FIELD_END,
};

static const struct field f_rate[] = {
	{ "rating", "评价", FT_ENUM, F_REQUIRED, ratings, NULL, 0, NULL },
	{ "reopen", "重办", FT_BOOL, 0, NULL, NULL, 0, NULL },
	FIELD_END,
};

static const struct effect take_effects[] = {
	{ EFFECT_COPY, "assignee_org_id", NULL },
	{ EFFECT_STAMP_NOW, "taken_at", NULL },
	EFFECT_END,
};

static const struct effect urge_effects[] = { { EFFECT_COUNT, "urge_count", NULL }, EFFECT_END };
static const struct effect finish_effects[] = { { EFFECT_STAMP, "done_on", NULL }, EFFECT_END };
static const struct effect rate_effects[] = { { EFFECT_COPY, "rating", NULL }, EFFECT_END };
static const struct effect reopen_effects[] = {
	{ EFFECT_COUNT, "reopen_count", NULL },
	{ EFFECT_CLEAR, "done_on", NULL },
	EFFECT_END,
};

static const struct action_branch rate_branches[] = {
	{ "reopen", "true", "open", reopen_effects },
	{ NULL, NULL, NULL, NULL },
};

static const char *const from_open[] = { "open", NULL };
static const char *const from_taken[] = { "taken", NULL };
static const char *const from_live[] = { "open", "taken", NULL };
static const char *const from_done[] = { "done", NULL };

static const struct action sample_actions[] = {
	{ .name = "submit", .label = "提交", .to = "open", .flags = ACT_CREATE },
	{ .name = "take", .label = "接手", .from = from_open, .to = "taken", .fields = f_take,
	  .min_level = LEVEL_TOWN, .effects = take_effects },
	{ .name = "urge", .label = "催办", .from = from_live, .min_level = LEVEL_TOWN,
	  .effects = urge_effects },
	{ .name = "finish", .label = "完成", .from = from_taken, .to = "done", .fields = f_finish,
	  .min_level = LEVEL_COUNTY, .actor = "assignee_org_id", .effects = finish_effects,
	  .date_field = "date", .comment_field = "opinion" },
	{ .name = "rate", .label = "评价", .from = from_done, .to = "closed", .fields = f_rate,
	  .effects = rate_effects, .branches = rate_branches },
	ACTION_END,
};

static const struct scope_way sample_ways[] = {
	{ WAY_DIVISION, "division_code" },
	{ WAY_ORG, "assignee_org_id" },
	WAY_END,
};

static const struct resource res_samples = {
	.name = "samples", .label = "样例", .table = "samples", .fields = sample_fields,
	.scope = sample_ways, .label_field = "title", .state_field = "status",
	.actions = sample_actions,
};

static const char sample_table[] =
	"CREATE TABLE samples (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
	" division_code TEXT NOT NULL, status TEXT, assignee_org_id INTEGER, taken_at TEXT,"
	" done_on TEXT, rating TEXT, urge_count INTEGER NOT NULL DEFAULT 0,"
	" reopen_count INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);";

/* ---- the fixture ---- */

static struct db *db;
static struct request_ctx ctx;
static char path[64];
static long long dept, other_dept;

static long long insert_org(const char *name)
{
	struct db_param p[2] = { db_text(name), db_text("2026-01-01T00:00:00Z") };
	struct db_result r;
	struct buf err = BUF_INIT;
	long long id;

	assert_int_equal(db_query(db, ctx.a, "INSERT INTO orgs (name, kind, division_code,"
				  " created_at, updated_at) VALUES (?, 'department', '522726111000',"
				  " ?, ?2) RETURNING id", p, 2, &r, &err), 0);
	id = strtoll(db_cell(&r, 0, 0), NULL, 10);
	assert_int_equal(org_tree_place(db, ctx.a, id, 0, &err), 0);
	buf_release(&err);
	return id;
}

static int setup(void **state)
{
	struct buf err = BUF_INIT;
	char url[80];

	snprintf(path, sizeof(path), "/tmp/jiceng-test-tr-%ld.db", (long)getpid());
	snprintf(url, sizeof(url), "sqlite:%s", path);
	if (db_open(url, &db, &err) || migrate_apply(db, 0, &err) ||
	    db->be->exec_script(db, sample_table, &err)) {
		fprintf(stderr, "test_transition: %s\n", err.ptr);
		return -1;
	}
	cli_ctx_init(&ctx, db);
	dept = insert_org("县发改局");
	other_dept = insert_org("县工信局");
	buf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	cli_ctx_release(&ctx);
	db_close(db);
	unlink(path);
	return 0;
}

/* Callers: the command line (admin), a town user, a user of `org`. */
static struct principal *as_town(void)
{
	static struct principal p;

	memset(&p, 0, sizeof(p));
	p.id = 7;
	p.username = "town";
	p.role = "town";
	p.level = LEVEL_TOWN;
	p.scope_division = "522726111000";
	division_range("522726111000", p.scope.lo, p.scope.hi);
	return &p;
}

static struct principal *as_org(long long org)
{
	static struct principal p;

	memset(&p, 0, sizeof(p));
	p.id = 8;
	p.username = "dept";
	p.role = "department";
	p.scope_org_id = org;
	p.scope.org_path = arena_printf(ctx.a, "/%lld/", org);
	return &p;
}

static long long create_sample(void)
{
	json_t *rec = json_pack("{s:s, s:s, s:s}", "title", "路灯不亮", "division_code",
				"522726111200", "status", "open");
	json_t *errors = json_object(), *after = NULL;
	struct buf err = BUF_INIT;
	long long id;

	assert_int_equal(generic_write(&ctx, &res_samples, rec, NULL, -1, "create", errors, &after,
				       &err), WS_OK);
	id = json_integer_value(json_object_get(after, "id"));
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	buf_release(&err);
	return id;
}

/* Runs an action as `who` with `body` (stolen); returns the status and the
 * record after it (a new reference, or NULL). */
static int run(struct principal *who, long long id, const char *action, json_t *body,
	       long long version, json_t **after, struct buf *err)
{
	json_t *errors = json_object();
	struct principal *saved = ctx.who;
	int status;

	ctx.who = who ? who : saved;
	buf_reset(err);
	status = transition_run(&ctx, &res_samples, id, resource_action(&res_samples, action),
				body, version, 0, errors, after, err);
	ctx.who = saved;
	json_decref(errors);
	json_decref(body);
	return status;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static long long num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void test_declared_workflow(void **state)
{
	struct buf err = BUF_INIT;
	struct db_result ev;
	json_t *r = NULL;
	long long id = create_sample(), v;

	/* take: copies the assignee, stamps the time */
	assert_int_equal(run(as_town(), id, "take", json_pack("{s:I}", "assignee_org_id",
		(json_int_t)dept), 1, &r, &err), WS_OK);
	assert_string_equal(str(r, "status"), "taken");
	assert_int_equal(num(r, "assignee_org_id"), dept);
	assert_non_null(str(r, "taken_at"));
	assert_int_equal(strlen(str(r, "taken_at")), 20);
	v = num(r, "version");
	json_decref(r);

	/* urge: counted, the state unchanged */
	assert_int_equal(run(as_town(), id, "urge", json_object(), v, &r, &err), WS_OK);
	v = num(r, "version");
	json_decref(r);
	assert_int_equal(run(as_town(), id, "urge", json_object(), v, &r, &err), WS_OK);
	assert_int_equal(num(r, "urge_count"), 2);
	assert_string_equal(str(r, "status"), "taken");
	v = num(r, "version");
	json_decref(r);

	/* a stale version changes nothing */
	assert_int_equal(run(as_town(), id, "urge", json_object(), v - 1, &r, &err), WS_STALE);

	/* finish: a town user is below the level and not the actor; another
	 * department is not the actor; the assignee's users are */
	assert_int_equal(run(as_town(), id, "finish", json_pack("{s:s}", "date", "2026-03-02"), v,
			     &r, &err), WS_FORBIDDEN);
	assert_non_null(strstr(err.ptr, "承办单位"));
	assert_int_equal(run(as_org(other_dept), id, "finish", json_pack("{s:s}", "date",
		"2026-03-02"), v, &r, &err), WS_NOT_FOUND);
	assert_int_equal(run(as_org(dept), id, "finish", json_pack("{s:s, s:s}", "date",
		"2026-03-02", "opinion", "已更换灯泡"), v, &r, &err), WS_OK);
	assert_string_equal(str(r, "status"), "done");
	assert_string_equal(str(r, "done_on"), "2026-03-02");
	v = num(r, "version");
	json_decref(r);

	/* not from this state: the message says why */
	assert_int_equal(run(NULL, id, "finish", json_pack("{s:s}", "date", "2026-03-03"), v, &r,
			     &err), WS_WRONG_STATE);
	assert_non_null(strstr(err.ptr, "已完成"));

	/* a field the action does not declare, a missing required one */
	assert_int_equal(run(NULL, id, "rate", json_pack("{s:s}", "colour", "red"), v, &r, &err),
			 WS_INVALID);

	/* rate with reopen=true goes back to open, counted, the done date cleared */
	assert_int_equal(run(NULL, id, "rate", json_pack("{s:s, s:b}", "rating", "bad", "reopen", 1),
			     v, &r, &err), WS_OK);
	assert_string_equal(str(r, "status"), "open");
	assert_string_equal(str(r, "rating"), "bad");
	assert_int_equal(num(r, "reopen_count"), 1);
	assert_true(json_is_null(json_object_get(r, "done_on")));
	json_decref(r);

	/* the history: creation and every transition, in order, with their fields */
	assert_int_equal(events_of(db, ctx.a, "samples", id, &ev, &err), 0);
	assert_int_equal(ev.nrows, 6);
	assert_string_equal(db_cell(&ev, 0, 5), "submit");
	assert_null(db_cell(&ev, 0, 6));
	assert_string_equal(db_cell(&ev, 0, 7), "open");
	assert_string_equal(db_cell(&ev, 1, 5), "take");
	assert_non_null(strstr(db_cell(&ev, 1, 8), "assignee_org_id"));
	assert_string_equal(db_cell(&ev, 2, 5), "urge");
	assert_string_equal(db_cell(&ev, 2, 6), "taken");
	assert_string_equal(db_cell(&ev, 2, 7), "taken");
	assert_string_equal(db_cell(&ev, 4, 5), "finish");
	assert_string_equal(db_cell(&ev, 4, 2), "2026-03-02");
	assert_string_equal(db_cell(&ev, 4, 9), "已更换灯泡");
	assert_string_equal(db_cell(&ev, 4, 4), "dept");
	assert_string_equal(db_cell(&ev, 5, 5), "rate");
	assert_string_equal(db_cell(&ev, 5, 7), "open");
	assert_non_null(strstr(db_cell(&ev, 5, 8), "\"reopen\":true"));
	buf_release(&err);
}

static void test_permitted_actions(void **state)
{
	struct buf err = BUF_INIT;
	long long id = create_sample();
	json_t *rec = generic_load(&ctx, &res_samples, id, 0), *names;
	struct principal *saved = ctx.who;

	ctx.who = as_town();
	names = transition_available(&ctx, &res_samples, rec);
	/* open: a town user may take and urge; finish and rate are not from open */
	assert_int_equal(json_array_size(names), 2);
	assert_string_equal(json_string_value(json_array_get(names, 0)), "take");
	assert_string_equal(json_string_value(json_array_get(names, 1)), "urge");
	json_decref(names);
	ctx.who = as_org(dept);
	names = transition_available(&ctx, &res_samples, rec);
	assert_int_equal(json_array_size(names), 0);
	json_decref(names);
	ctx.who = saved;
	json_decref(rec);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declared_workflow),
		cmocka_unit_test(test_permitted_actions),
	};
	int failed = cmocka_run_group_tests_name("transition", tests, setup, teardown);

	printf("%zu passed, %d failed\n", sizeof(tests) / sizeof(tests[0]) - (size_t)failed, failed);
	return failed ? 1 : 0;
}
