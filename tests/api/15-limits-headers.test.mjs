// 15 limits and headers: the 1 MiB JSON limit, security headers on every
// answer, /healthz without auth, unknown routes, the error shape, the schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /(^|;)\s*default-src 'self'/, `${what}: CSP default-src`);
  assert.match(csp, /(^|;)\s*frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer', what);
}

test('a JSON body over 1 MiB → 413 too_large, nothing written', async () => {
  const before = (await admin.get('/api/v1/persons?limit=1')).body.total;
  const r = await admin.post('/api/v1/persons', { name: '大', division_code: '522726111200', notes: 'x'.repeat(1024 * 1024 + 10) });
  assertError(r, 413, 'too_large');
  assertSecurityHeaders(r, '413');
  const raw = await admin.post('/api/v1/persons', Buffer.alloc(2 * 1024 * 1024, 0x20), { headers: { 'Content-Type': 'application/json' } });
  assertError(raw, 413, 'too_large');
  assert.equal((await admin.get('/api/v1/persons?limit=1')).body.total, before);
  // just under the limit is read (and then judged on its content)
  const under = await admin.post('/api/v1/persons', { name: '小', division_code: '522726111200', notes: 'x'.repeat(1000 * 1000) });
  assert.notEqual(under.status, 413);
});

test('security headers on every kind of answer', async () => {
  const c = srv.client();
  const answers = {
    healthz: await c.get('/healthz'),
    '401': await c.get('/api/v1/persons'),
    '404 route': await admin.get('/api/v2/nothing'),
    '200 list': await admin.get('/api/v1/persons'),
    '201 create': await admin.post('/api/v1/persons', { name: '头', division_code: '522726111200' }),
    '422': await admin.post('/api/v1/persons', {}),
    '403 csrf': await admin.post('/api/v1/persons', {}, { headers: { 'X-CSRF-Token': 'x' } }),
    'export': await admin.get('/api/v1/persons/export?format=csv'),
    'static /': await c.get('/'),
  };
  for (const [what, r] of Object.entries(answers)) assertSecurityHeaders(r, what);
  const del = await admin.del(`/api/v1/persons/${answers['201 create'].body.id}?version=1`);
  assert.equal(del.status, 204);
  assertSecurityHeaders(del, '204');
  assert.equal(answers['200 list'].headers.get('cache-control'), 'no-store', 'API answers are not cached');
});

test('/healthz needs no session', async () => {
  const r = await srv.client().get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { ok: true, db: srv.backend });
  assert.match(r.headers.get('content-type'), /application\/json/);
});

test('unknown routes are 404 in the API error shape; errors are JSON', async () => {
  for (const p of ['/api/v2/persons', '/api/v1/persons/1/2/3/4', '/api/nothing', '/api/v1/nosuch', '/api/v1/persons/1/actions/nosuch']) {
    const r = p.endsWith('nosuch') && p.includes('actions') ? await admin.post(p, { version: 1 }) : await admin.get(p);
    assertError(r, 404, 'not_found');
    assert.match(r.headers.get('content-type'), /application\/json/);
  }
  // a known path with a method it does not take is an error of the same shape
  const put = await admin.put('/api/v1/persons/1', { name: 'x' });
  assert.ok(put.status === 405 || put.status === 404, `${put.status}`);
  assert.equal(typeof put.body.error.code, 'string');
  assert.equal(typeof put.body.error.message, 'string');
  // unauthenticated requests to unknown API routes do not reveal anything beyond 401/404
  const anon = await srv.client().get('/api/v1/nosuch');
  assert.ok([401, 404].includes(anon.status));
  assert.ok(anon.body.error);
});

test('a body that is not JSON is 400 bad_request', async () => {
  assertError(await admin.post('/api/v1/persons', '{"name": '), 400, 'bad_request');
  assertError(await admin.post('/api/v1/persons', 'null'), 400, 'bad_request');
  assertError(await admin.post('/api/v1/persons', ''), 400, 'bad_request');
});

test('GET /api/v1/schema describes resources, fields and actions', async () => {
  const r = await admin.get('/api/v1/schema');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body.resources));
  const types = new Set(['string', 'text', 'int', 'money_fen', 'date', 'datetime', 'bool', 'enum', 'ref', 'division', 'id_number', 'phone', 'credit_code', 'json']);
  const names = new Set(r.body.resources.map((x) => x.name));
  for (const res of r.body.resources) {
    for (const k of ['name', 'label', 'scope', 'fields', 'actions']) assert.ok(k in res, `${res.name}.${k}`);
    assert.match(res.label, /[\u4e00-\u9fff]/);
    for (const f of res.fields) {
      for (const k of ['name', 'label', 'type', 'required', 'ref']) assert.ok(k in f, `${res.name}.${f.name}.${k}`);
      assert.ok(types.has(f.type), `${res.name}.${f.name}: ${f.type}`);
      assert.equal(typeof f.required, 'boolean');
      if (f.type === 'enum') {
        assert.ok(Array.isArray(f.enum) && f.enum.length > 0, `${res.name}.${f.name}.enum`);
        for (const e of f.enum) assert.deepEqual(Object.keys(e).sort(), ['label', 'value']);
      }
      if (f.type === 'ref') assert.ok(names.has(f.ref), `${res.name}.${f.name} → ${f.ref}`);
      else assert.equal(f.ref, null);
    }
    for (const a of res.actions) {
      for (const k of ['name', 'label', 'from', 'to']) assert.ok(k in a, `${res.name} action ${a.name}.${k}`);
      assert.ok(Array.isArray(a.from));
    }
  }
  const persons = r.body.resources.find((x) => x.name === 'persons');
  assert.equal(persons.label, '人员');
  assert.equal(persons.scope, 'division');
  const gender = persons.fields.find((f) => f.name === 'gender');
  assert.deepEqual(gender.enum, [{ value: 'male', label: '男' }, { value: 'female', label: '女' }]);
  assert.equal(persons.fields.find((f) => f.name === 'id_number').type, 'id_number');
  assert.equal(persons.fields.find((f) => f.name === 'phone').type, 'phone');
  assert.equal(persons.fields.find((f) => f.name === 'name').required, true);
  const ent = r.body.resources.find((x) => x.name === 'enterprises');
  assert.equal(ent.fields.find((f) => f.name === 'party_org_id').ref, 'orgs');
  assert.equal(ent.fields.find((f) => f.name === 'credit_code').type, 'credit_code');
  const users = r.body.resources.find((x) => x.name === 'users');
  assert.equal(users.scope, 'admin');
  assert.deepEqual(users.actions.find((a) => a.name === 'lock'), { ...users.actions.find((a) => a.name === 'lock'), label: '锁定', from: ['active'], to: 'locked' });
  assert.equal(users.fields.some((f) => f.name === 'password_hash'), false, 'no hidden secret in the schema');
  assertError(await srv.client().get('/api/v1/schema'), 401, 'unauthenticated');
});
