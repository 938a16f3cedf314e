/* settings: the security settings every node shares (table settings,
 * migration 0011) — a key and a text value each. */
#ifndef JICENG_SETTINGS_H
#define JICENG_SETTINGS_H

#include "store/db.h"

/* The value of `key` into *value (in `a`): 1 found, 0 not set, -1 error. */
int settings_get(struct db *db, struct arena *a, const char *key, const char **value,
		 struct buf *err);
/* Sets `key` to `value` (creating it), stamped `now` (RFC 3339), in the
 * caller's transaction. 0, or -1 with err set. */
int settings_set(struct db *db, struct arena *a, const char *key, const char *value,
		 const char *now, struct buf *err);

#endif
