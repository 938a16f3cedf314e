// 41 talent import: a township's 台账 (姓名, 性别, 身份证号, 民族, 学历, 政治面貌,
// 联系电话, 所在村, 来源, 入库时间, 备注) imported into talents as XLSX (written
// by LibreOffice) and as GBK CSV (Excel on Chinese Windows): persons created
// or matched by ID number, admitted talents created, all or nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT, maskId, createUser } from './lib.mjs';
import { act, idNumber } from '../fixtures/talent_helpers.mjs';

const FIX = path.join(ROOT, 'tests/fixtures');
const file = (n) => fs.readFileSync(path.join(FIX, n));
let srv;
let admin;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-06-15' } });
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const upload = (name, format, q = '') => admin.post(`/api/v1/talents/import?format=${format}${q}`, file(name), {
  headers: { 'Content-Type': 'application/octet-stream' },
});
const count = async (res) => (await admin.get(`/api/v1/${res}?limit=1`)).body.total;

const EXPECTED = [
  { name: '潘雁', gender: 'female', birth_date: '1996-04-12', education: 'bachelor', political_status: 'league', village_code: '522726111200', source: 'returning_graduate', admitted_on: '2024-03-01', notes: '归雁思源座谈会推荐' },
  { name: '韦建军', gender: 'male', birth_date: '1990-09-30', education: 'senior', political_status: 'masses', village_code: '522726111214', source: 'veteran', admitted_on: '2024-03-15', notes: null },
  { name: '莫春燕', gender: 'female', birth_date: '2001-01-05', education: 'college', political_status: 'masses', village_code: '522726111215', source: 'entrepreneur', admitted_on: '2025-01-08', notes: '合作社带头人' },
];

function checkImported(items) {
  for (const want of EXPECTED) {
    const t = items.find((x) => x.name === want.name);
    assert.ok(t, want.name);
    assert.equal(t.status, 'admitted');
    for (const [k, v] of Object.entries(want)) assert.equal(t[k], v, `${want.name}.${k}`);
    assert.equal(t.recommended_on, want.admitted_on);
  }
}

test('the import template carries the 台账 columns', async () => {
  const r = await admin.get('/api/v1/talents/template?format=csv');
  assert.equal(r.status, 200);
  const header = r.body.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  for (const h of ['姓名', '性别', '身份证号', '民族', '学历', '政治面貌', '联系电话', '所在村', '来源', '入库时间', '备注']) {
    assert.ok(header.includes(h), h);
  }
});

test('XLSX: a bad row rejects the whole sheet; the good sheet creates persons and admitted talents', async () => {
  const persons = await count('persons');
  const bad = await upload('talent_ledger_bad.xlsx', 'xlsx');
  assert.equal(bad.status, 422, JSON.stringify(bad.body));
  assert.deepEqual(bad.body.error.rows.map((r) => [r.row, r.field]), [[5, 'id_number']]);
  assert.equal(await count('talents'), 0);
  assert.equal(await count('persons'), persons, 'nothing written');

  const dry = await upload('talent_ledger.xlsx', 'xlsx', '&dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(await count('talents'), 0);

  const ok = await upload('talent_ledger.xlsx', 'xlsx');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.inserted, 3);
  assert.equal(await count('persons'), persons + 3);
  const list = await admin.get('/api/v1/talents?limit=100');
  checkImported(list.body.items);
  const p = (await admin.get(`/api/v1/persons/${list.body.items.find((x) => x.name === '潘雁').person_id}`)).body;
  const id = idNumber('1996-04-12', 401, false);
  assert.equal(p.id_number, maskId(id));
  assert.equal(p.ethnicity, '布依族');
  assert.equal(p.phone, '138****1111');
  assert.equal(p.division_code, '522726111200');
  const steps = await admin.get(`/api/v1/talents/${list.body.items[0].id}/events`);
  assert.deepEqual(steps.body.items.map((s) => [s.action, s.to]), [['import', 'admitted']]);

  // importing the same sheet again is refused: they are in the pool already
  const again = await upload('talent_ledger.xlsx', 'xlsx');
  assert.equal(again.status, 422);
  assert.equal(again.body.error.rows.length, 3);
  for (const t of list.body.items) await act(admin, 'talents', t, 'exit', { date: '2026-06-01', exit_reason: 'other' });
});

