// 13 audit: one row per create, update, delete, action, import, export,
// login (success and failure) and revealed PII; filters and cursor paging of
// GET /api/v1/audit; a failed request writes none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, createUser, idNumber } from './lib.mjs';

let srv;
let admin;
let clerk;
let clerkUser;
const KEYS = ['action', 'after', 'at', 'before', 'entity', 'entity_id', 'id', 'ip', 'user_id', 'user_name', 'username'];

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  clerkUser = await createUser(admin, 'clerk', 'county', '522726', { pii: true });
  clerk = await srv.login('clerk', 'user-pass-123');
});

after(async () => {
  await srv?.stop();
});

const latest = async (q = '') => (await admin.get(`/api/v1/audit?limit=1${q}`)).body.items[0];
const all = async (q = '') => (await admin.get(`/api/v1/audit?limit=500${q}`)).body.items;

function assertShape(row) {
  // a workflow step also carries its label (锁定, 入库…)
  assert.deepEqual(Object.keys(row).filter((k) => k !== 'action_label').sort(), KEYS);
  assert.equal('action_label' in row, row.action.startsWith('action:'));
  assert.equal(typeof row.id, 'number');
  assert.match(row.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.equal(row.ip, '127.0.0.1');
}

test('create, update, delete each write one row with before/after', async () => {
  const c = await clerk.post('/api/v1/persons', { name: '审计人', division_code: '522726111200', phone: '13912345678' });
  let a = await latest();
  assertShape(a);
  assert.deepEqual([a.action, a.entity, a.entity_id, a.user_id, a.username], ['create', 'persons', c.body.id, clerkUser.id, 'clerk']);
  assert.equal(a.before, null);
  assert.equal(a.after.name, '审计人');
  assert.equal(a.after.phone, '139****5678');
  const u = await clerk.patch(`/api/v1/persons/${c.body.id}`, { version: 1, name: '审计人改' });
  a = await latest();
  assert.deepEqual([a.action, a.entity_id], ['update', c.body.id]);
  assert.equal(a.before.name, '审计人');
  assert.equal(a.after.name, '审计人改');
  assert.equal(a.after.version, 2);
  await clerk.del(`/api/v1/persons/${c.body.id}?version=${u.body.version}`);
  a = await latest();
  assert.deepEqual([a.action, a.entity_id], ['delete', c.body.id]);
  assert.equal(a.before.name, '审计人改');
  const trail = await all(`&entity=persons&entity_id=${c.body.id}`);
  assert.deepEqual(trail.map((x) => x.action), ['delete', 'update', 'create']);
  trail.forEach(assertShape);
});

test('an action (users lock) writes a row; so do import, export and reveal', async () => {
  const u = await createUser(admin, 'tolock', 'town', '522726111');
  const lock = await admin.post(`/api/v1/users/${u.id}/actions/lock`, { version: u.version });
  assert.equal(lock.status, 200, JSON.stringify(lock.body));
  assert.equal(lock.body.status, 'locked');
  let a = await latest();
  assert.deepEqual([a.action, a.entity, a.entity_id, a.username], ['action:lock', 'users', u.id, 'admin']);
  assertShape(a);
  assert.equal(a.action_label, '锁定');
  assert.equal(a.before.status, 'active');
  assert.equal(a.after.status, 'locked');
  assert.equal(JSON.stringify(a).includes('password'), false);
  // locking twice is a 409 and writes nothing
  const top = a.id;
  assertError(await admin.post(`/api/v1/users/${u.id}/actions/lock`, { version: lock.body.version }), 409, 'conflict');
  assertError(await admin.post(`/api/v1/users/${u.id}/actions/nosuch`, { version: lock.body.version }), 404, 'not_found');
  assert.equal((await latest()).id, top);
  const unlock = await admin.post(`/api/v1/users/${u.id}/actions/unlock`, { version: lock.body.version });
  assert.equal(unlock.body.status, 'active');
  assert.equal((await latest()).action, 'action:unlock');

  const imp = await clerk.post('/api/v1/persons/import?format=csv', '姓名,所在地区\n导入一,522726111200\n');
  assert.equal(imp.status, 200);
  a = await latest();
  assert.deepEqual([a.action, a.entity, a.username], ['import', 'persons', 'clerk']);
  assert.equal(a.after.inserted, 1);

  assert.equal((await clerk.get('/api/v1/persons/export?format=csv')).status, 200);
  a = await latest();
  assert.deepEqual([a.action, a.entity, a.username], ['export', 'persons', 'clerk']);

  const p = await admin.post('/api/v1/persons', { name: '隐私', division_code: '522726111200', id_number: idNumber() });
  assert.equal((await clerk.get(`/api/v1/persons/${p.body.id}?reveal=1`)).status, 200);
  a = await latest();
  assert.deepEqual([a.action, a.entity, a.entity_id, a.username], ['reveal', 'persons', p.body.id, 'clerk']);
});

test('login success and failure write rows', async () => {
  await srv.login('clerk', 'user-pass-123');
  let a = await latest('&entity=session');
  assert.deepEqual([a.action, a.username, a.user_id], ['login', 'clerk', clerkUser.id]);
  await srv.client({ localAddress: '127.0.0.33' }).login('clerk', 'wrong-pass-123');
  a = await latest('&entity=session');
  assert.deepEqual([a.action, a.username, a.user_id, a.ip], ['login_failed', 'clerk', clerkUser.id, '127.0.0.33']);
  await srv.client({ localAddress: '127.0.0.34' }).login('ghost', 'wrong-pass-123');
  a = await latest('&entity=session');
  assert.deepEqual([a.action, a.username, a.user_id], ['login_failed', 'ghost', null]);
  assert.equal(JSON.stringify(await all('&entity=session')).includes('wrong-pass-123'), false, 'no password in the trail');
});

test('a failed request writes no row', async () => {
  const top = (await latest()).id;
  const p = (await admin.post('/api/v1/persons', { name: '不变', division_code: '522726111200' })).body;
  const afterCreate = (await latest()).id;
  assert.equal(afterCreate, top + 1);
  assertError(await admin.post('/api/v1/persons', { name: '' , division_code: '522726111200' }), 422, 'validation');
  assertError(await admin.patch(`/api/v1/persons/${p.id}`, { version: 9, name: 'x' }), 409, 'conflict');
  assertError(await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, phone: '1' }), 422, 'validation');
  assertError(await admin.del(`/api/v1/persons/${p.id}?version=9`), 409, 'conflict');
  assertError(await admin.post('/api/v1/persons/import?format=csv', '姓名,所在地区\n,522726111200\n'), 422, 'validation');
  assertError(await admin.post('/api/v1/persons', { name: 'x', division_code: '522726111200' }, { headers: { 'X-CSRF-Token': 'bad' } }), 403, 'csrf');
  assertError(await admin.get(`/api/v1/persons/${p.id}?reveal=1`), 403, 'forbidden');
  assert.equal((await latest()).id, afterCreate);
});

