// 22 audit chain: audit rows are append-only (a trigger refuses UPDATE and
// DELETE) and hash-chained; `jiceng audit verify` walks the chain and names
// the first row changed or removed behind the trigger's back, and concurrent
// writers never fork the chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  for (let i = 0; i < 5; i++) {
    const r = await admin.post('/api/v1/persons', { name: `审计${i}`, division_code: '522726111200' });
    assert.equal(r.status, 201);
  }
});

after(async () => {
  await srv?.stop();
});

const verify = () => srv.cli(['audit', 'verify']);
const rows = async () => Number((await srv.sql('SELECT COUNT(*) FROM audit')).trim());

// Runs SQL with the append-only triggers out of the way, as someone with the
// database's files or its owner's password could.
async function behindTriggers(sql, server = srv) {
  if (server.backend === 'sqlite') {
    await server.sql(`DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; ${sql};`);
  } else {
    await server.sql(`BEGIN; ALTER TABLE audit DISABLE TRIGGER audit_append_only; ${sql};`
      + ' ALTER TABLE audit ENABLE TRIGGER audit_append_only; COMMIT;');
  }
}

test('an intact trail verifies, with its row count', async () => {
  const n = await rows();
  assert.ok(n >= 6, `rows: ${n}`); // the login and five creates
  const r = await verify();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`审计日志完整：${n} 条`));
});

test('concurrent writers queue on the chain instead of forking it', async () => {
  const others = await Promise.all([1, 2, 3].map(() => srv.login()));
  const writes = [];
  for (let i = 0; i < 30; i++) {
    const c = others[i % others.length];
    writes.push(c.post('/api/v1/persons', { name: `并发${i}`, division_code: '522726111200' }));
  }
  for (const r of await Promise.all(writes)) assert.equal(r.status, 201);
  const r = await verify();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`审计日志完整：${await rows()} 条`));
});

test('UPDATE and DELETE of an audit row are refused by the database', async () => {
  await assert.rejects(srv.sql("UPDATE audit SET username = 'x' WHERE id = 2"), /只能追加/);
  await assert.rejects(srv.sql('DELETE FROM audit WHERE id = 2'), /只能追加/);
  const r = await verify();
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a row changed behind the trigger is named', async () => {
  await behindTriggers("UPDATE audit SET username = 'someone' WHERE id = 3");
  const r = await verify();
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /第 3 条被改动/);
});

test('a row removed from the middle or the end is named', async () => {
  const s2 = await startServer();
  try {
    const a = await s2.login();
    for (let i = 0; i < 4; i++) await a.post('/api/v1/persons', { name: `删行${i}`, division_code: '522726111200' });
    const last = Number((await s2.sql('SELECT MAX(id) FROM audit')).trim());
    const drop = (id) => behindTriggers(`DELETE FROM audit WHERE id = ${id}`, s2);
    await drop(last);
    let r = await s2.cli(['audit', 'verify']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`第 ${last} 条被删除`));
    await drop(2);
    r = await s2.cli(['audit', 'verify']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /第 2 条被删除/);
  } finally {
    await s2.stop();
  }
});

test('rows written before the chain existed are chained by the next migrate', async () => {
  const s3 = await startServer();
  try {
    const a = await s3.login();
    for (let i = 0; i < 3; i++) await a.post('/api/v1/persons', { name: `旧行${i}`, division_code: '522726111200' });
    // the trail as a database from before migration 0015 had it: no hashes, no head
    await behindTriggers("UPDATE audit SET hash = NULL; UPDATE audit_chain SET last_id = 0, last_hash = '"
      + '0'.repeat(64) + "'", s3);
    const n = Number((await s3.sql('SELECT COUNT(*) FROM audit WHERE hash IS NULL')).trim());
    assert.ok(n >= 4, `unhashed rows: ${n}`);
    const m = await s3.cli(['migrate']);
    assert.equal(m.code, 0, m.stderr);
    const r = await s3.cli(['audit', 'verify']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`审计日志完整：${n} 条`));
  } finally {
    await s3.stop();
  }
});

test('an import and single writes at once all succeed and keep one chain', async () => {
  const s4 = await startServer();
  try {
    const a = await s4.login();
    const places = ['522726111200', '522726111214', '522726111215', '522726108204'];
    let csv = '姓名,所在地区\n';
    for (let i = 0; i < 200; i++) csv += `批量${i},${places[i % places.length]}\n`;
    const others = await Promise.all([1, 2, 3].map(() => s4.login()));
    const imp = a.post('/api/v1/persons/import?format=csv', csv, { headers: { 'Content-Type': 'text/csv' } });
    const singles = [];
    for (let i = 0; i < 24; i++) {
      singles.push(others[i % 3].post('/api/v1/persons', { name: `单笔${i}`, division_code: places[places.length - 1 - (i % places.length)] }));
    }
    const [ri, ...rs] = await Promise.all([imp, ...singles]);
    assert.equal(ri.status, 200, JSON.stringify(ri.body));
    for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
    const v = await s4.cli(['audit', 'verify']);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  } finally {
    await s4.stop();
  }
});
