/* xlsx_read: finds the worksheets through the package relationships,
 * then streams workbook, styles, shared strings and the sheet through expat.
 * Every size is checked before it is trusted: this reads user uploads. */
#include "io/xlsx_read.h"

#include <expat.h>
#include <math.h> /* isfinite(), a macro: no libm needed */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

#define CHUNK (64 * 1024)
/* An entry inflating more than RATIO times is a zip bomb once it is big. */
#define BOMB_RATIO 200
#define BOMB_MIN_SIZE ((zip_uint64_t)8 << 20)
/* Excel caps a cell at 32,767 characters; leave room for other writers. */
#define MAX_CELL_TEXT ((size_t)1 << 20)
/* Far more sheets, relationships or styles than any real workbook has. */
#define MAX_LIST 100000

static const char bad_file[] = "不是有效的 XLSX 文件";

enum fmt_kind { FMT_NUMBER, FMT_DATE, FMT_TIME };

/* State common to every part's parser; first member of each context so the
 * expat callbacks can reach it from their userData. */
struct xctx {
	XML_Parser parser;
	struct buf *err;
	int failed;
};

static void xfail(struct xctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records the first error and stops expat; later calls change nothing. */
static void xfail(struct xctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	buf_reset(x->err);
	va_start(ap, fmt);
	buf_vaddf(x->err, fmt, ap);
	va_end(ap);
	XML_StopParser(x->parser, XML_FALSE);
}

/* OOXML parts never declare entities; refusing any declaration rules out
 * billion-laughs expansion however expat is configured. */
static void on_entity_decl(void *data, const XML_Char *name, int is_param,
			   const XML_Char *value, int value_len,
			   const XML_Char *base, const XML_Char *system_id,
			   const XML_Char *public_id, const XML_Char *notation)
{
	xfail(data, "%s（包含不允许的 XML 实体声明）", bad_file);
}

static void on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	xfail(data, "%s（包含不允许的 DOCTYPE）", bad_file);
}

/* Element and attribute names without their namespace prefix: writers use
 * "x:row" as well as "row", and relationship ids come as "r:id". */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *lname)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strncmp(atts[i], "xmlns", 5) && !strcmp(local(atts[i]), lname))
			return atts[i + 1];
	return NULL;
}

/* Parses a whole decimal number into *v; 0 on success. */
static int parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	unsigned long n = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (unsigned long)(*s - '0');
		if (n > max)
			return -1;
	}
	*v = n;
	return 0;
}

/* Looks an entry up; -1 if absent. Part names are case-insensitive in OPC. */
static zip_int64_t entry_index(zip_t *za, const char *name)
{
	return zip_name_locate(za, name, ZIP_FL_NOCASE);
}

/* Streams entry `idx` through expat with the given handlers. */
static int parse_entry(zip_t *za, zip_int64_t idx, const char *name,
		       struct xctx *x, XML_StartElementHandler start,
		       XML_EndElementHandler end, XML_CharacterDataHandler text,
		       struct buf *err)
{
	XML_Parser p = NULL;
	zip_file_t *zf = NULL;
	zip_stat_t st;
	zip_uint64_t total = 0;
	zip_int64_t n;
	void *chunk;
	int ret = -1;

	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
		buf_setf(err, "%s（无法读取 %s）", bad_file, name);
		goto out;
	}
	if (st.size > XLSX_MAX_ENTRY) {
		buf_setf(err, "文件内容过大（%s 解压后超过 %zu MB），请拆分后导入",
			 name, XLSX_MAX_ENTRY >> 20);
		goto out;
	}
	if (st.size > BOMB_MIN_SIZE && st.size / BOMB_RATIO > st.comp_size) {
		buf_setf(err, "%s（%s 的压缩比异常）", bad_file, name);
		goto out;
	}
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf) {
		buf_setf(err, "%s（无法解压 %s）", bad_file, name);
		goto out;
	}
	p = XML_ParserCreate(NULL);
	if (!p) {
		buf_setf(err, "内存不足，无法解析 XLSX 文件");
		goto out;
	}
	x->parser = p;
	x->err = err;
	x->failed = 0;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetEntityDeclHandler(p, on_entity_decl);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	for (;;) {
		chunk = XML_GetBuffer(p, CHUNK);
		if (!chunk) {
			buf_setf(err, "内存不足，无法解析 XLSX 文件");
			goto out;
		}
		n = zip_fread(zf, chunk, CHUNK);
		if (n < 0) {
			buf_setf(err, "%s（%s 已损坏）", bad_file, name);
			goto out;
		}
		/* the stat size came from the archive itself: do not trust it */
		total += (zip_uint64_t)n;
		if (total > st.size || total > XLSX_MAX_ENTRY) {
			buf_setf(err, "%s（%s 的大小与记录不符）", bad_file, name);
			goto out;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			if (!x->failed)
				buf_setf(err, "%s（%s 第 %lu 行 XML 格式错误：%s）",
					 bad_file, name,
					 (unsigned long)XML_GetCurrentLineNumber(p),
					 XML_ErrorString(XML_GetErrorCode(p)));
			goto out;
		}
		if (n == 0)
			break;
	}
	ret = 0;
