// 06 crud: create, get, patch with optimistic concurrency (version), soft
// delete with ?version=, and what a stale version does (409, nothing changed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber, maskId } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

test('create → 201 with id, version 1, created_at, updated_at; GET returns the same record', async () => {
  const r = await admin.post('/api/v1/persons', {
    name: '张建国', gender: 'male', division_code: '522726111200', education: 'bachelor',
    political_status: 'member', ethnicity: '布依族', address: '下司村一组', notes: '第一行\n第二行',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const p = r.body;
  assert.equal(typeof p.id, 'number');
  assert.ok(p.id > 0);
  assert.equal(p.version, 1);
  assert.match(p.created_at, RFC3339);
  assert.equal(p.updated_at, p.created_at);
  assert.equal(p.name, '张建国');
  assert.equal(p.gender, 'male');
  assert.equal(p.education, 'bachelor');
  assert.equal(p.division_code, '522726111200');
  assert.equal(p.division_code_label, '下司村');
  assert.equal(p.notes, '第一行\n第二行');
  assert.equal(p.id_number, null);
  const g = await admin.get(`/api/v1/persons/${p.id}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.body, p);
});

test('PATCH with the current version → version+1, only the given fields change', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '李秀英', division_code: '522726111200', address: '老地址' })).body;
  const r = await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, address: '新地址', id: 999, created_at: '2000-01-01T00:00:00Z' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.version, 2);
  assert.equal(r.body.id, p.id, 'id in the body is ignored');
  assert.equal(r.body.created_at, p.created_at);
  assert.match(r.body.updated_at, RFC3339);
  assert.ok(r.body.updated_at >= p.updated_at);
  assert.equal(r.body.address, '新地址');
  assert.equal(r.body.name, '李秀英');
  const again = await admin.patch(`/api/v1/persons/${p.id}`, { version: 2, address: null });
  assert.equal(again.status, 200);
  assert.equal(again.body.version, 3);
  assert.equal(again.body.address, null, 'null clears an optional field');
  assert.deepEqual((await admin.get(`/api/v1/persons/${p.id}`)).body, again.body);
});

test('a stale version → 409 conflict and nothing changed; a missing version → 422', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '王芳', division_code: '522726111200' })).body;
  const a = await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, notes: '甲改' });
  assert.equal(a.status, 200);
  const stale = await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, notes: '乙改', name: '王芳芳' });
  assertError(stale, 409, 'conflict');
  const future = await admin.patch(`/api/v1/persons/${p.id}`, { version: 7, notes: '乙改' });
  assertError(future, 409, 'conflict');
  const none = await admin.patch(`/api/v1/persons/${p.id}`, { notes: '乙改' });
  assert.ok(assertError(none, 422, 'validation').fields.version);
  const str = await admin.patch(`/api/v1/persons/${p.id}`, { version: '2', notes: '乙改' });
  assert.ok(assertError(str, 422, 'validation').fields.version);
  const now = (await admin.get(`/api/v1/persons/${p.id}`)).body;
  assert.deepEqual(now, a.body);
  assertError(await admin.patch('/api/v1/persons/999999', { version: 1, notes: 'x' }), 404, 'not_found');
  assertError(await admin.patch(`/api/v1/persons/${p.id}`, '不是JSON'), 400, 'bad_request');
  assertError(await admin.patch(`/api/v1/persons/${p.id}`, '[1,2]'), 400, 'bad_request');
});

test('DELETE ?version= → 204; the record leaves lists, GET is 404, it stays in the audit trail', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '赵删除', division_code: '522726111200', id_number: idNumber('522726', '19750505', '111') })).body;
  const before = (await admin.get('/api/v1/persons?limit=500')).body.total;
  assertError(await admin.del(`/api/v1/persons/${p.id}?version=2`), 409, 'conflict');
  assert.ok(assertError(await admin.del(`/api/v1/persons/${p.id}`), 422, 'validation').fields.version);
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).status, 200, 'the refused deletes changed nothing');
  const r = await admin.del(`/api/v1/persons/${p.id}?version=1`);
  assert.equal(r.status, 204);
  assert.equal(r.body.length, 0);
  assertError(await admin.get(`/api/v1/persons/${p.id}`), 404, 'not_found');
  const list = await admin.get('/api/v1/persons?limit=500');
  assert.equal(list.body.total, before - 1);
  assert.equal(list.body.items.some((i) => i.id === p.id), false);
  assert.equal((await admin.get(`/api/v1/persons?q=${encodeURIComponent('赵删除')}`)).body.total, 0);
  assertError(await admin.del(`/api/v1/persons/${p.id}?version=1`), 404, 'not_found');
  assertError(await admin.patch(`/api/v1/persons/${p.id}`, { version: 1, name: '复活' }), 404, 'not_found');
  const audit = await admin.get(`/api/v1/audit?entity=persons&entity_id=${p.id}`);
  assert.deepEqual(audit.body.items.map((i) => i.action), ['delete', 'create']);
  const del = audit.body.items[0];
  assert.equal(del.before.name, '赵删除');
  assert.equal(del.before.id_number, maskId(idNumber('522726', '19750505', '111')));
  assert.equal(del.after, null);
  // the ID number of a deleted person may be registered again
  const again = await admin.post('/api/v1/persons', { name: '赵重来', division_code: '522726111200', id_number: idNumber('522726', '19750505', '111') });
  assert.equal(again.status, 201, JSON.stringify(again.body));
});

test('a unique value already registered → 422 naming the field', async () => {
  const id = idNumber('522726', '19881212', '222');
  assert.equal((await admin.post('/api/v1/persons', { name: '甲', division_code: '522726111200', id_number: id })).status, 201);
  const dup = await admin.post('/api/v1/persons', { name: '乙', division_code: '522726111200', id_number: id });
  const e = assertError(dup, 422, 'validation');
  assert.match(e.fields.id_number, /身份证号/);
  const b = (await admin.post('/api/v1/persons', { name: '丙', division_code: '522726111200' })).body;
  assert.ok(assertError(await admin.patch(`/api/v1/persons/${b.id}`, { version: 1, id_number: id }), 422, 'validation').fields.id_number);
  assert.equal((await admin.get(`/api/v1/persons/${b.id}`)).body.version, 1);
});

test('ids and resources that do not exist are 404', async () => {
  assertError(await admin.get('/api/v1/persons/0'), 404, 'not_found');
  assertError(await admin.get('/api/v1/persons/abc'), 404, 'not_found');
  assertError(await admin.get('/api/v1/persons/999999'), 404, 'not_found');
  assertError(await admin.get('/api/v1/nosuchthing'), 404, 'not_found');
  assertError(await admin.post('/api/v1/nosuchthing', { a: 1 }), 404, 'not_found');
  assertError(await admin.get('/api/v1/nosuchthing/1'), 404, 'not_found');
});

test('orgs and enterprises create, reference, patch and delete the same way', async () => {
  const org = await admin.post('/api/v1/orgs', { name: '下司村党支部', kind: 'branch', division_code: '522726111200', established_on: '2001-07-01' });
  assert.equal(org.status, 201);
  const child = await admin.post('/api/v1/orgs', { name: '第一党小组', kind: 'other', division_code: '522726111200', parent_id: org.body.id });
  assert.equal(child.status, 201);
  assert.equal(child.body.parent_id_label, '下司村党支部');
  // an organisation cannot be its own ancestor
  const loop = await admin.patch(`/api/v1/orgs/${org.body.id}`, { version: 1, parent_id: child.body.id });
  assert.ok(assertError(loop, 422, 'validation').fields.parent_id);
  const ent = await admin.post('/api/v1/enterprises', { name: '黔南茶业', division_code: '522726111200', party_org_id: org.body.id, employees: 35, has_union: true });
  assert.equal(ent.status, 201, JSON.stringify(ent.body));
  assert.equal(ent.body.has_union, true);
  assert.equal(ent.body.has_youth_league, false);
  assert.equal(ent.body.party_org_id_label, '下司村党支部');
  const patched = await admin.patch(`/api/v1/enterprises/${ent.body.id}`, { version: 1, employees: 36, has_union: false });
  assert.equal(patched.body.version, 2);
  assert.equal(patched.body.employees, 36);
  assert.equal(patched.body.has_union, false);
  const gone = await admin.del(`/api/v1/enterprises/${ent.body.id}?version=2`);
  assert.equal(gone.status, 204);
});
