// 01 auth: session login and logout, the cookie's attributes, the idle timeout,
// password change (policy, revoking the user's other sessions), locked users.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, ADMIN_USER, ADMIN_PASSWORD } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

function sessionCookie(r) {
  return r.headers.getSetCookie().find((v) => v.startsWith('jiceng_session='));
}

test('login answers the user and a CSRF token and sets a strict HttpOnly cookie', async () => {
  const c = srv.client();
  const r = await c.login(ADMIN_USER, ADMIN_PASSWORD);
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['csrf', 'user']);
  assert.equal(r.body.user.username, ADMIN_USER);
  assert.equal(r.body.user.role, 'admin');
  assert.equal(typeof r.body.user.id, 'number');
  assert.equal('password_hash' in r.body.user, false);
  assert.match(r.body.csrf, /^[A-Za-z0-9_-]{16,}$/);

  const cookie = sessionCookie(r);
  assert.ok(cookie, 'Set-Cookie: jiceng_session');
  const [pair, ...attrs] = cookie.split(';').map((x) => x.trim());
  assert.match(pair, /^jiceng_session=[A-Za-z0-9_-]{20,}$/, 'an unguessable token');
  const names = attrs.map((a) => a.split('=')[0].toLowerCase());
  assert.ok(names.includes('httponly'), cookie);
  assert.ok(attrs.some((a) => /^samesite=strict$/i.test(a)), cookie);
  assert.ok(attrs.some((a) => /^path=\/$/i.test(a)), cookie);
  assert.ok(!names.includes('secure'), 'no Secure flag over plain HTTP without --secure-cookies');
  assert.ok(!names.includes('domain'), 'a host-only cookie');

  // two logins are two sessions with their own cookies and CSRF tokens
  const c2 = srv.client();
  const r2 = await c2.login(ADMIN_USER, ADMIN_PASSWORD);
  assert.notEqual(c2.cookies.get('jiceng_session'), c.cookies.get('jiceng_session'));
  assert.notEqual(r2.body.csrf, r.body.csrf);
});

test('GET /api/v1/session returns the current user and the CSRF token', async () => {
  const c = srv.client();
  const login = await c.login(ADMIN_USER, ADMIN_PASSWORD);
  const r = await c.get('/api/v1/session');
  assert.equal(r.status, 200);
  assert.equal(r.body.user.username, ADMIN_USER);
  assert.equal(r.body.user.id, login.body.user.id);
  assert.equal(r.body.csrf, login.body.csrf);
});