out:
	if (p)
		XML_ParserFree(p);
	if (zf)
		zip_fclose(zf);
	return ret;
}

/* ---- package relationships (_rels/.rels and xl/_rels/workbook.xml.rels) */

struct rel {
	char *id, *type, *target;
};

struct rels_ctx {
	struct xctx x;
	struct rel *v;
	size_t n, alloc;
};

static void rels_start(void *data, const char *el, const char **atts)
{
	struct rels_ctx *c = data;
	const char *id, *type, *target, *mode;
	struct rel *r;

	if (strcmp(local(el), "Relationship"))
		return;
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	mode = attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return;
	if (c->n >= MAX_LIST) {
		xfail(&c->x, "%s（关系表过大）", bad_file);
		return;
	}
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	r = &c->v[c->n++];
	r->id = xstrdup(id);
	r->type = xstrdup(type);
	r->target = xstrdup(target);
}

static void ignore_end(void *data, const char *el)
{
}

static void ignore_text(void *data, const char *s, int len)
{
}

static void rels_release(struct rels_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].type);
		free(c->v[i].target);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->alloc = 0;
}

/* 1 if a relationship type URI names `kind` ("worksheet", "styles"...):
 * transitional and strict OOXML use different prefixes, same last segment. */
static int rel_is(const struct rel *r, const char *kind)
{
	const char *slash = strrchr(r->type, '/');

	return slash && !strcmp(slash + 1, kind);
}

static const struct rel *rel_find_type(const struct rels_ctx *c, const char *kind)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (rel_is(&c->v[i], kind))
			return &c->v[i];
	return NULL;
}

static const struct rel *rel_find_id(const struct rels_ctx *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].id, id))
			return &c->v[i];
	return NULL;
}

/* Resolves a relationship target against the folder of the part that holds
 * it ("xl/"): "/xl/worksheets/sheet1.xml" is from the package root,
 * "worksheets/sheet1.xml" and "../xl/x.xml" are relative. Returns an
 * xmalloc'd part name without a leading slash. */
static char *resolve_target(const char *dir, const char *target)
{
	struct buf path = BUF_INIT, norm = BUF_INIT;
	const char **seg = NULL;
	size_t *seglen = NULL, nseg = 0, alloc = 0, alloc2 = 0, len, i;
	const char *p, *end;
	char *ret;

	if (target[0] == '/')
		buf_adds(&path, target + 1);
	else {
		buf_adds(&path, dir);
		buf_adds(&path, target);
	}
	/* a stack of segments, so ".." pops and "." vanishes */
	for (p = path.ptr; *p; p = end ? end + 1 : p + len) {
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 2 && !memcmp(p, "..", 2)) {
			if (nseg)
				nseg--;
		} else if (len && !(len == 1 && p[0] == '.')) {
			ALLOC_GROW(seg, nseg + 1, alloc);
			ALLOC_GROW(seglen, nseg + 1, alloc2);
			seg[nseg] = p;
			seglen[nseg++] = len;
		}
	}
	for (i = 0; i < nseg; i++) {
		if (i)
			buf_addc(&norm, '/');
		buf_add(&norm, seg[i], seglen[i]);
	}
	ret = buf_detach(&norm, NULL);
	free(seg);
	free(seglen);
	buf_release(&path);
	return ret;
}

/* The folder part of a part name, with its trailing slash ("xl/"). */
static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');

	return xstrndup(part, slash ? (size_t)(slash - part + 1) : 0);
}

/* Parses the relationships of `part` (e.g. xl/_rels/workbook.xml.rels for
 * xl/workbook.xml); a missing file leaves c empty. */
static int read_rels(zip_t *za, const char *part, struct rels_ctx *c,
		     struct buf *err)
{
	struct buf name = BUF_INIT;
	const char *slash = strrchr(part, '/');
	zip_int64_t idx;
	int ret = -1;

	if (slash) {
		buf_add(&name, part, (size_t)(slash - part + 1));
		buf_addf(&name, "_rels/%s.rels", slash + 1);
	} else {
		buf_addf(&name, "_rels/%s.rels", part);
	}
	idx = entry_index(za, name.ptr);
	if (idx >= 0 && parse_entry(za, idx, name.ptr, &c->x, rels_start,
				    ignore_end, ignore_text, err))
		goto out;
	ret = 0;
out:
	buf_release(&name);
	return ret;
}

/* ---- xl/workbook.xml: sheet order, visibility, date system */

