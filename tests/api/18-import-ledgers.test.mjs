// 18 import of the 台账 offices keep: the files from the field (tests/fixtures/field,
// 01–20) and more of each kind (21–25, made by make-fixtures.mjs, and CSV written here):
// titles and 填报单位 lines above the header, two-row headers, 序号 columns, 合计 and
// 填表人 rows, merged cells, odd spaces, other headers, dates as people type them, .xls,
// several sheets — each read to the values a person sees in the sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, assertError, idNumber, ROOT } from './lib.mjs';
import { ID } from '../fixtures/field/books.mjs';

const FIELD = path.join(ROOT, 'tests/fixtures/field');
const enc = encodeURIComponent;
let srv;
let admin;

before(async () => {
  srv = await startServer();
  // an administrator who may see whole ID numbers and phones, to check them
  const add = await srv.cli(['user', 'add', 'piiadmin', '--role', 'admin', '--pii'], { input: 'pii-admin-pass-1\n' });
  assert.equal(add.code, 0, add.stderr);
  admin = await srv.login('piiadmin', 'pii-admin-pass-1');
});

after(async () => {
  await srv?.stop();
});

const upload = (res, body, query = '') => admin.post(`/api/v1/${res}/import?${query}`, body, {
  headers: { 'Content-Type': 'application/octet-stream' },
});
const fixture = (name, query = '', res = 'persons') => upload(res, fs.readFileSync(path.join(FIELD, name)), query);
const csv = (text, query = '', res = 'persons') => upload(res, Buffer.from(text, 'utf8'), `format=csv&${query}`);
/** The person named exactly `name` (full ID number and phone). */
async function person(name) {
  const r = await admin.get(`/api/v1/persons?name=${enc(name)}&reveal=1`);
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 1, `exactly one person named ${name}: ${JSON.stringify(r.body.items)}`);
  return r.body.items[0];
}
const count = async (res = 'persons') => (await admin.get(`/api/v1/${res}?limit=1`)).body.total;

function check(p, want) {
  for (const [k, v] of Object.entries(want)) assert.equal(p[k], v, `${p.name}.${k}`);
}

