// 19 sessions: what an administrator changes about a user takes effect on the
// user's open sessions (password reset, lock, change of role, scope or PII
// permission end them); a login always starts a new session id and ends the
// one it came with; behind TLS (--secure-cookies) the cookie is
// __Host-jiceng_session, Secure, Path=/, without Domain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

async function userAndSession(name) {
  const u = await createUser(admin, name, 'town', '522726111', { password: 'user-pass-123' });
  const c = await srv.login(name, 'user-pass-123');
  assert.equal((await c.get('/api/v1/session')).status, 200);
  return { u, c };
}

const version = async (id) => (await admin.get(`/api/v1/users/${id}`)).body.version;

test("an administrator's password reset ends the user's sessions", async () => {
  const { u, c } = await userAndSession('reset-me');
  const r = await admin.post(`/api/v1/users/${u.id}/actions/reset_password`, { version: await version(u.id), password: 'new-pass-456' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  assert.ok(await srv.login('reset-me', 'new-pass-456'), 'the new password works');
});

test("locking a user ends the user's sessions", async () => {
  const { u, c } = await userAndSession('lock-me');
  const r = await admin.post(`/api/v1/users/${u.id}/actions/lock`, { version: await version(u.id) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  await admin.post(`/api/v1/users/${u.id}/actions/unlock`, { version: await version(u.id) });
  // unlocking does not bring the old session back
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
});

test("a change of role, scope or PII permission ends the user's sessions; other edits do not", async () => {
  const { u, c } = await userAndSession('promote-me');
  let r = await admin.patch(`/api/v1/users/${u.id}`, { version: await version(u.id), display_name: '新名字' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await c.get('/api/v1/session')).status, 200, 'a new display name keeps the session');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: await version(u.id), role: 'county', scope_division: '522726' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');

  const c2 = await srv.login('promote-me', 'user-pass-123');
  r = await admin.patch(`/api/v1/users/${u.id}`, { version: await version(u.id), pii_access: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertError(await c2.get('/api/v1/session'), 401, 'unauthenticated');
});

test('a login starts a new session id and ends the one it came with', async () => {
  await createUser(admin, 'fixate', 'town', '522726111', { password: 'user-pass-123' });
  const c = await srv.login('fixate', 'user-pass-123');
  const first = c.cookieHeader();
  const again = await c.login('fixate', 'user-pass-123');
  assert.equal(again.status, 200);
  assert.notEqual(c.cookieHeader(), first, 'a new session id');
  const old = await srv.client().get('/api/v1/session', { headers: { Cookie: first } });
  assertError(old, 401, 'unauthenticated');
  assert.equal((await c.get('/api/v1/session')).status, 200);
});

test('behind TLS the cookie is __Host-jiceng_session, Secure, Path=/, no Domain', async () => {
  const tls = await srv.another({ args: ['--secure-cookies'] });
  try {
    const c = tls.client();
    const r = await c.login('admin', 'admin-pass-123');
    assert.equal(r.status, 200);
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('__Host-jiceng_session='));
    assert.ok(cookie, r.headers.getSetCookie().join(' | '));
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*Path=\//);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.doesNotMatch(cookie, /Domain=/i);
    assert.equal((await c.get('/api/v1/session')).status, 200);
    // the plain name is not accepted there
    const token = cookie.split(';')[0].split('=')[1];
    assertError(await tls.client().get('/api/v1/session', { headers: { Cookie: `jiceng_session=${token}` } }), 401, 'unauthenticated');
    // behind TLS the browser's origin is https
    const out = await c.del('/api/v1/session', { headers: { Origin: `https://${new URL(tls.url).host}` } });
    assert.equal(out.status, 204);
    assert.match(out.headers.getSetCookie().join(' | '), /__Host-jiceng_session=;.*Max-Age=0/);
  } finally {
    await tls.stop();
  }
});