test('wrong password, unknown user and missing fields are refused without a cookie', async () => {
  for (const [u, p] of [[ADMIN_USER, 'wrong-password-1'], ['nobody-here', ADMIN_PASSWORD], [ADMIN_USER, '']]) {
    const c = srv.client({ localAddress: '127.0.0.21' });
    const r = await c.login(u, p);
    assertError(r, 401, 'unauthenticated');
    assert.equal(sessionCookie(r), undefined);
    assert.equal(c.cookies.size, 0);
  }
  const missing = await srv.client().post('/api/v1/session', { username: ADMIN_USER });
  const e = assertError(missing, 422, 'validation');
  assert.ok(e.fields.password);
  const notJson = await srv.client().post('/api/v1/session', 'username=admin', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.ok([400, 422].includes(notJson.status), `form body: ${notJson.status}`);
  assert.equal(sessionCookie(notJson), undefined);
});

test('a forged or absent cookie is 401 unauthenticated', async () => {
  assertError(await srv.client().get('/api/v1/session'), 401, 'unauthenticated');
  assertError(await srv.client().get('/api/v1/persons'), 401, 'unauthenticated');
  const forged = await srv.client().get('/api/v1/session', {
    headers: { Cookie: 'jiceng_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  });
  assertError(forged, 401, 'unauthenticated');
});

test('logout revokes the session: the old cookie is then 401', async () => {
  const c = await srv.login();
  const other = await srv.login();
  const token = c.cookies.get('jiceng_session');
  const r = await c.del('/api/v1/session');
  assert.equal(r.status, 204);
  const cleared = sessionCookie(r);
  assert.match(cleared, /^jiceng_session=;/);
  assert.match(cleared, /Max-Age=0/i);
  const replay = await srv.client().get('/api/v1/session', { headers: { Cookie: `jiceng_session=${token}` } });
  assertError(replay, 401, 'unauthenticated');
  // a replayed mutation with the old cookie and CSRF token is refused too
  const write = await srv.client().post('/api/v1/persons', { name: '甲', division_code: '522726111200' }, {
    headers: { Cookie: `jiceng_session=${token}`, 'X-CSRF-Token': c.csrf },
  });
  assertError(write, 401, 'unauthenticated');
  // only that session ended
  assert.equal((await other.get('/api/v1/session')).status, 200);
});

test('the session ends after --session-idle seconds without requests', async () => {
  const idle = await startServer({ args: ['--session-idle', '2'] });
  try {
    const c = await idle.login();
    assert.equal((await c.get('/api/v1/session')).status, 200);
    await new Promise((r) => setTimeout(r, 3200));
    assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
    assertError(await c.get('/api/v1/persons'), 401, 'unauthenticated');
    // logging in again works
    assert.equal((await idle.login()).user.username, ADMIN_USER);
  } finally {
    await idle.stop();
  }
});

test('password change: policy of 10 characters, old password checked, other sessions revoked', async () => {
  await createUser(admin, 'pwuser', 'county', '522726', { password: 'first-pass-1' });
  const a = await srv.login('pwuser', 'first-pass-1');
  const b = await srv.login('pwuser', 'first-pass-1');
  const adminElsewhere = await srv.login();

  const short = await a.post('/api/v1/session/password', { old_password: 'first-pass-1', new_password: 'short-9ch' });
  assert.ok(assertError(short, 422, 'validation').fields.new_password);
  const wrongOld = await a.post('/api/v1/session/password', { old_password: 'not-the-old-1', new_password: 'second-pass-2' });
  assert.ok(assertError(wrongOld, 422, 'validation').fields.old_password);
  const missing = await a.post('/api/v1/session/password', { old_password: 'first-pass-1' });
  assert.ok(assertError(missing, 422, 'validation').fields.new_password);
  // none of the refusals changed anything: b still works, the old password still logs in
  assert.equal((await b.get('/api/v1/session')).status, 200);
  await srv.login('pwuser', 'first-pass-1');

  const noCsrf = await a.post('/api/v1/session/password', { old_password: 'first-pass-1', new_password: 'second-pass-2' },
    { headers: { 'X-CSRF-Token': 'wrong' } });
  assertError(noCsrf, 403, 'csrf');

  const ok = await a.post('/api/v1/session/password', { old_password: 'first-pass-1', new_password: 'second-pass-2' });
  assert.equal(ok.status, 204, JSON.stringify(ok.body));
  assert.equal((await a.get('/api/v1/session')).status, 200, 'the session that changed it stays');
  assertError(await b.get('/api/v1/session'), 401, 'unauthenticated');
  assert.equal((await adminElsewhere.get('/api/v1/session')).status, 200, 'other users keep their sessions');
  assertError(await srv.client().login('pwuser', 'first-pass-1'), 401, 'unauthenticated');
  await srv.login('pwuser', 'second-pass-2');
  // exactly 10 characters is enough (10 Chinese characters too)
  const ten = await a.post('/api/v1/session/password', { old_password: 'second-pass-2', new_password: '党建台账密码是十个' + '字' });
  assert.equal(ten.status, 204, JSON.stringify(ten.body));
  await srv.login('pwuser', '党建台账密码是十个字');
});

test('a locked user cannot log in, and the lock ends their sessions; unlock restores', async () => {
  await createUser(admin, 'lockme', 'town', '522726111', { password: 'lock-pass-12' });
  const c = await srv.login('lockme', 'lock-pass-12');
  const lock = await srv.cli(['user', 'lock', 'lockme']);
  assert.equal(lock.code, 0, lock.stderr);
  const r = await srv.client().login('lockme', 'lock-pass-12');
  assertError(r, 401, 'unauthenticated');
  assert.equal(sessionCookie(r), undefined);
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  // a wrong password for a locked account says nothing about the lock
  const wrong = await srv.client({ localAddress: '127.0.0.22' }).login('lockme', 'wrong-pass-12');
  assertError(wrong, 401, 'unauthenticated');
  assert.doesNotMatch(wrong.body.error.message, /锁定/);

  const unlock = await srv.cli(['user', 'unlock', 'lockme']);
  assert.equal(unlock.code, 0, unlock.stderr);
  await srv.login('lockme', 'lock-pass-12');
});
