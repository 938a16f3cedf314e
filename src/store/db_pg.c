/* db_pg: the PostgreSQL backend over libpq. `?` placeholders are renumbered to
 * $1..$n, statements are prepared once per connection and cached by SQL text,
 * and a dropped connection is re-established when no transaction is open. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xmalloc.h"
#include "store/db.h"

#define PG_CACHE_BUCKETS 1024 /* power of two */
/* Server-side prepared statements cost backend memory; past this many the
 * connection drops them all and starts again (the hot set re-prepares fast). */
#define PG_CACHE_MAX 1000
/* The per-connection parameter scratch is kept between queries, unless one
 * query made it larger than this (a bulk import must not pin memory). */
#define PG_SCRATCH_KEEP ((size_t)1 << 20)

struct pg_stmt {
	struct pg_stmt *next; /* bucket chain */
	unsigned long hash;   /* of sql */
	char *sql;            /* as the caller wrote it, with ? */
	int nparams;          /* placeholders found */
	char name[24];        /* server-side name, "s<N>" */
};

struct pg_db {
	struct db base; /* first, so that struct db * and struct pg_db * convert */
	PGconn *conn;
	struct pg_stmt *buckets[PG_CACHE_BUCKETS];
	size_t nprepared;          /* on the server, including ones forgotten here */
	unsigned long long nextid; /* statement names are never reused */
	struct buf sqlbuf;         /* renumbered SQL being prepared */
	struct buf scratch;        /* parameter values, NUL-separated */
	size_t *offs;              /* each value's offset in scratch */
	const char **values;       /* what PQexecPrepared reads */
	size_t params_alloc;
};

/* What pg_run() suggests when a statement failed outside a transaction. */
enum pg_again {
	PG_AGAIN_NO,
	PG_AGAIN_RECONNECT, /* the connection is gone */
	PG_AGAIN_REPREPARE, /* the cached plan no longer fits the schema */
};

