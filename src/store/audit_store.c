/* audit_store: the audit table; rows are written in the transaction of the
 * change they describe, so a rolled-back change leaves no audit row. Each row
 * is chained to the one before by a SHA-256 hash (migration 0015) and the
 * chain's head row serialises writers, so that the chain never forks. */
#include "store/audit_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The columns of a row in the order they are hashed. */
#define AUDIT_COLS "id, at, user_id, username, action, entity, entity_id, before, after, ip"
#define AUDIT_NCOLS 10

/* A cell as a JSON value: integers for the id columns (0, 2, 6), text else. */
static json_t *cell_json(const char *v, int col)
{
	if (!v)
		return json_null();
	if (col == 0 || col == 2 || col == 6)
		return json_integer(strtoll(v, NULL, 10));
	return json_string(v);
}

/* hash = hex(SHA-256(prev hash hex ‖ compact JSON array of the row's cells)). */
static void chain_hash(const char *prev, const char *const cells[AUDIT_NCOLS],
		       char out[AUDIT_HASH_HEX_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	json_t *row = json_array();
	char *text;
	int i;

	for (i = 0; i < AUDIT_NCOLS; i++)
		json_array_append_new(row, cell_json(cells[i], i));
	text = json_dumps(row, JSON_COMPACT | JSON_ENSURE_ASCII);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)prev, strlen(prev));
	crypto_hash_sha256_update(&st, (const unsigned char *)text, strlen(text));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, AUDIT_HASH_HEX_SIZE, h, sizeof(h));
	free(text);
	json_decref(row);
}

/* Reads the head, locking it on PostgreSQL (SQLite: the write transaction
 * already excludes other writers). */
static int chain_head(struct db *db, struct arena *a, long long *last_id, const char **last_hash,
		      struct buf *err)
{
	struct db_result r;

	if (db_query(db, a, db_is_pg(db)
		     ? "SELECT last_id, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE"
		     : "SELECT last_id, last_hash FROM audit_chain WHERE id = 1",
		     NULL, 0, &r, err))
		return -1;
	if (!r.nrows) {
		buf_setf(err, "审计日志的哈希链缺少链头（audit_chain）");
		return -1;
	}
	*last_id = strtoll(db_cell(&r, 0, 0), NULL, 10);
	*last_hash = db_cell(&r, 0, 1);
	return 0;
}

static int chain_set_head(struct db *db, struct arena *a, long long id, const char *hash,
			  struct buf *err)
{
	struct db_param p[2] = { db_int(id), db_text(hash) };

	return db_query(db, a, "UPDATE audit_chain SET last_id = ?, last_hash = ? WHERE id = 1",
			p, 2, NULL, err);
}

/* Chains and inserts the rows the transaction queued (db->deferred: a JSON
 * array of rows, each an array of the AUDIT_NCOLS cells as text or null, the
 * id null), just before it commits: the head is locked last and held for a
 * moment only, so writers queue on it without lock-order cycles. */
