// 20 second factor: a user sets up a TOTP authenticator (RFC 6238) and from
// then on a login needs its code, each code only once; a role or a user the
// security policy names must set one up before anything else; an
// administrator resets a lost one; the CLI sets one up on the server. The
// secret is stored encrypted and every change is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, totpCode } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const PASS = 'user-pass-123';
const now = () => Date.now() / 1000;
const version = async (id) => (await admin.get(`/api/v1/users/${id}`)).body.version;

/** Sets up a second factor for the logged-in client `c`: answers the secret. */
async function enrol(c) {
  const begin = await c.post('/api/v1/session/totp', { password: PASS });
  assert.equal(begin.status, 200, JSON.stringify(begin.body));
  const r = await c.post('/api/v1/session/totp/confirm', { code: totpCode(begin.body.secret) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.user.totp_enabled, true);
  return begin.body.secret;
}

test('the helper computes the RFC 6238 test vectors', () => {
  assert.equal(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59), '287082');
  assert.equal(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 2000000000), '279037');
});

test('set up with the password and a code; then a login needs a fresh code, once', async () => {
  await createUser(admin, 'totp-a', 'town', '522726111');
  const c = await srv.login('totp-a', PASS);
  const other = await srv.login('totp-a', PASS);
  assert.equal(c.user.totp_enabled, false);

  assertError(await c.post('/api/v1/session/totp', { password: 'wrong-pass-1' }), 422, 'validation');
  const begin = await c.post('/api/v1/session/totp', { password: PASS });
  assert.equal(begin.status, 200, JSON.stringify(begin.body));
  assert.match(begin.body.secret, /^[A-Z2-7]{32}$/);
  assert.equal(begin.body.uri,
    `otpauth://totp/jiceng:totp-a?secret=${begin.body.secret}&issuer=jiceng&algorithm=SHA1&digits=6&period=30`);
  // not yet on: a login without a code still works
  assert.ok(await srv.login('totp-a', PASS));

  const wrong = String((Number(totpCode(begin.body.secret)) + 1) % 1_000_000).padStart(6, '0');
  const e = assertError(await c.post('/api/v1/session/totp/confirm', { code: wrong }), 422, 'validation');
  assert.ok(e.fields.code);
  const ok = await c.post('/api/v1/session/totp/confirm', { code: totpCode(begin.body.secret) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.user.totp_enabled, true);
  // this session proved the factor and stays; the ones made without it end
  assert.equal((await c.get('/api/v1/session')).status, 200);
  assertError(await other.get('/api/v1/session'), 401, 'unauthenticated');

  // a login now needs the code: asked for after the right password only
  const noCode = assertError(await srv.client().login('totp-a', PASS), 401, 'unauthenticated');
  assert.ok(noCode.fields.totp, JSON.stringify(noCode));
  const badPass = assertError(await srv.client().login('totp-a', 'wrong-pass-1'), 401, 'unauthenticated');
  assert.equal(badPass.fields, undefined, 'a wrong password says nothing about a code');
  const badCode = assertError(await srv.client().login('totp-a', PASS, { totp: wrong }), 401, 'unauthenticated');
  assert.ok(badCode.fields.totp);
  // the code that confirmed the set-up was used: it cannot log in
  assertError(await srv.client().login('totp-a', PASS, { totp: totpCode(begin.body.secret) }), 401, 'unauthenticated');
  // the next step's code (a phone 30 s ahead) works, once
  const next = totpCode(begin.body.secret, now() + 30);
  const d = srv.client();
  const r = await d.login('totp-a', PASS, { totp: next });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.user.totp_enabled, true);
  assertError(await srv.client().login('totp-a', PASS, { totp: next }), 401, 'unauthenticated');

  // stored encrypted, never the secret itself
  const row = await srv.sql("SELECT totp_secret_enc, totp_enabled FROM users WHERE username = 'totp-a'");
  assert.ok(!row.includes(begin.body.secret), row);
  assert.match(row, /\|1\s*$/);
  // audited
  const audit = (await admin.get('/api/v1/audit?entity=users&limit=500')).body.items;
  assert.ok(audit.some((a) => a.action === 'totp_enable' && a.username === 'totp-a'));
  const failed = (await admin.get('/api/v1/audit?entity=session&limit=500')).body.items;
  assert.ok(failed.some((a) => a.action === 'login_failed' && a.username === 'totp-a'));
});

test('an API token is its own credential and cannot change the factor', async () => {
  const u = await createUser(admin, 'totp-token', 'town', '522726111');
  const c = await srv.login('totp-token', PASS);
  await enrol(c);
  const t = await admin.post('/api/v1/tokens', { name: '对接', user_id: u.id });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  const bearer = srv.client({ token: t.body.token });
  assert.equal((await bearer.get('/api/v1/persons?limit=1')).status, 200);
  assertError(await bearer.post('/api/v1/session/totp', { password: PASS }), 403, 'forbidden');
});

