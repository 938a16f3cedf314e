// 25 scope oracles: the roads around the list by which a scoped user could
// learn of records outside the scope — a uniqueness clash, an import's
// look-up by ID number, the label of a referenced person. A 下司镇 town user
// and a person registered in 麻尾镇 (another town of the same county).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, idNumber } from './lib.mjs';

const XIASI = '522726111200'; // 下司村, 下司镇
const MAWEI = '522726112004'; // 象山社区, 麻尾镇
const FOREIGN_ID = idNumber('522726', '19850301', '417');
const OWN_ID = idNumber('522726', '19860402', '418');
const REFUSED = '该身份证号不能使用，请联系上级管理员';

let srv;
let admin;
let town;
let foreign; // the 麻尾镇 person
let own; // a 下司镇 person

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'xiasi-town', 'town', '522726111');
  town = await srv.login('xiasi-town', 'user-pass-123');
  foreign = (await admin.post('/api/v1/persons', { name: '麻尾居民甲', division_code: MAWEI, id_number: FOREIGN_ID })).body;
  own = (await admin.post('/api/v1/persons', { name: '下司村民乙', division_code: XIASI, id_number: OWN_ID })).body;
  assert.ok(foreign.id && own.id);
});

after(async () => {
  await srv?.stop();
});

const clashes = async () => (await admin.get('/api/v1/audit?entity=persons&limit=500')).body.items
  .filter((i) => i.action === 'unique_clash');
const count = async (c, res) => (await c.get(`/api/v1/${res}?limit=1`)).body.total;

test('a uniqueness clash outside the scope says neither whose nor that it exists; admins see an audit row', async () => {
  const before = (await clashes()).length;
  const persons = await count(admin, 'persons');
  const r = await town.post('/api/v1/persons', { name: '冒用者', division_code: XIASI, id_number: FOREIGN_ID });
  assertError(r, 422, 'validation');
  assert.equal(r.body.error.fields.id_number, REFUSED);
  assert.equal(JSON.stringify(r.body).includes('麻尾'), false);
  assert.equal(await count(admin, 'persons'), persons, 'nothing written');
  const rows = await clashes();
  assert.equal(rows.length, before + 1, 'audited although the write was refused');
  assert.equal(rows[0].entity_id, foreign.id);
  assert.equal(rows[0].username, 'xiasi-town');
  assert.equal(JSON.stringify(rows[0]).includes(FOREIGN_ID), false);
  // a clash inside the scope is the ordinary answer
  const mine = await town.post('/api/v1/persons', { name: '重复者', division_code: XIASI, id_number: OWN_ID });
  assertError(mine, 422, 'validation');
  assert.equal(mine.body.error.fields.id_number, '该身份证号已登记');
  // a PATCH onto the foreign number is refused the same way
  const p = (await town.post('/api/v1/persons', { name: '改号者', division_code: XIASI })).body;
  const patch = await town.patch(`/api/v1/persons/${p.id}`, { version: p.version, id_number: FOREIGN_ID });
  assertError(patch, 422, 'validation');
  assert.equal(patch.body.error.fields.id_number, REFUSED);
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.version, p.version);
});

