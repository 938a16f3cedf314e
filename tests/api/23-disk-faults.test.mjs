// 23 disk faults (SQLite): a disk that is full, or fails with an I/O error, at
// chosen writes (src/store/fault_vfs.c, JICENG_FAULT_WRITE_*). A write that hit
// the fault answers 5xx with the contract's JSON — never 2xx — and leaves
// nothing behind; the server goes on serving; the retry with the same
// Idempotency-Key is applied once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, BACKEND, ADMIN_USER, ADMIN_PASSWORD, idNumber } from './lib.mjs';

const sqliteOnly = { skip: BACKEND !== 'sqlite' && 'the failing disk is a SQLite VFS' };
const VILLAGE = '522726111200';

async function loginThroughFaults(srv) {
  for (let i = 0; i < 20; i++) {
    const c = srv.client();
    const r = await c.login(ADMIN_USER, ADMIN_PASSWORD);
    if (r.status === 200) return c;
    assert.ok(r.status >= 500, `login: ${r.status}`);
  }
  throw new Error('no login through the faults');
}

for (const kind of ['full', 'ioerr']) {
  test(`disk ${kind} at every 400th write: 5xx, never 2xx; nothing half-written; the retry lands once`, sqliteOnly, async () => {
    const srv = await startServer({
      env: { JICENG_FAULT_WRITE_AT: '25', JICENG_FAULT_WRITE_EVERY: '400', JICENG_FAULT_WRITE_KIND: kind },
    });
    try {
      const admin = await loginThroughFaults(srv);
      const failed = [];
      let created = 0;
      for (let i = 0; i < 60; i++) {
        const body = { name: `磁盘${kind}${i}`, division_code: VILLAGE };
        const r = await admin.post('/api/v1/persons', body, { headers: { 'Idempotency-Key': `${kind}-${i}` } });
        if (r.status === 201) {
          created++;
        } else {
          assert.ok(r.status >= 500, `${r.status} ${JSON.stringify(r.body)}`);
          assert.equal(typeof r.body.error.message, 'string');
          failed.push({ body, key: `${kind}-${i}` });
        }
        const h = await admin.get('/healthz');
        assert.ok(h.status === 200, 'the server goes on serving');
      }
      assert.ok(failed.length > 0, 'some writes hit the fault');
      assert.ok(created > 0);
      for (const f of failed) {
        let r;
        for (let t = 0; t < 10 && !(r && r.status === 201); t++) {
          r = await admin.post('/api/v1/persons', f.body, { headers: { 'Idempotency-Key': f.key } });
        }
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      const counts = (await srv.sql(`SELECT name, count(*) FROM persons WHERE name LIKE '磁盘${kind}%' GROUP BY name`))
        .split('\n').filter(Boolean).map((l) => l.split('|'));
      assert.equal(counts.length, 60, 'every person once');
      assert.ok(counts.every(([, n]) => n === '1'), JSON.stringify(counts.filter(([, n]) => n !== '1')));
      assert.equal((await srv.sql('PRAGMA integrity_check')).trim(), 'ok');
      console.log(`# disk ${kind}: ${failed.length} of 60 creates hit the fault (5xx), all applied once on retry`);
    } finally {
      await srv.stop();
    }
  });
}

// SQLite has one writer, so a long import commits in batches (500 rows or 20 ms, src/api/import.c)
// and a login waits for one batch, not for the whole file. A fault after the first batches: 500,
// the answer names the rows already in (whole batches, never part of one), and the same file
// imported again by 身份证号 adds the rest, each person once.
test('a disk fault in a long import: the committed batches are named, the same file again completes it', sqliteOnly, async () => {
  const srv = await startServer({
    env: { JICENG_FAULT_WRITE_AT: '1500', JICENG_FAULT_WRITE_EVERY: '100000000', JICENG_FAULT_WRITE_KIND: 'ioerr' },
  });
  try {
    const admin = srv.client();
    assert.equal((await admin.login(ADMIN_USER, ADMIN_PASSWORD)).status, 200);
    const rows = 3000;
    let csv = '姓名,身份证号,所在地区\n';
    for (let i = 0; i < rows; i++) {
      const birth = `${1970 + (i % 30)}${String(Math.floor(i / 30) % 12 + 1).padStart(2, '0')}${String(Math.floor(i / 360) + 1).padStart(2, '0')}`;
      csv += `批次${i},${idNumber('522726', birth, '123')},${VILLAGE}\n`;
    }
    const body = Buffer.from(csv);
    const headers = { headers: { 'Content-Type': 'text/csv' } };
    const first = await admin.post('/api/v1/persons/import?format=csv&match=key', body, headers);
    assert.equal(first.status, 500, JSON.stringify(first.body).slice(0, 300));
    const e = first.body.error;
    assert.ok(e.committed_rows > 0 && e.committed_rows < rows, JSON.stringify(e));
    assert.equal(e.committed_through_row, e.committed_rows + 1, 'the header is line 1');
    assert.match(e.message, new RegExp(`第 ${e.committed_through_row} 行及以前的 ${e.committed_rows} 行已导入，修正后重新导入同一文件即可补齐`));
    const count = async () => Number((await srv.sql("SELECT count(*) FROM persons WHERE name LIKE '批次%'")).trim());
    assert.equal(await count(), e.committed_rows, 'whole batches are in, nothing of the failed one');

    const again = await admin.post('/api/v1/persons/import?format=csv&match=key', body, headers);
    assert.equal(again.status, 200, JSON.stringify(again.body).slice(0, 300));
    assert.equal(again.body.inserted, rows - e.committed_rows);
    assert.equal(again.body.unchanged, e.committed_rows);
    assert.equal(await count(), rows, 'each person once');
    assert.equal((await srv.sql('PRAGMA integrity_check')).trim(), 'ok');
  } finally {
    await srv.stop();
  }
});
