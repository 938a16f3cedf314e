// 10 import (CSV): UTF-8 with and without BOM, GBK/GB18030, columns by label or
// field name, dry runs, all-or-nothing with per-row errors at the right
// spreadsheet rows, updates by id, clear messages, the 32 MiB limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber, toGbk, piiAdmin } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const enc = encodeURIComponent;
const total = async () => (await admin.get('/api/v1/persons?limit=1')).body.total;
const byName = async (n) => (await admin.get(`/api/v1/persons?q=${enc(n)}&limit=500`)).body.items.filter((i) => i.name === n);
const importAudits = async () => (await admin.get('/api/v1/audit?entity=persons&limit=500')).body.items.filter((i) => i.action === 'import').length;
const importCsv = (body, query = '') => admin.post(`/api/v1/persons/import?format=csv${query}`, body, { headers: { 'Content-Type': 'text/csv' } });

const ID1 = idNumber('522726', '19900101', '123');
const ID2 = idNumber('522726', '19851231', '008');

test('UTF-8 CSV with BOM: quoted commas, quotes and line breaks survive', async () => {
  const csv = '\uFEFF姓名,性别,身份证号,联系电话,所在地区,备注\r\n' +
    `张三,男,${ID1},13912345678,522726111200,"含逗号,和""引号"""\r\n` +
    `李四,女,${ID2},,522726111200,"第一行\r\n第二行"\r\n`;
  const r = await importCsv(Buffer.from(csv, 'utf8'));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  assert.equal(r.body.updated, 0);
  const [z] = await byName('张三');
  assert.equal(z.gender, 'male');
  assert.equal(z.birth_date, '1990-01-01', 'derived from the ID number');
  assert.equal(z.notes, '含逗号,和"引号"');
  assert.equal(z.phone, '139****5678');
  assert.equal(z.division_code, '522726111200');
  assert.equal((await (await piiAdmin(srv, admin)).get(`/api/v1/persons?id_number=${ID1}`)).body.items[0].id, z.id);
  const [l] = await byName('李四');
  assert.equal(l.notes, '第一行\n第二行');
  assert.equal(l.gender, 'female');
  assert.equal(l.birth_date, '1985-12-31');
});

