/* party_store: the queries of park party building that the declarations and
 * list filters cannot say, in the SQL both backends share (`?` placeholders,
 * every value bound). Each takes the connection and the arena of its results. */
#ifndef JICENG_MODULES_PARTY_STORE_H
#define JICENG_MODULES_PARTY_STORE_H

#include "store/db.h"
#include "store/sqlw.h"

/* The person's live party_members row in status active other than
 * `exclude_id`: its id, 0 when none, -1 with err. */
long long party_store_active_member(struct db *db, struct arena *a, long long person_id,
				    long long exclude_id, struct buf *err);

/* A live, still open (no end_on) org_staff row other than `exclude_id` with
 * the same organisation, person, role and enterprise (0 = none): its id, 0
 * when none, -1 with err. */
long long party_store_open_post(struct db *db, struct arena *a, long long org_id,
				long long person_id, const char *role, long long enterprise_id,
				long long exclude_id, struct buf *err);

/* Appends " AND <person_col> attended a live training starting in [from, to]"
 * (training_attendance of trainings, the talent module's ledgers) to `w`;
 * person_col is an expression over the row alias t, from the caller's code. */
void party_store_attended_between(struct sqlw *w, const char *person_col, const char *from,
				  const char *to);

#endif