test('01 a merged title above the header: the header row is found and the title skipped', async () => {
  const dry = await fixture('01-title-row.xlsx', 'dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal(dry.body.file.sheet, '人员台账');
  assert.deepEqual(dry.body.file.header_rows, [2]);
  assert.deepEqual([dry.body.file.first_row, dry.body.file.last_row, dry.body.file.rows], [3, 4, 2]);
  assert.deepEqual(dry.body.skipped, [{ row: 1, reason: '表头上方的标题或说明', text: '下司镇下司村2025年人员信息台账' }]);
  assert.equal(dry.body.columns.length, 9);
  const r = await fixture('01-title-row.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  check(await person('王小明'), { gender: 'male', id_number: '522726199503140117', birth_date: '1995-03-14', phone: '13912345678', ethnicity: '汉族', education: 'senior', political_status: 'masses', division_code: '522726111200' });
  check(await person('李小红'), { gender: 'female', id_number: '522726199503140125', education: 'college', political_status: 'member', ethnicity: '苗族' });
});

test('03 a 序号 column is left out; blank numbered rows and the 合计 row are skipped, not stored', async () => {
  const before = await count();
  const r = await fixture('03-seq-and-total.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  assert.deepEqual(r.body.skipped.map((s) => [s.row, s.reason]), [[4, '只有序号的空行'], [5, '只有序号的空行'], [6, '合计行']]);
  assert.deepEqual(r.body.ignored_columns.map((c) => [c.column, c.header, c.refused]), [['A', '序号', false]]);
  check(await person('钱二'), { id_number: '52272619950314031X', gender: 'male' });
  check(await person('孙三'), { id_number: '522726199503140328', gender: 'female' });
  assert.equal(await count(), before + 2);

  const filled = await fixture('03c-total-row-filled.xlsx');
  assert.equal(filled.status, 200, JSON.stringify(filled.body));
  assert.equal(filled.body.inserted, 2);
  assert.deepEqual(filled.body.skipped, [{ row: 4, reason: '合计行', text: '合计：2人' }]);
  assert.equal((await admin.get(`/api/v1/persons?q=${enc('合计')}`)).body.total, 0, 'no person named 合计');
  assert.equal(await count(), before + 4);
});

test('06 dates in the forms people type; a birth month alone takes its day from the ID number', async () => {
  const r = await fixture('06-date-forms.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 7);
  for (let i = 1; i <= 7; i++) assert.equal((await person(`日期${i}`)).birth_date, '1995-03-14', `日期${i}`);
  assert.equal((await admin.get(`/api/v1/persons/${(await person('日期4')).id}`)).body.notes, '1995-03-14 00:00:00', 'notes stay text');
});

test('07 an old .xls workbook is read like .xlsx', async () => {
  const r = await fixture('07-legacy.xls', 'format=xls');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 1);
  assert.equal(r.body.file.sheet, '人员台账');
  check(await person('华二四'), { id_number: '522726199503140715', division_code: '522726111200', birth_date: '1995-03-14' });
});

test('an .xls that makes freexl overrun its buffer is refused with a message; the server carries on', async () => {
  const before = await count();
  const r = await fixture('90-freexl-overrun.xls', 'format=xls');
  assert.match(assertError(r, 422, 'validation').message, /无法读取这个 \.xls 文件/);
  assert.equal((await admin.get('/healthz')).status, 200);
  assert.equal(await count(), before);
});

test('12 NBSP and ideographic spaces are trimmed: stored text is clean and exact names find it', async () => {
  const r = await fixture('12-nbsp-spaces.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 4);
  check(await person('许十七'), { id_number: '522726199503141216' });
  check(await person('何十八'), { id_number: '522726199503141232' });
  check(await person('吕十九'), { id_number: '522726199503141259' });
  check(await person('施二十'), { division_code: '522726111200' });
  assert.equal((await admin.get(`/api/v1/persons?q=${enc('许十七')}`)).body.total, 1);
});

test('13 phones: full-width, +86, brackets and a number cell are read; two numbers in a cell are refused', async () => {
  const before = await count();
  const r = await fixture('13-phones.xlsx');
  const e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.column, x.field, x.label]), [[5, 'C', 'phone', '联系电话']]);
  assert.equal(e.rows[0].message, '联系电话只能填一个号码，其余号码请写在备注中');
  assert.match(e.message, /工作表“Sheet”/);
  assert.equal(await count(), before, 'nothing written');
  // the same cells without the two-number one
  const ok = await csv('姓名,身份证号,联系电话,所在地区\n' +
    `电话1,522726199503141312,139 1234 5678,下司村\n电话2,522726199503141320,+86 139-1234-5678,下司村\n` +
    `电话3,522726199503141339,１３９１２３４５６７８,下司村\n电话5,522726199503141355,(0854)8123456,下司村\n` +
    `电话6,522726199503141363,＋86 13912345678,下司村\n电话7,522726199503141371,8548123456,下司村\n`);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  for (const [n, phone] of [['电话1', '13912345678'], ['电话2', '13912345678'], ['电话3', '13912345678'], ['电话5', '0854-8123456'], ['电话6', '13912345678'], ['电话7', '0854-8123456']]) {
    assert.equal((await person(n)).phone, phone, n);
  }
});

test('15 headers wrapped with Alt+Enter or spaced out are recognised, with other common names', async () => {
  const r = await fixture('15-header-linebreak.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.columns.map((c) => c.field), ['name', 'id_number', 'phone', 'division_code']);
  check(await person('孔二二'), { id_number: '522726199503141515', phone: '13912345679' });
  const spaced = await csv('姓  名,公民身份号码,手机号码,所在村（社区）,出生年月\n空格名,' + idNumber('522726', '19930304', '211') + ',13912340001,下司村,1993.03\n');
  assert.equal(spaced.status, 200, JSON.stringify(spaced.body));
  check(await person('空格名'), { phone: '13912340001', birth_date: '1993-03-04', division_code: '522726111200' });
});

test('17b talent 台账 values as the national code tables write them, a village with its town, a month alone', async () => {
  const r = await fixture('17b-talent-values.xlsx', '', 'talents');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  const items = (await admin.get('/api/v1/talents?limit=100')).body.items;
  const t = (n) => items.find((x) => x.name === n);
  check(t('魏三三'), { education: 'bachelor', political_status: 'member', village_code: '522726111200', source: 'veteran', admitted_on: '2024-06-01' });
  check(t('陶三四'), { education: 'senior', political_status: 'league', village_code: '522726111200', source: 'entrepreneur' });
  check(t('姜三五'), { education: 'college', political_status: 'member', village_code: '522726111200', source: 'other', admitted_on: '2024-06-01', status: 'admitted' });
});

test('an enum value that is not allowed is refused with the allowed values listed', async () => {
  const r = await csv('姓名,学历,所在地区\n枚举,大学,下司村\n', 'dry_run=1');
  const e = assertError(r, 422, 'validation');
  assert.equal(e.rows[0].field, 'education');
  assert.equal(e.rows[0].message, '学历“大学”不是可选的值（可选：小学及以下、初中、高中/中专、大专、本科、硕士研究生、博士研究生）');
});

test('19b a value merged down over three rows reaches every row', async () => {
  const r = await fixture('19b-vertical-merge-optional.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const n of ['邹四一', '喻四二', '柏四三']) {
    const p = await person(n);
    assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.employer, '下司村村民委员会', n);
  }
});

test('20 a column with data but no header: reported by the dry run, refused, imported only when ignored', async () => {
  const dry = await fixture('20-unlabelled-column.xlsx', 'dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual(dry.body.ignored_columns, [{ column: 'D', header: '', reason: '该列没有表头', data_rows: 1, refused: true }]);
  const real = await fixture('20-unlabelled-column.xlsx');
  const e = assertError(real, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.column]), [[1, 'D']]);
  assert.match(e.rows[0].message, /没有表头/);
  assert.equal((await admin.get(`/api/v1/persons?name=${enc('陆六一')}`)).body.total, 0);
  const ok = await fixture('20-unlabelled-column.xlsx', 'ignore_unknown=1');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.ignored_columns[0].refused, false);
  const p = await person('陆六一');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.notes, '无');
});

