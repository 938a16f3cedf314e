/* Unit tests for src/io/xlsx_read.c and xlsx_write.c: LibreOffice fixtures,
 * hand-built workbooks for each cell type and layout rule, hostile files,
 * and write -> read round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "fixture_file.h"
#include "io/sheet.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"

/* Fixtures were made from tests/fixtures/ledger.csv with LibreOffice 7.4:
 *   soffice --headless --infilter="CSV:44,34,76,1,1/2/2/2/3/2/4/5/5/2" \
 *           --convert-to xlsx ledger.csv      -> ledger_libreoffice.xlsx
 * (column 3 text, column 4 a YMD date), and with --infilter="CSV:44,34,76,1"
 * (no column types, so ID numbers became numbers) -> ledger_id_number.xlsx */

static void read_ok(const void *data, size_t len, struct sheet *s)
{
	struct buf err = BUF_INIT;
	int r;

	sheet_init(s);
	r = xlsx_read(data, len, s, &err);
	if (r)
		print_error("xlsx_read: %s\n", err.ptr);
	assert_int_equal(r, 0);
	buf_release(&err);
}

static void read_fails(const void *data, size_t len, const char *want)
{
	struct sheet s;
	struct buf err = BUF_INIT;

	sheet_init(&s);
	assert_int_equal(xlsx_read(data, len, &s, &err), -1);
	if (!strstr(err.ptr, want))
		print_error("message [%s] lacks [%s]\n", err.ptr, want);
	assert_non_null(strstr(err.ptr, want));
	sheet_release(&s);
	buf_release(&err);
}

