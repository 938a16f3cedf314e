// 19 imports never lose or overwrite data silently: an export carries each row's ID and
// version, and a row whose record changed since (or that names another person's record)
// is refused like the API's 409; blank cells keep stored values and the dry run says so;
// this month's 台账 updates last month's records by ID number, showing each change first;
// messages name one label, in Chinese, at the row and column, on the CLI too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, assertError, idNumber, creditCode } from './lib.mjs';

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
const csv = (client, res, text, query = '') => client.post(`/api/v1/${res}/import?format=csv&${query}`, Buffer.from(text, 'utf8'), {
  headers: { 'Content-Type': 'text/csv' },
});
const exportCsv = async (client, res, query = '') => (await client.get(`/api/v1/${res}/export?format=csv${query}`)).body.toString('utf8');
const byName = async (n) => (await admin.get(`/api/v1/persons?name=${enc(n)}`)).body.items[0];

const A = idNumber('522726', '19800101', '311');
const B = idNumber('522726', '19810202', '322');
const C = idNumber('522726', '19820303', '331');

test('an old export imported after a colleague edited a record is refused for that row, and nothing is written', async () => {
  for (const [name, id] of [['甲版', A], ['乙版', B]]) {
    assert.equal((await admin.post('/api/v1/persons', { name, id_number: id, division_code: '522726111200', education: 'junior' })).status, 201);
  }
  const exported = await exportCsv(admin, 'persons', `&q=${enc('版')}`);
  assert.match(exported.split(/\r?\n/)[0], /,版本,创建时间$/);
  // a colleague changes 甲版 through the API meanwhile
  const a = await byName('甲版');
  assert.equal((await admin.patch(`/api/v1/persons/${a.id}`, { version: a.version, phone: '13912349999' })).status, 200);
  // the clerk edits the old export: 甲版 and 乙版 both to 本科
  const edited = exported.replaceAll('初中', '本科');
  const r = await csv(admin, 'persons', edited);
  const e = assertError(r, 422, 'validation');
  assert.equal(e.rows.length, 1);
  assert.equal(e.rows[0].field, 'version');
  assert.equal(e.rows[0].label, '版本');
  assert.match(e.rows[0].message, /该记录已被他人修改（导出时为第 1 版，现为第 2 版）/);
  const now = (await admin.get(`/api/v1/persons/${a.id}`)).body;
  assert.equal(now.education, 'junior', 'the old export did not revert anything');
  assert.equal(now.phone, '139****9999', 'the colleague’s edit stands');
  assert.equal((await byName('乙版')).education, 'junior', 'all or nothing');
  // exported again, the same edit goes in
  const fresh = (await exportCsv(admin, 'persons', `&q=${enc('版')}`)).replaceAll('初中', '本科');
  const ok = await csv(admin, 'persons', fresh);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual([ok.body.inserted, ok.body.updated], [0, 2]);
});

test('a row with an ID but no version is refused: it cannot be checked against later edits', async () => {
  const a = await byName('甲版');
  const r = await csv(admin, 'persons', `ID,姓名,所在地区\n${a.id},甲版改,下司村\n`);
  const e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'version']]);
  assert.match(e.rows[0].message, /导出/);
  assert.equal((await admin.get(`/api/v1/persons/${a.id}`)).body.name, '甲版');
});

test('an export imported into another instance does not overwrite the unrelated person with the same ID', async () => {
  const other = await startServer();
  try {
    const oadmin = await other.login();
    // on the other instance, record 1 is somebody else
    const o = await oadmin.post('/api/v1/persons', { name: '别处的人', id_number: C, division_code: '522726111200' });
    assert.equal(o.status, 201);
    const mine = await exportCsv(admin, 'persons', `&q=${enc('甲版')}`);
    const lines = mine.split(/\r?\n/);
    // make the exported ID and version point at the other instance's record, as a coincidence would
    const cells = lines[1].split(',');
    cells[0] = String(o.body.id);
    cells[cells.length - 2] = String(o.body.version);
    const r = await csv(oadmin, 'persons', [lines[0], cells.join(','), ''].join('\r\n'));
    const e = assertError(r, 422, 'validation');
    assert.equal(e.rows[0].field, 'id_number');
    assert.match(e.rows[0].message, /身份证号是 5227\*{13}[\dX]，与本行不一致/);
    assert.equal((await oadmin.get(`/api/v1/persons/${o.body.id}`)).body.name, '别处的人');
    // a person without an ID number: the time of creation tells the records apart
    const nobody = await oadmin.post('/api/v1/persons', { name: '别处无号', division_code: '522726111200' });
    await admin.post('/api/v1/persons', { name: '此处无号', division_code: '522726111200' });
    const row = (await exportCsv(admin, 'persons', `&q=${enc('此处无号')}`)).split(/\r?\n/);
    const c2 = row[1].split(',');
    c2[0] = String(nobody.body.id);
    c2[c2.length - 2] = String(nobody.body.version);
    c2[c2.length - 1] = '2020-01-02T03:04:05Z'; // when this system created its record
    const r2 = await csv(oadmin, 'persons', [row[0], c2.join(','), ''].join('\r\n'));
    const e2 = assertError(r2, 422, 'validation');
    assert.deepEqual(e2.rows.map((x) => [x.field, x.label]), [['created_at', '创建时间']]);
    assert.match(e2.rows[0].message, /创建于 .*不一致/);
    assert.equal((await oadmin.get(`/api/v1/persons/${nobody.body.id}`)).body.name, '别处无号');
  } finally {
    await other.stop();
  }
});

