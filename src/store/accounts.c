/* accounts: statements behind authentication; every value is bound. */
#include "store/accounts.h"

#include <stdlib.h>
#include <string.h>

#define USER_COLS "u.id, u.username, u.display_name, u.role, u.scope_division, u.status," \
	" u.password_hash, u.scope_org_id, u.enterprise_id, u.pii_access," \
	" (SELECT o.path FROM orgs o WHERE o.id = u.scope_org_id)," \
	" u.totp_enabled, u.totp_required, u.totp_secret_enc, u.totp_pending_enc"
#define USER_NCOLS 15 /* the columns of USER_COLS: what follows starts here */

static long long to_ll(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

static void fill_account(const struct db_result *r, struct account *out)
{
	out->id = to_ll(db_cell(r, 0, 0));
	out->username = db_cell(r, 0, 1);
	out->display_name = db_cell(r, 0, 2);
	out->role = db_cell(r, 0, 3);
	out->scope_division = db_cell(r, 0, 4);
	out->status = db_cell(r, 0, 5);
	out->password_hash = db_cell(r, 0, 6);
	out->scope_org_id = to_ll(db_cell(r, 0, 7));
	out->enterprise_id = to_ll(db_cell(r, 0, 8));
	out->pii = (int)to_ll(db_cell(r, 0, 9));
	out->org_path = db_cell(r, 0, 10);
	out->totp_enabled = (int)to_ll(db_cell(r, 0, 11));
	out->totp_required = (int)to_ll(db_cell(r, 0, 12));
	out->totp_secret_enc = db_cell(r, 0, 13);
	out->totp_pending_enc = db_cell(r, 0, 14);
}

static int one_account(struct db *db, struct arena *a, const char *sql, struct db_param p,
		       struct account *out, struct buf *err)
{
	struct db_result r;

	if (db_query(db, a, sql, &p, 1, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	fill_account(&r, out);
	return 1;
}

int accounts_by_username(struct db *db, struct arena *a, const char *username,
			 struct account *out, struct buf *err)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users u"
				  " WHERE u.username = ? AND u.deleted_at IS NULL";

	return one_account(db, a, sql, db_text(username), out, err);
}

int accounts_by_id(struct db *db, struct arena *a, long long id, struct account *out,
		   struct buf *err)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users u"
				  " WHERE u.id = ? AND u.deleted_at IS NULL";

	return one_account(db, a, sql, db_int(id), out, err);
}

int accounts_set_password(struct db *db, struct arena *a, long long id, const char *hash,
			  const char *now, struct buf *err)
{
	static const char sql[] = "UPDATE users SET password_hash = ?, updated_at = ?,"
				  " version = version + 1 WHERE id = ?";
	struct db_param p[3] = { db_text(hash), db_text(now), db_int(id) };

	return db_query(db, a, sql, p, 3, NULL, err);
}

int accounts_session_create(struct db *db, struct arena *a, const char *token_hash,
			    long long user_id, const char *csrf, const char *now,
			    const char *expires, const char *ip, int setup_only, long long *id,
			    struct buf *err)
{
	static const char sql[] =
		"INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at,"
		" expires_at, ip, setup_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	struct db_param p[8] = { db_text(token_hash), db_int(user_id), db_text(csrf),
				 db_text(now), db_text(now), db_text(expires), db_text(ip),
				 db_int(setup_only) };
	struct db_result r;

	if (db_query(db, a, sql, p, 8, &r, err))
		return -1;
	*id = r.nrows ? to_ll(db_cell(&r, 0, 0)) : 0;
	return 0;
}

int accounts_session_lookup(struct db *db, struct arena *a, const char *token_hash,
			    const char *now, const char *idle_cutoff, struct account *out,
			    struct buf *err)
{
	static const char sql[] =
		"SELECT " USER_COLS ", s.id, s.csrf, s.last_seen_at, s.setup_only FROM sessions s"
		" JOIN users u ON u.id = s.user_id"
		" WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ?"
		" AND s.last_seen_at > ? AND u.deleted_at IS NULL";
	struct db_param p[3] = { db_text(token_hash), db_text(now), db_text(idle_cutoff) };
	struct db_result r;

