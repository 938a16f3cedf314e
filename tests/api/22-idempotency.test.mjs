// 22 idempotency: a mutation sent with an Idempotency-Key and retried gets the
// first answer again (Idempotent-Replayed: true) and writes nothing; the same
// key with another request is refused (422); a malformed key is 400; keys are
// per caller; concurrent twins make one write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, createUser } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const VILLAGE = '522726111200';
const key = (k) => ({ headers: { 'Idempotency-Key': k } });
const total = async (q) => (await admin.get(`/api/v1/persons?q=${encodeURIComponent(q)}&limit=1`)).body.total;
const audits = async () => (await admin.get('/api/v1/audit?entity=persons&limit=500')).body.items.length;

test('create: the retry answers the first 201 again and creates nothing', async () => {
  const body = { name: '幂等甲', division_code: VILLAGE };
  const first = await admin.post('/api/v1/persons', body, key('create-1'));
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const before = await audits();
  const again = await admin.post('/api/v1/persons', body, key('create-1'));
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.match(again.headers.get('content-type'), /application\/json/);
  assert.deepEqual(again.body, first.body);
  assert.equal(await total('幂等甲'), 1);
  assert.equal(await audits(), before, 'a replay writes no audit row');
  const other = await admin.post('/api/v1/persons', body, key('create-2'));
  assert.equal(other.status, 201);
  assert.notEqual(other.body.id, first.body.id, 'a new key is a new request');
});

test('the same key with another request → 422 naming the header, nothing written', async () => {
  await admin.post('/api/v1/persons', { name: '幂等乙', division_code: VILLAGE }, key('k-422'));
  const r = await admin.post('/api/v1/persons', { name: '幂等丙', division_code: VILLAGE }, key('k-422'));
  assertError(r, 422, 'validation');
  assert.ok(r.body.error.fields['Idempotency-Key']);
  assert.match(r.body.error.message, /Idempotency-Key/);
  assert.equal(await total('幂等丙'), 0);
  const path = await admin.patch('/api/v1/persons/1', { version: 1, notes: 'x' }, key('k-422'));
  assertError(path, 422, 'validation');
});

test('patch, action and delete replay their answers; a stale retry is not re-judged', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '幂等丁', division_code: VILLAGE })).body;
  const a = await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, notes: '一' }, key('patch-1'));
  assert.equal(a.status, 200);
  assert.equal(a.body.version, 2);
  const b = await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, notes: '一' }, key('patch-1'));
  assert.equal(b.status, 200, 'the first answer, not 409 for the now stale version');
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(b.body, a.body);
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.version, 2);

  const t = (await admin.post('/api/v1/tickets', { kind: 'resident_request', category: 'sanitation', title: '幂等工单', division_code: VILLAGE })).body;
  const u1 = await admin.post(`/api/v1/tickets/${t.id}/actions/urge`, { version: t.version }, key('urge-1'));
  assert.equal(u1.status, 200, JSON.stringify(u1.body));
  const u2 = await admin.post(`/api/v1/tickets/${t.id}/actions/urge`, { version: t.version }, key('urge-1'));
  assert.equal(u2.status, 200);
  assert.equal(u2.headers.get('idempotent-replayed'), 'true');
  const ev = (await admin.get(`/api/v1/tickets/${t.id}/events`)).body.items;
  assert.equal(ev.filter((e) => e.action === 'urge').length, 1, 'one event for the action');

  const d1 = await admin.del(`/api/v1/persons/${p.id}?version=2`, key('del-1'));
  assert.equal(d1.status, 204);
  const d2 = await admin.del(`/api/v1/persons/${p.id}?version=2`, key('del-1'));
  assert.equal(d2.status, 204);
  assert.equal(d2.headers.get('idempotent-replayed'), 'true');
});

