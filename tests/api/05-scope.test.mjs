// 05 scope: each user sees and touches exactly their part of the prefecture.
// Village users (下司村 522726111200, 北盛村 522726111214), a town user (下司镇
// 522726111), a county user (独山县 522726), a viewer; records in both villages
// and one in 瓮安县 (522725). Out-of-scope records are 404, never 403; they
// are absent from lists and exports and cannot be referenced (422).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, idNumber } from './lib.mjs';

const XIASI = '522726111200';
const BEISHENG = '522726111214';
const WENGAN = '522725002006';

let srv;
let admin;
let village;
let village2;
let villagePii; // 下司村 with the PII permission
let town;
let county;
let viewer;
const rec = {}; // rec[place] = { org, person, enterprise }

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'xiasi', 'village', XIASI);
  await createUser(admin, 'beisheng', 'village', '522726111214');
  await createUser(admin, 'xiasipii', 'village', XIASI, { pii: true });
  await createUser(admin, 'town', 'town', '522726111');
  await createUser(admin, 'county', 'county', '522726');
  await createUser(admin, 'viewer', 'viewer', '522726111');
  village = await srv.login('xiasi', 'user-pass-123');
  village2 = await srv.login('beisheng', 'user-pass-123');
  villagePii = await srv.login('xiasipii', 'user-pass-123');
  town = await srv.login('town', 'user-pass-123');
  county = await srv.login('county', 'user-pass-123');
  viewer = await srv.login('viewer', 'user-pass-123');
  const places = { xiasi: [XIASI, '下司', '101'], beisheng: [BEISHENG, '北盛', '203'], wengan: [WENGAN, '新庄', '305'] };
  for (const [k, [code, nm, seq]] of Object.entries(places)) {
    const org = await admin.post('/api/v1/orgs', { name: `${nm}村党支部`, kind: 'branch', division_code: code });
    const person = await admin.post('/api/v1/persons', {
      name: `${nm}村民`, division_code: code, id_number: idNumber('522726', '19800101', seq), phone: '13912345678',
    });
    const enterprise = await admin.post('/api/v1/enterprises', { name: `${nm}合作社`, division_code: code, party_org_id: org.body.id });
    for (const r of [org, person, enterprise]) assert.equal(r.status, 201, JSON.stringify(r.body));
    rec[k] = { org: org.body, person: person.body, enterprise: enterprise.body };
  }
});

after(async () => {
  await srv?.stop();
});

const RES = ['orgs', 'persons', 'enterprises'];
const singular = { orgs: 'org', persons: 'person', enterprises: 'enterprise' };