	if (db_query(db, a, sql, p, 3, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	fill_account(&r, out);
	out->session_id = to_ll(db_cell(&r, 0, USER_NCOLS));
	out->csrf = db_cell(&r, 0, USER_NCOLS + 1);
	out->last_seen_at = db_cell(&r, 0, USER_NCOLS + 2);
	out->setup_only = (int)to_ll(db_cell(&r, 0, USER_NCOLS + 3));
	return 1;
}

int accounts_session_touch(struct db *db, struct arena *a, long long id, const char *now,
			   struct buf *err)
{
	struct db_param p[2] = { db_text(now), db_int(id) };

	return db_query(db, a, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", p, 2, NULL,
			err);
}

int accounts_session_revoke(struct db *db, struct arena *a, long long id, struct buf *err)
{
	struct db_param p = db_int(id);

	return db_query(db, a, "UPDATE sessions SET revoked = 1 WHERE id = ?", &p, 1, NULL, err);
}

int accounts_session_revoke_token(struct db *db, struct arena *a, const char *token_hash,
				  struct buf *err)
{
	struct db_param p = db_text(token_hash);

	return db_query(db, a, "UPDATE sessions SET revoked = 1 WHERE token_hash = ?", &p, 1, NULL,
			err);
}

int accounts_sessions_revoke_user(struct db *db, struct arena *a, long long user_id,
				  long long keep_id, struct buf *err)
{
	struct db_param p[2] = { db_int(user_id), db_int(keep_id) };

	return db_query(db, a, "UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id <> ?",
			p, 2, NULL, err);
}

int accounts_session_setup_done(struct db *db, struct arena *a, long long id, struct buf *err)
{
	struct db_param p = db_int(id);

	return db_query(db, a, "UPDATE sessions SET setup_only = 0 WHERE id = ?", &p, 1, NULL,
			err);
}

/* Runs an UPDATE … RETURNING id: 1 when it changed the row, 0 when not, -1 error. */
static int update_one(struct db *db, struct arena *a, const char *sql, struct db_param *p,
		      int n, struct buf *err)
{
	struct db_result r;

	if (db_query(db, a, sql, p, n, &r, err))
		return -1;
	return r.nrows ? 1 : 0;
}

int accounts_totp_set_pending(struct db *db, struct arena *a, long long id,
			      const char *secret_enc, struct buf *err)
{
	struct db_param p[2] = { db_text(secret_enc), db_int(id) };

	return db_query(db, a, "UPDATE users SET totp_pending_enc = ? WHERE id = ?", p, 2, NULL,
			err);
}

int accounts_totp_enable(struct db *db, struct arena *a, long long id, const char *secret_enc,
			 long long step, struct buf *err)
{
	static const char sql[] =
		"UPDATE users SET totp_secret_enc = ?, totp_pending_enc = NULL, totp_enabled = 1,"
		" totp_last_step = ? WHERE id = ?";
	struct db_param p[3] = { db_text(secret_enc), step ? db_int(step) : db_null(), db_int(id) };

	return db_query(db, a, sql, p, 3, NULL, err);
}

int accounts_totp_clear(struct db *db, struct arena *a, long long id, struct buf *err)
{
	static const char sql[] =
		"UPDATE users SET totp_secret_enc = NULL, totp_pending_enc = NULL, totp_enabled = 0,"
		" totp_last_step = NULL WHERE id = ?";
	struct db_param p = db_int(id);

	return db_query(db, a, sql, &p, 1, NULL, err);
}

int accounts_totp_use_step(struct db *db, struct arena *a, long long id, long long step,
			   struct buf *err)
{
	static const char sql[] =
		"UPDATE users SET totp_last_step = ? WHERE id = ?"
		" AND (totp_last_step IS NULL OR totp_last_step < ?) RETURNING id";
	struct db_param p[3] = { db_int(step), db_int(id), db_int(step) };

	return update_one(db, a, sql, p, 3, err);
}

int accounts_sessions_revoke_without_totp(struct db *db, struct arena *a, const char *role,
					  struct buf *err)
{
	static const char sql[] =
		"UPDATE sessions SET revoked = 1 WHERE revoked = 0 AND user_id IN"
		" (SELECT id FROM users WHERE role = ? AND totp_enabled = 0)";
	struct db_param p = db_text(role);

	return db_query(db, a, sql, &p, 1, NULL, err);
}

long long accounts_count_active(struct db *db, struct arena *a, const char *role,
				struct buf *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM users WHERE role = ? AND status = ?"
				  " AND deleted_at IS NULL";
	struct db_param p[2] = { db_text(role), db_text("active") };
	struct db_result r;

	if (db_query(db, a, sql, p, 2, &r, err))
		return -1;
	return r.nrows ? to_ll(db_cell(&r, 0, 0)) : 0;
}

int accounts_ids_of_role(struct db *db, struct arena *a, const char *role, long long **ids,
			 size_t *n, struct buf *err)
{
	static const char sql[] = "SELECT id FROM users WHERE role = ? AND deleted_at IS NULL"
				  " ORDER BY id";
	struct db_param p = db_text(role);
	struct db_result r;
	size_t i;

	*ids = NULL;
	*n = 0;
	if (db_query(db, a, sql, &p, 1, &r, err))
		return -1;
	*ids = arena_alloc(a, sizeof(**ids) * (r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		(*ids)[i] = to_ll(db_cell(&r, i, 0));
	*n = r.nrows;
	return 0;
}

int accounts_token_account(struct db *db, struct arena *a, const char *token_hash,
			   struct account *out, struct buf *err)
{
	static const char sql[] = "SELECT " USER_COLS ", k.id, k.last_used_at FROM api_tokens k"
				  " JOIN users u ON u.id = k.user_id WHERE k.token_hash = ?"
				  " AND k.revoked_at IS NULL AND u.deleted_at IS NULL";
	struct db_param p = db_text(token_hash);
	struct db_result r;

	if (db_query(db, a, sql, &p, 1, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	fill_account(&r, out);
	out->token_id = to_ll(db_cell(&r, 0, USER_NCOLS));
	out->token_used_at = db_cell(&r, 0, USER_NCOLS + 1);
	return 1;
}

int accounts_token_touch(struct db *db, struct arena *a, long long id, const char *now,
			 struct buf *err)
{
	struct db_param p[2] = { db_text(now), db_int(id) };

	return db_query(db, a, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", p, 2, NULL,
			err);
}

int accounts_token_create(struct db *db, struct arena *a, const char *name, long long user_id,
			  const char *token_hash, const char *now, long long *id,
			  struct buf *err)
{
	struct db_param p[4] = { db_text(name), db_int(user_id), db_text(token_hash), db_text(now) };
	struct db_result r;

	if (db_query(db, a, "INSERT INTO api_tokens (name, user_id, token_hash, created_at)"
			    " VALUES (?, ?, ?, ?) RETURNING id", p, 4, &r, err))
		return -1;
	*id = r.nrows ? to_ll(db_cell(&r, 0, 0)) : 0;
	return 0;
}

int accounts_token_list(struct db *db, struct arena *a, long long user_id,
			struct db_result *out, struct buf *err)
{
	struct db_param p[2] = { db_int(user_id), db_int(user_id) };

	return db_query(db, a,
			"SELECT t.id, t.name, t.user_id, u.username, t.created_at, t.last_used_at"
			" FROM api_tokens t JOIN users u ON u.id = t.user_id"
			" WHERE t.revoked_at IS NULL AND (? = 0 OR t.user_id = ?) ORDER BY t.id",
			p, 2, out, err);
}

int accounts_token_revoke(struct db *db, struct arena *a, long long id, long long user_id,
			  const char *now, struct buf *err)
{
	struct db_param p[4] = { db_text(now), db_int(id), db_int(user_id), db_int(user_id) };
	struct db_result r;

	if (db_query(db, a, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?"
			    " AND revoked_at IS NULL AND (? = 0 OR user_id = ?) RETURNING id",
		     p, 4, &r, err))
		return -1;
	return r.nrows ? 1 : 0;
}

int accounts_throttle_get(struct db *db, struct arena *a, const char *key, struct throttle *out,
			  struct buf *err)
{
	struct db_param p = db_text(key);
	struct db_result r;

	memset(out, 0, sizeof(*out));
	if (db_query(db, a, "SELECT failures, last_failure_at, next_at, locked_at FROM login_throttle"
			    " WHERE key = ?", &p, 1, &r, err))
		return -1;
	if (!r.nrows)
		return 0;
	out->failures = to_ll(db_cell(&r, 0, 0));
	out->last_failure_at = db_cell(&r, 0, 1);
	out->next_at = db_cell(&r, 0, 2);
	out->locked_at = db_cell(&r, 0, 3);
	return 1;
}

int accounts_throttle_set(struct db *db, struct arena *a, const char *key,
			  long long expected_failures, const struct throttle *to, struct buf *err)
{
	struct db_param ins[3] = { db_text(key), db_text(to->last_failure_at), db_text(to->next_at) };
	struct db_param upd[6] = { db_int(to->failures), db_text(to->last_failure_at),
				   db_text(to->next_at), db_text(to->locked_at), db_text(key),
				   db_int(expected_failures) };
	struct db_result r;

	if (db_query(db, a, "INSERT INTO login_throttle (key, failures, last_failure_at, next_at)"
			    " VALUES (?, 0, ?, ?) ON CONFLICT (key) DO NOTHING", ins, 3, NULL, err))
		return -1;
	if (db_query(db, a, "UPDATE login_throttle SET failures = ?, last_failure_at = ?, next_at = ?,"
			    " locked_at = ? WHERE key = ? AND failures = ? RETURNING key",
		     upd, 6, &r, err))
		return -1;
	return r.nrows ? 1 : 0;
}

int accounts_throttle_clear(struct db *db, struct arena *a, const char *key, struct buf *err)
{
	struct db_param p = db_text(key);

	return db_query(db, a, "DELETE FROM login_throttle WHERE key = ?", &p, 1, NULL, err);
}

int accounts_known_address(struct db *db, struct arena *a, long long user_id, const char *ip,
			   struct buf *err)
{
	struct db_param p[2] = { db_int(user_id), db_text(ip) };
	struct db_result r;

	if (db_query(db, a, "SELECT 1 FROM sessions WHERE user_id = ? AND ip = ? LIMIT 1", p, 2,
		     &r, err))
		return -1;
	return r.nrows ? 1 : 0;
}