test('an import retried with its key imports once', async () => {
  const csv = '姓名,所在地区\n幂等导入一,522726111200\n幂等导入二,522726111200\n';
  const send = () => admin.post('/api/v1/persons/import?format=csv', csv,
    { headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': 'import-1' } });
  const a = await send();
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.inserted, 2);
  const b = await send();
  assert.equal(b.status, 200);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(b.body, a.body);
  assert.equal(await total('幂等导入'), 2);
});

test('a refused request is not stored: the retry runs again', async () => {
  const bad = await admin.post('/api/v1/persons', { division_code: VILLAGE }, key('fix-me'));
  assertError(bad, 422, 'validation');
  const again = await admin.post('/api/v1/persons', { division_code: VILLAGE }, key('fix-me'));
  assertError(again, 422, 'validation');
  assert.equal(again.headers.get('idempotent-replayed'), null);
});

test('malformed keys → 400 before anything runs', async () => {
  for (const k of ['', ' ', 'a b', 'x'.repeat(129), '键']) {
    const r = await admin.raw('POST', '/api/v1/persons', {
      headers: { 'Idempotency-Key': Buffer.from(k, 'utf8').toString('latin1') },
      body: { name: '幂等坏键', division_code: VILLAGE },
    });
    assertError(r, 400, 'bad_request');
    assert.ok(r.body.error.fields['Idempotency-Key'], JSON.stringify(r.body));
  }
  assert.equal(await total('幂等坏键'), 0);
  const ok = await admin.post('/api/v1/persons', { name: '幂等好键', division_code: VILLAGE }, key('x'.repeat(128)));
  assert.equal(ok.status, 201);
});

test('keys belong to their caller: another user with the same key makes a new record', async () => {
  await createUser(admin, 'idem_county', 'county', '522726');
  const county = await srv.login('idem_county', 'user-pass-123');
  const body = { name: '幂等戊', division_code: VILLAGE };
  const a = await admin.post('/api/v1/persons', body, key('shared'));
  const b = await county.post('/api/v1/persons', body, key('shared'));
  assert.equal(b.status, 201);
  assert.equal(b.headers.get('idempotent-replayed'), null);
  assert.notEqual(a.body.id, b.body.id);
});

test('concurrent twins with one key: one write, every answer the same record', async () => {
  const body = { name: '幂等并发', division_code: VILLAGE };
  const rs = await Promise.all(Array.from({ length: 8 }, () => admin.post('/api/v1/persons', body, key('twins'))));
  for (const r of rs) assert.ok(r.status === 201 || r.status === 409, `${r.status} ${JSON.stringify(r.body)}`);
  const ids = new Set(rs.filter((r) => r.status === 201).map((r) => r.body.id));
  assert.equal(ids.size, 1, 'one record answered');
  assert.equal(await total('幂等并发'), 1);
});

test('a key older than 24 hours is forgotten: the request runs again', async () => {
  const body = { name: '幂等过期', division_code: VILLAGE };
  const a = await admin.post('/api/v1/persons', body, key('old-key'));
  assert.equal(a.status, 201);
  await srv.sql("UPDATE idempotency_keys SET created_at = created_at - 86401 WHERE key = 'old-key'");
  const b = await admin.post('/api/v1/persons', body, key('old-key'));
  assert.equal(b.status, 201);
  assert.equal(b.headers.get('idempotent-replayed'), null);
  assert.notEqual(b.body.id, a.body.id);
  const rows = (await srv.sql("SELECT count(*) FROM idempotency_keys WHERE key = 'old-key'")).trim();
  assert.equal(rows, '1', 'the expired row was cleaned by the write');
});

test('the stored answer is encrypted at rest', async () => {
  const r = await admin.post('/api/v1/persons', { name: '幂等密文', division_code: VILLAGE }, key('enc-key'));
  assert.equal(r.status, 201);
  const stored = await srv.sql("SELECT body_enc FROM idempotency_keys WHERE key = 'enc-key'");
  assert.ok(stored.trim().length > 0);
  assert.ok(!stored.includes('幂等密文') && !stored.includes('"name"'));
});