struct wb_sheet {
	char *rid;
	char *name;
	int hidden;
};

struct wb_ctx {
	struct xctx x;
	struct wb_sheet *v;
	size_t n, alloc;
	int date1904;
};

static void wb_start(void *data, const char *el, const char **atts)
{
	struct wb_ctx *c = data;
	const char *name = local(el), *rid, *state, *d1904;

	if (!strcmp(name, "workbookPr")) {
		d1904 = attr(atts, "date1904");
		c->date1904 = d1904 && (!strcmp(d1904, "1") || !strcmp(d1904, "true"));
		return;
	}
	if (strcmp(name, "sheet"))
		return;
	rid = attr(atts, "id");
	if (!rid)
		return;
	if (c->n >= MAX_LIST) {
		xfail(&c->x, "%s（工作表过多）", bad_file);
		return;
	}
	state = attr(atts, "state");
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	c->v[c->n].rid = xstrdup(rid);
	c->v[c->n].name = xstrdup(attr(atts, "name") ? attr(atts, "name") : "");
	c->v[c->n].hidden = state && strcmp(state, "visible");
	c->n++;
}

static void wb_release(struct wb_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].rid);
		free(c->v[i].name);
	}
	free(c->v);
}

/* ---- xl/styles.xml: which cell styles show numbers as dates */

struct numfmt {
	unsigned long id;
	enum fmt_kind kind;
};

struct styles_ctx {
	struct xctx x;
	struct numfmt *fmts;
	size_t nfmts, fmts_alloc;
	unsigned long *xf_fmt; /* numFmtId of each cellXfs entry */
	size_t nxf, xf_alloc;
	int in_cellxfs;
};

/* Built-in format ids (ECMA-376 18.8.30 plus the CJK locale ids 27-58, which
 * in Chinese, Japanese and Korean Excel are dates except the hour/minute
 * ones 32-35, 55, 56). */
static enum fmt_kind builtin_kind(unsigned long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
		return FMT_DATE;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) ||
	    (id >= 45 && id <= 47) || id == 55 || id == 56)
		return FMT_TIME;
	return FMT_NUMBER;
}

/* Classifies a custom format code by its first section, ignoring quoted
 * literals ("年"), escaped characters, [colour]/[$-804] brackets and the
 * _x / *x padding pairs, all of which may contain the letters looked for. */
static enum fmt_kind code_kind(const char *code)
{
	const char *p;
	int y = 0, m = 0, d = 0, time = 0;

	for (p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			p++;
			while (*p && *p != '"')
				p++;
			if (!*p)
				goto done;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				goto done;
			p++;
			break;
		case '[':
			/* [h], [mm], [ss] are elapsed time; the rest is colour
			 * or locale */
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' ||
			    p[1] == 'M' || p[1] == 's' || p[1] == 'S')
				time = 1;
			while (*p && *p != ']')
				p++;
			if (!*p)
				goto done;
			break;
		case 'G': case 'g':
			/* the word General has no date letters but an e */
			if (!strncasecmp(p, "general", 7))
				p += 6;
			break;
		case 'y': case 'Y':
			y = 1;
			break;
		case 'm': case 'M':
			m = 1;
			break;
		case 'd': case 'D':
			d = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		}
	}
done:
	if (y || d || (m && !time))
		return FMT_DATE;
	if (time)
		return FMT_TIME;
	return FMT_NUMBER;
}

static void styles_start(void *data, const char *el, const char **atts)
{
	struct styles_ctx *c = data;
	const char *name = local(el), *code;
	unsigned long id = 0;

	if (!strcmp(name, "numFmt")) {
		code = attr(atts, "formatCode");
		if (!code || parse_ulong(attr(atts, "numFmtId"), 1000000, &id))
			return;
		if (c->nfmts >= MAX_LIST) {
			xfail(&c->x, "%s（样式表过大）", bad_file);
			return;
		}
		ALLOC_GROW(c->fmts, c->nfmts + 1, c->fmts_alloc);
		c->fmts[c->nfmts].id = id;
		c->fmts[c->nfmts].kind = code_kind(code);
		c->nfmts++;
	} else if (!strcmp(name, "cellXfs")) {
		c->in_cellxfs = 1;
	} else if (!strcmp(name, "xf") && c->in_cellxfs) {
		if (c->nxf >= MAX_LIST) {
			xfail(&c->x, "%s（样式表过大）", bad_file);
			return;
		}
		/* a missing or odd numFmtId means General */
		if (parse_ulong(attr(atts, "numFmtId"), 1000000, &id))
			id = 0;
		ALLOC_GROW(c->xf_fmt, c->nxf + 1, c->xf_alloc);
		c->xf_fmt[c->nxf++] = id;
	}
}

static void styles_end(void *data, const char *el)
{
	struct styles_ctx *c = data;

	if (!strcmp(local(el), "cellXfs"))
		c->in_cellxfs = 0;
}

