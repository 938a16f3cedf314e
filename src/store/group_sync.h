/* group_sync: durable commits that share one fsync. In WAL mode SQLite with
 * synchronous=NORMAL writes a commit's frames to the WAL without syncing it;
 * group_sync_wait() then makes the commit durable before it is acknowledged:
 * the first waiting committer syncs the WAL once for every commit written so
 * far, and the others that committed meanwhile wait for that one sync instead
 * of each paying for its own (group commit; the durability of
 * synchronous=FULL at the cost of one fsync per group, not per request).
 * Each transaction stays its own: a failed request never fails another. */
#ifndef JICENG_GROUP_SYNC_H
#define JICENG_GROUP_SYNC_H

#include <sqlite3.h>

/* Numbers a commit that just returned (call with the write lock still held,
 * so that numbers follow commit order). Answers the commit's number. */
unsigned long long group_sync_committed(void);

/* Returns once commit `seq` is on disk: syncs the WAL of connection `h`
 * through its VFS (xSync of the file SQLite itself uses, so a test VFS sees
 * it) unless another thread's sync already covers `seq`. The connection must
 * be idle (not inside a transaction) and used by the calling thread only.
 * 0, or an SQLite error code when the sync failed (the commit may then be
 * lost on power failure: it must not be acknowledged). */
int group_sync_wait(sqlite3 *h, unsigned long long seq);

#endif
