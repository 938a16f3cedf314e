// 47 training visibility: a record that counts in a user's figures is visible to that user.
// A county training counts in a village's 人次 through its people's attendance, so the
// village sees the training (WAY_CHILD through training_attendance) and the attendance of its
// own people — but cannot change the county's training; another village sees neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser } from './lib.mjs';
import { person, VILLAGES } from '../fixtures/talent_helpers.mjs';

let srv;
let admin;
let xiasi;
let xinglang;
let training;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-11-30' } });
  admin = await srv.login();
  await createUser(admin, 'vis-xiasi', 'village', VILLAGES[0]);
  await createUser(admin, 'vis-xinglang', 'village', VILLAGES[2]);
  xiasi = await srv.login('vis-xiasi', 'user-pass-123');
  xinglang = await srv.login('vis-xinglang', 'user-pass-123');
  const t = await admin.post('/api/v1/trainings', { title: '县委党校专题培训班', kind: 'party_school', division_code: '522726', start_on: '2026-10-10' });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  training = t.body;
  const p = await person(admin, { name: '潘雁', village: VILLAGES[0] });
  const a = await admin.post('/api/v1/training_attendance', { training_id: training.id, person_id: p.id });
  assert.equal(a.status, 201, JSON.stringify(a.body));
});

after(async () => {
  await srv?.stop();
});

test('the village whose people attended sees the county training and their attendance', async () => {
  const list = await xiasi.get('/api/v1/trainings');
  assert.deepEqual(list.body.items.map((x) => x.title), ['县委党校专题培训班']);
  assert.equal(list.body.total, 1);
  assert.equal((await xiasi.get(`/api/v1/trainings/${training.id}`)).status, 200);
  const att = await xiasi.get(`/api/v1/training_attendance?training_id=${training.id}`);
  assert.equal(att.body.total, 1);
});

test('but it is not theirs to change', async () => {
  const patch = await xiasi.patch(`/api/v1/trainings/${training.id}`, { version: training.version, title: '改名' });
  assert.equal(patch.status, 404, JSON.stringify(patch.body));
  const del = await xiasi.del(`/api/v1/trainings/${training.id}?version=${training.version}`);
  assert.equal(del.status, 404);
  assert.equal((await admin.get(`/api/v1/trainings/${training.id}`)).body.title, '县委党校专题培训班');
});

test('a village none of whose people attended sees neither', async () => {
  assert.equal((await xinglang.get('/api/v1/trainings')).body.total, 0);
  assert.equal((await xinglang.get(`/api/v1/trainings/${training.id}`)).status, 404);
  assert.equal((await xinglang.get('/api/v1/training_attendance')).body.total, 0);
});