test('filters: entity, entity_id, user_id, from, to', async () => {
  const rows = await all();
  assert.ok(rows.length >= 15);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].id > rows[i].id, 'newest first');
  const persons = await all('&entity=persons');
  assert.deepEqual(persons.map((x) => x.id), rows.filter((x) => x.entity === 'persons').map((x) => x.id));
  const mine = await all(`&user_id=${clerkUser.id}`);
  assert.ok(mine.length > 0);
  assert.deepEqual(mine.map((x) => x.id), rows.filter((x) => x.user_id === clerkUser.id).map((x) => x.id));
  const one = rows.find((x) => x.entity === 'users' && x.action === 'action:lock');
  assert.deepEqual((await all(`&entity=users&entity_id=${one.entity_id}`)).map((x) => x.id),
    rows.filter((x) => x.entity === 'users' && x.entity_id === one.entity_id).map((x) => x.id));
  const today = rows[0].at.slice(0, 10);
  assert.equal((await all(`&from=${today}`)).length, rows.length);
  assert.equal((await all(`&to=${today}`)).length, rows.length, 'to=DATE includes that whole day');
  assert.equal((await all('&to=2000-01-01')).length, 0);
  assert.equal((await all('&from=2999-01-01')).length, 0);
  const mid = rows[Math.floor(rows.length / 2)].at;
  assert.deepEqual((await all(`&from=${mid}`)).map((x) => x.id), rows.filter((x) => x.at >= mid).map((x) => x.id));
  assert.deepEqual((await all(`&to=${mid}`)).map((x) => x.id), rows.filter((x) => x.at <= mid).map((x) => x.id));
});

test('limit and cursor page through the whole trail', async () => {
  const rows = await all();
  const seen = [];
  let cursor = null;
  for (let guard = 0; guard < 200; guard++) {
    const r = await admin.get(`/api/v1/audit?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= 4);
    seen.push(...r.body.items.map((x) => x.id));
    if (r.body.next === null) break;
    cursor = r.body.next;
  }
  assert.deepEqual(seen, rows.map((x) => x.id).filter((id) => id <= rows[0].id));
  const persons = (await all('&entity=persons')).map((x) => x.id);
  const p1 = await admin.get('/api/v1/audit?entity=persons&limit=2');
  const p2 = await admin.get(`/api/v1/audit?entity=persons&limit=2&cursor=${encodeURIComponent(p1.body.next)}`);
  assert.deepEqual([...p1.body.items, ...p2.body.items].map((x) => x.id), persons.slice(0, 4));
  for (const bad of ['0', '501', 'x']) assertError(await admin.get(`/api/v1/audit?limit=${bad}`), 400, 'bad_request');
});

test('non-admins read only the history of a record they can see', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '县里的', division_code: '522726111200' })).body;
  const far = (await admin.post('/api/v1/persons', { name: '外县的', division_code: '522725002006' })).body;
  const r = await clerk.get(`/api/v1/audit?entity=persons&entity_id=${p.id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((x) => x.action), ['create']);
  assertError(await clerk.get(`/api/v1/audit?entity=persons&entity_id=${far.id}`), 404, 'not_found');
  assertError(await clerk.get('/api/v1/audit'), 404, 'not_found');
  assertError(await clerk.get(`/api/v1/audit?entity=users&entity_id=${clerkUser.id}`), 404, 'not_found');
});

test("entries and a record's history name the user by the name people know them by", async () => {
  const named = await admin.post('/api/v1/users', { username: 'named-clerk', role: 'county', scope_division: '522726', password: 'user-pass-123', display_name: '蒙春燕' });
  assert.equal(named.status, 201, JSON.stringify(named.body));
  const c = await srv.login('named-clerk', 'user-pass-123');
  const p = await c.post('/api/v1/persons', { name: '名字人', division_code: '522726111200' });
  const a = await latest();
  assert.deepEqual([a.entity_id, a.username, a.user_name], [p.body.id, 'named-clerk', '蒙春燕']);
  const mine = (await c.get(`/api/v1/audit?entity=persons&entity_id=${p.body.id}`)).body.items[0];
  assert.equal(mine.user_name, '蒙春燕');
  // an account without a display name has none
  assert.equal((await all('&entity=persons')).find((x) => x.username === 'clerk').user_name, null);
});
