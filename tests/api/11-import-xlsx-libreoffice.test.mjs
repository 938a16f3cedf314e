// 11 import (XLSX): spreadsheets written by LibreOffice from CSV — text ID
// numbers, real date cells, per-row errors at the right rows, and the ID
// number LibreOffice turned into a float (scientific notation) reported clearly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, assertError, idNumber, haveSoffice, libreofficeXlsx, piiAdmin } from './lib.mjs';

const SKIP = haveSoffice() ? false : 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui';

let srv;
let admin;
let dir;
const files = {};

const ID1 = idNumber('522726', '19900101', '123');
const ID2 = idNumber('522726', '19851231', '008');
const ID3 = idNumber('522727', '20000229', '042');

before(async () => {
  if (SKIP) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-xlsx-'));
  // Columns: 1 姓名, 2 性别, 3 身份证号 (text), 4 出生日期 (a date), 5 所在地区 (text),
  // 6 联系电话 (text), 7 备注 — and in sci.csv column 7 holds an ID number left
  // to LibreOffice's guess, which makes it a float.
  const write = (name, text) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const good = write('good.csv', '姓名,性别,身份证号,出生日期,所在地区,联系电话,备注\n' +
    `表一,男,${ID1},1990-01-01,522726111200,13912345678,第一行\n` +
    `表二,女,${ID2},1985-12-31,522726111200,,\n` +
    `表三,女,${ID3},2000-02-29,522727108203,,新坪村\n` +
    `表四,,,1970-06-15,522726111214,,\n`);
  const bad = write('bad.csv', '姓名,性别,身份证号,出生日期,所在地区,联系电话,备注\n' +
    `坏一,男,${idNumber('522726', '19900101', '135')},1990-01-01,522726111200,,\n` +
    `坏二,男,,1990-01-01,522726111200,12345,\n` +
    `坏三,男,,1990-01-01,522726111200,,\n` +
    `坏四,女,${idNumber('522726', '19900101', '147')},1991-01-01,522726111200,,\n`);
  const sci = write('sci.csv', '姓名,性别,出生日期,所在地区,联系电话,备注,身份证号\n' +
    `科学,男,,522726111200,,,${idNumber('522726', '19900101', '159')}\n`);
  const [g, b, s] = await libreofficeXlsx([good, bad, sci], dir, '1/2/2/2/3/2/4/5/5/2/6/2/7/1');
  Object.assign(files, { good: fs.readFileSync(g), bad: fs.readFileSync(b), sci: fs.readFileSync(s) });
});

after(async () => {
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the LibreOffice files are real XLSX (zip) files', { skip: SKIP }, async () => {
  srv = await startServer();
  admin = await srv.login();
  for (const k of ['good', 'bad', 'sci']) assert.equal(files[k].subarray(0, 2).toString(), 'PK', k);
});

const xlsx = (bytes, query = '') => admin.post(`/api/v1/persons/import?format=xlsx${query}`, bytes, {
  headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
});
const total = async () => (await admin.get('/api/v1/persons?limit=1')).body.total;

test('dry run of a LibreOffice XLSX counts the rows and writes nothing', { skip: SKIP }, async () => {
  const r = await xlsx(files.good, '&dry_run=1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.inserted, r.body.updated], [4, 0]);
  assert.equal(await total(), 0);
});

test('importing it stores text ID numbers whole and date cells as dates', { skip: SKIP }, async () => {
  const r = await xlsx(files.good);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.inserted, r.body.updated], [4, 0]);
  const items = (await admin.get('/api/v1/persons?sort=name&limit=500')).body.items;
  const by = Object.fromEntries(items.map((i) => [i.name, i]));
  assert.deepEqual(Object.keys(by).sort(), ['表一', '表二', '表三', '表四'].sort());
  const pii = await piiAdmin(srv, admin);
  for (const [n, id] of [['表一', ID1], ['表二', ID2], ['表三', ID3]]) {
    const found = await pii.get(`/api/v1/persons?id_number=${id}`);
    assert.deepEqual(found.body.items.map((i) => i.name), [n], `${n}: the full 18 digits survived`);
  }
  assert.equal(by['表一'].birth_date, '1990-01-01');
  assert.equal(by['表三'].birth_date, '2000-02-29');
  assert.equal(by['表四'].birth_date, '1970-06-15', 'a date cell without an ID number');
  assert.equal(by['表一'].phone, '139****5678');
  assert.equal(by['表三'].division_code, '522727108203');
  assert.equal(by['表三'].division_code_label, '新坪村');
  assert.equal(by['表二'].gender, 'female');
});

test('bad rows are reported at their spreadsheet rows and nothing is written', { skip: SKIP }, async () => {
  const before = await total();
  const r = await xlsx(files.bad);
  const e = assertError(r, 422, 'validation');
  // row 2 agrees with its ID number; row 3 has a bad phone; row 5's ID number
  // (17th digit 7: male, born 1990-01-01) disagrees with 女 and 1991-01-01
  const got = e.rows.map((x) => `${x.row}:${x.field}`).sort();
  assert.deepEqual(got, ['3:phone', '5:birth_date', '5:gender'].sort());
  assert.equal(await total(), before);
  assert.equal((await admin.get(`/api/v1/persons?q=${encodeURIComponent('坏')}`)).body.total, 0);
});

test('an ID number LibreOffice stored as a number gets a message about the text format', { skip: SKIP }, async () => {
  const r = await xlsx(files.sci);
  const e = assertError(r, 422, 'validation');
  assert.equal(e.rows.length, 1);
  assert.equal(e.rows[0].row, 2);
  assert.equal(e.rows[0].field, 'id_number');
  assert.match(e.rows[0].message, /科学计数法/);
  assert.match(e.rows[0].message, /文本/);
});

test('a file that is not XLSX is refused with a message', { skip: SKIP }, async () => {
  for (const body of [Buffer.from('姓名,所在地区\n甲,522726111200\n'), Buffer.from('PK\x03\x04garbage')]) {
    const r = await xlsx(body);
    assert.ok([400, 422].includes(r.status), `${r.status}`);
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  }
});
