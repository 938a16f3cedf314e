// 46 talent recommend: 新增推荐人选 in one step — POST /talents/recommend finds the person by
// ID number or creates them (birth date and gender from the number, in the village), then
// recommends them (村级推荐), all or nothing; the same rules as an import row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser } from './lib.mjs';
import { idNumber, VILLAGES } from '../fixtures/talent_helpers.mjs';

let srv;
let admin;
let village;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-11-30' } });
  admin = await srv.login();
  await createUser(admin, 'rec-cun', 'village', VILLAGES[0]);
  village = await srv.login('rec-cun', 'user-pass-123');
});

after(async () => {
  await srv?.stop();
});

const count = async (res) => (await admin.get(`/api/v1/${res}?limit=1`)).body.total;

test('a new person: created with the birth date and gender of the number, and recommended', async () => {
  const persons = await count('persons');
  const id = idNumber('1999-05-06', 333, false);
  const r = await village.post('/api/v1/talents/recommend', { id_number: id, name: '吴小兰', village_code: VILLAGES[0], source: 'returning_worker', phone: '13800001111' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'recommended');
  assert.equal(r.body.name, '吴小兰');
  assert.equal(r.body.recommended_on, '2026-11-30');
  assert.equal(await count('persons'), persons + 1);
  const p = (await admin.get(`/api/v1/persons/${r.body.person_id}`)).body;
  assert.equal(p.birth_date, '1999-05-06');
  assert.equal(p.gender, 'female');
  assert.equal(p.division_code, VILLAGES[0]);
  const ev = (await village.get(`/api/v1/talents/${r.body.id}/events`)).body.items;
  assert.deepEqual(ev.map((e) => e.action), ['recommend']);
});

test('a known person is found by the number, not created again; a second recommendation is refused', async () => {
  const id = idNumber('1990-01-02', 334);
  const made = await admin.post('/api/v1/persons', { name: '杨秋', id_number: id, division_code: VILLAGES[0] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const persons = await count('persons');
  const r = await village.post('/api/v1/talents/recommend', { id_number: id, name: '杨秋', village_code: VILLAGES[0] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.person_id, made.body.id);
  assert.equal(await count('persons'), persons);
  const again = await village.post('/api/v1/talents/recommend', { id_number: id, name: '杨秋', village_code: VILLAGES[0] });
  assert.equal(again.status, 422);
  assert.ok(again.body.error.fields.person_id, JSON.stringify(again.body));
});

test('bad input is refused field by field and writes nothing', async () => {
  const persons = await count('persons');
  const talents = await count('talents');
  const bad = await village.post('/api/v1/talents/recommend', { id_number: '110105194912310021', name: '', village_code: VILLAGES[0] });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.fields.id_number);
  const other = await village.post('/api/v1/talents/recommend', { id_number: idNumber('1991-01-01', 335), name: '外村人', village_code: VILLAGES[2] });
  assert.equal(other.status, 422, 'a village recommends its own people only');
  const wrongName = await village.post('/api/v1/talents/recommend', { id_number: idNumber('1990-01-02', 334), name: '别人', village_code: VILLAGES[0] });
  assert.equal(wrongName.status, 422);
  assert.equal(await count('persons'), persons);
  assert.equal(await count('talents'), talents);
});