test('turning it off takes the password and a code, unless the policy requires it', async () => {
  await createUser(admin, 'totp-off', 'village', '522726111200');
  const c = await srv.login('totp-off', PASS);
  const secret = await enrol(c);
  assertError(await c.raw('DELETE', '/api/v1/session/totp', { body: { password: PASS, code: '000000' } }), 422, 'validation');
  assertError(await c.raw('DELETE', '/api/v1/session/totp', { body: { password: 'nope-nope-1', code: totpCode(secret, now() + 30) } }), 422, 'validation');
  const r = await c.raw('DELETE', '/api/v1/session/totp', { body: { password: PASS, code: totpCode(secret, now() + 30) } });
  assert.equal(r.status, 204, JSON.stringify(r.body));
  assert.ok(await srv.login('totp-off', PASS), 'a password alone works again');
});

test('a role the policy names must set one up before it can do anything else', async () => {
  await createUser(admin, 'totp-v1', 'viewer', '522726111');
  const before = await srv.login('totp-v1', PASS);
  const p = await admin.put('/api/v1/security', { totp_roles: ['viewer'] });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.deepEqual(p.body, { totp_roles: ['viewer'], separation: false });
  assert.deepEqual((await admin.get('/api/v1/security')).body, p.body);
  assertError(await admin.put('/api/v1/security', { totp_roles: ['nobody'] }), 422, 'validation');
  assertError(await admin.put('/api/v1/security', { separation: true }), 422, 'validation');
  // the session made without a factor ends with the new rule
  assertError(await before.get('/api/v1/session'), 401, 'unauthenticated');

  const c = await srv.login('totp-v1', PASS);
  assert.equal(c.user.totp_setup_required, true);
  const e = assertError(await c.get('/api/v1/persons?limit=1'), 403, 'forbidden');
  assert.match(e.message, /动态验证码/);
  assert.equal((await c.get('/api/v1/session')).body.user.totp_setup_required, true);
  // nor may it turn the factor off once set
  const secret = await enrol(c);
  assert.equal((await c.get('/api/v1/persons?limit=1')).status, 200, 'a full session after the set-up');
  assertError(await c.raw('DELETE', '/api/v1/session/totp', { body: { password: PASS, code: totpCode(secret, now() + 30) } }), 403, 'forbidden');

  // a user the security administrator marks must have one too, whatever the role
  const u = await createUser(admin, 'totp-v2', 'town', '522726111');
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: await version(u.id), totp_required: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await srv.login('totp-v2', PASS)).user.totp_setup_required, true);

  assert.equal((await admin.put('/api/v1/security', { totp_roles: [] })).status, 200);
  assert.equal((await srv.login('totp-v2', PASS)).user.totp_setup_required, true,
    'the mark on the account holds without the role rule');
});

test('an administrator resets a lost factor: the sessions end, the password alone works again', async () => {
  const u = await createUser(admin, 'totp-lost', 'town', '522726111');
  const c = await srv.login('totp-lost', PASS);
  await enrol(c);
  assert.equal((await admin.get(`/api/v1/users/${u.id}`)).body.totp_enabled, true);
  const r = await admin.post(`/api/v1/users/${u.id}/actions/reset_totp`, { version: await version(u.id) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.totp_enabled, false);
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  assert.ok(await srv.login('totp-lost', PASS));
  // nothing to reset now
  assertError(await admin.post(`/api/v1/users/${u.id}/actions/reset_totp`, { version: await version(u.id) }), 409, 'conflict');
});

test('the CLI sets one up on the server and prints the secret; totp-reset removes it', async () => {
  await createUser(admin, 'totp-cli', 'county', '522726');
  const r = await srv.cli(['user', 'totp', 'totp-cli']);
  assert.equal(r.code, 0, r.stderr);
  const [secret, uri] = r.stdout.trim().split('\n');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.ok(uri.startsWith('otpauth://totp/jiceng:totp-cli?secret=' + secret));
  assertError(await srv.client().login('totp-cli', PASS), 401, 'unauthenticated');
  const c = srv.client();
  assert.equal((await c.login('totp-cli', PASS, { totp: totpCode(secret) })).status, 200);
  const off = await srv.cli(['user', 'totp-reset', 'totp-cli']);
  assert.equal(off.code, 0, off.stderr);
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  assert.ok(await srv.login('totp-cli', PASS));
  const show = await srv.cli(['security', 'totp-roles', 'admin,auditor']);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /totp_roles\s+admin,auditor/);
  assert.equal((await srv.cli(['security', 'totp-roles', 'nobody'])).code, 1);
  assert.equal((await srv.cli(['security', 'totp-roles', '-'])).code, 0);
});