/* The kind of each cell style, indexed by a cell's s= attribute. */
static enum fmt_kind *styles_kinds(const struct styles_ctx *c)
{
	enum fmt_kind *k = xcalloc(c->nxf ? c->nxf : 1, sizeof(*k));
	size_t i, j;

	for (i = 0; i < c->nxf; i++) {
		k[i] = builtin_kind(c->xf_fmt[i]);
		/* an explicit format code wins, even over a built-in id */
		for (j = 0; j < c->nfmts; j++)
			if (c->fmts[j].id == c->xf_fmt[i]) {
				k[i] = c->fmts[j].kind;
				break;
			}
	}
	return k;
}

/* ---- text runs: shared strings and inline strings share the rules */

/* Reads an "_xHHHH_" escape at s (len bytes available); -1 if none. */
static long xescape(const char *s, size_t len)
{
	long v = 0;
	int i;

	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	for (i = 2; i < 6; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Copies text, undoing the ST_Xstring "_xHHHH_" escapes that Excel uses for
 * characters XML cannot carry (a CR becomes _x000D_), and trims surrounding
 * ASCII whitespace. Returns an xmalloc'd string. */
static char *decode_text(const char *s, size_t len)
{
	struct buf out = BUF_INIT;
	size_t i = 0, a, b;
	long u, lo;
	char *r;

	while (i < len) {
		u = s[i] == '_' ? xescape(s + i, len - i) : -1;
		if (u < 0) {
			buf_addc(&out, s[i++]);
			continue;
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			lo = xescape(s + i + 7, len - i - 7);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				utf8_encode(&out, 0x10000 + (((unsigned long)u - 0xD800) << 10) +
						       ((unsigned long)lo - 0xDC00));
				i += 14;
				continue;
			}
		}
		if (u == 0 || (u >= 0xD800 && u <= 0xDFFF)) {
			/* not a character we can hold: keep the escape text */
			buf_addc(&out, s[i++]);
			continue;
		}
		utf8_encode(&out, (unsigned long)u);
		i += 7;
	}
	a = 0;
	b = out.len;
	while (a < b && strchr(" \t\r\n\v\f", out.ptr[a]) && out.ptr[a])
		a++;
	while (b > a && strchr(" \t\r\n\v\f", out.ptr[b - 1]) && out.ptr[b - 1])
		b--;
	r = xstrndup(out.ptr + a, b - a);
	buf_release(&out);
	return r;
}

/* ---- xl/sharedStrings.xml */

/* All strings live in one buffer, NUL-separated, so a part holding millions
 * of tiny strings costs an offset each rather than an allocation each. */
struct sst_ctx {
	struct xctx x;
	struct buf text; /* <t> text of the current <si> */
	struct buf pool;
	size_t *off;
	size_t n, alloc;
	int in_si, in_t, in_rph;
};

static void sst_start(void *data, const char *el, const char **atts)
{
	struct sst_ctx *c = data;
	const char *name = local(el);

	if (!strcmp(name, "si")) {
		c->in_si = 1;
		c->in_t = c->in_rph = 0;
		buf_reset(&c->text);
	} else if (c->in_si && !strcmp(name, "rPh")) {
		c->in_rph++;
	} else if (c->in_si && !strcmp(name, "t")) {
		c->in_t = 1;
	}
}

static void sst_end(void *data, const char *el)
{
	struct sst_ctx *c = data;
	const char *name = local(el);
	char *s;

	if (!c->in_si)
		return;
	if (!strcmp(name, "t")) {
		c->in_t = 0;
	} else if (!strcmp(name, "rPh")) {
		if (c->in_rph)
			c->in_rph--;
	} else if (!strcmp(name, "si")) {
		c->in_si = 0;
		if (c->text.err) {
			xfail(&c->x, "单元格内容过长");
			return;
		}
		if (c->n >= SHEET_MAX_CELLS) {
			xfail(&c->x, "%s（共享字符串过多）", bad_file);
			return;
		}
		s = decode_text(c->text.ptr, c->text.len);
		ALLOC_GROW(c->off, c->n + 1, c->alloc);
		c->off[c->n++] = c->pool.len;
		buf_add(&c->pool, s, strlen(s) + 1);
		free(s);
		if (c->pool.err)
			xfail(&c->x, "表格内容过多，请拆分文件后导入");
	}
}

static void sst_text(void *data, const char *s, int len)
{
	struct sst_ctx *c = data;

	if (c->in_si && c->in_t && !c->in_rph)
		buf_add(&c->text, s, (size_t)len);
}

/* ---- the worksheet */

struct ws_ctx {
	struct xctx x;
	struct sheet *out;
	const struct sst_ctx *sst;
	const enum fmt_kind *kinds;
	size_t nkinds;
	int date1904;
	struct sheet_row *row; /* NULL outside <row> */
	unsigned last_line;
	size_t next_col, cells, bytes;
	int in_sheetdata, in_cell, in_v, in_is, in_t, in_rph;
	size_t col;
	unsigned long style;
	char type[12];
	struct buf text;
};

/* "C5" -> column 2 (and *line 5 when line is not NULL); -1 if not a cell
 * reference inside Excel's grid. */
static long parse_ref(const char *ref, unsigned long *line)
{
	long col = 0;
	const char *p = ref;

	if (*p == '$')
		p++;
	ref = p;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		col = col * 26 + ((*p | 0x20) - 'a' + 1);
		if (col > (long)SHEET_MAX_COLS)
			return -1;
		p++;
	}
	if (p == ref)
		return -1;
	if (*p == '$') /* absolute references do not occur here, be lenient */
		p++;
	if (line) {
		if (parse_ulong(p, SHEET_MAX_LINE, line) || !*line)
			return -1;
		return col - 1;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p)
		return -1;
	return col - 1;
}

