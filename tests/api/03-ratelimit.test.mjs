// 03 login limits: tries are counted per account and address pair (5 at once,
// then growing delays), per address (30), and per account (20 from anywhere
// soft-lock it: only addresses its owner has used may still try, until an
// admin lifts it). Wrong passwords from other addresses never lock the owner
// out; limits hold under concurrency; unknown usernames are answered exactly
// like known ones; the counts live in the database (a second server sees
// them). Clients use distinct loopback source addresses (127.0.0.x) to be
// distinct machines to the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, ADMIN_USER, ADMIN_PASSWORD } from './lib.mjs';

let srv;
let admin;
const ids = {};

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  for (const u of ['victim', 'pairs', 'crowd', 'bystander', 'shared', 'known']) {
    const r = await createUser(admin, u, 'county', '522726', { password: 'right-pass-12' });
    ids[u] = r.id;
  }
});

after(async () => {
  await srv?.stop();
});

const from = (n, s = srv) => s.client({ localAddress: `127.0.0.${n}` });

function assertLimited(r) {
  assertError(r, 429, 'rate_limited');
  assert.equal(r.headers.getSetCookie().length, 0, 'no session cookie');
}

function assertWaits(r, most) {
  assertLimited(r);
  const retry = r.headers.get('retry-after');
  assert.match(retry ?? '', /^\d+$/, 'Retry-After in seconds');
  assert.ok(Number(retry) >= 1 && Number(retry) <= most, `Retry-After ${retry}`);
}

test('an account and address pair gets 5 failures, then waits; other addresses are not affected', async () => {
  for (let i = 0; i < 5; i++) assertError(await from(20).login('pairs', `wrong-pass-${i}0`), 401, 'unauthenticated');
  assertWaits(await from(20).login('pairs', 'wrong-pass-99'), 30);
  // the right password from the waiting pair waits too
  assertWaits(await from(20).login('pairs', 'right-pass-12'), 30);
  // the owner at another address logs in at once
  assert.equal((await from(21).login('pairs', 'right-pass-12')).status, 200);
  // and the address may try other accounts
  assert.equal((await from(20).login('bystander', 'right-pass-12')).status, 200);
});

test('wrong passwords from addresses the owner never used do not lock the owner out', async () => {
  // the owner has logged in from .9 before
  assert.equal((await from(9).login('victim', 'right-pass-12')).status, 200);
  // 20 failures from 5 other addresses soft-lock the account
  for (let a = 0; a < 5; a++) {
    for (let i = 0; i < 4; i++) assertError(await from(100 + a).login('victim', `wrong-pass-${i}0`), 401, 'unauthenticated');
  }
  // an address the owner has not used may no longer try, even with the right password
  const locked = await from(110).login('victim', 'right-pass-12');
  assertLimited(locked);
  assert.match(locked.body.error.message, /管理员/);
  // the owner at their own address still gets in
  const owner = await from(9).login('victim', 'right-pass-12');
  assert.equal(owner.status, 200);
  // an administrator lifts the soft lock; then new addresses may log in again
  const v = (await admin.get(`/api/v1/users/${ids.victim}`)).body;
  const lift = await admin.post(`/api/v1/users/${ids.victim}/actions/unlock_login`, { version: v.version });
  assert.equal(lift.status, 200, JSON.stringify(lift.body));
  assert.equal((await from(110).login('victim', 'right-pass-12')).status, 200);
  // lifting it is audited like every action
  const audit = await admin.get(`/api/v1/audit?entity=users&entity_id=${ids.victim}`);
  assert.ok(audit.body.items.some((i) => i.action === 'action:unlock_login'), JSON.stringify(audit.body.items.map((i) => i.action)));
});

test('60 concurrent wrong passwords get no more tries than the limit', async () => {
  const c = from(30);
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => c.login('crowd', `wrong-pass-${i}x`)));
  const tried = answers.filter((r) => r.status === 401).length;
  const refused = answers.filter((r) => r.status === 429).length;
  assert.equal(tried, 5, `401s: ${tried}`);
  assert.equal(refused, 55, `429s: ${refused}`);
  const audit = await admin.get('/api/v1/audit?entity=session&limit=500');
  const failed = audit.body.items.filter((i) => i.action === 'login_failed' && i.username === 'crowd');
  assert.equal(failed.length, 5, 'one login_failed row per real try, none for the refusals');
});

test('an unknown username is answered exactly like a known one', async () => {
  const known = [];
  const unknown = [];
  for (let i = 0; i < 6; i++) known.push(await from(40).login('known', `wrong-pass-${i}0`));
  for (let i = 0; i < 6; i++) unknown.push(await from(41).login('nobody-here', `wrong-pass-${i}0`));
  for (let i = 0; i < 6; i++) {
    assert.equal(unknown[i].status, known[i].status, `try ${i + 1}`);
    assert.deepEqual(unknown[i].body.error.code, known[i].body.error.code);
    assert.deepEqual(unknown[i].body.error.message.replace(/\d+/g, 'N'), known[i].body.error.message.replace(/\d+/g, 'N'));
  }
  assert.deepEqual(known.map((r) => r.status), [401, 401, 401, 401, 401, 429]);
});

test('one address gets 30 failures over any usernames, then waits; other addresses do not', async () => {
  for (let i = 0; i < 30; i++) assertError(await from(60).login(`spray${i}`, 'wrong-pass-00'), 401, 'unauthenticated');
  assertWaits(await from(60).login('bystander', 'right-pass-12'), 15 * 60);
  assertWaits(await from(60).login(ADMIN_USER, ADMIN_PASSWORD), 15 * 60);
  assert.equal((await from(61).login('bystander', 'right-pass-12')).status, 200);
});

test('the counts are in the database: a second server on the same database enforces them', async () => {
  const node2 = await srv.another();
  try {
    // the pair waiting on the first server waits on the second
    assertWaits(await node2.client({ localAddress: '127.0.0.20' }).login('pairs', 'right-pass-12'), 30);
    // failures of one pair spread over both servers add up
    for (let i = 0; i < 3; i++) assertError(await from(80).login('shared', 'wrong-pass-00'), 401, 'unauthenticated');
    for (let i = 0; i < 2; i++) assertError(await node2.client({ localAddress: '127.0.0.80' }).login('shared', 'wrong-pass-00'), 401, 'unauthenticated');
    assertLimited(await from(80).login('shared', 'right-pass-12'));
    assertLimited(await node2.client({ localAddress: '127.0.0.80' }).login('shared', 'right-pass-12'));
    // sessions are shared too: a cookie from one node works on the other
    const c = await srv.login('bystander', 'right-pass-12');
    const r = await node2.client().get('/api/v1/session', { headers: { Cookie: c.cookieHeader() } });
    assert.equal(r.status, 200);
    assert.equal(r.body.user.username, 'bystander');
  } finally {
    await node2.stop();
  }
});