test('this month’s 台账 updates by ID number: the dry run shows each change and the blanks that keep values', async () => {
  await admin.post('/api/v1/persons', { name: '月报甲', id_number: idNumber('522726', '19700505', '411'), division_code: '522726111200', phone: '13912340100', education: 'junior', address: '下司村一组' });
  await admin.post('/api/v1/persons', { name: '月报乙', id_number: idNumber('522726', '19710606', '422'), division_code: '522726111200', education: 'college' });
  const month = '姓名,身份证号码,手机号码,学历,家庭住址,所在地区\n' +
    `月报甲,${idNumber('522726', '19700505', '411')},13912340101,,下司村二组,下司村\n` +
    `月报乙,${idNumber('522726', '19710606', '422')},,大专,,下司村\n` +
    `月报丙,${idNumber('522726', '19720707', '431')},13912340103,初中,,北盛村\n`;
  // without the mode, a known ID number is a row error that says what to do
  const plain = await csv(admin, 'persons', month, 'dry_run=1');
  const pe = assertError(plain, 422, 'validation');
  assert.deepEqual(pe.rows.map((x) => [x.row, x.field]), [[2, 'id_number'], [3, 'id_number']]);
  assert.match(pe.rows[0].message, /该身份证号已登记.*按身份证号更新/);

  const dry = await csv(admin, 'persons', month, 'match=key&dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual([dry.body.inserted, dry.body.updated, dry.body.unchanged, dry.body.match], [1, 1, 1, 'key']);
  const jia = (await byName('月报甲')).id;
  const yi = (await byName('月报乙')).id;
  assert.deepEqual(dry.body.changes, [
    { row: 2, id: jia, fields: [
      { field: 'phone', label: '联系电话', from: '139****0100', to: '139****0101' },
      { field: 'address', label: '住址', from: '下司村一组', to: '下司村二组' },
    ], kept: [{ field: 'education', label: '学历', value: '初中' }] },
    { row: 3, id: yi, fields: [], kept: [] },
  ].filter((c) => c.fields.length || c.kept.length));
  assert.equal((await admin.get(`/api/v1/persons/${jia}`)).body.address, '下司村一组', 'a dry run writes nothing');

  const real = await csv(admin, 'persons', month, 'match=key');
  assert.equal(real.status, 200, JSON.stringify(real.body));
  const j = (await admin.get(`/api/v1/persons/${jia}`)).body;
  assert.equal(j.address, '下司村二组');
  assert.equal(j.education, 'junior', 'the blank cell kept the stored value');
  assert.equal(j.version, 2);
  assert.equal((await admin.get(`/api/v1/persons/${yi}`)).body.version, 1, 'an unchanged row is not written');
  assert.ok(await byName('月报丙'), 'a new ID number is a new person');
  const audit = (await admin.get('/api/v1/audit?entity=persons&limit=1')).body.items[0];
  assert.deepEqual([audit.action, audit.after.match, audit.after.updated, audit.after.inserted], ['import', 'key', 1, 1]);
});

test('two rows of one file for one person: the later is refused, naming the earlier, with every other error at once', async () => {
  const id = idNumber('522726', '19730808', '451');
  let r = await csv(admin, 'persons', `姓名,身份证号,所在地区\n重行甲,${id},下司村\n重行乙,${id},下司村\n`, 'dry_run=1');
  let e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field, x.message]), [[3, 'id_number', '与第 2 行的身份证号重复']]);
  // a bad cell elsewhere does not hide the repeat, nor the checks of the record's rules
  r = await csv(admin, 'persons', '姓名,身份证号,联系电话,出生日期,所在地区\n' +
    `重行甲,${id},12,,下司村\n重行乙,${id},,,下司村\n重行丙,${idNumber('522726', '19740909', '461')},,1990-01-01,下司村\n`);
  e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'phone'], [3, 'id_number'], [4, 'birth_date']]);
  assert.equal(await byName('重行甲'), undefined, 'nothing written');

  // by ID number, two rows that find the same stored person
  const stored = idNumber('522726', '19750101', '471');
  await admin.post('/api/v1/persons', { name: '重行丁', id_number: stored, division_code: '522726111200' });
  r = await csv(admin, 'persons', `姓名,身份证号,住址,所在地区\n重行丁,${stored},一组,下司村\n重行丁,${stored},二组,下司村\n`, 'match=key');
  e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field, x.label]), [[3, 'id_number', '身份证号']]);
  assert.match(e.rows[0].message, /与第 2 行是同一条记录/);
  assert.equal((await byName('重行丁')).address ?? null, null, 'nothing written');
});

