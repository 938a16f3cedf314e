// 02 csrf: every mutation made with the session cookie must carry the
// session's X-CSRF-Token; without it, or with another one, 403 csrf and
// nothing changes; so does a missing or foreign Origin (or Referer).
// Bearer-token requests need neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError } from './lib.mjs';

let srv;
let admin;
let person;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const r = await admin.post('/api/v1/persons', { name: '陈立', division_code: '522726111200' });
  assert.equal(r.status, 201);
  person = r.body;
});

after(async () => {
  await srv?.stop();
});

const count = async () => (await admin.get('/api/v1/persons?limit=1')).body.total;

// header variants: absent, empty, another session's token, a near miss
async function badHeaders() {
  const other = await srv.login();
  return [
    { label: 'absent', headers: { 'X-CSRF-Token': undefined } },
    { label: 'empty', headers: { 'X-CSRF-Token': '' } },
    { label: 'another session', headers: { 'X-CSRF-Token': other.csrf } },
    { label: 'truncated', headers: { 'X-CSRF-Token': admin.csrf.slice(0, -1) } },
  ];
}

// Sends with the admin's cookie but the given CSRF header (undefined = none).
function send(method, p, body, hdr) {
  const headers = { Cookie: admin.cookieHeader() };
  if (hdr['X-CSRF-Token'] !== undefined) headers['X-CSRF-Token'] = hdr['X-CSRF-Token'];
  const c = srv.client();
  return c.raw(method, p, { headers, body });
}

test('POST without or with a wrong CSRF token is 403 csrf and creates nothing', async () => {
  const before = await count();
  for (const v of await badHeaders()) {
    const r = await send('POST', '/api/v1/persons', { name: '不该出现', division_code: '522726111200' }, v.headers);
    assertError(r, 403, 'csrf');
  }
  assert.equal(await count(), before);
  const q = await admin.get(`/api/v1/persons?q=${encodeURIComponent('不该出现')}`);
  assert.equal(q.body.total, 0);
});

test('PATCH without or with a wrong CSRF token is 403 csrf and changes nothing', async () => {
  for (const v of await badHeaders()) {
    const r = await send('PATCH', `/api/v1/persons/${person.id}`, { version: person.version, name: '改名' }, v.headers);
    assertError(r, 403, 'csrf');
  }
  const now = await admin.get(`/api/v1/persons/${person.id}`);
  assert.equal(now.body.name, '陈立');
  assert.equal(now.body.version, person.version);
});

test('DELETE, import, actions and token creation need the token too', async () => {
  for (const v of await badHeaders()) {
    assertError(await send('DELETE', `/api/v1/persons/${person.id}?version=${person.version}`, undefined, v.headers), 403, 'csrf');
    assertError(await send('POST', '/api/v1/persons/import?format=csv', '姓名,所在地区\n某,522726111200\n', v.headers), 403, 'csrf');
    assertError(await send('POST', '/api/v1/users/1/actions/lock', { version: 1 }, v.headers), 403, 'csrf');
    assertError(await send('POST', '/api/v1/tokens', { name: 'x' }, v.headers), 403, 'csrf');
  }
  assert.equal((await admin.get(`/api/v1/persons/${person.id}`)).status, 200);
  assert.equal((await admin.get('/api/v1/users/1')).body.status, 'active');
  assert.equal((await admin.get('/api/v1/tokens')).body.items.length, 0);
  assert.equal((await admin.get('/api/v1/persons?limit=1')).body.total, 1);
});

test('reads need no CSRF token; the right token lets the same writes through', async () => {
  const r = await send('GET', `/api/v1/persons/${person.id}`, undefined, { 'X-CSRF-Token': undefined });
  assert.equal(r.status, 200);
  const ok = await admin.patch(`/api/v1/persons/${person.id}`, { version: person.version, notes: '已核实' });
  assert.equal(ok.status, 200);
  person = ok.body;
});