static long parse_col(const char *ref)
{
	return parse_ref(ref, NULL);
}

/* <mergeCell ref="A1:I1"/>: recorded for sheet_apply_merges(). */
static void add_merge(struct ws_ctx *c, const char *ref)
{
	char a[24];
	const char *colon = ref ? strchr(ref, ':') : NULL;
	unsigned long l1, l2;
	long c1, c2;

	if (!colon || (size_t)(colon - ref) >= sizeof(a))
		return; /* a single cell merges nothing */
	memcpy(a, ref, (size_t)(colon - ref));
	a[colon - ref] = '\0';
	c1 = parse_ref(a, &l1);
	c2 = parse_ref(colon + 1, &l2);
	if (c1 < 0 || c2 < 0)
		return;
	if (c->out->nmerges >= MAX_LIST) {
		xfail(&c->x, "%s（合并单元格过多）", bad_file);
		return;
	}
	sheet_add_merge(c->out, (unsigned)l1, (size_t)c1, (unsigned)l2, (size_t)c2);
}

/* Ends the current row, dropping it if it holds no text. */
static void finish_row(struct ws_ctx *c)
{
	sheet_row_trim(c->row);
	if (!c->row->ncells)
		sheet_pop_row(c->out);
	c->row = NULL;
	c->in_cell = 0;
}

static void ws_start(void *data, const char *el, const char **atts)
{
	struct ws_ctx *c = data;
	const char *name = local(el), *v;
	unsigned long line;
	long col;

	if (!strcmp(name, "sheetData")) {
		c->in_sheetdata = 1;
	} else if (!c->in_sheetdata) {
		if (!strcmp(name, "mergeCell"))
			add_merge(c, attr(atts, "ref"));
		return;
	} else if (!strcmp(name, "row")) {
		v = attr(atts, "r");
		if (!v)
			line = (unsigned long)c->last_line + 1;
		else if (parse_ulong(v, SHEET_MAX_LINE, &line) || !line) {
			xfail(&c->x, "%s（行号 %.20s 无效）", bad_file, v);
			return;
		}
		if (line > SHEET_MAX_LINE) {
			xfail(&c->x, "行数超过上限（%u 行）", SHEET_MAX_LINE);
			return;
		}
		if (c->out->nrows >= SHEET_MAX_ROWS) {
			xfail(&c->x, "行数超过上限（%u 行），请拆分文件后导入",
			      SHEET_MAX_ROWS);
			return;
		}
		if (c->row) /* a <row> inside a <row>: close the outer one */
			finish_row(c);
		c->row = sheet_add_row(c->out, (unsigned)line);
		c->last_line = (unsigned)line;
		c->next_col = 0;
	} else if (!c->row) {
		return;
	} else if (!strcmp(name, "c")) {
		v = attr(atts, "r");
		col = v ? parse_col(v) : (long)c->next_col;
		if (col < 0 || col >= (long)SHEET_MAX_COLS) {
			xfail(&c->x, "%s（第 %u 行的单元格位置无效）", bad_file,
			      c->row->line);
			return;
		}
		if ((size_t)col < c->next_col) {
			xfail(&c->x, "%s（第 %u 行的单元格顺序错乱）", bad_file,
			      c->row->line);
			return;
		}
		c->col = (size_t)col;
		v = attr(atts, "t");
		snprintf(c->type, sizeof(c->type), "%s", v ? v : "n");
		if (parse_ulong(attr(atts, "s"), 1000000, &c->style))
			c->style = 0;
		c->in_cell = 1;
		c->in_v = c->in_is = c->in_t = c->in_rph = 0;
		buf_reset(&c->text);
	} else if (!c->in_cell) {
		return;
	} else if (!strcmp(name, "v")) {
		c->in_v = 1;
	} else if (!strcmp(name, "is")) {
		c->in_is = 1;
	} else if (c->in_is && !strcmp(name, "rPh")) {
		c->in_rph++;
	} else if (c->in_is && !strcmp(name, "t")) {
		c->in_t = 1;
	}
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era, yy;
	unsigned long doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned long)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

