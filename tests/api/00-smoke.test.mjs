// 00 smoke: the server starts on the chosen backend, answers /healthz, and the
// session login of API.md works and refuses a wrong password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_USER, ADMIN_PASSWORD } from './lib.mjs';

let srv;

before(async () => {
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

test('healthz answers ok and names the backend', async () => {
  const r = await srv.client().get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.body.ok, true);
  assert.equal(r.body.db, srv.backend);
});

test('admin logs in and gets a session cookie and a CSRF token', async () => {
  const c = srv.client();
  const r = await c.login(ADMIN_USER, ADMIN_PASSWORD);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.user.username, ADMIN_USER);
  assert.equal(typeof r.body.csrf, 'string');
  assert.ok(r.body.csrf.length >= 16, 'the CSRF token is long enough to be unguessable');
  assert.equal(JSON.stringify(r.body).includes(ADMIN_PASSWORD), false, 'the answer never echoes the password');

  const cookie = r.headers.getSetCookie().find((v) => v.startsWith('jiceng_session='));
  assert.ok(cookie, 'sets jiceng_session');
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Strict/i);
  assert.match(cookie, /;\s*Path=\//i);

  const me = await c.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal((me.body.user ?? me.body).username, ADMIN_USER);
});

test('a wrong password is 401 unauthenticated and sets no session', async () => {
  const c = srv.client();
  const r = await c.login(ADMIN_USER, 'not-the-password');
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthenticated');
  assert.equal(typeof r.body.error.message, 'string');
  assert.equal(c.cookies.has('jiceng_session'), false);

  const unknown = await srv.client().login('nobody', ADMIN_PASSWORD);
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error.code, 'unauthenticated');
});

test('without a session the API is 401', async () => {
  const r = await srv.client().get('/api/v1/session');
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthenticated');
});

test('a mutation without the CSRF header is 403 csrf; logout ends the session', async () => {
  const c = await srv.login();
  const noCsrf = await c.del('/api/v1/session', { headers: { 'X-CSRF-Token': '' } });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.body.error.code, 'csrf');
  assert.equal((await c.get('/api/v1/session')).status, 200, 'the refused logout changed nothing');

  const session = c.cookies.get('jiceng_session');
  const out = await c.del('/api/v1/session');
  assert.ok(out.status === 200 || out.status === 204, `logout answered ${out.status}`);
  // the old cookie, replayed, no longer opens a session
  const replay = await srv.client().get('/api/v1/session', { headers: { Cookie: `jiceng_session=${session}` } });
  assert.equal(replay.status, 401);
});