static unsigned long pg_hash(const char *s)
{
	unsigned long h = 1469598103934665603UL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

static struct pg_stmt *pg_cache_find(struct pg_db *d, const char *sql, unsigned long h)
{
	struct pg_stmt *st;

	for (st = d->buckets[h & (PG_CACHE_BUCKETS - 1)]; st; st = st->next)
		if (st->hash == h && !strcmp(st->sql, sql))
			return st;
	return NULL;
}

static struct pg_stmt *pg_cache_add(struct pg_db *d, const char *sql, unsigned long h,
				    int nparams, const char *name)
{
	struct pg_stmt *st = xcalloc(1, sizeof(*st));
	struct pg_stmt **head = &d->buckets[h & (PG_CACHE_BUCKETS - 1)];

	st->hash = h;
	st->sql = xstrdup(sql);
	st->nparams = nparams;
	snprintf(st->name, sizeof(st->name), "%s", name);
	st->next = *head;
	*head = st;
	d->nprepared++;
	return st;
}

/* Forgets one entry here only. Its server-side statement stays counted in
 * nprepared, so the next DEALLOCATE ALL still reclaims it. */
static void pg_cache_forget(struct pg_db *d, struct pg_stmt *victim)
{
	struct pg_stmt **pp = &d->buckets[victim->hash & (PG_CACHE_BUCKETS - 1)];

	while (*pp != victim)
		pp = &(*pp)->next;
	*pp = victim->next;
	free(victim->sql);
	free(victim);
}

/* Empties the cache here; the caller has made sure the server has none left. */
static void pg_cache_clear(struct pg_db *d)
{
	struct pg_stmt *st, *next;
	size_t i;

	for (i = 0; i < PG_CACHE_BUCKETS; i++) {
		for (st = d->buckets[i]; st; st = next) {
			next = st->next;
			free(st->sql);
			free(st);
		}
		d->buckets[i] = NULL;
	}
	d->nprepared = 0;
}

static int pg_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* If p starts a string literal, quoted identifier, comment or dollar-quoted
 * string, returns the first character after it (or the terminating NUL when it
 * is unterminated, leaving the server to report the syntax error); else p. */
static const char *pg_skip_quoted(const char *sql, const char *p)
{
	const char *q;
	size_t taglen;
	int depth, esc;

	switch (*p) {
	case '\'':
		/* '' needs no special case: it reads as two adjacent literals */
		esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
		      (p - 1 == sql || !pg_ident_char(p[-2]));
		for (q = p + 1; *q; q++) {
			if (esc && *q == '\\' && q[1])
				q++;
			else if (*q == '\'')
				return q + 1;
		}
		return q;
	case '"':
		q = strchr(p + 1, '"');
		return q ? q + 1 : p + strlen(p);
	case '-':
		if (p[1] != '-')
			return p;
		q = strchr(p, '\n');
		return q ? q + 1 : p + strlen(p);
	case '/':
		if (p[1] != '*')
			return p;
		/* PostgreSQL's block comments nest */
		for (depth = 1, q = p + 2; *q; q++) {
			if (q[0] == '/' && q[1] == '*') {
				depth++;
				q++;
			} else if (q[0] == '*' && q[1] == '/') {
				q++;
				if (--depth == 0)
					return q + 1;
			}
		}
		return q;
	case '$':
		/* $tag$…$tag$; "$1" and "a$b" are not quotes */
		if (p > sql && (pg_ident_char(p[-1]) || p[-1] == '$'))
			return p;
		q = p + 1;
		if (*q >= '0' && *q <= '9')
			return p;
		while (pg_ident_char(*q))
			q++;
		if (*q != '$')
			return p;
		taglen = (size_t)(q - p) + 1;
		for (q++; *q; q++)
			if (*q == '$' && !strncmp(q, p, taglen))
				return q + taglen;
		return q;
	default:
		return p;
	}
}

/* Writes sql to out with every ? outside quotes and comments replaced by
 * $1, $2, …; returns how many there were. */
static int pg_renumber(const char *sql, struct buf *out)
{
	const char *p = sql, *run = sql, *end;
	int n = 0;

	buf_reset(out);
	while (*p) {
		end = pg_skip_quoted(sql, p);
		if (end != p) {
			p = end;
		} else if (*p == '?') {
			buf_add(out, run, (size_t)(p - run));
			buf_addf(out, "$%d", ++n);
			run = ++p;
		} else {
			p++;
		}
	}
	buf_add(out, run, (size_t)(p - run));
	return n;
}

/* Appends a libpq or server message on one line: libpq ends its messages
 * with a newline and indents hints on the next. */
static void pg_add_message(struct buf *err, const char *msg)
{
	size_t len = strlen(msg), i;

	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	for (i = 0; i < len; i++) {
		if (msg[i] == '\n' || msg[i] == '\t') {
			while (i + 1 < len && (msg[i + 1] == '\n' || msg[i + 1] == '\t'))
				i++;
			buf_addc(err, ' ');
		} else {
			buf_addc(err, msg[i]);
		}
	}
	if (!len)
		buf_adds(err, "未知错误 (unknown error)");
}

/* Whether the failure of res means the connection itself is gone: libpq saw
 * it close, or the server said so (class 08 connection exceptions; 57P01-05:
 * terminated by an administrator, crash, shutdown, dropped database, idle
 * session timeout). */
static int pg_conn_lost(struct pg_db *d, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (PQstatus(d->conn) == CONNECTION_BAD)
		return 1;
	return state && (!strncmp(state, "08", 2) || !strncmp(state, "57P0", 4));
}

/* Puts the error of res (or of the connection, when libpq made none) in err
 * after `what`; SQLSTATE class 23 is an integrity constraint violation. Only
 * the primary message is kept: DETAIL repeats the offending values, which
 * may be personal data (ID numbers) that must not reach logs or replies. */
static int pg_error(struct pg_db *d, const PGresult *res, const char *what, struct buf *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg || !*msg)
		msg = res ? PQresultErrorMessage(res) : "";
	if (!*msg)
		msg = PQerrorMessage(d->conn);
	buf_setf(err, "PostgreSQL: %s", what);
	pg_add_message(err, msg);
	if (pg_conn_lost(d, res))
		d->base.lost = 1;
	return state && !strncmp(state, "23", 2) ? DB_CONSTRAINT : DB_ERR;
}

/* Runs a command that returns no rows, for session setup and transactions. */
static int pg_command(struct pg_db *d, const char *sql, struct buf *err)
{
	PGresult *res = PQexec(d->conn, sql);
	int ret = DB_OK;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		ret = pg_error(d, res, "", err);
	PQclear(res);
	return ret;
}

