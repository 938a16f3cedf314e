// 21 separation of duties (三权分立, GB/T 22239-2019 8.1.5): a system
// administrator looks after accounts but cannot give rights, a security
// administrator gives rights and sets the policy but cannot make accounts, an
// audit administrator reads the whole trail and nothing else; none of them
// sees business records, and none can touch another administrator's account.
// `jiceng security separation on` then turns the all-powerful admin off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

let srv;
let admin;
let sys;
let sec;
let aud;
const PASS = 'user-pass-123';

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  // an admin holds every power, so it may make the three
  await createUser(admin, 'sys1', 'sysadmin');
  await createUser(admin, 'sec1', 'secadmin');
  await createUser(admin, 'aud1', 'auditor');
  sys = await srv.login('sys1', PASS);
  sec = await srv.login('sec1', PASS);
  aud = await srv.login('aud1', PASS);
});

after(async () => {
  await srv?.stop();
});

const version = async (id) => (await admin.get(`/api/v1/users/${id}`)).body.version;
const idOf = async (name) => (await admin.get(`/api/v1/users?username=${name}`)).body.items[0].id;

test('each administrator holds one power and sees no business records', async () => {
  assert.deepEqual(admin.user.caps, ['accounts', 'grant', 'audit', 'refdata']);
  assert.deepEqual(sys.user.caps, ['accounts', 'refdata']);
  assert.deepEqual(sec.user.caps, ['grant']);
  assert.deepEqual(aud.user.caps, ['audit']);
  assert.ok((await admin.get('/api/v1/persons?limit=1')).body.total >= 0);
  await admin.post('/api/v1/persons', { name: '业务数据', gender: 'male', division_code: '522726111200' });
  for (const c of [sys, sec, aud]) {
    assert.equal((await c.get('/api/v1/persons?limit=5')).body.total, 0, c.user.username);
  }
  // the menus follow the powers
  const names = async (c) => (await c.get('/api/v1/schema')).body.resources.map((r) => r.name);
  assert.ok((await names(sys)).includes('users'));
  assert.ok((await names(sec)).includes('users'));
  assert.ok(!(await names(aud)).includes('users'));
  const holidays = async (c) => (await c.get('/api/v1/schema')).body.resources.find((r) => r.name === 'holidays').can.create;
  assert.equal(await holidays(sys), true, 'reference data is the system administrator’s');
  assert.equal(await holidays(sec), false);
});

test('the system administrator makes an account; it waits until the security administrator approves it', async () => {
  const r = await sys.post('/api/v1/users', { username: 'town9', role: 'town', scope_division: '522726111', password: PASS });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'pending');
  const e = assertError(await srv.client().login('town9', PASS), 401, 'unauthenticated');
  assert.match(e.message, /授权/);

  // the system administrator may not give or change rights, nor approve
  assert.ok(assertError(await sys.patch(`/api/v1/users/${r.body.id}`, { version: r.body.version, pii_access: true }), 422, 'validation').fields.pii_access);
  assertError(await sys.post(`/api/v1/users/${r.body.id}/actions/approve`, { version: r.body.version }), 403, 'forbidden');
  // the security administrator may not make accounts or change who a user is
  assert.ok(assertError(await sec.post('/api/v1/users', { username: 'town10', role: 'town', scope_division: '522726111', password: PASS }), 422, 'validation').fields.username);
  assert.ok(assertError(await sec.patch(`/api/v1/users/${r.body.id}`, { version: r.body.version, display_name: '改名' }), 422, 'validation').fields.display_name);

  const ok = await sec.post(`/api/v1/users/${r.body.id}/actions/approve`, { version: r.body.version });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'active');
  const town = await srv.login('town9', PASS);
  assert.equal((await town.get('/api/v1/persons?limit=1')).status, 200);
  // rights are the security administrator's; the change ends the user's sessions
  const g = await sec.patch(`/api/v1/users/${r.body.id}`, { version: ok.body.version, pii_access: true });
  assert.equal(g.status, 200, JSON.stringify(g.body));
  assertError(await town.get('/api/v1/session'), 401, 'unauthenticated');
  // looking after the account is the system administrator's
  const p = await sys.post(`/api/v1/users/${r.body.id}/actions/reset_password`, { version: g.body.version, password: 'town-new-pass-9' });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assertError(await sec.post(`/api/v1/users/${r.body.id}/actions/reset_password`, { version: p.body.version, password: 'town-new-pass-8' }), 403, 'forbidden');
  assert.ok(await srv.login('town9', 'town-new-pass-9'));
});