/* Formats a date or time serial; NULL if it is out of the calendar Excel
 * shows (negative, or past 9999-12-31), so the caller keeps the number. */
static char *format_serial(double v, enum fmt_kind kind, int date1904)
{
	long long secs;
	long days, y;
	unsigned m, d, s;

	if (!(v >= 0) || v >= 2958466.0)
		return NULL;
	/* round to the second first, or 0.99999999 days shows as 23:59:59 */
	secs = (long long)(v * 86400.0 + 0.5); /* v >= 0: rounds to nearest */
	days = (long)(secs / 86400);
	s = (unsigned)(secs % 86400);
	if (kind == FMT_TIME && days == 0) {
		char out[16];

		if (s % 60)
			snprintf(out, sizeof(out), "%02u:%02u:%02u", s / 3600,
				 s / 60 % 60, s % 60);
		else
			snprintf(out, sizeof(out), "%02u:%02u", s / 3600, s / 60 % 60);
		return xstrdup(out);
	}
	if (date1904)
		days += 1462;
	if (days < 1)
		return NULL;
	if (days == 60) /* Excel's phantom 1900-02-29, kept as Excel shows it */
		return xstrdup("1900-02-29");
	/* serial 1 is 1900-01-01; from 61 on, Excel's leap-year bug puts every
	 * serial one day past the true count from 1899-12-31 */
	civil_from_days(days < 60 ? days - 25568 : days - 25569, &y, &m, &d);
	{
		char out[40];

		snprintf(out, sizeof(out), "%04ld-%02u-%02u", y, m, d);
		return xstrdup(out);
	}
}

/* Formats a number the way the user saw it in Excel (15 significant
 * digits, integers without ".0"). Numbers of 1e15 and beyond are past
 * Excel's precision: they are ID numbers typed into a number column, and
 * keep scientific notation so validators can say so. */
static char *format_number(const char *raw, enum fmt_kind kind, int date1904)
{
	char *end, *r;
	double v;

	v = strtod(raw, &end);
	while (*end == ' ')
		end++;
	if (end == raw || *end || !isfinite(v))
		return decode_text(raw, strlen(raw));
	if (kind != FMT_NUMBER) {
		r = format_serial(v, kind, date1904);
		if (r)
			return r;
	}
	if ((v >= 1e15 || v <= -1e15) && strpbrk(raw, "eE"))
		return decode_text(raw, strlen(raw));
	return sheet_number_text(v);
}

/* The text of the cell just closed, by its type; NULL on a bad reference. */
static char *cell_text(struct ws_ctx *c)
{
	const char *t = c->type;
	unsigned long idx;
	enum fmt_kind kind;

	if (!strcmp(t, "inlineStr"))
		return decode_text(c->text.ptr, c->text.len);
	if (!c->text.len)
		return xstrdup("");
	if (!strcmp(t, "s")) {
		if (parse_ulong(c->text.ptr, (unsigned long)-1, &idx) ||
		    !c->sst || idx >= c->sst->n)
			return NULL;
		return xstrdup(c->sst->pool.ptr + c->sst->off[idx]);
	}
	if (!strcmp(t, "b"))
		return xstrdup(strcmp(c->text.ptr, "1") ? "FALSE" : "TRUE");
	if (!strcmp(t, "str") || !strcmp(t, "e"))
		return decode_text(c->text.ptr, c->text.len);
	if (!strcmp(t, "d")) {
		/* ISO 8601 date cells (strict OOXML): keep the date part */
		if (c->text.len >= 10 && c->text.ptr[4] == '-' && c->text.ptr[7] == '-')
			return xstrndup(c->text.ptr, 10);
		return decode_text(c->text.ptr, c->text.len);
	}
	kind = c->style < c->nkinds ? c->kinds[c->style] : FMT_NUMBER;
	return format_number(c->text.ptr, kind, c->date1904);
}