/* Session settings, after every connect: a reconnected session has lost them.
 * Prepared statements are planned for their values each time: a plan kept
 * from when a table was nearly empty (a fresh database) scanned the whole
 * table for each row of a large import — 100,000 rows ran for over half an
 * hour — where the index is right. */
static int pg_session_setup(struct pg_db *d, struct buf *err)
{
	static const char sql[] = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
				  "SET plan_cache_mode = force_custom_plan";

	return pg_command(d, sql, err) ? DB_ERR : DB_OK;
}

/* Re-establishes a lost connection. The server forgot every prepared
 * statement along with the session, so the cache goes too. */
static int pg_reconnect(struct pg_db *d, struct buf *err)
{
	pg_cache_clear(d);
	PQreset(d->conn);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		pg_error(d, NULL, "连接已断开，重连失败: ", err);
		return DB_ERR;
	}
	return pg_session_setup(d, err);
}

/* Outside a transaction a connection known to be dead is reconnected before
 * use; inside one the statement fails and the caller rolls back. */
static int pg_ensure_conn(struct pg_db *d, struct buf *err)
{
	if (d->base.in_tx || PQstatus(d->conn) != CONNECTION_BAD)
		return DB_OK;
	return pg_reconnect(d, err);
}

/* PostgreSQL reports notices through the connection; NOTICE and INFO are
 * routine ("relation already exists, skipping" from idempotent migrations),
 * a WARNING is worth an operator's eye. */
static void pg_notice(void *arg, const PGresult *res)
{
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);

	if (sev && !strcmp(sev, "WARNING"))
		log_line("warn", json_pack("{s:s}", "source", "postgresql"), "%s",
			 PQresultErrorMessage(res));
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;

	if (!d)
		return;
	PQfinish(d->conn);
	pg_cache_clear(d);
	buf_release(&d->sqlbuf);
	buf_release(&d->scratch);
	free(d->offs);
	free(d->values);
	free(d);
}

static int pg_open(const char *target, struct db **out, struct buf *err)
{
	struct pg_db *d = xcalloc(1, sizeof(*d));
	int ret = DB_ERR;

	d->base.be = &db_pg_backend;
	buf_init(&d->sqlbuf, 0);
	buf_init(&d->scratch, 0);
	d->conn = PQconnectdb(target);
	if (!d->conn) {
		buf_setf(err, "PostgreSQL: 内存不足，无法连接 (out of memory)");
		goto out;
	}
	if (PQstatus(d->conn) != CONNECTION_OK) {
		pg_error(d, NULL, "无法连接数据库: ", err);
		goto out;
	}
	PQsetNoticeReceiver(d->conn, pg_notice, NULL);
	if (pg_session_setup(d, err))
		goto out;
	*out = &d->base;
	d = NULL;
	ret = DB_OK;
out:
	pg_close(d ? &d->base : NULL);
	return ret;
}

static int pg_exec_script(struct db *db, const char *sql, struct buf *err)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res = NULL;
	int ret = DB_ERR;

	if (pg_ensure_conn(d, err))
		goto out;
	/* one PQexec runs the script as one implicit transaction, so a
	 * migration that fails half-way leaves nothing behind */
	res = PQexec(d->conn, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		ret = DB_OK;
		break;
	default:
		ret = pg_error(d, res, "", err);
	}
out:
	PQclear(res);
	return ret;
}

/* Copies the parameters into d->values as NUL-terminated text, the form
 * PQexecPrepared reads. They go to a per-connection scratch rather than the
 * caller's arena so that a long import does not grow its request's memory by
 * every value it writes. Text is always copied: its `s` need not be
 * NUL-terminated, and reading s[len] to find out could overrun. */