test("no administrator can touch another administrator's account, nor make one", async () => {
  const secId = await idOf('sec1');
  const audId = await idOf('aud1');
  let e = assertError(await sys.post(`/api/v1/users/${secId}/actions/reset_password`, { version: await version(secId), password: 'taken-over-1' }), 403, 'forbidden');
  assert.match(e.message, /管理员账号/);
  assertError(await sys.post(`/api/v1/users/${audId}/actions/lock`, { version: await version(audId) }), 403, 'forbidden');
  e = assertError(await sec.patch(`/api/v1/users/${audId}`, { version: await version(audId), role: 'secadmin' }), 422, 'validation');
  assert.ok(e.fields.role);
  assert.ok(assertError(await sys.post('/api/v1/users', { username: 'boss2', role: 'admin', password: PASS }), 422, 'validation').fields.role);
  assert.ok(assertError(await sys.post('/api/v1/users', { username: 'aud2', role: 'auditor', password: PASS }), 422, 'validation').fields.role);
  // a token acts as its user: none for another administrator
  assertError(await sys.post('/api/v1/tokens', { name: '冒用', user_id: audId }), 403, 'forbidden');
  assert.equal((await sys.post('/api/v1/tokens', { name: '自用' })).status, 201);
  assertError(await sec.post('/api/v1/tokens', { name: '自用' }), 403, 'forbidden');
});

test('the policy is the security administrator’s; the trail is the audit administrator’s', async () => {
  assertError(await sys.put('/api/v1/security', { totp_roles: [] }), 403, 'forbidden');
  assertError(await aud.put('/api/v1/security', { totp_roles: [] }), 403, 'forbidden');
  const p = await sec.put('/api/v1/security', { totp_roles: ['admin'] });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal((await aud.get('/api/v1/security')).status, 200, 'the auditor may read the policy');
  assert.equal((await sec.put('/api/v1/security', { totp_roles: [] })).status, 200);

  assertError(await sys.get('/api/v1/audit'), 404, 'not_found');
  assertError(await sec.get('/api/v1/audit'), 404, 'not_found');
  const trail = await aud.get('/api/v1/audit?limit=500');
  assert.equal(trail.status, 200, JSON.stringify(trail.body));
  const did = (who, action) => trail.body.items.some((a) => a.username === who && a.action === action);
  assert.ok(did('sys1', 'create'), 'the system administrator’s work is in the trail');
  assert.ok(did('sec1', 'action:approve'), 'the security administrator’s too');
  assert.ok(trail.body.items.some((a) => a.entity === 'settings' && a.username === 'sec1'));
  // and nothing else is the auditor's to change
  assertError(await aud.post('/api/v1/users', { username: 'x1', role: 'town', scope_division: '522726111', password: PASS }), 403, 'forbidden');
  assertError(await aud.post('/api/v1/tokens', { name: '审计' }), 403, 'forbidden');
});

test('jiceng security separation on turns the admin role off; off lets it be brought back', async () => {
  const empty = await startServer();
  try {
    const r = await empty.cli(['security', 'separation', 'on']);
    assert.equal(r.code, 1, 'refused without the three administrators');
    assert.match(r.stderr, /系统管理员、安全管理员和审计管理员/);
  } finally {
    await empty.stop();
  }

  const on = await srv.cli(['security', 'separation', 'on']);
  assert.equal(on.code, 0, on.stderr);
  assert.match(on.stdout, /separation\s+on/);
  assertError(await admin.get('/api/v1/session'), 401, 'unauthenticated');
  const e = assertError(await srv.client().login('admin', 'admin-pass-123'), 401, 'unauthenticated');
  assert.match(e.message, /停用/);
  assert.equal((await admin.get('/api/v1/session')).status, 401);
  assert.deepEqual((await aud.get('/api/v1/security')).body.separation, true);
  // no way back to an admin while it is on, not even on the server
  const unlock = await srv.cli(['user', 'unlock', 'admin']);
  assert.equal(unlock.code, 1);
  assert.match(unlock.stderr, /三权分立/);
  const add = await srv.cli(['user', 'add', 'boss3', '--role', 'admin'], { input: 'boss-pass-123\n' });
  assert.equal(add.code, 1);
  // the three carry on
  assert.equal((await sys.get('/api/v1/users?limit=1')).status, 200);

  assert.equal((await srv.cli(['security', 'separation', 'off'])).code, 0);
  const back = await srv.cli(['user', 'unlock', 'admin']);
  assert.equal(back.code, 0, back.stderr);
  assert.ok(await srv.login());
});
