/* migrate: applying the embedded migrations and checking a database is current. */
#ifndef JICENG_MIGRATE_H
#define JICENG_MIGRATE_H

#include "store/db.h"

/* Applies every migration newer than the database's, each in its own
 * transaction; prints one line per applied migration to stderr when verbose. */
int migrate_apply(struct db *db, int verbose, struct buf *err);
/* 0 when the database has every migration; -1 with a message telling the
 * operator to run `jiceng migrate` otherwise. */
int migrate_check(struct db *db, struct buf *err);

#endif