test('bearer-token requests need no CSRF token', async () => {
  const t = await admin.post('/api/v1/tokens', { name: 'csrf-free' });
  assert.equal(t.status, 201);
  const bot = srv.client({ token: t.body.token });
  const created = await bot.post('/api/v1/persons', { name: '令牌创建', division_code: '522726111200' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const patched = await bot.patch(`/api/v1/persons/${created.body.id}`, { version: 1, notes: '令牌修改' });
  assert.equal(patched.status, 200);
  const del = await bot.del(`/api/v1/persons/${created.body.id}?version=2`);
  assert.equal(del.status, 204);
  // a bearer token with a stray wrong CSRF header is still fine: the header is for cookies
  const stray = await bot.post('/api/v1/persons', { name: '令牌再建', division_code: '522726111200' },
    { headers: { 'X-CSRF-Token': 'whatever' } });
  assert.equal(stray.status, 201);
});

// Cookie + right token, but the given Origin / Referer (undefined = none).
function sendFrom(method, p, body, { origin, referer }) {
  return srv.client().raw(method, p, {
    headers: { Cookie: admin.cookieHeader(), 'X-CSRF-Token': admin.csrf, Origin: origin, Referer: referer },
    body,
  });
}

test('a cookie mutation from a foreign, missing or null Origin is 403 csrf and changes nothing', async () => {
  const own = new URL(srv.url);
  const before = await count();
  const bad = [
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { origin: `https://${own.host}` },                  // our host, another scheme
    { origin: `http://${own.hostname}:1` },             // our host, another port
    { origin: `http://${own.host}.evil.example` },      // a prefix of ours
    { origin: undefined, referer: undefined },          // neither header
    { origin: undefined, referer: 'http://evil.example/page' },
    { origin: '', referer: `http://evil.example/?r=${own.origin}` },
  ];
  for (const b of bad) {
    assertError(await sendFrom('POST', '/api/v1/persons', { name: '跨站创建', division_code: '522726111200' }, b), 403, 'csrf');
    assertError(await sendFrom('PATCH', `/api/v1/persons/${person.id}`, { version: person.version, notes: '跨站' }, b), 403, 'csrf');
    assertError(await sendFrom('DELETE', `/api/v1/persons/${person.id}?version=${person.version}`, undefined, b), 403, 'csrf');
  }
  // X-Forwarded-Proto is believed only with --trust-proxy
  const r = await srv.client().raw('POST', '/api/v1/persons', {
    headers: { Cookie: admin.cookieHeader(), 'X-CSRF-Token': admin.csrf, Origin: `https://${own.host}`, 'X-Forwarded-Proto': 'https' },
    body: { name: '跨站创建', division_code: '522726111200' },
  });
  assertError(r, 403, 'csrf');
  assert.equal(await count(), before);
  assert.equal((await admin.get(`/api/v1/persons/${person.id}`)).body.version, person.version);
});

test('our own Origin, or without one our own Referer, lets the write through', async () => {
  const own = new URL(srv.url);
  const a = await sendFrom('POST', '/api/v1/persons', { name: '本站创建', division_code: '522726111200' }, { origin: own.origin });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const b = await sendFrom('POST', '/api/v1/persons', { name: '本站再建', division_code: '522726111200' },
    { origin: undefined, referer: `${own.origin}/ledger/persons?x=1` });
  assert.equal(b.status, 201, JSON.stringify(b.body));
});

test('bearer-token clients are not asked for an Origin', async () => {
  const t = await admin.post('/api/v1/tokens', { name: 'origin-free' });
  const bot = srv.client({ token: t.body.token });
  const r = await bot.post('/api/v1/persons', { name: '令牌跨站', division_code: '522726111200' },
    { headers: { Origin: 'http://evil.example' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

test('behind a proxy with --trust-proxy, X-Forwarded-Proto names the scheme', async () => {
  const s2 = await startServer({ args: ['--trust-proxy'] });
  try {
    const a = await s2.login();
    const host = new URL(s2.url).host;
    const send2 = (origin) => s2.client().raw('POST', '/api/v1/persons', {
      headers: { Cookie: a.cookieHeader(), 'X-CSRF-Token': a.csrf, Origin: origin, 'X-Forwarded-Proto': 'https' },
      body: { name: '代理创建', division_code: '522726111200' },
    });
    assertError(await send2(`http://${host}`), 403, 'csrf');
    assert.equal((await send2(`https://${host}`)).status, 201);
  } finally {
    await s2.stop();
  }
});
