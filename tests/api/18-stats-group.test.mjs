// 18 grouped counts as a report: GET /api/v1/{res}/stats?format=xlsx is the
// JSON answer as a workbook for people (a title naming the ledger and the
// grouping, Chinese headers, labels not codes, numbers, a 合计 row) with the
// list's filters and the caller's scope; the schema says which fields group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, createUser, unzipMember } from './lib.mjs';

let srv;
let admin;
let village;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const people = [
    ['张一', '522726111200', 'male'], ['张二', '522726111200', 'female'], ['张三', '522726111200', 'male'],
    ['李一', '522726111214', 'female'], ['王一', '522725002006', 'male'],
  ];
  for (const [name, division_code, gender] of people) {
    assert.equal((await admin.post('/api/v1/persons', { name, division_code, gender })).status, 201);
  }
  for (const [name, division_code, employees] of [['下司茶厂', '522726111200', 30], ['下司米业', '522726111214', 12], ['瓮安磷化', '522725002006', 200]]) {
    assert.equal((await admin.post('/api/v1/enterprises', { name, division_code, employees })).status, 201);
  }
  await createUser(admin, 'cun18', 'village', '522726111200');
  village = await srv.login('cun18', 'user-pass-123');
});

after(async () => {
  await srv?.stop();
});

/** The workbook's cells by row: shared strings resolved, numbers as numbers. */
async function cells(bytes) {
  const shared = [...(await unzipMember(bytes, 'xl/sharedStrings.xml')).matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>|<t\/>)<\/si>/g)].map((m) => m[1] || '');
  const sheet = await unzipMember(bytes, 'xl/worksheets/sheet1.xml');
  const rows = [];
  for (const [, r] of sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)) {
    const row = [];
    for (const [, ref, attrs, v] of r.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)) {
      const col = ref.charCodeAt(0) - 65;
      row[col] = v === undefined ? '' : /t="s"/.test(attrs) ? shared[+v] : Number(v);
    }
    rows.push(Array.from(row, (c) => c ?? ''));
  }
  return { rows, sheet };
}

test('the schema marks the fields a ledger can be grouped by', async () => {
  const { resources } = (await admin.get('/api/v1/schema')).body;
  const persons = resources.find((r) => r.name === 'persons');
  const field = (r, n) => r.fields.find((f) => f.name === n);
  assert.equal(field(persons, 'gender').group, true);
  assert.equal(field(persons, 'division_code').group, true);
  assert.equal(field(persons, 'birth_date').group, true);
  assert.equal(field(persons, 'name').group, undefined, 'text does not group');
  // a figure a hook computes after the query (a talent's age) has nothing to group by
  const talents = resources.find((r) => r.name === 'talents');
  assert.equal(field(talents, 'age').group, undefined);
  assert.equal(field(talents, 'gender').group, true, 'a joined column groups');
  const r = await admin.get('/api/v1/talents/stats?group=age');
  assertError(r, 400, 'bad_request');
  assert.match(r.body.error.fields.group, /年龄不能用于分组/);
});

test('format=xlsx: title, Chinese headers, labels, numbers and a 合计 that is the list total', async () => {
  const json = (await admin.get('/api/v1/persons/stats?group=division_code:village,gender')).body;
  const r = await admin.get('/api/v1/persons/stats?group=division_code:village,gender&format=xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(r.headers.get('content-disposition'), /^attachment;/);
  assert.match(decodeURIComponent(r.headers.get('content-disposition')), /人员统计\.xlsx/);
  const { rows, sheet } = await cells(r.body);
  assert.match(rows[0][0], /^人员按所在地区（村）、性别统计（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
  assert.match(sheet, /<mergeCell ref="A1:C1"\/>/, 'the title spans the table');
  assert.deepEqual(rows[1], ['所在地区（村）', '性别', '数量']);
  const body = rows.slice(2, -1);
  assert.equal(body.length, json.groups.length);
  assert.deepEqual(body, json.groups.map((g) => [g.keys.division_code_label, g.keys.gender_label, g.count]));
  assert.ok(body.some((x) => x[0] === '下司村' && x[1] === '男' && x[2] === 2), 'labels, not codes');
  const list = (await admin.get('/api/v1/persons?limit=1')).body.total;
  assert.deepEqual(rows.at(-1), ['合计', '', list]);
});

test('format=xlsx takes the list filters, sums and the caller scope', async () => {
  const r = await admin.get('/api/v1/enterprises/stats?group=division_code:county&sum=employees&format=xlsx&division=522726');
  assert.equal(r.status, 200);
  const { rows } = await cells(r.body);
  assert.deepEqual(rows[1], ['所在地区（县）', '数量', '职工人数合计']);
  assert.deepEqual(rows.slice(2), [['独山县', 2, 42], ['合计', 2, 42]]);

  const v = await village.get('/api/v1/persons/stats?group=gender&format=xlsx');
  assert.equal(v.status, 200);
  const vrows = (await cells(v.body)).rows;
  const vtotal = (await village.get('/api/v1/persons?limit=1')).body.total;
  assert.equal(vtotal, 3, 'the village sees its own three');
  assert.deepEqual(vrows.at(-1), ['合计', vtotal]);
  assert.deepEqual(vrows.slice(2, -1).sort(), [['女', 1], ['男', 2]].sort());

  // an export of figures is audited like any export
  const a = (await admin.get('/api/v1/audit?entity=enterprises&limit=1')).body.items[0];
  assert.equal(a.action, 'export');
  assert.equal(a.after.format, 'xlsx');
  assert.equal(a.after.group, 'division_code:county');
  assert.equal(a.after.sum, 'employees');
});

test('a bad format or grouping is refused before anything is written', async () => {
  const before = (await admin.get('/api/v1/audit?entity=persons&limit=1')).body.items[0]?.id;
  assertError(await admin.get('/api/v1/persons/stats?group=gender&format=pdf'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?format=xlsx'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=name&format=xlsx'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=gender&format=xlsx&nosuch=1'), 400, 'bad_request');
  const now = (await admin.get('/api/v1/audit?entity=persons&limit=1')).body.items[0]?.id;
  assert.equal(now, before, 'no export was audited');
});