static int pg_bind(struct pg_db *d, const struct db_param *p, int n, struct buf *err)
{
	size_t had = d->params_alloc;
	int i;

	if (n < 0) {
		buf_setf(err, "PostgreSQL: %d parameters", n);
		return DB_ERR;
	}
	ALLOC_GROW(d->offs, n, d->params_alloc);
	if (d->params_alloc != had)
		d->values = xrealloc(d->values, d->params_alloc * sizeof(*d->values));
	buf_reset(&d->scratch);
	for (i = 0; i < n; i++) {
		d->offs[i] = d->scratch.len;
		switch (p[i].type) {
		case DB_PINT:
			buf_addf(&d->scratch, "%lld", p[i].i);
			break;
		case DB_PTEXT:
			if (p[i].len && memchr(p[i].s, '\0', p[i].len)) {
				buf_setf(err, "PostgreSQL: 第 %d 个参数含有 NUL 字节 "
					      "(text cannot hold NUL)", i + 1);
				return DB_ERR;
			}
			buf_add(&d->scratch, p[i].s, p[i].len);
			break;
		default:
			d->offs[i] = (size_t)-1;
			continue;
		}
		buf_addc(&d->scratch, '\0');
	}
	if (d->scratch.err) {
		buf_setf(err, "PostgreSQL: 参数过大 (parameters too large)");
		return DB_ERR;
	}
	for (i = 0; i < n; i++)
		d->values[i] = d->offs[i] == (size_t)-1 ? NULL : d->scratch.ptr + d->offs[i];
	return DB_OK;
}

/* Makes room in the statement cache for one more. DEALLOCATE is not undone by
 * a rollback, so the cache stays true to the server even inside a transaction. */
static int pg_cache_make_room(struct pg_db *d, struct buf *err)
{
	if (d->nprepared < PG_CACHE_MAX)
		return DB_OK;
	if (pg_command(d, "DEALLOCATE ALL", err))
		return DB_ERR;
	pg_cache_clear(d);
	return DB_OK;
}

/* Prepares sql unless cached, then runs it with d->values; *res gets the
 * result (even a failed one, for the caller to free) and *again what could be
 * done about a failure. */
static int pg_run(struct pg_db *d, const char *sql, int nparams, PGresult **res,
		  enum pg_again *again, struct buf *err)
{
	unsigned long h = pg_hash(sql);
	struct pg_stmt *st = pg_cache_find(d, sql, h);
	const char *state;
	char name[sizeof(st->name)];
	int n, ret = DB_ERR;

	*again = PG_AGAIN_NO;
	if (!st) {
		if (pg_cache_make_room(d, err)) {
			if (PQstatus(d->conn) == CONNECTION_BAD)
				*again = PG_AGAIN_RECONNECT;
			goto out;
		}
		n = pg_renumber(sql, &d->sqlbuf);
		if (d->sqlbuf.err) {
			buf_setf(err, "PostgreSQL: SQL 过长 (statement too long)");
			goto out;
		}
		if (n != nparams) {
			buf_setf(err, "PostgreSQL: %d parameters bound, %d expected", nparams, n);
			goto out;
		}
		/* the entry is added only once the server holds the statement */
		snprintf(name, sizeof(name), "s%llu", ++d->nextid);
		*res = PQprepare(d->conn, name, d->sqlbuf.ptr, n, NULL);
		if (PQresultStatus(*res) != PGRES_COMMAND_OK) {
			ret = pg_error(d, *res, "", err);
			if (pg_conn_lost(d, *res))
				*again = PG_AGAIN_RECONNECT;
			goto out;
		}
		PQclear(*res);
		*res = NULL;
		st = pg_cache_add(d, sql, h, n, name);
	} else if (st->nparams != nparams) {
		buf_setf(err, "PostgreSQL: %d parameters bound, %d expected", nparams,
			 st->nparams);
		goto out;
	}
	*res = PQexecPrepared(d->conn, st->name, nparams, d->values, NULL, NULL, 0);
	switch (PQresultStatus(*res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		ret = DB_OK;
		goto out;
	default:
		break;
	}
	ret = pg_error(d, *res, "", err);
	state = PQresultErrorField(*res, PG_DIAG_SQLSTATE);
	if (pg_conn_lost(d, *res)) {
		*again = PG_AGAIN_RECONNECT;
	} else if (state && !strcmp(state, "0A000")) {
		/* "cached plan must not change result type": a migration altered
		 * a table under this statement; prepare it afresh next time */
		pg_cache_forget(d, st);
		*again = PG_AGAIN_REPREPARE;
	}
out:
	return ret;
}

/* Copies a result into the arena: one array of names, one of cells, and one
 * block for all the cell text. */
static void pg_materialize(const PGresult *res, struct arena *a, struct db_result *out)
{
	int ncols = PQnfields(res), nrows = PQntuples(res), r, c;
	size_t total = 1, len;
	char *p;

	out->ncols = ncols;
	out->nrows = (size_t)nrows;
	out->names = arena_alloc(a, sizeof(char *) * ((size_t)ncols + 1));
	for (c = 0; c < ncols; c++)
		out->names[c] = arena_strdup(a, PQfname(res, c));
	out->cells = arena_alloc(a, sizeof(char *) * ((size_t)nrows * (size_t)ncols + 1));
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++)
			if (!PQgetisnull(res, r, c))
				total += (size_t)PQgetlength(res, r, c) + 1;
	p = arena_alloc(a, total);
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (PQgetisnull(res, r, c))
				continue; /* the cell stays NULL */
			len = (size_t)PQgetlength(res, r, c);
			memcpy(p, PQgetvalue(res, r, c), len);
			p[len] = '\0';
			out->cells[(size_t)r * (size_t)ncols + (size_t)c] = p;
			p += len + 1;
		}
	}
}

