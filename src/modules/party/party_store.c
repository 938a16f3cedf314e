/* party_store: see party_store.h. */
#include "modules/party/party_store.h"

#include <stdlib.h>

long long party_store_active_member(struct db *db, struct arena *a, long long person_id,
				    long long exclude_id, struct buf *err)
{
	struct db_param p[2] = { db_int(person_id), db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM party_members WHERE person_id = ? AND id <> ?"
			       " AND deleted_at IS NULL AND status = 'active' ORDER BY id LIMIT 1",
			       p, 2, err);
}

long long party_store_open_post(struct db *db, struct arena *a, long long org_id,
				long long person_id, const char *role, long long enterprise_id,
				long long exclude_id, struct buf *err)
{
	struct db_param p[5] = { db_int(org_id), db_int(person_id), db_text(role),
				 db_int(enterprise_id), db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM org_staff WHERE org_id = ? AND person_id = ?"
			       " AND role = ? AND COALESCE(enterprise_id, 0) = ? AND id <> ?"
			       " AND end_on IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1",
			       p, 5, err);
}

void party_store_attended_between(struct sqlw *w, const char *person_col, const char *from,
				  const char *to)
{
	sqlw_addf(w, " AND EXISTS (SELECT 1 FROM training_attendance pa, trainings pt"
		     " WHERE pa.person_id = %s AND pt.id = pa.training_id"
		     " AND pa.deleted_at IS NULL AND pt.deleted_at IS NULL AND pt.start_on >= ",
		  person_col);
	sqlw_param(w, db_text(from));
	sqlw_add(w, " AND pt.start_on <= ");
	sqlw_param(w, db_text(to));
	sqlw_add(w, ")");
}