test('UTF-8 CSV without BOM, columns by field name and label mixed, empty lines skipped', async () => {
  const csv = 'name,性别,division_code,education,出生日期\n\n王五,male,522726111214,本科,1970-3-5\n,,,,\n赵六,女,522726111214,college,\n';
  const r = await importCsv(csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  const [w] = await byName('王五');
  assert.equal(w.education, 'bachelor');
  assert.equal(w.birth_date, '1970-03-05');
  const [z] = await byName('赵六');
  assert.equal(z.education, 'college');
  assert.equal(z.gender, 'female');
});

test('GBK (GB18030) CSV made by iconv is read correctly', async () => {
  const text = '姓名,性别,学历,所在地区,住址,工作单位\r\n欧阳娜,女,硕士研究生,下司村,独山县下司镇下司村三组,黔南州茶业有限公司\r\n龚䶮,男,,522726111200,,\r\n';
  const bytes = await toGbk(text);
  assert.equal(bytes.includes(Buffer.from('欧阳娜', 'utf8')), false, 'the file really is not UTF-8');
  const r = await importCsv(bytes);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  const [o] = await byName('欧阳娜');
  assert.equal(o.education, 'master');
  assert.equal(o.division_code, '522726111200', 'a division by its name, within scope');
  const full = await admin.get(`/api/v1/persons/${o.id}`);
  assert.equal(full.body.address, '独山县下司镇下司村三组');
  assert.equal(full.body.employer, '黔南州茶业有限公司');
  assert.equal((await byName('龚䶮')).length, 1, 'a GB18030-only character');
});

test('dry_run=1 answers the counts and writes nothing', async () => {
  const before = await total();
  const audits = await importAudits();
  const r = await importCsv('姓名,所在地区\n试一,522726111200\n试二,522726111200\n试三,522726111200\n', '&dry_run=1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  assert.equal(r.body.updated, 0);
  assert.equal(r.body.dry_run, true);
  assert.equal(await total(), before);
  assert.equal((await byName('试一')).length, 0);
  assert.equal(await importAudits(), audits, 'a dry run leaves no import audit row');
  // a dry run reports bad rows the same way
  const bad = await importCsv('姓名,联系电话,所在地区\n试四,123,522726111200\n', '&dry_run=1');
  assert.deepEqual(assertError(bad, 422, 'validation').rows.map((x) => [x.row, x.field]), [[2, 'phone']]);
});

test('one bad row → 422 with every bad row at its spreadsheet row number, and nothing written', async () => {
  const before = await total();
  const audits = await importAudits();
  const csv = '姓名,性别,身份证号,联系电话,所在地区,备注\n' +
    '好人一,男,,,522726111200,\n' + // row 2
    `坏人一,男,110105194912310021,,522726111200,\n` + // row 3: check digit
    '好人二,女,,,522726111200,"两行\n备注"\n' + // row 4 (spans two lines of text)
    '坏人二,不男不女,,12345,522726111200,\n' + // row 5: gender and phone
    ',男,,,522726111200,\n' + // row 6: no name
    '坏人三,男,,,999999999999,\n'; // row 7: no such division
  const r = await importCsv(csv);
  const e = assertError(r, 422, 'validation');
  assert.match(e.message, /未导入/);
  const got = e.rows.map((x) => `${x.row}:${x.field}`).sort();
  assert.deepEqual(got, ['3:id_number', '5:gender', '5:phone', '6:name', '7:division_code'].sort());
  for (const row of e.rows) {
    assert.deepEqual(Object.keys(row).sort(), ['column', 'field', 'label', 'message', 'row']);
    assert.match(row.label, /[\u4e00-\u9fff]/, 'each error names its column in Chinese');
    assert.equal(typeof row.row, 'number');
    assert.match(row.message, /[\u4e00-\u9fff]/);
  }
  assert.match(e.rows.find((x) => x.field === 'id_number').message, /身份证号/);
  assert.equal(await total(), before, 'the good rows were not written either');
  assert.equal((await byName('好人一')).length, 0);
  assert.equal(await importAudits(), audits);
});

test('a row with an id column (and the version it was exported at) updates that record; an unknown id is a row error', async () => {
  const p = (await admin.post('/api/v1/persons', { name: '待更新', division_code: '522726111200', education: 'junior' })).body;
  const r = await importCsv(`ID,版本,姓名,学历,所在地区\n${p.id},${p.version},已更新,本科,522726111200\n,,新来的,,522726111200\n`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.inserted, r.body.updated], [1, 1]);
  const now = (await admin.get(`/api/v1/persons/${p.id}`)).body;
  assert.equal(now.name, '已更新');
  assert.equal(now.education, 'bachelor');
  assert.equal(now.version, p.version + 1);
  const bad = await importCsv('ID,版本,姓名,所在地区\n999999,1,没有这个人,522726111200\n');
  assert.deepEqual(assertError(bad, 422, 'validation').rows.map((x) => [x.row, x.field]), [[2, 'id']]);
  const gone = await importCsv('ID,版本,姓名,所在地区\nabc,1,没有这个人,522726111200\n');
  assert.deepEqual(assertError(gone, 422, 'validation').rows.map((x) => [x.row, x.field]), [[2, 'id']]);
});

test('the same ID number twice in one file is a row error on the second', async () => {
  const id = idNumber('522726', '19770707', '077');
  const r = await importCsv(`姓名,身份证号,所在地区\n甲重,${id},522726111200\n乙重,${id},522726111200\n`);
  assert.deepEqual(assertError(r, 422, 'validation').rows.map((x) => [x.row, x.field]), [[3, 'id_number']]);
  assert.equal((await byName('甲重')).length, 0);
});

test('unknown and missing columns are reported on the header row', async () => {
  let r = await importCsv('姓名,所在地区,鞋码\n甲,522726111200,42\n');
  let e = assertError(r, 422, 'validation');
  assert.equal(e.rows[0].row, 1);
  assert.match(e.rows[0].message, /鞋码/);
  r = await importCsv('姓名,性别\n甲,男\n');
  e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[1, 'division_code']]);
  r = await importCsv('姓名,姓名,所在地区\n甲,乙,522726111200\n');
  assert.equal(assertError(r, 422, 'validation').rows[0].row, 1);
});

test('files that are not CSV, empty, or of an unknown format are refused', async () => {
  assertError(await importCsv(''), 400, 'bad_request');
  assertError(await importCsv('\n\n'), 422, 'validation');
  const bin = await importCsv(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x30, 0x00, 0xfe, 0xff, 0x80, 0x80]));
  assert.ok([400, 422].includes(bin.status));
  assertError(await admin.post('/api/v1/persons/import?format=pdf', 'x'), 400, 'bad_request');
});

test('an ID number turned into scientific notation gets its own message', async () => {
  const r = await importCsv('姓名,身份证号,所在地区\n科学,5.22726E+17,522726111200\n科学二,522726199001011000,522726111200\n');
  const e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'id_number'], [3, 'id_number']]);
  assert.match(e.rows[0].message, /科学计数法|文本/);
});

test('an import writes one audit row with the counts', async () => {
  const before = await importAudits();
  const r = await importCsv('姓名,所在地区\n审计甲,522726111200\n审计乙,522726111200\n');
  assert.equal(r.status, 200);
  const a = (await admin.get('/api/v1/audit?entity=persons&limit=1')).body.items[0];
  assert.equal(a.action, 'import');
  assert.equal(a.after.inserted, 2);
  assert.equal(a.after.updated, 0);
  assert.equal(await importAudits(), before + 1);
});

test('an import over 32 MiB → 413 too_large and nothing written', async () => {
  const before = await total();
  const row = '大文件,522726111200,' + 'x'.repeat(200) + '\n';
  const big = Buffer.from('姓名,所在地区,备注\n' + row.repeat(Math.ceil((32 * 1024 * 1024 + 10) / Buffer.byteLength(row))));
  assert.ok(big.length > 32 * 1024 * 1024);
  const r = await importCsv(big);
  assertError(r, 413, 'too_large');
  assert.equal(await total(), before);
});