const TWO_ROW_PEOPLE = [
  ['王芳', { gender: 'female', id_number: ID.wang, birth_date: '1990-05-06', political_status: 'member', phone: '13912345601', division_code: '522726111200' }, { address: '下司村一组', notes: null }],
  ['阿依古丽·买买提', { gender: 'female', id_number: ID.ayi, birth_date: '1992-08-18', political_status: 'league', phone: '13912345602', division_code: '522726111200' }, { address: '下司村二组', notes: '党小组长' }],
  ['李四', { gender: 'male', id_number: ID.li, birth_date: '1988-07-21', political_status: 'masses', phone: '0854-8123456', division_code: '522726111200' }, { address: '下司村三组' }],
  ['赵六', { gender: 'male', id_number: ID.zhao, birth_date: '1979-11-02', political_status: 'probationary', phone: '13912345604', division_code: '522726111214' }, { address: '北盛村五组' }],
];

test('21 a real 台账: title, 填报单位, two-row header under group labels, merged village, 合计 and 填表人 rows, a notes sheet and a hidden sheet', async () => {
  const r = await fixture('21-two-row-header.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 4);
  assert.deepEqual(r.body.file, { sheet: '人员台账', sheets: ['填表说明', '人员台账'], hidden_sheets: 1, header_rows: [3, 4], rows: 4, first_row: 5, last_row: 8, skipped_rows: 6, also: [] });
  assert.deepEqual(r.body.skipped.map((s) => [s.row, s.reason]), [
    [1, '表头上方的标题或说明'], [2, '表头上方的标题或说明'], [9, '只有序号的空行'], [10, '只有序号的空行'], [11, '合计行'], [12, '表格下方的签字或说明']]);
  assert.deepEqual(r.body.columns.map((c) => `${c.column}:${c.field}`), ['B:name', 'C:gender', 'D:id_number', 'E:birth_date', 'F:political_status', 'G:phone', 'H:address', 'I:division_code', 'J:notes']);
  assert.equal(r.body.columns[0].header, '基本信息/姓  名', 'the header as the sheet shows it');
  for (const [name, want, full] of TWO_ROW_PEOPLE) {
    const p = await person(name);
    check(p, want);
    check((await admin.get(`/api/v1/persons/${p.id}`)).body, full);
  }
});

test('22 the same 台账 saved as .xls reads the same values (matched by ID number: nothing to change)', async () => {
  const r = await fixture('22-two-row-header-legacy.xls', 'match=key&dry_run=1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.inserted, r.body.updated, r.body.unchanged], [0, 0, 4]);
  assert.deepEqual(r.body.file.header_rows, [3, 4]);
  assert.deepEqual(r.body.skipped.map((s) => s.row), [1, 2, 9, 10, 11, 12]);
});

test('23 one sheet per village: the first is read, the others named; sheet= reads another (.xlsx and .xls)', async () => {
  const r = await fixture('23-sheet-per-village.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.file.sheet, '下司村');
  assert.deepEqual(r.body.file.also, ['北盛村']);
  check(await person('钱一'), { id_number: ID.qian, phone: '0854-8123456', division_code: '522726111200' });
  const other = await fixture('23-sheet-per-village.xlsx', `sheet=${enc('北盛村')}`);
  assert.equal(other.status, 200, JSON.stringify(other.body));
  assert.equal(other.body.file.sheet, '北盛村');
  check(await person('孙二'), { id_number: ID.sun, phone: '13912340002', division_code: '522726111214' });
  const xls = await fixture('23-sheet-per-village.xls', 'match=key&dry_run=1');
  assert.equal(xls.status, 200, JSON.stringify(xls.body));
  assert.deepEqual([xls.body.file.sheet, xls.body.unchanged], ['下司村', 1]);
  const none = await fixture('23-sheet-per-village.xlsx', `sheet=${enc('没有')}`);
  assert.match(assertError(none, 422, 'validation').message, /没有名为“没有”的工作表/);
});

test('24 a township talent 台账 through POST /talents/import, found and read the same way', async () => {
  const r = await fixture('24-talent-ledger.xlsx', '', 'talents');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  assert.deepEqual(r.body.skipped.map((s) => [s.row, s.reason]), [[1, '表头上方的标题或说明'], [2, '表头上方的标题或说明'], [7, '表格下方的签字或说明']]);
  const items = (await admin.get('/api/v1/talents?limit=100')).body.items;
  const t = (n) => items.find((x) => x.name === n);
  check(t('吴一凡'), { gender: 'male', education: 'bachelor', political_status: 'probationary', village_code: '522726111200', source: 'returning_graduate', admitted_on: '2024-06-01' });
  check(t('周敏'), { gender: 'female', education: 'senior', political_status: 'league', village_code: '522726111214', source: 'veteran', admitted_on: '2024-03-01', notes: '合作社记账员' });
  check(t('郑强'), { education: 'master', political_status: 'masses', village_code: '522726111215', source: 'entrepreneur', admitted_on: '2024-09-15' });
});

test('25 date serials in General cells of a date column, a date-time, a date cell and full-width digits (.xlsx and .xls)', async () => {
  const r = await fixture('25-date-cells.xlsx');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const [n, d] of [['序列一', '1995-03-14'], ['序列二', '1987-01-02'], ['序列三', '1970-02-03'], ['序列四', '2001-09-10']]) {
    assert.equal((await person(n)).birth_date, d, n);
  }
  const xls = await fixture('25-date-cells.xls', 'match=key&dry_run=1');
  assert.equal(xls.status, 200, JSON.stringify(xls.body));
  assert.deepEqual([xls.body.inserted, xls.body.unchanged], [0, 4]);
});

test('CSV ledgers: other titles, spaces of every kind, names with dots, ID numbers grouped, date forms', async () => {
  const id1 = idNumber('522726', '19860215', '233');
  const id2 = idNumber('522726', '19910630', '244');
  const id3 = idNumber('522726', '19770101', '255');
  const text = '北盛村2024年度常住人口花名册,,,,,\n' +
    '填报单位：北盛村村委会,,,填报时间：2024年12月,,\n' +
    '\n' +
    '序号,姓\u3000名,身份证号码,出生日期,联系\n电话,所在村\n'.replace('联系\n电话', '"联系\n电话"') +
    `1,\u2002马\u3000丽\u200b,"${id1.slice(0, 6)} ${id1.slice(6, 14)} ${id1.slice(14)}",1986年2月15日,１３９１２３４０００３,北盛村\n` +
    `2,艾力\u30fb买买提,'${id2},1991/6/30 0:00,13912340004 ,独山县下司镇北盛村\n` +
    `3,迪丽•热巴,${id3.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))},19770101,`+ '`13912340005,下司镇北盛村\n' +
    '以下空白,,,,,\n';
  const r = await csv(text);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  assert.deepEqual(r.body.file.header_rows, [4], 'row 3 is the empty line, as a spreadsheet numbers it');
  assert.deepEqual(r.body.skipped.map((s) => [s.row, s.reason]), [[1, '表头上方的标题或说明'], [2, '表头上方的标题或说明'], [8, '表格下方的签字或说明']]);
  check(await person('马丽'), { id_number: id1, birth_date: '1986-02-15', phone: '13912340003', division_code: '522726111214' });
  check(await person('艾力·买买提'), { id_number: id2, birth_date: '1991-06-30', phone: '13912340004', division_code: '522726111214' });
  check(await person('迪丽·热巴'), { id_number: id3, birth_date: '1977-01-01', phone: '13912340005', division_code: '522726111214' });
});

test('a sheet without the ledger header says which columns it looks for', async () => {
  const r = await csv('甲,乙,丙\n1,2,3\n');
  const e = assertError(r, 422, 'validation');
  assert.match(e.message, /找不到人员的表头/);
  assert.match(e.message, /“姓名”/);
});