static void ws_end(void *data, const char *el)
{
	struct ws_ctx *c = data;
	const char *name = local(el);
	char *s;
	size_t len;

	if (!strcmp(name, "sheetData")) {
		c->in_sheetdata = 0;
		if (c->row) /* only malformed files leave a row open here */
			finish_row(c);
	} else if (!c->row) {
		return;
	} else if (!strcmp(name, "row")) {
		finish_row(c);
	} else if (!c->in_cell) {
		return;
	} else if (!strcmp(name, "c")) {
		c->in_cell = 0;
		c->next_col = c->col + 1;
		if (c->text.err) {
			xfail(&c->x, "第 %u 行：单元格内容过长", c->row->line);
			return;
		}
		s = cell_text(c);
		if (!s) {
			xfail(&c->x, "%s（第 %u 行引用了不存在的共享字符串）",
			      bad_file, c->row->line);
			return;
		}
		len = strlen(s);
		if (!len) {
			free(s);
			return;
		}
		c->cells += c->col + 1 - c->row->ncells;
		c->bytes += len;
		if (c->cells > SHEET_MAX_CELLS || c->bytes > SHEET_MAX_TEXT) {
			free(s);
			xfail(&c->x, "表格内容过多，请拆分文件后导入");
			return;
		}
		sheet_row_pad(c->row, c->col);
		sheet_add_cell_owned(c->row, s);
	} else if (!strcmp(name, "v")) {
		c->in_v = 0;
	} else if (!strcmp(name, "is")) {
		c->in_is = 0;
	} else if (!strcmp(name, "rPh")) {
		if (c->in_rph)
			c->in_rph--;
	} else if (!strcmp(name, "t")) {
		c->in_t = 0;
	}
}

static void ws_text(void *data, const char *s, int len)
{
	struct ws_ctx *c = data;

	if (c->in_cell && (c->in_v || (c->in_is && c->in_t && !c->in_rph)))
		buf_add(&c->text, s, (size_t)len);
}

/* ---- putting it together */

/* Finds a part by relationship type, else by its usual name; -1 if none. */
static zip_int64_t locate_part(zip_t *za, const struct rels_ctx *rels,
			       const char *dir, const char *kind,
			       const char *usual, char **name)
{
	const struct rel *r = rel_find_type(rels, kind);

	*name = r ? resolve_target(dir, r->target) : xstrdup(usual);
	return entry_index(za, *name);
}

/* The parts every worksheet needs: styles, shared strings, the date system. */
struct shared {
	enum fmt_kind *kinds;
	size_t nkinds;
	struct sst_ctx sst;
	int date1904;
};

/* Reads the worksheet part `ws_name` into a new sheet of `out`, merges applied. */
static int read_worksheet(zip_t *za, const char *ws_name, const char *tab,
			  const struct shared *sh, struct book *out, struct buf *err)
{
	struct ws_ctx ws;
	struct sheet *s;
	zip_int64_t idx = entry_index(za, ws_name);
	int ret = -1;

	memset(&ws, 0, sizeof(ws));
	buf_init(&ws.text, MAX_CELL_TEXT);
	if (idx < 0) {
		buf_setf(err, "%s（缺少工作表 %s）", bad_file, ws_name);
		goto out;
	}
	s = book_add(out, tab);
	s->date1904 = sh->date1904;
	ws.out = s;
	ws.sst = &sh->sst;
	ws.kinds = sh->kinds;
	ws.nkinds = sh->nkinds;
	ws.date1904 = sh->date1904;
	if (parse_entry(za, idx, ws_name, &ws.x, ws_start, ws_end, ws_text, err))
		goto out;
	if (sheet_apply_merges(s)) {
		buf_setf(err, "表格内容过多，请拆分文件后导入");
		goto out;
	}
	ret = 0;
out:
	buf_release(&ws.text);
	return ret;
}

/* Reads the worksheets in tab order: the visible ones (hidden ones only when
 * none is visible: then the workbook's data is in them), `first_only` stops
 * after one. Chart sheets and dialog sheets are not worksheets. */