static void assert_row(const struct sheet *s, size_t r, unsigned line,
		       size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_true(r < s->nrows);
	assert_int_equal(s->rows[r].line, line);
	if (s->rows[r].ncells != n)
		print_error("row %zu has %zu cells, want %zu\n", r,
			    s->rows[r].ncells, n);
	assert_int_equal(s->rows[r].ncells, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(s->rows[r].cells[i], va_arg(ap, const char *));
	va_end(ap);
}

/* ---- building small workbooks in memory */

struct part {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

static void build_zip(const struct part *parts, size_t n, struct buf *out)
{
	zip_error_t ze;
	zip_source_t *src, *zs;
	zip_t *za;
	zip_int64_t size;
	size_t i;
	char *mem;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);

		zs = zip_source_buffer(za, parts[i].data, len, 0);
		assert_non_null(zs);
		assert_true(zip_file_add(za, parts[i].name, zs, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	size = zip_source_tell(src);
	assert_true(size > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	mem = malloc((size_t)size);
	assert_non_null(mem);
	assert_int_equal(zip_source_read(src, mem, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	buf_add(out, mem, (size_t)size);
	free(mem);
	zip_error_fini(&ze);
}

/* One entry of an in-memory zip, as text. */
static void zip_entry(const struct buf *zipdata, const char *name, struct buf *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	char tmp[4096];
	zip_int64_t n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(zipdata->ptr, zipdata->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	zf = zip_fopen(za, name, 0);
	assert_non_null(zf);
	while ((n = zip_fread(zf, tmp, sizeof(tmp))) > 0)
		buf_add(out, tmp, (size_t)n);
	zip_fclose(zf);
	zip_discard(za);
	zip_error_fini(&ze);
}

#define NS_MAIN "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

static const char one_sheet_wb[] =
	"<workbook " NS_MAIN " " NS_R "><sheets>"
	"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char one_sheet_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"</Relationships>";

/* A workbook of one sheet with the given sheet XML (and optional shared
 * strings and styles parts). */
static void build_simple(const char *sheet, const char *sst, const char *styles,
			 struct buf *out)
{
	struct part parts[5] = {
		{ "_rels/.rels", root_rels, 0 },
		{ "xl/workbook.xml", one_sheet_wb, 0 },
		{ "xl/_rels/workbook.xml.rels", one_sheet_rels, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
	};
	size_t n = 4;

	if (sst)
		parts[n++] = (struct part){ "xl/sharedStrings.xml", sst, 0 };
	if (styles) {
		/* found by its usual name when no relationship names it */
		parts[n++] = (struct part){ "xl/styles.xml", styles, 0 };
	}
	build_zip(parts, n, out);
}

/* ---- fixtures */

static void test_libreoffice_fixture(void **state)
{
	struct buf data = BUF_INIT;
	struct sheet s;

	load("tests/fixtures/ledger_libreoffice.xlsx", &data);
	read_ok(data.ptr, data.len, &s);
	assert_int_equal(s.nrows, 5);
	assert_row(&s, 0, 1, 5, "姓名", "性别", "身份证号", "出生日期", "备注");
	assert_row(&s, 1, 2, 5, "张三", "男", "522635199001011236", "1990-01-01",
		   "下司村一组");
	assert_row(&s, 2, 3, 5, "李四", "女", "52263519851231009X", "1985-12-31",
		   "备注含逗号,和\"引号\"");
	/* empty 性别 in the middle, no 备注 at the end */
	assert_row(&s, 3, 4, 4, "王小五", "", "522635200002293015", "2000-02-29");
	assert_row(&s, 4, 5, 5, "欧阳娜", "女", "522635197006150041", "1970-06-15",
		   "下司村 党员\n流动党员");
	sheet_release(&s);
	buf_release(&data);
}

static void test_id_number_fixture(void **state)
{
	struct buf data = BUF_INIT;
	struct sheet s;

	load("tests/fixtures/ledger_id_number.xlsx", &data);
	read_ok(data.ptr, data.len, &s);
	assert_int_equal(s.nrows, 5);
	/* the number LibreOffice stored, exponent and all */
	assert_string_equal(sheet_cell(&s, 1, 2), "5.22635199001011E+017");
	assert_true(sheet_looks_scientific(sheet_cell(&s, 1, 2)));
	assert_true(sheet_looks_scientific(sheet_cell(&s, 4, 2)));
	/* an ID ending in X could not become a number */
	assert_string_equal(sheet_cell(&s, 2, 2), "52263519851231009X");
	assert_false(sheet_looks_scientific(sheet_cell(&s, 2, 2)));
	/* detected as a date without a column type */
	assert_string_equal(sheet_cell(&s, 1, 3), "1990-01-01");
	assert_string_equal(sheet_cell(&s, 3, 3), "2000-02-29");
	sheet_release(&s);
	buf_release(&data);
}

static void test_looks_scientific(void **state)
{
	assert_true(sheet_looks_scientific("5.22726E+17"));
	assert_true(sheet_looks_scientific("5.2272619900101101E+17"));
	assert_true(sheet_looks_scientific(" 5.22726e17 "));
	assert_true(sheet_looks_scientific("1E+15"));
	assert_false(sheet_looks_scientific("522726199001011234"));
	assert_false(sheet_looks_scientific("52272619900101123X"));
	assert_false(sheet_looks_scientific("E+17"));
	assert_false(sheet_looks_scientific("5.E+17"));
	assert_false(sheet_looks_scientific("5.2E+"));
	assert_false(sheet_looks_scientific(""));
}

/* ---- cell types, layout and dates on hand-built workbooks */

static void test_cell_types(void **state)
{
	static const char sst[] =
		"<sst " NS_MAIN " count=\"4\" uniqueCount=\"4\">"
		"<si><t>姓名</t></si>"
		"<si><r><rPr><b/></rPr><t>下司</t></r><r><t xml:space=\"preserve\">村 </t></r>"
		"<rPh sb=\"0\" eb=\"1\"><t>シモ</t></rPh></si>"
		"<si><t>第一行_x000D_\n第二行 a_x005F_b _xD83D__xDE00_</t></si>"
		"<si><t/></si>"
		"</sst>";
	static const char sheet[] =
		"<worksheet " NS_MAIN "><sheetData>"
		"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c></row>"
		"<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t> 内联 </t></is></c>"
		"<c t=\"str\"><f>A1&amp;\"x\"</f><v>公式结果</v></c>"
		"<c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c>"
		"<c t=\"s\"><v>2</v></c><c t=\"s\"><v>3</v></c><c r=\"J3\"><f>1+1</f></c></row>"
		"<row r=\"7\"><c r=\"A7\"><v>42</v></c><c r=\"B7\"><v>12.5</v></c>"
		"<c r=\"C7\" t=\"n\"><v>-3</v></c><c r=\"D7\"><v>1.2E+3</v></c>"
		"<c r=\"E7\"><v>0.30000000000000004</v></c><c r=\"F7\"><v>522635199001011236</v></c>"
		"<c r=\"G7\"><v>5.2263519900101101E+17</v></c><c r=\"H7\"><v>110101900101123</v></c>"
		"<c r=\"I7\"><v>-0</v></c></row>"
		"<row r=\"8\"><c r=\"A8\" s=\"0\"/><c r=\"B8\" t=\"s\"><v>3</v></c></row>"
		"<row><c><v>1</v></c></row>"
		"</sheetData></worksheet>";
	struct buf data = BUF_INIT;
	struct sheet s;

	build_simple(sheet, sst, NULL, &data);
	read_ok(data.ptr, data.len, &s);
	assert_int_equal(s.nrows, 4);
	/* the phonetic run is left out; the text is trimmed */
	assert_row(&s, 0, 2, 3, "姓名", "", "下司村");
	/* a formula without a cached value and an empty string at the end
	 * leave no trailing cells */
	assert_row(&s, 1, 3, 7, "", "内联", "公式结果", "TRUE", "FALSE", "#N/A",
		   "第一行\r\n第二行 a_b \xF0\x9F\x98\x80");
	assert_row(&s, 2, 7, 9, "42", "12.5", "-3", "1200", "0.3",
		   "5.22635199001011E+17", "5.2263519900101101E+17",
		   "110101900101123", "0");
	/* row 8 has only empty cells and is left out; a row without r
	 * follows the previous one */
	assert_row(&s, 3, 9, 1, "1");
	sheet_release(&s);
	buf_release(&data);
}

static void test_dates(void **state)
{
	static const char styles[] =
		"<styleSheet " NS_MAIN "><numFmts count=\"4\">"
		"<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
		"<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>"
		"<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00;&quot;day&quot;\"/>"
		"<numFmt numFmtId=\"167\" formatCode=\"General\"/>"
		"</numFmts>"
		"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
		"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
		"<xf numFmtId=\"22\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
		"<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"31\"/>"
		"<xf numFmtId=\"20\"/></cellXfs></styleSheet>";
	static const char sheet[] =
		"<worksheet " NS_MAIN "><sheetData><row r=\"1\">"
		"<c s=\"1\"><v>32874</v></c>"       /* A: 1990-01-01 */
		"<c s=\"2\"><v>43831.75</v></c>"    /* B: datetime, date only */
		"<c s=\"3\"><v>36585</v></c>"       /* C: 2000-02-29, custom 年月日 */
		"<c s=\"4\"><v>0.5</v></c>"         /* D: time 12:00 */
		"<c s=\"5\"><v>36585</v></c>"       /* E: "day" in quotes: a number */
		"<c s=\"6\"><v>36585</v></c>"       /* F: General */
		"<c s=\"1\"><v>59</v></c>"          /* G: 1900-02-28 */
		"<c s=\"1\"><v>60</v></c>"          /* H: Excel's 1900-02-29 */
		"<c s=\"1\"><v>61</v></c>"          /* I: 1900-03-01 */
		"<c s=\"7\"><v>45658</v></c>"       /* J: zh-CN built-in 31 */
		"<c s=\"8\"><v>0.60417824074</v></c>" /* K: 14:30:01 */
		"<c s=\"1\"><v>-1</v></c>"          /* L: not a date */
		"<c s=\"1\"><v>43830.999999999</v></c>" /* M: rounds to 2020-01-01 */
		"<c s=\"99\"><v>7</v></c>"          /* N: unknown style */
		"</row></sheetData></worksheet>";
	struct buf data = BUF_INIT;
	struct sheet s;

	build_simple(sheet, NULL, styles, &data);
	read_ok(data.ptr, data.len, &s);
	assert_row(&s, 0, 1, 14, "1990-01-01", "2020-01-01", "2000-02-29",
		   "12:00", "36585", "36585", "1900-02-28", "1900-02-29",
		   "1900-03-01", "2025-01-01", "14:30:01", "-1", "2020-01-01", "7");
	sheet_release(&s);
	buf_release(&data);
}

static void test_date1904(void **state)
{
	static const char wb[] =
		"<workbook " NS_MAIN " " NS_R "><workbookPr date1904=\"1\"/><sheets>"
		"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char styles[] =
		"<styleSheet " NS_MAIN "><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
	static const char sheet[] =
		"<worksheet " NS_MAIN "><sheetData><row><c><v>31412</v></c></row>"
		"</sheetData></worksheet>";
	const struct part parts[] = {
		{ "xl/workbook.xml", wb, 0 },
		{ "xl/_rels/workbook.xml.rels", one_sheet_rels, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
		{ "xl/styles.xml", styles, 0 },
	};
	struct buf data = BUF_INIT;
	struct sheet s;

	/* no _rels/.rels at all: xl/workbook.xml is assumed */
	build_zip(parts, 4, &data);
	read_ok(data.ptr, data.len, &s);
	/* 31412 in the 1900 system is 1985-12-31; 1904 is 1462 days later */
	assert_row(&s, 0, 1, 1, "1990-01-01");
	sheet_release(&s);
	buf_release(&data);
}

static void test_first_visible_sheet_and_paths(void **state)
{
	static const char wb[] =
		"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<x:sheets><x:sheet name=\"图表\" sheetId=\"9\" rel:id=\"rId9\"/>"
		"<x:sheet name=\"下拉\" sheetId=\"1\" state=\"hidden\" rel:id=\"rId1\"/>"
		"<x:sheet name=\"台账\" sheetId=\"2\" rel:id=\"rId2\"/>"
		"<x:sheet name=\"另一\" sheetId=\"3\" rel:id=\"rId3\"/></x:sheets></x:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId9\" Type=\"" REL_T "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"/xl/worksheets/hidden.xml\"/>"
		"<Relationship Id=\"rId3\" Type=\"" REL_T "worksheet\" Target=\"worksheets/third.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"" REL_T "worksheet\" Target=\"/xl/./sub/../worksheets/ledger.xml\"/>"
		"<Relationship Id=\"rId5\" Type=\"" REL_T "sharedStrings\" Target=\"strings/shared.xml\"/>"
		"</Relationships>";
	static const char hidden[] =
		"<worksheet " NS_MAIN "><sheetData><row><c t=\"inlineStr\"><is><t>hidden</t></is></c>"
		"</row></sheetData></worksheet>";
	static const char ledger[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData><x:row x:r=\"4\"><x:c x:r=\"B4\" x:t=\"s\"><x:v>0</x:v></x:c>"
		"</x:row></x:sheetData></x:worksheet>";
	static const char sst[] = "<sst " NS_MAIN "><si><t>可见</t></si></sst>";
	const struct part parts[] = {
		{ "_rels/.rels", root_rels, 0 },
		{ "xl/workbook.xml", wb, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/worksheets/hidden.xml", hidden, 0 },
		{ "xl/worksheets/ledger.xml", ledger, 0 },
		{ "xl/worksheets/third.xml", hidden, 0 },
		{ "xl/strings/shared.xml", sst, 0 },
	};
	struct buf data = BUF_INIT;
	struct sheet s;

	build_zip(parts, sizeof(parts) / sizeof(parts[0]), &data);
	read_ok(data.ptr, data.len, &s);
	assert_int_equal(s.nrows, 1);
	assert_row(&s, 0, 4, 2, "", "可见");
	sheet_release(&s);
	buf_release(&data);
}

/* Every visible worksheet, in tab order, named; hidden ones counted. */
static void test_book_reads_every_visible_sheet(void **state)
{
	static const char wb[] =
		"<workbook " NS_MAIN " " NS_R "><sheets>"
		"<sheet name=\"填表说明\" sheetId=\"1\" r:id=\"rId1\"/>"
		"<sheet name=\"下拉\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId2\"/>"
		"<sheet name=\"台账\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/a.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"" REL_T "worksheet\" Target=\"worksheets/b.xml\"/>"
		"<Relationship Id=\"rId3\" Type=\"" REL_T "worksheet\" Target=\"worksheets/c.xml\"/>"
		"</Relationships>";
	static const char a[] = "<worksheet " NS_MAIN "><sheetData><row r=\"1\"><c t=\"inlineStr\">"
				"<is><t>说明</t></is></c></row></sheetData></worksheet>";
	static const char c[] = "<worksheet " NS_MAIN "><sheetData><row r=\"2\"><c r=\"A2\" t=\"inlineStr\">"
				"<is><t>姓名</t></is></c></row></sheetData></worksheet>";
	const struct part parts[] = {
		{ "_rels/.rels", root_rels, 0 },
		{ "xl/workbook.xml", wb, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/worksheets/a.xml", a, 0 },
		{ "xl/worksheets/b.xml", a, 0 },
		{ "xl/worksheets/c.xml", c, 0 },
	};
	struct buf data = BUF_INIT, err = BUF_INIT;
	struct book b = BOOK_INIT;

	build_zip(parts, sizeof(parts) / sizeof(parts[0]), &data);
	assert_int_equal(xlsx_read_book(data.ptr, data.len, &b, &err), 0);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.hidden, 1);
	assert_string_equal(b.sheets[0].name, "填表说明");
	assert_string_equal(b.sheets[1].name, "台账");
	assert_row(&b.sheets[1], 0, 2, 1, "姓名");
	book_release(&b);
	buf_release(&data);
	buf_release(&err);
}

/* A merged cell's value reaches every cell of the merge, in rows that were read. */
static void test_merges(void **state)
{
	static const char sheet[] =
		"<worksheet " NS_MAIN "><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
		"<c r=\"B2\" t=\"inlineStr\"><is><t>单位</t></is></c>"
		"<c r=\"C2\" t=\"inlineStr\"><is><t>备注</t></is></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>甲</t></is></c>"
		"<c r=\"B3\" t=\"inlineStr\"><is><t>村委会</t></is></c></row>"
		"<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>乙</t></is></c></row>"
		"<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>丙</t></is></c></row>"
		"</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B3:B6\"/>"
		"<mergeCell ref=\"C3:C4\"/><mergeCell ref=\"D2:Z9\"/></mergeCells></worksheet>";
	struct buf data = BUF_INIT;
	struct sheet s;

	build_simple(sheet, NULL, NULL, &data);
	read_ok(data.ptr, data.len, &s);
	assert_int_equal(s.nrows, 5); /* row 5 holds nothing and stays out */
	assert_row(&s, 0, 1, 3, "标题", "标题", "标题");
	assert_row(&s, 2, 3, 2, "甲", "村委会");      /* C3:C4 has an empty top-left cell */
	assert_row(&s, 3, 4, 2, "乙", "村委会");
	assert_row(&s, 4, 6, 2, "丙", "村委会");
	sheet_release(&s);
	buf_release(&data);
}

/* The 台账 made by LibreOffice from tests/fixtures/field/books.mjs. */
static void test_field_workbook(void **state)
{
	struct buf data = BUF_INIT, err = BUF_INIT;
	struct book b = BOOK_INIT;
	struct sheet *s;

	load("tests/fixtures/field/21-two-row-header.xlsx", &data);
	assert_int_equal(xlsx_read_book(data.ptr, data.len, &b, &err), 0);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.hidden, 1);
	s = &b.sheets[1];
	assert_string_equal(s->name, "人员台账");
	assert_string_equal(sheet_cell(s, 0, 9), "独山县下司镇2025年度人员信息台账");
	assert_string_equal(sheet_cell(s, 2, 2), "基本信息");
	assert_string_equal(sheet_cell(s, 3, 0), "序号");        /* A3:A4 */
	assert_string_equal(sheet_cell(s, 4, 8), "下司村");
	assert_string_equal(sheet_cell(s, 6, 8), "下司村");      /* I5:I7 */
	assert_string_equal(sheet_cell(s, 6, 4), "1988-07-21"); /* a date cell */
	book_release(&b);
	buf_release(&data);
	buf_release(&err);
}

/* ---- refusals */

static void test_not_xlsx(void **state)
{
	static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an OLE2 file";
	static const char text[] = "姓名,性别\r\n张三,男\r\n";
	struct buf data = BUF_INIT;
	size_t i;

	read_fails("", 0, "文件为空");
	read_fails(xls, sizeof(xls) - 1, ".xls");
	read_fails(xls, sizeof(xls) - 1, "另存为 .xlsx 或 CSV");
	read_fails(text, sizeof(text) - 1, "不是有效的 XLSX 文件");
	read_fails("PK\x03\x04", 4, "不是有效的 XLSX 文件");

	load("tests/fixtures/ledger_libreoffice.xlsx", &data);
	/* cut off the central directory */
	read_fails(data.ptr, data.len - 30, "不是有效的 XLSX 文件");
	/* damage compressed data inside the archive */
	for (i = 200; i < 1200; i++)
		data.ptr[i] ^= 0x5A;
	read_fails(data.ptr, data.len, "不是有效的 XLSX 文件");
	buf_release(&data);
}

static void test_structural_errors(void **state)
{
	static const char empty_sheet[] =
		"<worksheet " NS_MAIN "><sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"/></row>"
		"</sheetData></worksheet>";
	static const char bad_index[] =
		"<worksheet " NS_MAIN "><sheetData><row r=\"3\"><c t=\"s\"><v>7</v></c></row>"
		"</sheetData></worksheet>";
	static const char bad_ref[] =
		"<worksheet " NS_MAIN "><sheetData><row><c r=\"XFE1\"><v>1</v></c></row>"
		"</sheetData></worksheet>";
	static const char bad_row[] =
		"<worksheet " NS_MAIN "><sheetData><row r=\"1048577\"><c><v>1</v></c></row>"
		"</sheetData></worksheet>";
	static const char backwards[] =
		"<worksheet " NS_MAIN "><sheetData><row><c r=\"C1\"><v>1</v></c>"
		"<c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
	static const char broken_xml[] = "<worksheet " NS_MAIN "><sheetData><row>";
	static const char ods_manifest[] = "<office:document-content/>";
	const struct part ods[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
		{ "content.xml", ods_manifest, 0 },
	};
	const struct part no_sheet[] = {
		{ "xl/workbook.xml", "<workbook><sheets/></workbook>", 0 },
	};
	struct buf data = BUF_INIT;

	build_simple(empty_sheet, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "工作表为空");
	buf_release(&data);
	build_simple(bad_index, "<sst><si><t>a</t></si></sst>", NULL, &data);
	read_fails(data.ptr, data.len, "第 3 行引用了不存在的共享字符串");
	buf_release(&data);
	build_simple(bad_ref, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "单元格位置无效");
	buf_release(&data);
	build_simple(bad_row, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "行号 1048577 无效");
	buf_release(&data);
	build_simple(backwards, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "单元格顺序错乱");
	buf_release(&data);
	build_simple(broken_xml, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "XML 格式错误");
	buf_release(&data);
	build_zip(ods, 2, &data);
	read_fails(data.ptr, data.len, "不支持 ODS 格式");
	buf_release(&data);
	build_zip(no_sheet, 1, &data);
	read_fails(data.ptr, data.len, "工作簿中没有工作表");
	buf_release(&data);
}

static void test_entities_refused(void **state)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
		"<sst " NS_MAIN "><si><t>&lol2;</t></si></sst>";
	static const char external[] =
		"<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<worksheet " NS_MAIN "><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is>"
		"</c></row></sheetData></worksheet>";
	static const char sheet[] =
		"<worksheet " NS_MAIN "><sheetData><row><c t=\"s\"><v>0</v></c></row>"
		"</sheetData></worksheet>";
	struct buf data = BUF_INIT;

	build_simple(sheet, laughs, NULL, &data);
	read_fails(data.ptr, data.len, "不是有效的 XLSX 文件");
	buf_release(&data);
	build_simple(external, NULL, NULL, &data);
	read_fails(data.ptr, data.len, "不是有效的 XLSX 文件");
	buf_release(&data);
}

static void test_zip_bomb_refused(void **state)
{
	size_t len = (size_t)9 << 20;
	char *spaces = malloc(len + 1);
	struct buf data = BUF_INIT;

	assert_non_null(spaces);
	memset(spaces, ' ', len);
	spaces[len] = '\0';
	/* 9 MiB of blanks deflates about 1000:1 */
	build_simple(spaces, NULL, NULL, &data);
	assert_true(data.len < len / 200);
	read_fails(data.ptr, data.len, "压缩比异常");
	buf_release(&data);
	free(spaces);
}

/* ---- writing */

static void add_row(struct sheet *s, size_t n, ...)
{
	struct sheet_row *row = sheet_add_row(s, (unsigned)s->nrows + 1);
	va_list ap;
	size_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *c = va_arg(ap, const char *);

		sheet_add_cell(row, c, c ? strlen(c) : 0);
	}
	va_end(ap);
}

static void test_round_trip(void **state)
{
	struct sheet in, back;
	struct buf out = BUF_INIT, err = BUF_INIT, xml = BUF_INIT;
	int r;

	sheet_init(&in);
	add_row(&in, 5, "姓名", "身份证号", "手机号", "入党日期", "备注");
	add_row(&in, 5, "张三", "522635199001011236", "08551234567", "2001-07-01",
		"下司村一组\n流动党员");
	add_row(&in, 5, "李四", "", "", "", "=1+1");
	add_row(&in, 4, "王五", "52263519851231009X", "13800000000", "0.5");
	add_row(&in, 5, "", "", "", "", "ctl\x01 <&> \xFF bad");
	r = xlsx_write(&in, "党员/台账[2024]", &out, &err);
	if (r)
		print_error("xlsx_write: %s\n", err.ptr);
	assert_int_equal(r, 0);
	assert_memory_equal(out.ptr, "PK\x03\x04", 4);

	read_ok(out.ptr, out.len, &back);
	assert_int_equal(back.nrows, 5);
	assert_row(&back, 0, 1, 5, "姓名", "身份证号", "手机号", "入党日期", "备注");
	assert_row(&back, 1, 2, 5, "张三", "522635199001011236", "08551234567",
		   "2001-07-01", "下司村一组\n流动党员");
	/* empty cells in the middle keep the columns in place */
	assert_row(&back, 2, 3, 5, "李四", "", "", "", "=1+1");
	assert_row(&back, 3, 4, 4, "王五", "52263519851231009X", "13800000000", "0.5");
	/* control characters survive as _x0001_ escapes, bad bytes become U+FFFD */
	assert_row(&back, 4, 5, 5, "", "", "", "", "ctl\x01 <&> \xEF\xBF\xBD bad");

	zip_entry(&out, "xl/worksheets/sheet1.xml", &xml);
	assert_non_null(strstr(xml.ptr, "state=\"frozen\""));
	assert_non_null(strstr(xml.ptr, "<autoFilter ref=\"A1:E5\""));
	/* every cell a string: no bare numbers */
	assert_null(strstr(xml.ptr, "<v>522635199001011236</v>"));
	assert_non_null(strstr(xml.ptr, "customWidth=\"1\""));
	buf_release(&xml);
	zip_entry(&out, "xl/workbook.xml", &xml);
	assert_non_null(strstr(xml.ptr, "name=\"党员_台账_2024_\""));
	buf_release(&xml);
	zip_entry(&out, "xl/styles.xml", &xml);
	assert_non_null(strstr(xml.ptr, "<b/>"));
	assert_non_null(strstr(xml.ptr, "formatCode=\"@\"") ||
			strstr(xml.ptr, "numFmtId=\"49\""));
	buf_release(&xml);

	sheet_release(&in);
	sheet_release(&back);
	buf_release(&out);
	buf_release(&err);
}

static void test_report_layout(void **state)
{
	static const char *const formats[] = { NULL, "0", "#,##0.00" };
	struct xlsx_layout layout = { "后备力量按所在村（乡镇）统计", formats, 3 };
	struct sheet in, back;
	struct buf out = BUF_INIT, err = BUF_INIT, xml = BUF_INIT;
	int r;

	sheet_init(&in);
	add_row(&in, 3, "所在村（乡镇）", "数量", "补贴合计（元）");
	add_row(&in, 3, "下司镇", "12", "1234.50");
	add_row(&in, 3, "未填", "0", "");
	add_row(&in, 3, "合计", "12", "1234.50");
	r = xlsx_write_layout(&in, "统计", &layout, &out, &err);
	if (r)
		print_error("xlsx_write_layout: %s\n", err.ptr);
	assert_int_equal(r, 0);

	read_ok(out.ptr, out.len, &back);
	assert_int_equal(back.nrows, 5);
	assert_string_equal(sheet_cell(&back, 0, 0), "后备力量按所在村（乡镇）统计");
	assert_string_equal(sheet_cell(&back, 1, 1), "数量");
	assert_string_equal(sheet_cell(&back, 2, 0), "下司镇");
	assert_string_equal(sheet_cell(&back, 2, 1), "12");
	assert_string_equal(sheet_cell(&back, 4, 0), "合计");

	zip_entry(&out, "xl/worksheets/sheet1.xml", &xml);
	/* the title spans the columns; title and header stay in view */
	assert_non_null(strstr(xml.ptr, "<mergeCell ref=\"A1:C1\""));
	assert_non_null(strstr(xml.ptr, "ySplit=\"2\""));
	assert_non_null(strstr(xml.ptr, "<autoFilter ref=\"A2:C5\""));
	/* counts and sums are numbers; an empty sum stays an empty text cell */
	assert_non_null(strstr(xml.ptr, "<v>12</v>"));
	assert_non_null(strstr(xml.ptr, "<v>1234.5</v>"));
	buf_release(&xml);
	zip_entry(&out, "xl/styles.xml", &xml);
	assert_non_null(strstr(xml.ptr, "formatCode=\"#,##0.00\"") ||
			strstr(xml.ptr, "numFmtId=\"4\""));
	buf_release(&xml);

	sheet_release(&in);
	sheet_release(&back);
	buf_release(&out);
	buf_release(&err);
}

static void test_write_limits(void **state)
{
	struct sheet s;
	struct buf out, err = BUF_INIT;
	char *big = malloc(40000);

	assert_non_null(big);
	memset(big, 'a', 39999);
	big[39999] = '\0';
	sheet_init(&s);
	add_row(&s, 2, "h", big);
	buf_init(&out, 0);
	assert_int_equal(xlsx_write(&s, NULL, &out, &err), -1);
	assert_non_null(strstr(err.ptr, "第 1 行第 2 列内容超过 Excel 单元格上限"));
	sheet_release(&s);

	sheet_init(&s);
	add_row(&s, 1, "h");
	buf_init(&out, 100); /* far smaller than any xlsx */
	assert_int_equal(xlsx_write(&s, "x", &out, &err), -1);
	assert_non_null(strstr(err.ptr, "导出文件过大"));
	buf_release(&out);

	/* an empty sheet is still a valid, empty workbook */
	sheet_release(&s);
	buf_init(&out, 0);
	assert_int_equal(xlsx_write(&s, NULL, &out, &err), 0);
	read_fails(out.ptr, out.len, "工作表为空");
	buf_release(&out);
	buf_release(&err);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libreoffice_fixture),
		cmocka_unit_test(test_id_number_fixture),
		cmocka_unit_test(test_looks_scientific),
		cmocka_unit_test(test_cell_types),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date1904),
		cmocka_unit_test(test_first_visible_sheet_and_paths),
		cmocka_unit_test(test_book_reads_every_visible_sheet),
		cmocka_unit_test(test_merges),
		cmocka_unit_test(test_field_workbook),
		cmocka_unit_test(test_not_xlsx),
		cmocka_unit_test(test_structural_errors),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_zip_bomb_refused),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_report_layout),
		cmocka_unit_test(test_write_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
