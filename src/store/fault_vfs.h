/* fault_vfs: a SQLite VFS that injects the failures of real disks, for the
 * durability suite (tests/crash/): a full disk or an I/O error at chosen
 * writes, and a power cut at a chosen sync. Inert unless its environment
 * variables are set. */
#ifndef JICENG_FAULT_VFS_H
#define JICENG_FAULT_VFS_H

/*
 * Registers the VFS as SQLite's default when the environment asks for it,
 * else does nothing. Call once, before the first connection opens.
 *
 *   JICENG_FAULT_WRITE_AT=k      the k-th write (counted from 1 across every file
 *                                of the process) fails
 *   JICENG_FAULT_WRITE_EVERY=m   ... and then every m-th write after it
 *   JICENG_FAULT_WRITE_KIND=full|ioerr   SQLITE_FULL (default) or SQLITE_IOERR_WRITE
 *   JICENG_FAULT_POWER_AT=n      at the n-th sync the power fails: every write
 *                                not yet synced is undone (each file goes back to
 *                                what its last sync made durable) and the process
 *                                is killed (SIGKILL) before the sync returns
 *
 * A write or sync of a file opened before the VFS was registered is not seen.
 */
void fault_vfs_install(void);

#endif