static int read_zip(zip_t *za, struct book *out, int first_only, struct buf *err)
{
	struct rels_ctx root, rels;
	struct wb_ctx wb;
	struct styles_ctx styles;
	struct shared sh;
	const struct rel *r;
	char *wb_name = NULL, *dir = NULL, *ws_name = NULL, *name = NULL;
	zip_int64_t idx;
	size_t i, visible = 0, worksheets = 0;
	int ret = -1;

	memset(&root, 0, sizeof(root));
	memset(&rels, 0, sizeof(rels));
	memset(&wb, 0, sizeof(wb));
	memset(&styles, 0, sizeof(styles));
	memset(&sh, 0, sizeof(sh));
	buf_init(&sh.sst.text, MAX_CELL_TEXT);
	buf_init(&sh.sst.pool, SHEET_MAX_TEXT);

	if (read_rels(za, "", &root, err))
		goto out;
	r = rel_find_type(&root, "officeDocument");
	wb_name = r ? resolve_target("", r->target) : xstrdup("xl/workbook.xml");
	idx = entry_index(za, wb_name);
	if (idx < 0) {
		if (entry_index(za, "content.xml") >= 0)
			buf_setf(err, "不支持 ODS 格式，请在表格软件中另存为 .xlsx 或 CSV 后再导入");
		else
			buf_setf(err, "%s（缺少 workbook.xml）", bad_file);
		goto out;
	}
	if (parse_entry(za, idx, wb_name, &wb.x, wb_start, ignore_end,
			ignore_text, err))
		goto out;
	if (read_rels(za, wb_name, &rels, err))
		goto out;
	dir = dir_of(wb_name);
	for (i = 0; i < wb.n; i++) {
		r = rel_find_id(&rels, wb.v[i].rid);
		if (r && rel_is(r, "worksheet")) {
			worksheets++;
			visible += !wb.v[i].hidden;
		}
	}
	if (!worksheets) {
		buf_setf(err, "工作簿中没有工作表");
		goto out;
	}

	idx = locate_part(za, &rels, dir, "styles", "xl/styles.xml", &name);
	if (idx >= 0 && parse_entry(za, idx, name, &styles.x, styles_start,
				    styles_end, ignore_text, err))
		goto out;
	free(name);
	name = NULL;
	sh.kinds = styles_kinds(&styles);
	sh.nkinds = styles.nxf;
	sh.date1904 = wb.date1904;

	idx = locate_part(za, &rels, dir, "sharedStrings", "xl/sharedStrings.xml",
			  &name);
	if (idx >= 0 && parse_entry(za, idx, name, &sh.sst.x, sst_start, sst_end,
				    sst_text, err))
		goto out;

	for (i = 0; i < wb.n; i++) {
		r = rel_find_id(&rels, wb.v[i].rid);
		if (!r || !rel_is(r, "worksheet"))
			continue;
		if (wb.v[i].hidden && visible) {
			out->hidden++;
			continue;
		}
		free(ws_name);
		ws_name = resolve_target(dir, r->target);
		if (read_worksheet(za, ws_name, wb.v[i].name, &sh, out, err))
			goto out;
		if (first_only)
			break;
	}
	ret = 0;
out:
	rels_release(&root);
	rels_release(&rels);
	wb_release(&wb);
	free(styles.fmts);
	free(styles.xf_fmt);
	buf_release(&sh.sst.text);
	buf_release(&sh.sst.pool);
	free(sh.sst.off);
	free(sh.kinds);
	free(wb_name);
	free(dir);
	free(ws_name);
	free(name);
	return ret;
}

/* Opens data[0..len) as a zip and reads it; see xlsx_read_book(). */
static int read_data(const void *data, size_t len, struct book *out, int first_only,
		     struct buf *err)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0,
					       0xA1, 0xB1, 0x1A, 0xE1 };
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_error_t zerr;
	int ret = -1;

	zip_error_init(&zerr);
	if (!len) {
		buf_setf(err, "文件为空");
		goto out;
	}
	if (len > XLSX_MAX_FILE) {
		buf_setf(err, "文件过大（超过 %zu MB）", XLSX_MAX_FILE >> 20);
		goto out;
	}
	if (len >= 8 && !memcmp(data, ole2, 8)) {
		/* Excel 97-2003 workbooks and password-protected .xlsx files
		 * are both OLE2 compound documents */
		buf_setf(err, "这是旧版 Excel（.xls）文件或加密的文件：.xls 请按 .xls 格式导入，"
			      "加密的文件请在 Excel/WPS 中取消密码，另存为 .xlsx 或 CSV 后再导入");
		goto out;
	}
	if (len < 4 || memcmp(data, "PK\x03\x04", 4)) {
		buf_setf(err, "%s", bad_file);
		goto out;
	}
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		buf_setf(err, "%s", bad_file);
		goto out;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!za) {
		buf_setf(err, "%s（压缩包已损坏）", bad_file);
		goto out;
	}
	src = NULL; /* the archive owns it now */
	ret = read_zip(za, out, first_only, err);
	if (!ret && !out->n) {
		buf_setf(err, "工作簿中没有工作表");
		ret = -1;
	}
out:
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	zip_error_fini(&zerr);
	return ret;
}

int xlsx_read_book(const void *data, size_t len, struct book *out, struct buf *err)
{
	return read_data(data, len, out, 0, err);
}

int xlsx_read(const void *data, size_t len, struct sheet *out, struct buf *err)
{
	struct book b = BOOK_INIT;
	int ret = read_data(data, len, &b, 1, err);
	size_t i;

	if (!ret && !b.sheets[0].nrows) {
		buf_setf(err, "工作表为空");
		ret = -1;
	}
	/* the rows move to the caller's sheet (appended, as before) */
	for (i = 0; b.n && i < b.sheets[0].nrows; i++) {
		struct sheet_row *src = &b.sheets[0].rows[i], *dst = sheet_add_row(out, src->line);

		*dst = *src;
		src->cells = NULL;
		src->ncells = src->alloc = 0;
	}
	if (b.n) {
		out->date1904 = b.sheets[0].date1904;
		if (!out->name && b.sheets[0].name) {
			out->name = b.sheets[0].name;
			b.sheets[0].name = NULL;
		}
	}
	book_release(&b);
	return ret;
}