test('enterprises update by 统一社会信用代码; ledgers without a unique key cannot be matched so', async () => {
  const code = creditCode('91522726MA6DJ7001');
  await admin.post('/api/v1/enterprises', { name: '下司茶厂', credit_code: code, division_code: '522726111200', employees: 10 });
  const r = await csv(admin, 'enterprises', `企业名称,社会信用代码,所在地区,员工人数\n下司茶厂,${code.toLowerCase()},下司村,"1,200"\n`, 'match=key');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.inserted, r.body.updated], [0, 1]);
  const e = (await admin.get(`/api/v1/enterprises?q=${enc('下司茶厂')}`)).body.items[0];
  assert.equal(e.employees, 1200);
  const t = await csv(admin, 'talents', '姓名\n某\n', 'match=key');
  assert.match(assertError(t, 400, 'bad_request').message, /没有身份证号这样的唯一标识/);
  assertError(await csv(admin, 'persons', '姓名\n某\n', 'match=name'), 400, 'bad_request');
});

test('a talent export comes back as updates of the talent; a person’s column edited there is refused, not lost', async () => {
  const ok = await csv(admin, 'talents', `姓名,性别,身份证号,所在村,来源,入库时间\n导出人,男,${idNumber('522726', '19950505', '511')},下司村,退役军人,2024-05-01\n`);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const exp = await exportCsv(admin, 'talents', `&q=${enc('导出人')}`);
  const same = await csv(admin, 'talents', exp);
  assert.equal(same.status, 200, JSON.stringify(same.body));
  assert.deepEqual([same.body.inserted, same.body.updated, same.body.unchanged], [0, 0, 1]);
  assert.deepEqual(same.body.ignored_columns.map((c) => c.header).sort(), ['人员', '出库原因', '出库时间', '出生日期', '年龄', '状态'].sort());
  assert.deepEqual(same.body.changes, [], 'nothing changes and no blank cell keeps anything');
  const noted = await csv(admin, 'talents', exp.replace('退役军人', '致富能手'));
  assert.equal(noted.status, 200, JSON.stringify(noted.body));
  assert.deepEqual(noted.body.changes[0].fields.map((f) => [f.label, f.from, f.to]), [['来源', '退役军人', '致富能手']]);
  const fresh = await exportCsv(admin, 'talents', `&q=${enc('导出人')}`);
  const renamed = await csv(admin, 'talents', fresh.replaceAll('导出人', '改名人'));
  const e = assertError(renamed, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.field, x.label]), [['name', '姓名']]);
  assert.match(e.rows[0].message, /只在新增时使用/);
});

test('talent 台账 errors name their column in Chinese, once', async () => {
  const r = await csv(admin, 'talents', '姓名,身份证号,所在村,入库时间\n错号,110105194912310021,下司村,2024-01-01\n');
  const e = assertError(r, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.column, x.field, x.label]), [[2, 'B', 'id_number', '身份证号']]);
  assert.equal(e.rows[0].message, '身份证号校验码不正确');
});

test('the CLI speaks Chinese: what it read, each error at its row and column, one label per message', async () => {
  const file = path.join(srv.dir, '台账.csv');
  fs.writeFileSync(file, '2025年台账\n姓名,身份证号,所在地区,鞋码\n坏号,522726199001011000,下司村,42\n');
  const r = await srv.cli(['import', 'persons', file, '--dry-run']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /读取文件，表头在第 2 行，数据 1 行（第 3 行）/);
  assert.match(r.stderr, /跳过第 1 行（表头上方的标题或说明）：2025年台账/);
  assert.match(r.stderr, /第 3 行（B 列）：身份证号校验码不正确/);
  assert.doesNotMatch(r.stderr, /身份证号身份证号|id_number|division_code/);
  const real = await srv.cli(['import', 'persons', file]);
  assert.match(real.stderr, /第 2 行（D 列）：第 D 列“鞋码”不是本台账的字段/);
  assert.match(real.stderr, /--ignore-unknown/);
});