async function names(c, res, query = '') {
  const r = await c.get(`/api/v1/${res}?limit=500${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.total, r.body.items.length);
  return r.body.items.map((i) => i.name).sort();
}

test('a village user reads and lists only its own village', async () => {
  for (const res of RES) {
    const own = rec.xiasi[singular[res]];
    assert.equal((await village.get(`/api/v1/${res}/${own.id}`)).status, 200);
    for (const other of ['beisheng', 'wengan']) {
      const r = await village.get(`/api/v1/${res}/${rec[other][singular[res]].id}`);
      assertError(r, 404, 'not_found');
      assert.equal(JSON.stringify(r.body).includes(rec[other][singular[res]].name), false);
    }
    assert.deepEqual(await names(village, res), [own.name]);
  }
});

test('filters and searches cannot reach outside the scope', async () => {
  assert.deepEqual(await names(village, 'persons', `&division=${BEISHENG}`), []);
  assert.deepEqual(await names(village, 'persons', '&division=522726111'), ['下司村民']);
  assert.deepEqual(await names(village, 'persons', `&division_code=${BEISHENG}`), []);
  assert.deepEqual(await names(village, 'persons', `&q=${encodeURIComponent('北盛')}`), []);
  assert.deepEqual(await names(villagePii, 'persons', `&id_number=${idNumber('522726', '19800101', '203')}`), []);
  assert.deepEqual(await names(villagePii, 'persons', `&q=${idNumber('522726', '19800101', '203')}`), []);
  assert.deepEqual(await names(villagePii, 'persons', `&id_number=${idNumber('522726', '19800101', '101')}`), ['下司村民']);
  assert.deepEqual(await names(village, 'persons', `&id__gte=1`), ['下司村民']);
});

test('a village user exports only its own village', async () => {
  for (const res of RES) {
    const r = await village.get(`/api/v1/${res}/export?format=csv`);
    assert.equal(r.status, 200);
    const text = r.body.toString('utf8');
    assert.ok(text.includes(rec.xiasi[singular[res]].name));
    assert.equal(text.includes('北盛'), false, text);
    assert.equal(text.includes('新庄'), false, text);
    assert.equal(text.replace(/^\uFEFF/, '').trim().split('\n').length, 2, 'header + one row');
  }
});

test('PATCH and DELETE of another village’s records are 404 and change nothing', async () => {
  for (const res of RES) {
    const other = rec.beisheng[singular[res]];
    assertError(await village.patch(`/api/v1/${res}/${other.id}`, { version: other.version, name: '被改了' }), 404, 'not_found');
    assertError(await village.del(`/api/v1/${res}/${other.id}?version=${other.version}`), 404, 'not_found');
    const now = await admin.get(`/api/v1/${res}/${other.id}`);
    assert.equal(now.status, 200);
    assert.equal(now.body.name, other.name);
    assert.equal(now.body.version, other.version);
  }
});

test('another village cannot be referenced: 422 on the reference field', async () => {
  const o = rec.beisheng.org.id;
  let r = await village.post('/api/v1/enterprises', { name: '越界企业', division_code: XIASI, party_org_id: o });
  assert.ok(assertError(r, 422, 'validation').fields.party_org_id);
  r = await village.post('/api/v1/enterprises', { name: '越界企业', division_code: XIASI, park_org_id: o });
  assert.ok(assertError(r, 422, 'validation').fields.park_org_id);
  r = await village.post('/api/v1/enterprises', { name: '越界企业', division_code: XIASI, instructor_person_id: rec.beisheng.person.id });
  assert.ok(assertError(r, 422, 'validation').fields.instructor_person_id);
  r = await village.post('/api/v1/orgs', { name: '越界支部', kind: 'branch', division_code: XIASI, parent_id: o });
  assert.ok(assertError(r, 422, 'validation').fields.parent_id);
  r = await village.post('/api/v1/persons', { name: '越界人员', division_code: BEISHENG });
  const e = assertError(r, 422, 'validation');
  assert.ok(e.fields.division_code);
  assert.deepEqual(Object.keys(e.fields), ['division_code']);
  r = await village.post('/api/v1/persons', { name: '越界人员', division_code: '522726111' });
  assert.ok(assertError(r, 422, 'validation').fields.division_code, 'the town itself is above a village');
  // moving an own record into another village
  const own = rec.xiasi.person;
  r = await village.patch(`/api/v1/persons/${own.id}`, { version: own.version, division_code: BEISHENG });
  assert.ok(assertError(r, 422, 'validation').fields.division_code);
  const ent = rec.xiasi.enterprise;
  r = await village.patch(`/api/v1/enterprises/${ent.id}`, { version: ent.version, party_org_id: o });
  assert.ok(assertError(r, 422, 'validation').fields.party_org_id);
  // nothing was written
  assert.deepEqual(await names(admin, 'persons'), ['下司村民', '新庄村民', '北盛村民'].sort());
  assert.equal((await admin.get(`/api/v1/persons/${own.id}`)).body.version, own.version);
  assert.equal((await admin.get(`/api/v1/enterprises/${ent.id}`)).body.version, ent.version);
  // and the same with its own org works
  r = await village.post('/api/v1/enterprises', { name: '本村企业', division_code: XIASI, party_org_id: rec.xiasi.org.id });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await village.del(`/api/v1/enterprises/${r.body.id}?version=1`)).status, 204);
});

test('imports are scoped: other villages’ divisions and ids are row errors, nothing written', async () => {
  let r = await village.post('/api/v1/persons/import?format=csv', `姓名,所在地区\n本村人,${XIASI}\n越界人,${BEISHENG}\n`);
  let e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[3, 'division_code']]);
  r = await village.post('/api/v1/persons/import?format=csv', `ID,姓名,所在地区\n${rec.beisheng.person.id},改名,${XIASI}\n`);
  e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'id']]);
  r = await village.post('/api/v1/persons/import?format=csv', '姓名,所在地区\n越界人,北盛村\n');
  e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'division_code']]);
  assert.deepEqual(await names(admin, 'persons'), ['下司村民', '新庄村民', '北盛村民'].sort());
  assert.equal((await admin.get(`/api/v1/persons/${rec.beisheng.person.id}`)).body.name, '北盛村民');
});

test('the audit trail of another village’s record is 404 to a village user', async () => {
  assertError(await village.get(`/api/v1/audit?entity=persons&entity_id=${rec.beisheng.person.id}`), 404, 'not_found');
  assertError(await village.get('/api/v1/audit'), 404, 'not_found');
  const own = await village.get(`/api/v1/audit?entity=persons&entity_id=${rec.xiasi.person.id}`);
  assert.equal(own.status, 200);
  assert.ok(own.body.items.length >= 1);
  assert.ok(own.body.items.every((i) => i.entity === 'persons' && i.entity_id === rec.xiasi.person.id));
});

test('a town user sees all its villages and nothing beyond', async () => {
  for (const res of RES) {
    assert.deepEqual(await names(town, res), [rec.xiasi[singular[res]].name, rec.beisheng[singular[res]].name].sort());
    assertError(await town.get(`/api/v1/${res}/${rec.wengan[singular[res]].id}`), 404, 'not_found');
  }
  const p = rec.beisheng.person;
  const r = await town.patch(`/api/v1/persons/${p.id}`, { version: p.version, notes: '镇里核实' });
  assert.equal(r.status, 200);
  rec.beisheng.person = r.body;
  let c = await town.post('/api/v1/persons', { name: '镇上新人', division_code: '522726111' });
  assert.equal(c.status, 201, 'the town itself is in its scope');
  assert.equal(c.body.division_code, '522726111000');
  c = await town.post('/api/v1/persons', { name: '外县人', division_code: WENGAN });
  assert.ok(assertError(c, 422, 'validation').fields.division_code);
  c = await town.post('/api/v1/persons', { name: '外镇人', division_code: '522726100000' });
  assert.ok(assertError(c, 422, 'validation').fields.division_code);
  // the dashboard counts of its villages
  const s = await town.get('/api/v1/stats/counts_by_division');
  assert.equal(s.status, 200);
  assert.equal(s.body.division, '522726111000');
  const byCode = Object.fromEntries(s.body.values.rows.map((x) => [x.code, x]));
  assert.deepEqual([byCode[XIASI].persons, byCode[XIASI].orgs, byCode[XIASI].enterprises], [1, 1, 1]);
  assert.equal(byCode[XIASI].name, '下司村');
  assert.deepEqual([byCode[BEISHENG].persons, byCode[BEISHENG].orgs, byCode[BEISHENG].enterprises], [1, 1, 1]);
  assert.ok(s.body.values.rows.every((x) => x.code.startsWith('522726111')));
  assertError(await town.get('/api/v1/stats/counts_by_division?division=522725'), 404, 'not_found');
  assertError(await village.get(`/api/v1/stats/counts_by_division?division=${BEISHENG}`), 404, 'not_found');
  await town.del(`/api/v1/persons/${(await town.get(`/api/v1/persons?q=${encodeURIComponent('镇上新人')}`)).body.items[0].id}?version=1`);
});

test('a county user sees its county and not the neighbouring one', async () => {
  for (const res of RES) {
    const got = await names(county, res);
    assert.deepEqual(got, [rec.xiasi[singular[res]].name, rec.beisheng[singular[res]].name].sort());
    assertError(await county.get(`/api/v1/${res}/${rec.wengan[singular[res]].id}`), 404, 'not_found');
  }
  const admins = await names(admin, 'persons');
  assert.equal(admins.length, 3, 'the admin sees everything');
});

test('a viewer reads its scope but cannot write (403), and nothing changes', async () => {
  assert.deepEqual(await names(viewer, 'persons'), ['下司村民', '北盛村民'].sort());
  const p = rec.xiasi.person;
  assertError(await viewer.post('/api/v1/persons', { name: '只读', division_code: XIASI }), 403, 'forbidden');
  assertError(await viewer.patch(`/api/v1/persons/${p.id}`, { version: p.version, name: '只读' }), 403, 'forbidden');
  assertError(await viewer.del(`/api/v1/persons/${p.id}?version=${p.version}`), 403, 'forbidden');
  assertError(await viewer.post('/api/v1/persons/import?format=csv', `姓名,所在地区\n只读,${XIASI}\n`), 403, 'forbidden');
  assert.equal((await viewer.get('/api/v1/persons/export?format=csv')).status, 200, 'a viewer may export');
  assertError(await viewer.get('/api/v1/persons?reveal=1'), 403, 'forbidden');
  const now = await admin.get(`/api/v1/persons/${p.id}`);
  assert.equal(now.body.version, p.version);
  assert.equal(now.body.name, p.name);
  assert.equal((await admin.get('/api/v1/persons?limit=1')).body.total, 3);
  const schema = await viewer.get('/api/v1/schema');
  const persons = schema.body.resources.find((r) => r.name === 'persons');
  assert.equal(persons.can.create, false);
});

test('the users resource is admin-only: non-admins get 403 on writes and see no account', async () => {
  const adminRec = (await admin.get('/api/v1/users?username=xiasi')).body.items[0];
  for (const c of [village, town, county, viewer]) {
    const list = await c.get('/api/v1/users');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items, []);
    assert.equal(list.body.total, 0);
    assertError(await c.get(`/api/v1/users/${adminRec.id}`), 404, 'not_found');
    assertError(await c.get(`/api/v1/users/1`), 404, 'not_found');
    assertError(await c.post('/api/v1/users', { username: 'evil', role: 'admin', password: 'evil-pass-123' }), 403, 'forbidden');
    assertError(await c.patch(`/api/v1/users/${adminRec.id}`, { version: adminRec.version, role: 'admin' }), 403, 'forbidden');
    assertError(await c.del(`/api/v1/users/${adminRec.id}?version=${adminRec.version}`), 403, 'forbidden');
    assertError(await c.post(`/api/v1/users/${adminRec.id}/actions/lock`, { version: adminRec.version }), 403, 'forbidden');
    assertError(await c.post('/api/v1/users/import?format=csv', '用户名,角色\nevil,admin\n'), 403, 'forbidden');
    const exp = await c.get('/api/v1/users/export?format=csv');
    if (exp.status === 200) {
      const text = exp.body.toString('utf8');
      assert.equal(/xiasi|admin|beisheng/.test(text), false, 'an export of users leaks no account');
    } else {
      assert.ok([403, 404].includes(exp.status));
    }
    const schema = await c.get('/api/v1/schema');
    assert.equal(schema.body.resources.some((r) => r.name === 'users'), false);
    assertError(await c.post('/api/v1/divisions', { code: '522726111299', name: '新村', short_name: '新村', level: 5 }), 403, 'forbidden');
  }
  const users = await admin.get('/api/v1/users?limit=100');
  assert.equal(users.body.total, 7);
  assert.equal(users.body.items.some((u) => u.username === 'evil'), false);
  assert.equal((await admin.get(`/api/v1/users/${adminRec.id}`)).body.version, adminRec.version);
  assert.equal(JSON.stringify(users.body).includes('password'), false, 'no password or hash in answers');
});
