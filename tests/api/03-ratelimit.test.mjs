// 03 rate limit: 5 failed logins within 15 minutes per username, and per client
// address, → 429 rate_limited with Retry-After. The count lives in the database:
// a second server on the same database sees it. Clients use distinct loopback
// source addresses (127.0.0.x) to be distinct machines to the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, ADMIN_USER, ADMIN_PASSWORD } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  for (const u of ['victim', 'victim2', 'bystander', 'shared']) await createUser(admin, u, 'county', '522726', { password: 'right-pass-12' });
});

after(async () => {
  await srv?.stop();
});

const from = (n, s = srv) => s.client({ localAddress: `127.0.0.${n}` });

function assertLimited(r) {
  assertError(r, 429, 'rate_limited');
  const retry = r.headers.get('retry-after');
  assert.match(retry ?? '', /^\d+$/, 'Retry-After in seconds');
  assert.ok(Number(retry) >= 1 && Number(retry) <= 15 * 60, `Retry-After ${retry}`);
  assert.equal(r.headers.getSetCookie().length, 0, 'no session cookie');
}

test('5 failures for one username (from 5 addresses) → 429 for that username, even with the right password', async () => {
  for (let i = 0; i < 5; i++) assertError(await from(10 + i).login('victim', `wrong-pass-${i}0`), 401, 'unauthenticated');
  assertLimited(await from(30).login('victim', 'wrong-pass-99'));
  assertLimited(await from(31).login('victim', 'right-pass-12'));
  // other usernames from a fresh address are not affected
  assert.equal((await from(32).login('bystander', 'right-pass-12')).status, 200);
});

test('4 failures then a success clears the username count', async () => {
  for (let i = 0; i < 4; i++) assertError(await from(40 + i).login('victim2', 'wrong-pass-00'), 401, 'unauthenticated');
  assert.equal((await from(44).login('victim2', 'right-pass-12')).status, 200);
  for (let i = 0; i < 4; i++) assertError(await from(45 + i).login('victim2', 'wrong-pass-00'), 401, 'unauthenticated');
  assert.equal((await from(49).login('victim2', 'right-pass-12')).status, 200);
});

test('5 failures from one address (any usernames) → 429 for that address only', async () => {
  const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
  for (const n of names) assertError(await from(60).login(n, 'wrong-pass-00'), 401, 'unauthenticated');
  assertLimited(await from(60).login('bystander', 'right-pass-12'));
  assertLimited(await from(60).login(ADMIN_USER, ADMIN_PASSWORD));
  assert.equal((await from(61).login('bystander', 'right-pass-12')).status, 200);
});

test('a refused (429) attempt is not counted as a login and writes login_failed audit rows only for real failures', async () => {
  const audit = await admin.get('/api/v1/audit?entity=session&limit=500');
  const failed = audit.body.items.filter((i) => i.action === 'login_failed' && i.username === 'victim');
  assert.equal(failed.length, 5, 'one login_failed row per real failure, none for the 429s');
});

test('the count is in the database: a second server on the same database enforces it', async () => {
  const node2 = await srv.another();
  try {
    // the username limited on the first server is limited on the second
    assertLimited(await node2.client({ localAddress: '127.0.0.80' }).login('victim', 'right-pass-12'));
    // failures spread over both servers add up
    for (let i = 0; i < 3; i++) assertError(await from(81 + i).login('shared', 'wrong-pass-00'), 401, 'unauthenticated');
    for (let i = 0; i < 2; i++) assertError(await node2.client({ localAddress: `127.0.0.${84 + i}` }).login('shared', 'wrong-pass-00'), 401, 'unauthenticated');
    assertLimited(await from(86).login('shared', 'right-pass-12'));
    assertLimited(await node2.client({ localAddress: '127.0.0.87' }).login('shared', 'right-pass-12'));
    // sessions are shared too: a cookie from one node works on the other
    const c = await srv.login('bystander', 'right-pass-12');
    const r = await node2.client().get('/api/v1/session', { headers: { Cookie: c.cookieHeader() } });
    assert.equal(r.status, 200);
    assert.equal(r.body.user.username, 'bystander');
  } finally {
    await node2.stop();
  }
});
