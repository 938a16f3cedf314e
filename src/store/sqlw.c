/* sqlw: a statement builder; see sqlw.h for the rule it keeps. */
#include "store/sqlw.h"

#include <stdarg.h>
#include <string.h>

void sqlw_init(struct sqlw *w, struct arena *a)
{
	memset(w, 0, sizeof(*w));
	w->a = a;
	buf_init(&w->sql, 0);
}

void sqlw_release(struct sqlw *w)
{
	buf_release(&w->sql);
}

void sqlw_add(struct sqlw *w, const char *fragment)
{
	buf_adds(&w->sql, fragment);
}

void sqlw_addf(struct sqlw *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&w->sql, fmt, ap);
	va_end(ap);
}

void sqlw_param(struct sqlw *w, struct db_param p)
{
	if (w->n == w->alloc) {
		int na = w->alloc ? w->alloc * 2 : 16;
		struct db_param *np = arena_alloc(w->a, sizeof(*np) * (size_t)na);

		if (w->n)
			memcpy(np, w->params, sizeof(*np) * (size_t)w->n);
		w->params = np;
		w->alloc = na;
	}
	if (p.type == DB_PTEXT)
		p.s = arena_strndup(w->a, p.s, p.len);
	w->params[w->n++] = p;
	buf_addc(&w->sql, '?');
}

int sqlw_run(struct sqlw *w, struct db *db, struct db_result *out, struct buf *err)
{
	return db_query(db, w->a, w->sql.ptr, w->params, w->n, out, err);
}

void sqlw_append(struct sqlw *w, const struct sqlw *src)
{
	const char *s = src->sql.ptr;
	int i = 0;

	/* fragments come from declarations and hold no '?' of their own */
	for (; s && *s; s++) {
		if (*s == '?')
			sqlw_param(w, src->params[i++]);
		else
			buf_addc(&w->sql, *s);
	}
}