static int flush(struct db *db, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO audit (id, at, user_id, username, action, entity, entity_id, before,"
		" after, ip, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	json_t *rows = db->deferred, *row;
	struct arena *a = arena_new();
	const char *prev;
	long long last;
	size_t i;
	int ret = -1, c;

	db->deferred = NULL;
	if (chain_head(db, a, &last, &prev, err))
		goto out;
	json_array_foreach(rows, i, row) {
		const char *cells[AUDIT_NCOLS];
		char id[24], hash[AUDIT_HASH_HEX_SIZE];
		struct db_param p[AUDIT_NCOLS + 1];

		snprintf(id, sizeof(id), "%lld", ++last);
		cells[0] = id;
		for (c = 1; c < AUDIT_NCOLS; c++)
			cells[c] = json_string_value(json_array_get(row, (size_t)c));
		chain_hash(prev, cells, hash);
		for (c = 0; c < AUDIT_NCOLS; c++)
			p[c] = cells[c] ? db_text(cells[c]) : db_null();
		p[0] = db_int(last);
		if (cells[2])
			p[2] = db_int(strtoll(cells[2], NULL, 10));
		if (cells[6])
			p[6] = db_int(strtoll(cells[6], NULL, 10));
		p[AUDIT_NCOLS] = db_text(hash);
		if (db_query(db, a, sql, p, AUDIT_NCOLS + 1, NULL, err))
			goto out;
		prev = arena_strdup(a, hash);
	}
	ret = chain_set_head(db, a, last, prev, err);
out:
	json_decref(rows);
	arena_free(a);
	return ret;
}

static void discard(struct db *db)
{
	json_decref(db->deferred);
	db->deferred = NULL;
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

int audit_write(struct db *db, struct arena *a, const struct audit_entry *e, struct buf *err)
{
	char now[21], user_id[24], entity_id[24];
	char *before = e->before ? json_dumps(e->before, JSON_COMPACT) : NULL;
	char *after = e->after ? json_dumps(e->after, JSON_COMPACT) : NULL;
	int own = !db->in_tx, ret = -1;
	json_t *row;

	(void)a;
	if (own && db_begin(db, 1, err))
		goto out;
	date_now_rfc3339(now);
	snprintf(user_id, sizeof(user_id), "%lld", e->user_id);
	snprintf(entity_id, sizeof(entity_id), "%lld", e->entity_id);
	row = json_pack("[n, o, o, o, o, o, o, o, o, o]", text_or_null(now),
			text_or_null(e->user_id ? user_id : NULL), text_or_null(e->username),
			text_or_null(e->action), text_or_null(e->entity),
			text_or_null(e->entity_id ? entity_id : NULL), text_or_null(before),
			text_or_null(after), text_or_null(e->ip));
	if (!db->deferred) {
		db->deferred = json_array();
		db->before_commit = flush;
		db->on_rollback = discard;
	}
	json_array_append_new(db->deferred, row);
	if (own && db_commit(db, err))
		goto out;
	ret = 0;
out:
	free(before);
	free(after);
	return ret;
}

int audit_chain_seal(struct db *db, struct arena *a, struct buf *err)
{
	struct db_result r;
	long long last;
	const char *prev;
	char hash[AUDIT_HASH_HEX_SIZE];
	size_t i;
	int c;

	if (db_begin(db, 1, err))
		return -1;
	if (db_query(db, a, "SELECT " AUDIT_COLS " FROM audit WHERE hash IS NULL ORDER BY id",
		     NULL, 0, &r, err) ||
	    chain_head(db, a, &last, &prev, err))
		goto fail;
	if (!r.nrows) {
		db_rollback(db);
		return 0;
	}
	for (i = 0; i < r.nrows; i++) {
		const char *cells[AUDIT_NCOLS];
		struct db_param p[2];

		for (c = 0; c < AUDIT_NCOLS; c++)
			cells[c] = db_cell(&r, i, c);
		if (strtoll(cells[0], NULL, 10) <= last) {
			buf_setf(err, "审计日志第 %s 行没有哈希，却在链头（第 %lld 行）之前", cells[0],
				 last);
			goto fail;
		}
		chain_hash(prev, cells, hash);
		p[0] = db_text(arena_strdup(a, hash));
		p[1] = db_text(cells[0]);
		if (db_query(db, a, "UPDATE audit SET hash = ? WHERE id = ?", p, 2, NULL, err))
			goto fail;
		prev = p[0].s;
		last = strtoll(cells[0], NULL, 10);
	}
	if (chain_set_head(db, a, last, prev, err) || db_commit(db, err))
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int audit_verify(struct db *db, struct arena *a, struct audit_verdict *v, struct buf *err)
{
	struct db_result r;
	const char *head_hash = GENESIS, *prev = GENESIS;
	long long head_id = 0, expect = 1, before_id = 0;
	char hash[AUDIT_HASH_HEX_SIZE];
	int c;

	memset(v, 0, sizeof(*v));
	if (chain_head(db, a, &head_id, &head_hash, err))
		return -1;
	/* pages of rows in id order, so that a long trail needs little memory */
	for (;;) {
		struct arena *page = arena_new();
		struct db_param p = db_int(before_id);
		size_t i;

		if (db_query(db, page, "SELECT " AUDIT_COLS ", hash FROM audit WHERE id > ?"
				       " ORDER BY id LIMIT 1000", &p, 1, &r, err)) {
			arena_free(page);
			return -1;
		}
		for (i = 0; i < r.nrows && !v->bad_id; i++) {
			const char *cells[AUDIT_NCOLS], *stored = db_cell(&r, i, AUDIT_NCOLS);
			long long id = strtoll(db_cell(&r, i, 0), NULL, 10);

			for (c = 0; c < AUDIT_NCOLS; c++)
				cells[c] = db_cell(&r, i, c);
			chain_hash(prev, cells, hash);
			if (!stored || strcmp(stored, hash)) {
				/* rows are numbered one after another since 0015; a gap
				 * before a row that no longer chains is a removed row */
				v->bad_id = id > expect ? expect : id;
				v->problem = id > expect ? AUDIT_MISSING : AUDIT_CHANGED;
				break;
			}
			prev = arena_strdup(a, hash);
			v->rows++;
			expect = id + 1;
			before_id = id;
		}
		arena_free(page);
		if (v->bad_id || r.nrows < 1000)
			break;
	}
	if (!v->bad_id && (before_id != head_id || strcmp(prev, head_hash))) {
		/* rows removed from the end: the head still names the last one */
		v->bad_id = before_id < head_id ? before_id + 1 : head_id;
		v->problem = before_id < head_id ? AUDIT_MISSING : AUDIT_CHANGED;
	}
	return 0;
}

int audit_list(struct db *db, struct arena *a, const struct audit_query *q,
	       struct db_result *out, struct buf *err)
{
	static const char sql[] =
		"SELECT id, at, user_id, username, action, entity, entity_id, before, after, ip,"
		" (SELECT u.display_name FROM users u WHERE u.id = audit.user_id)"
		" FROM audit WHERE (? = '' OR entity = ?) AND (? = 0 OR entity_id = ?)"
		" AND (? = 0 OR user_id = ?) AND at >= ? AND at <= ? AND id < ?"
		" ORDER BY id DESC LIMIT ?";
	const char *entity = q->entity ? q->entity : "";
	struct db_param p[10] = {
		db_text(entity), db_text(entity), db_int(q->entity_id), db_int(q->entity_id),
		db_int(q->user_id), db_int(q->user_id),
		db_text(q->from ? q->from : ""), db_text(q->to ? q->to : "9999"),
		db_int(q->before_id ? q->before_id : 0x7fffffffffffffffLL), db_int(q->limit),
	};

	return db_query(db, a, sql, p, 10, out, err);
}
