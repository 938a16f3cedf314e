/* village_store: the village module's own statements (see village_store.h). */
#include "modules/village/village_store.h"

#include "domain/date.h"

int village_store_holdings(struct db *db, struct arena *a, long long coop_id, const char *until,
			   struct db_result *out, struct buf *err)
{
	struct db_param p[2] = { db_int(coop_id), db_text(until) };

	return db_query(db, a,
			"SELECT id, person_id, holder_name, shares, kind FROM coop_shares"
			" WHERE coop_id = ? AND deleted_at IS NULL AND (since IS NULL OR since <= ?)"
			" ORDER BY id",
			p, 2, out, err);
}

int village_store_drop_lines(struct db *db, struct arena *a, long long dividend_id,
			     struct buf *err)
{
	char now[DATE_TIME_SIZE];
	struct db_param p[3];

	date_now_rfc3339(now);
	p[0] = db_text(now);
	p[1] = db_text(now);
	p[2] = db_int(dividend_id);
	return db_query(db, a,
			"UPDATE coop_dividend_lines SET deleted_at = ?, updated_at = ?"
			" WHERE dividend_id = ? AND deleted_at IS NULL",
			p, 3, NULL, err);
}

/* The bounds of the period as bound values: every day when not given. */
static void period(struct db_param *p, const char *from, const char *to)
{
	p[0] = db_text(from && to ? from : "0000-00-00");
	p[1] = db_text(from && to ? to : "9999-99-99");
}

int village_store_disclosed(struct db *db, struct arena *a, const char *division,
			    const char *from, const char *to, int limit, struct db_result *out,
			    struct buf *err)
{
	struct db_param p[4];

	p[0] = db_text(division);
	period(p + 1, from, to);
	p[3] = db_int(limit);
	return db_query(db, a,
			"SELECT entry_on, direction, category, amount_fen, project FROM collective_ledger"
			" WHERE deleted_at IS NULL AND status = 'disclosed' AND division_code = ?"
			" AND entry_on BETWEEN ? AND ? ORDER BY entry_on, id LIMIT ?",
			p, 4, out, err);
}

int village_store_disclosed_totals(struct db *db, struct arena *a, const char *division,
				   const char *from, const char *to, struct db_result *out,
				   struct buf *err)
{
	struct db_param p[3];

	p[0] = db_text(division);
	period(p + 1, from, to);
	return db_query(db, a,
			"SELECT direction, category, SUM(amount_fen) FROM collective_ledger"
			" WHERE deleted_at IS NULL AND status = 'disclosed' AND division_code = ?"
			" AND entry_on BETWEEN ? AND ? GROUP BY direction, category"
			" ORDER BY direction DESC, category",
			p, 3, out, err);
}

int village_store_disclosed_years(struct db *db, struct arena *a, const char *division,
				  struct db_result *out, struct buf *err)
{
	struct db_param p = db_text(division);

	return db_query(db, a,
			"SELECT substr(entry_on, 1, 4), direction, SUM(amount_fen) FROM collective_ledger"
			" WHERE deleted_at IS NULL AND status = 'disclosed' AND division_code = ?"
			" GROUP BY substr(entry_on, 1, 4), direction ORDER BY 1 DESC, 2 DESC",
			&p, 1, out, err);
}

int village_store_disclosed_dividends(struct db *db, struct arena *a, const char *division,
				      int year, struct db_result *out, struct buf *err)
{
	struct db_param p[3] = { db_text(division), db_int(year), db_int(year) };

	return db_query(db, a,
			"SELECT c.name, d.year, d.distributable_fen, d.guaranteed_fen_per_share,"
			" d.holdings, d.shares_total, d.guaranteed_total_fen, d.performance_total_fen,"
			" d.status FROM coop_dividends d JOIN coops c ON c.id = d.coop_id"
			" WHERE c.division_code = ? AND c.deleted_at IS NULL AND d.deleted_at IS NULL"
			" AND d.status IN ('approved', 'paid') AND (? = 0 OR d.year = ?)"
			" ORDER BY d.year DESC, d.id",
			p, 3, out, err);
}

int village_store_villages(struct db *db, struct arena *a, const char *lo, const char *hi,
			   struct db_result *out, struct buf *err)
{
	struct db_param p[2] = { db_text(lo), db_text(hi) };

	return db_query(db, a, "SELECT code, short_name FROM divisions WHERE code BETWEEN ? AND ?"
			" AND level = 5 AND substr(code, 10, 3) BETWEEN '200' AND '399' ORDER BY code",
			p, 2, out, err);
}
