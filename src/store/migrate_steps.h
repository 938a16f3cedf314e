/* migrate_steps: the program steps a migration script may name — work that SQL
 * cannot do, such as encrypting values already stored in clear with the
 * server's key. A script names one on a line of its own,
 *     -- program: <name>
 * and migrate_apply() runs the SQL before that line, then the step, then the
 * SQL after it, all in the migration's one transaction. */
#ifndef JICENG_MIGRATE_STEPS_H
#define JICENG_MIGRATE_STEPS_H

#include "store/db.h"

/* The line that names a step, up to the name. */
#define MIGRATE_STEP_MARK "-- program: "

/*
 * Runs the step called `name` (the text after MIGRATE_STEP_MARK up to the end
 * of its line, `len` bytes) on `db`, inside the caller's transaction. The keys
 * of core/secret.h must be loaded for steps that encrypt. Returns 0, or -1 with
 * err set (an unknown name is an error: the binary and its scripts disagree).
 */
int migrate_step_run(struct db *db, const char *name, size_t len, struct buf *err);

#endif
