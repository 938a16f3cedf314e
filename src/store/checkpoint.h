/* checkpoint: a server's SQLite WAL is copied back into the database file by a
 * thread of its own, never inside a commit.
 *
 * SQLite checkpoints by default in whichever connection commits when the WAL
 * passes 1,000 pages; under jiceng's process-wide write mutex that made every
 * other writer wait for the copy (≈ 300 ms behind a large import). With the
 * checkpointer on, connections only note the WAL's size and a thread with its
 * own connection runs PASSIVE checkpoints, which wait for no reader or writer.
 * Only `jiceng serve` turns it on: short-lived commands keep SQLite's
 * checkpoint at close, which leaves a single database file behind them. */
#ifndef JICENG_CHECKPOINT_H
#define JICENG_CHECKPOINT_H

#include <sqlite3.h>

/* Turns the checkpointer on for the SQLite connections opened after it. */
void checkpoint_background(void);

/*
 * For db_sqlite's open: when the checkpointer is on, starts its thread on
 * `path` (once per process) and installs on `h` the WAL hook that wakes it;
 * otherwise leaves `h` with SQLite's own autocheckpoint. Returns SQLITE_OK,
 * or SQLite's error when the thread could not open its connection (the
 * connection keeps checkpointing itself then).
 */
int checkpoint_attach(sqlite3 *h, const char *path);

#endif