static int pg_query(struct db *db, struct arena *a, const char *sql,
		    const struct db_param *params, int nparams,
		    struct db_result *out, struct buf *err)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res = NULL;
	enum pg_again again;
	int ret = DB_ERR, tries;

	if (out)
		memset(out, 0, sizeof(*out));
	if (pg_ensure_conn(d, err) || pg_bind(d, params, nparams, err))
		goto out;
	/* One more try when no transaction is open. Usually the session died
	 * while idle and the server never saw the statement; if it died in the
	 * middle of one, an autocommit write may run twice, which is why writes
	 * belong in transactions, where nothing is retried. */
	for (tries = 0;; tries++) {
		ret = pg_run(d, sql, nparams, &res, &again, err);
		if (ret == DB_OK || tries || d->base.in_tx || again == PG_AGAIN_NO)
			break;
		PQclear(res);
		res = NULL;
		if (again == PG_AGAIN_RECONNECT && pg_reconnect(d, err)) {
			ret = DB_ERR;
			break;
		}
	}
	if (ret == DB_OK && out)
		pg_materialize(res, a, out);
out:
	PQclear(res);
	if (d->scratch.cap > PG_SCRATCH_KEEP)
		buf_release(&d->scratch);
	return ret;
}

static int pg_begin(struct db *db, int write, struct buf *err)
{
	struct pg_db *d = (struct pg_db *)db;
	int ret = DB_ERR;

	if (d->base.in_tx) {
		buf_setf(err, "PostgreSQL: 事务已开始 (nested BEGIN)");
		goto out;
	}
	if (pg_ensure_conn(d, err))
		goto out;
	/* The level is spelled out so that a server whose default is
	 * SERIALIZABLE does not hand us serialization failures nobody retries;
	 * writers lock rows with SELECT … FOR UPDATE instead. BEGIN runs
	 * nothing, so it is safe to repeat after a reconnect. */
	ret = pg_command(d, "BEGIN ISOLATION LEVEL READ COMMITTED", err);
	if (ret && PQstatus(d->conn) == CONNECTION_BAD && !pg_reconnect(d, err))
		ret = pg_command(d, "BEGIN ISOLATION LEVEL READ COMMITTED", err);
	if (ret == DB_OK)
		d->base.in_tx = 1;
out:
	return ret;
}

static int pg_commit(struct db *db, struct buf *err)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res = PQexec(d->conn, "COMMIT");
	int ret = DB_ERR;

	/* whatever happens the transaction is over: a failed COMMIT rolls back */
	d->base.in_tx = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		/* class 23 here is a deferred constraint */
		ret = pg_error(d, res, pg_conn_lost(d, res) ? "提交时连接断开，结果未知: " : "",
			       err);
		goto out;
	}
	/* COMMIT of a transaction an earlier error aborted "succeeds" and
	 * reports ROLLBACK; the caller must not believe its writes landed */
	if (!strcmp(PQcmdStatus(res), "ROLLBACK")) {
		buf_setf(err, "PostgreSQL: 事务因先前的错误已回滚 "
			      "(transaction was aborted and rolled back)");
		goto out;
	}
	ret = DB_OK;
out:
	PQclear(res);
	return ret;
}

static void pg_rollback(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;

	/* errors ignored: on a dead connection the server has rolled back */
	if (PQstatus(d->conn) == CONNECTION_OK)
		PQclear(PQexec(d->conn, "ROLLBACK"));
	d->base.in_tx = 0;
}

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.query = pg_query,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.backup = NULL,  /* pg_dump is the tool for that */
	.restore = NULL, /* and pg_restore */
};