test('GBK CSV: the bad row is reported; the good sheet matches persons by ID number', async () => {
  const persons = await count('persons');
  const talents = await count('talents');
  const bad = await upload('talent_ledger_bad_gbk.csv', 'csv');
  assert.equal(bad.status, 422, JSON.stringify(bad.body));
  assert.deepEqual(bad.body.error.rows.map((r) => [r.row, r.field]), [[5, 'id_number']]);
  assert.match(bad.body.error.rows[0].message, /身份证号/);
  assert.equal(await count('talents'), talents, 'nothing written');

  const ok = await upload('talent_ledger_gbk.csv', 'csv');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.inserted, 3);
  assert.equal(await count('persons'), persons, 'the persons were matched, not created again');
  const list = await admin.get('/api/v1/talents?status=admitted&limit=100');
  assert.equal(list.body.total, 3);
  checkImported(list.body.items);
});

test('a known ID number under another name is refused', async () => {
  const csv = '姓名,身份证号,所在村,来源,入库时间\r\n王五,' + idNumber('1996-04-12', 401, false) + ',下司村,其他,2024-01-01\r\n';
  const r = await admin.post('/api/v1/talents/import?format=csv', csv, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.rows[0].field, 'name');
  const noDate = '姓名,身份证号,所在村\r\n赵六,' + idNumber('1999-09-09', 450) + ',下司村\r\n';
  const r2 = await admin.post('/api/v1/talents/import?format=csv', noDate, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r2.status, 422);
  assert.equal(r2.body.error.rows[0].field, 'admitted_on');
});

test("a village user's import cannot admit: its rows enter as 村级推荐 for the town to take through the steps", async () => {
  await createUser(admin, 'xiasi-clerk', 'village', '522726111200');
  await createUser(admin, 'xiasi-town', 'town', '522726111000');
  const village = await srv.login('xiasi-clerk', 'user-pass-123');
  const town = await srv.login('xiasi-town', 'user-pass-123');
  const schemaOf = async (c) => (await c.get('/api/v1/schema')).body.resources.find((r) => r.name === 'talents');
  assert.deepEqual((await schemaOf(village)).import_action, { name: 'recommend', label: '村级推荐', to: 'recommended' });
  assert.deepEqual((await schemaOf(town)).import_action, { name: 'import', label: '直接入库', to: 'admitted' });

  const id = idNumber('1998-02-02', 470);
  const csv = '姓名,身份证号,所在村,来源,入库时间\r\n吴小兰,' + id + ',下司村,其他,2024-01-01\r\n';
  const post = (c, q = '') => c.post(`/api/v1/talents/import?format=csv${q}`, csv, { headers: { 'Content-Type': 'text/csv' } });
  const dry = await post(village, '&dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.inserted, 1);
  const ok = await post(village);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const t = (await village.get('/api/v1/talents?q=吴小兰')).body.items[0];
  assert.equal(t.status, 'recommended');
  assert.equal(t.admitted_on, null);
  assert.equal(t.recommended_on, '2026-06-15');
  const steps = await village.get(`/api/v1/talents/${t.id}/events`);
  assert.deepEqual(steps.body.items.map((s) => [s.action, s.to]), [['recommend', 'recommended']]);
  // the village cannot take the next step either; the town can
  const inspect = await village.post(`/api/v1/talents/${t.id}/actions/inspect`, { version: t.version, date: '2026-06-15' });
  assert.equal(inspect.status, 403);
  await act(town, 'talents', t, 'inspect', { date: '2026-06-15' });
  // without an 入库时间 a village's row is still a recommendation; a town's needs one
  const noDate = '姓名,身份证号,所在村\r\n杨秋,' + idNumber('1997-03-03', 471) + ',下司村\r\n';
  const r = await village.post('/api/v1/talents/import?format=csv', noDate, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const r2 = await town.post('/api/v1/talents/import?format=csv', noDate.replace('杨秋,' + idNumber('1997-03-03', 471), '杨冬,' + idNumber('1997-03-04', 472)), { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r2.status, 422);
  assert.equal(r2.body.error.rows[0].field, 'admitted_on');
});
