// 17 search: `q=` finds records by any part of their searchable fields — one
// Chinese character, a two-character name, a word of a company name, upper or
// lower case — and follows every change: a renamed record is found by its new
// name only, a deleted one not at all, an imported one at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, idNumber, piiAdmin } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const names = async (res, q) =>
  (await admin.get(`/api/v1/${res}?q=${encodeURIComponent(q)}&limit=500`)).body.items.map((x) => x.name).sort();

test('one character, two characters, a middle part, ASCII in any case', async () => {
  for (const name of ['王芳', '王芳莉', '李芳', '欧阳娜娜']) {
    assert.equal((await admin.post('/api/v1/persons', { name, division_code: '522726111200' })).status, 201);
  }
  assert.deepEqual(await names('persons', '王芳'), ['王芳', '王芳莉']);
  assert.deepEqual(await names('persons', '芳'), ['李芳', '王芳', '王芳莉']);
  assert.deepEqual(await names('persons', '阳娜'), ['欧阳娜娜']);
  assert.deepEqual(await names('persons', '王芳莉x'), []);
  assert.equal((await admin.post('/api/v1/enterprises', { name: 'ABC茶业有限公司', division_code: '522726111200' })).status, 201);
  assert.deepEqual(await names('enterprises', '茶业'), ['ABC茶业有限公司']);
  assert.deepEqual(await names('enterprises', 'ABC'), ['ABC茶业有限公司']);
});

test('a renamed record is found by its new name only; a deleted one not at all', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '张晓东', division_code: '522726111200' })).body;
  const r = await admin.patch(`/api/v1/persons/${p.id}`, { version: p.version, name: '张晓西' });
  assert.equal(r.status, 200);
  assert.deepEqual(await names('persons', '晓东'), []);
  assert.deepEqual(await names('persons', '晓西'), ['张晓西']);
  assert.equal((await admin.del(`/api/v1/persons/${p.id}?version=${r.body.version}`)).status, 204);
  assert.deepEqual(await names('persons', '晓西'), []);
});

test('imported records are found at once; an ID number is found by q too', async () => {
  const id = idNumber('522726', '19920305', '031');
  const csv = `姓名,身份证号,所在地区\n蒙春燕,${id},522726111214\n`;
  const imp = await admin.post('/api/v1/persons/import?format=csv', Buffer.from(csv));
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  assert.deepEqual(await names('persons', '春燕'), ['蒙春燕']);
  // a whole ID number in q is a query of personal data: for a user with the permission
  const pii = await piiAdmin(srv, admin);
  assert.deepEqual((await pii.get(`/api/v1/persons?q=${id}`)).body.items.map((x) => x.name), ['蒙春燕']);
});
