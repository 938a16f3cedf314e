// 04 tokens: API tokens for integrations — created by an admin and shown once,
// listed without the secret, used as Bearer, revoked; `jiceng token add`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

let srv;
let admin;
let county;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  county = await createUser(admin, 'county1', 'county', '522726');
});

after(async () => {
  await srv?.stop();
});

test('POST /api/v1/tokens → 201 with the token once; the list never shows it', async () => {
  const r = await admin.post('/api/v1/tokens', { name: '统计系统对接' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body).sort(), ['id', 'name', 'token', 'user_id']);
  assert.equal(r.body.name, '统计系统对接');
  assert.equal(r.body.user_id, admin.user.id, 'user_id defaults to the caller');
  assert.match(r.body.token, /^[A-Za-z0-9_-]{32,}$/);

  const list = await admin.get('/api/v1/tokens');
  assert.equal(list.status, 200);
  const item = list.body.items.find((t) => t.id === r.body.id);
  assert.ok(item);
  assert.equal(item.name, '统计系统对接');
  assert.equal(item.user_id, admin.user.id);
  assert.equal('token' in item, false);
  assert.equal(JSON.stringify(list.body).includes(r.body.token), false, 'the secret is never listed');

  // stored only hashed
  const rows = await srv.sql('SELECT token_hash FROM api_tokens');
  assert.equal(rows.includes(r.body.token), false);
});

test('Bearer authenticates as the token owner, with that user’s scope', async () => {
  const t = await admin.post('/api/v1/tokens', { name: '县级对接', user_id: county.id });
  assert.equal(t.status, 201);
  assert.equal(t.body.user_id, county.id);
  const bot = srv.client({ token: t.body.token });
  const me = await bot.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'county1');
  // county scope: a person in 瓮安县 is invisible to it
  const far = await admin.post('/api/v1/persons', { name: '远处的人', division_code: '522725002006' });
  const near = await admin.post('/api/v1/persons', { name: '近处的人', division_code: '522726111200' });
  assertError(await bot.get(`/api/v1/persons/${far.body.id}`), 404, 'not_found');
  assert.equal((await bot.get(`/api/v1/persons/${near.body.id}`)).status, 200);
  // "bearer" is case-insensitive; a wrong token is 401
  const lower = await srv.client().get('/api/v1/session', { headers: { Authorization: `bearer ${t.body.token}` } });
  assert.equal(lower.status, 200);
  assertError(await srv.client({ token: t.body.token + 'x' }).get('/api/v1/session'), 401, 'unauthenticated');
  assertError(await srv.client({ token: '' + 'A'.repeat(43) }).get('/api/v1/persons'), 401, 'unauthenticated');
});

test('DELETE /api/v1/tokens/{id} revokes: the token is then 401 and leaves the list', async () => {
  const t = await admin.post('/api/v1/tokens', { name: '临时' });
  const bot = srv.client({ token: t.body.token });
  assert.equal((await bot.get('/api/v1/persons')).status, 200);
  const del = await admin.del(`/api/v1/tokens/${t.body.id}`);
  assert.equal(del.status, 204);
  assertError(await bot.get('/api/v1/persons'), 401, 'unauthenticated');
  assertError(await bot.post('/api/v1/persons', { name: '甲', division_code: '522726111200' }), 401, 'unauthenticated');
  const list = await admin.get('/api/v1/tokens');
  assert.equal(list.body.items.some((i) => i.id === t.body.id), false);
  assertError(await admin.del(`/api/v1/tokens/${t.body.id}`), 404, 'not_found');
  assertError(await admin.del('/api/v1/tokens/999999'), 404, 'not_found');
});

test('a non-admin cannot create tokens (403) nor see or revoke others’ tokens', async () => {
  const c = await srv.login('county1', 'user-pass-123');
  const before = (await admin.get('/api/v1/tokens')).body.items.length;
  assertError(await c.post('/api/v1/tokens', { name: '我的' }), 403, 'forbidden');
  assertError(await c.post('/api/v1/tokens', { name: '给自己', user_id: county.id }), 403, 'forbidden');
  assert.equal((await admin.get('/api/v1/tokens')).body.items.length, before);
  const mine = await c.get('/api/v1/tokens');
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.every((i) => i.user_id === county.id), 'a user lists only their own tokens');
  const adminTok = (await admin.get('/api/v1/tokens')).body.items.find((i) => i.user_id === admin.user.id);
  assertError(await c.del(`/api/v1/tokens/${adminTok.id}`), 404, 'not_found');
  assert.ok((await admin.get('/api/v1/tokens')).body.items.some((i) => i.id === adminTok.id));
  // a token of a non-admin cannot create tokens either
  const t = await admin.post('/api/v1/tokens', { name: '县级', user_id: county.id });
  assertError(await srv.client({ token: t.body.token }).post('/api/v1/tokens', { name: 'x' }), 403, 'forbidden');
});

test('bad token requests: empty name, unknown user → 422 and nothing created', async () => {
  const before = (await admin.get('/api/v1/tokens')).body.items.length;
  assert.ok(assertError(await admin.post('/api/v1/tokens', { name: '' }), 422, 'validation').fields.name);
  assert.ok(assertError(await admin.post('/api/v1/tokens', {}), 422, 'validation').fields.name);
  assert.ok(assertError(await admin.post('/api/v1/tokens', { name: 'x', user_id: 99999 }), 422, 'validation').fields.user_id);
  assertError(await admin.post('/api/v1/tokens', '[1]'), 400, 'bad_request');
  assert.equal((await admin.get('/api/v1/tokens')).body.items.length, before);
});

test('jiceng token add prints a working token once; token revoke ends it', async () => {
  const r = await srv.cli(['token', 'add', '命令行令牌', '--user', 'county1']);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^[A-Za-z0-9_-]{32,}$/);
  const me = await srv.client({ token }).get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'county1');
  const listed = (await admin.get('/api/v1/tokens')).body.items.find((i) => i.name === '命令行令牌');
  assert.ok(listed);
  assert.equal(listed.user_id, county.id);

  const unknown = await srv.cli(['token', 'add', 'x', '--user', 'nobody']);
  assert.notEqual(unknown.code, 0);
  const rev = await srv.cli(['token', 'revoke', String(listed.id)]);
  assert.equal(rev.code, 0, rev.stderr);
  assertError(await srv.client({ token }).get('/api/v1/session'), 401, 'unauthenticated');
});

test('a token records when it was last used', async () => {
  const t = await admin.post('/api/v1/tokens', { name: '使用时间' });
  const row = async () => (await admin.get('/api/v1/tokens')).body.items.find((x) => x.id === t.body.id);
  assert.equal((await row()).last_used_at, null, 'never used yet');
  assert.equal((await srv.client({ token: t.body.token }).get('/api/v1/session')).status, 200);
  assert.match((await row()).last_used_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});
