// 24 backup and restore: `jiceng backup FILE` while clients write (SQLite's
// online backup), then `jiceng restore FILE` into a fresh database: integrity
// ok, every table's rows equal to the backup's, everything acknowledged before
// the backup began is in it, and the restored database serves with the old
// key file. PostgreSQL points to pg_dump / pg_restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, run, BIN, BACKEND } from './lib.mjs';
import { startLoad } from '../crash/load.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sqlite = (file, sql) => run('sqlite3', ['-batch', '-noheader', file, sql], { env: { ...process.env } });

async function counts(file) {
  const t = await sqlite(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  assert.equal(t.code, 0, t.stderr);
  const names = t.stdout.split('\n').filter(Boolean);
  const c = await sqlite(file, names.map((n) => `SELECT '${n}', count(*) FROM "${n}";`).join(' '));
  assert.equal(c.code, 0, c.stderr);
  return c.stdout.trim();
}

test('backup under write load, restore into a fresh database: integrity ok, rows equal', { skip: BACKEND !== 'sqlite' && 'SQLite only' }, async () => {
  const srv = await startServer();
  try {
    const load = await startLoad(srv);
    await sleep(1500);
    const before = load.acknowledgedPersons();
    const file = path.join(srv.dir, 'backup.db');
    const b = await srv.cli(['backup', file]);
    assert.equal(b.code, 0, b.stderr);
    await sleep(500);
    await load.stop();
    const live = await load.verify();
    assert.deepEqual([live.lost, live.duplicated, live.halfApplied], [0, 0, 0], live.problems.join('\n'));

    const fresh = path.join(srv.dir, 'restored.db');
    const r = await run(BIN, ['restore', file, '--db', `sqlite:${fresh}`, '--key-file', srv.keyFile]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /完整性检查通过/);
    assert.equal((await sqlite(fresh, 'PRAGMA integrity_check')).stdout.trim(), 'ok');
    assert.equal(await counts(fresh), await counts(file), 'every table has the backup\'s rows');
    const names = new Set((await sqlite(fresh, "SELECT name FROM persons WHERE name LIKE '压测%'")).stdout.split('\n').filter(Boolean));
    assert.ok(before.length > 0);
    for (const n of before) assert.ok(names.has(n), `${n}, acknowledged before the backup began, is in it`);
    const halves = await sqlite(fresh, "SELECT count(*) FROM tickets t WHERE t.urge_count <> (SELECT count(*) FROM events e WHERE e.entity = 'tickets' AND e.entity_id = t.id AND e.action = 'urge')");
    assert.equal(halves.stdout.trim(), '0', 'no half-applied action in the backup');

    const exp = await run(BIN, ['export', 'persons', '--format', 'csv', '--db', `sqlite:${fresh}`, '--key-file', srv.keyFile]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.match(exp.stdout, /压测/);

    const again = await run(BIN, ['restore', file, '--db', `sqlite:${fresh}`, '--key-file', srv.keyFile]);
    assert.notEqual(again.code, 0, 'a restore never overwrites a database');
    assert.match(again.stderr, /不是空的/);
    const bad = path.join(srv.dir, 'bad.db');
    fs.writeFileSync(bad, 'not a database');
    const worse = await run(BIN, ['restore', bad, '--db', `sqlite:${path.join(srv.dir, 'other.db')}`, '--key-file', srv.keyFile]);
    assert.notEqual(worse.code, 0);
    console.log(`# backup under load: ${before.length} persons acknowledged before it, tables: ${(await counts(fresh)).split('\n').length}`);
  } finally {
    await srv.stop();
  }
});

test('PostgreSQL: backup and restore point to pg_dump and pg_restore', { skip: BACKEND !== 'postgresql' && 'PostgreSQL only' }, async () => {
  const srv = await startServer();
  try {
    const b = await srv.cli(['backup', path.join(srv.dir, 'x.dump')]);
    assert.notEqual(b.code, 0);
    assert.match(b.stderr, /pg_dump/);
    const r = await srv.cli(['restore', path.join(srv.dir, 'x.dump')]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pg_restore/);
  } finally {
    await srv.stop();
  }
});