test('the talent import does not find, name or take a person of another town', async () => {
  const csv = '姓名,性别,身份证号,所在村,来源,入库时间\n'
    + `麻尾居民甲,女,${FOREIGN_ID},${XIASI},返乡大学毕业生,2026-03-01\n`;
  for (const q of ['&dry_run=1', '']) {
    const r = await town.post(`/api/v1/talents/import?format=csv${q}`, csv, { headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const text = JSON.stringify(r.body);
    assert.ok(text.includes(REFUSED), text);
    assert.equal(text.includes('麻尾'), false, 'no hint of where she lives');
    assert.equal(text.includes('已登记为'), false, 'no name to compare against');
  }
  assert.equal(await count(town, 'talents'), 0);
  assertError(await town.get(`/api/v1/persons/${foreign.id}`), 404, 'not_found');
  // the same row names a person of the town and is imported
  const ok = await town.post('/api/v1/talents/import?format=csv',
    `姓名,性别,身份证号,所在村,来源,入库时间\n下司村民乙,女,${OWN_ID},${XIASI},返乡大学毕业生,2026-03-01\n`,
    { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(await count(town, 'talents'), 1);
});

test('the label of a referenced person outside the scope is not shown; inside it is', async () => {
  const t = (await town.get('/api/v1/talents?limit=1')).body.items[0];
  const set = await admin.patch(`/api/v1/talents/${t.id}`, { version: t.version, mentor_person_id: foreign.id });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.mentor_person_id_label, '麻尾居民甲', 'the admin sees every name');
  const g = await town.get(`/api/v1/talents/${t.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.mentor_person_id_label, null);
  assert.equal(g.body.person_id_label, '下司村民乙');
  for (const path of ['/api/v1/talents?limit=50', '/api/v1/talents/export?format=csv',
    '/api/v1/talents/stats?group=mentor_person_id']) {
    const r = await town.get(path);
    assert.equal(r.status, 200, path);
    const text = typeof r.body === 'object' && !Buffer.isBuffer(r.body) ? JSON.stringify(r.body) : r.body.toString('utf8');
    assert.equal(text.includes('麻尾居民甲'), false, path);
  }
});

test("a record's audit history leaves out the labels of referenced records outside the scope", async () => {
  // a 下司镇 enterprise whose instructor is the 麻尾镇 person
  const e = await admin.post('/api/v1/enterprises', { name: '下司茶叶合作社', division_code: XIASI, instructor_person_id: foreign.id });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  const h = await town.get(`/api/v1/audit?entity=enterprises&entity_id=${e.body.id}`);
  assert.equal(h.status, 200);
  assert.equal(JSON.stringify(h.body).includes('麻尾居民甲'), false, JSON.stringify(h.body));
  // the record itself says the same
  assert.equal(JSON.stringify((await town.get(`/api/v1/enterprises/${e.body.id}`)).body).includes('麻尾居民甲'), false);
  // an administrator reading the trail sees the label
  const all = await admin.get(`/api/v1/audit?entity=enterprises&entity_id=${e.body.id}`);
  assert.equal(JSON.stringify(all.body).includes('麻尾居民甲'), true);
});

test("a person's growth file shows the trainings the trainings ledger shows, no more", async () => {
  const mawei = await admin.post('/api/v1/trainings', { title: '麻尾镇内部培训', kind: 'town_class', division_code: '522726112', start_on: '2025-05-10' });
  const xiasi = await admin.post('/api/v1/trainings', { title: '下司镇课堂', kind: 'town_class', division_code: '522726111', start_on: '2025-06-10' });
  const closed = await admin.post('/api/v1/trainings', { title: '麻尾镇闭门培训', kind: 'town_class', division_code: '522726112', start_on: '2025-07-10' });
  for (const tr of [mawei, xiasi]) {
    assert.equal(tr.status, 201, JSON.stringify(tr.body));
    assert.equal((await admin.post('/api/v1/training_attendance', { training_id: tr.body.id, person_id: own.id })).status, 201);
  }
  assert.equal(closed.status, 201, JSON.stringify(closed.body));
  // another town's training that the town's own person attended counts for the town: visible
  const f = await town.get(`/api/v1/persons/${own.id}/file`);
  assert.equal(f.status, 200);
  const titles = f.body.events.filter((x) => x.kind === 'training').map((x) => x.title);
  assert.deepEqual(titles, ['参加培训：麻尾镇内部培训', '参加培训：下司镇课堂']);
  assert.equal((await town.get(`/api/v1/trainings/${mawei.body.id}`)).status, 200);
  // one none of its people attended stays the other town's
  assert.equal((await town.get(`/api/v1/trainings/${closed.body.id}`)).status, 404);
  const list = await town.get('/api/v1/trainings?limit=500');
  assert.equal(list.body.items.some((t) => t.id === closed.body.id), false);
});
