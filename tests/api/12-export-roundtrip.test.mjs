// 12 export: CSV (UTF-8 BOM, Chinese label header, enum labels) and XLSX,
// filtered like lists; export → import round trips change nothing; the
// template is the header row only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber, maskId, unzipMember, piiAdmin } from './lib.mjs';

let srv;
let admin;
let org;

const PERSON_LABELS = ['姓名', '性别', '身份证号', '出生日期', '联系电话', '民族', '学历', '政治面貌', '所在地区', '住址', '工作单位', '备注'];

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const people = [
    { name: '张三', division_code: '522726111200', id_number: idNumber('522726', '19900101', '123'), phone: '13912345678', education: 'bachelor', political_status: 'member', ethnicity: '布依族', address: '下司村一组', employer: '茶厂', notes: '含逗号,和"引号"\n第二行' },
    { name: '李四', division_code: '522726111214', gender: 'female', birth_date: '1985-12-31', education: 'college' },
    { name: '王五', division_code: '522725002006', phone: '0854-3612345' },
  ];
  for (const p of people) assert.equal((await admin.post('/api/v1/persons', p)).status, 201);
  org = (await admin.post('/api/v1/orgs', { name: '下司村党支部', kind: 'branch', division_code: '522726111200', established_on: '2001-07-01' })).body;
  await admin.post('/api/v1/enterprises', { name: '黔南茶业', division_code: '522726111200', party_org_id: org.id, employees: 35, has_union: true, ownership: 'private' });
  await admin.post('/api/v1/enterprises', { name: '下司米业', division_code: '522726111214', has_youth_league: true });
});

after(async () => {
  await srv?.stop();
});

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('CSV export: UTF-8 BOM, header of Chinese labels, enum labels, masked PII', async () => {
  const r = await admin.get('/api/v1/persons/export?format=csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /^attachment;/);
  assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(r.body.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0], ['ID', ...PERSON_LABELS, '版本', '创建时间'], 'version and creation last, for imports to check');
  assert.equal(rows.length, 4);
  const zs = rows.find((x) => x[1] === '张三');
  const col = (l) => rows[0].indexOf(l);
  assert.equal(zs[col('性别')], '男');
  assert.equal(zs[col('学历')], '本科');
  assert.equal(zs[col('政治面貌')], '中共党员');
  assert.equal(zs[col('身份证号')], maskId(idNumber('522726', '19900101', '123')));
  assert.equal(zs[col('联系电话')], '139****5678');
  assert.equal(zs[col('出生日期')], '1990-01-01');
  assert.match(zs[col('所在地区')], /下司村/);
  assert.match(zs[col('所在地区')], /522726111200/);
  assert.equal(zs[col('备注')], '含逗号,和"引号"\n第二行');
  // audit
  const a = (await admin.get('/api/v1/audit?entity=persons&limit=1')).body.items[0];
  assert.equal(a.action, 'export');
  assert.equal(a.after.rows, 3);
  assert.equal(a.after.format, 'csv');
});

test('exports take the list filters', async () => {
  const r = await admin.get('/api/v1/persons/export?format=csv&division=522726111');
  const rows = parseCsv(r.body.subarray(3).toString('utf8'));
  assert.deepEqual(rows.slice(1).map((x) => x[1]).sort(), ['李四', '张三'].sort());
  const f = await admin.get('/api/v1/persons/export?format=csv&gender=female');
  assert.deepEqual(parseCsv(f.body.subarray(3).toString('utf8')).slice(1).map((x) => x[1]), ['李四']);
  assertError(await admin.get('/api/v1/persons/export?format=csv&nosuch=1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/export?format=doc'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/nosuch/export?format=csv'), 404, 'not_found');
});

test('XLSX export: a workbook whose strings are the labels and values', async () => {
  const r = await admin.get('/api/v1/persons/export?format=xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.body.subarray(0, 2).toString(), 'PK');
  const xml = (await unzipMember(r.body, 'xl/sharedStrings.xml')) + (await unzipMember(r.body, 'xl/worksheets/sheet1.xml'));
  for (const s of [...PERSON_LABELS, '张三', '李四', '王五', '男', '本科', '中共党员', '139****5678']) assert.ok(xml.includes(s), s);
  // read back by the importer: a dry run sees three known rows and nothing to change
  const dry = await admin.post('/api/v1/persons/import?format=xlsx&dry_run=1', r.body);
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual([dry.body.inserted, dry.body.updated], [0, 0]);
});

async function snapshot(res) {
  const items = (await admin.get(`/api/v1/${res}?limit=500`)).body.items;
  const full = [];
  for (const i of items) full.push((await admin.get(`/api/v1/${res}/${i.id}`)).body);
  return full;
}

for (const fmt of ['csv', 'xlsx']) {
  for (const res of ['persons', 'enterprises', 'orgs']) {
    test(`${res}: export ${fmt} → import changes nothing`, async () => {
      const before = await snapshot(res);
      const exp = await admin.get(`/api/v1/${res}/export?format=${fmt}`);
      assert.equal(exp.status, 200);
      const imp = await admin.post(`/api/v1/${res}/import?format=${fmt}`, exp.body);
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
      assert.equal(imp.body.inserted, 0, 'every exported row updates its own record');
      assert.equal(imp.body.updated, 0, 'nothing differed');
      assert.equal(imp.body.unchanged, before.length, 'every row is counted as unchanged');
      const afterSnap = await snapshot(res);
      const strip = (list) => list.map(({ version, updated_at, ...rest }) => rest);
      assert.deepEqual(strip(afterSnap), strip(before));
    });
  }
}

test('an exported file, edited, updates the same records', async () => {
  const exp = await admin.get('/api/v1/persons/export?format=csv');
  const text = exp.body.toString('utf8').replace('李四', '李四改').replace('大专', '本科');
  const imp = await admin.post('/api/v1/persons/import?format=csv', Buffer.from(text));
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  assert.deepEqual([imp.body.inserted, imp.body.updated], [0, 1]);
  const l = (await admin.get(`/api/v1/persons?q=${encodeURIComponent('李四改')}`)).body.items;
  assert.equal(l.length, 1);
  assert.equal(l[0].education, 'bachelor');
  assert.equal(l[0].version, 2);
  // the masked ID number and phone of the other rows were left alone
  assert.equal((await (await piiAdmin(srv, admin)).get(`/api/v1/persons?id_number=${idNumber('522726', '19900101', '123')}`)).body.total, 1);
});

test('template: the header row only, in CSV and XLSX, and it imports once filled in', async () => {
  const t = await admin.get('/api/v1/persons/template?format=csv');
  assert.equal(t.status, 200);
  assert.match(t.headers.get('content-disposition'), /attachment/);
  assert.deepEqual([...t.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(t.body.subarray(3).toString('utf8'));
  assert.deepEqual(rows, [PERSON_LABELS]);
  const filled = t.body.toString('utf8').trimEnd() + '\n模板人,男,,,,,,,522726111200,,,\n';
  const imp = await admin.post('/api/v1/persons/import?format=csv', Buffer.from(filled));
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  assert.equal(imp.body.inserted, 1);
  const x = await admin.get('/api/v1/persons/template?format=xlsx');
  assert.equal(x.status, 200);
  const xml = (await unzipMember(x.body, 'xl/sharedStrings.xml')) + (await unzipMember(x.body, 'xl/worksheets/sheet1.xml'));
  for (const l of PERSON_LABELS) assert.ok(xml.includes(l), l);
  assert.equal(xml.includes('张三'), false, 'no data in a template');
  const e = await admin.get('/api/v1/enterprises/template?format=csv');
  assert.deepEqual(parseCsv(e.body.subarray(3).toString('utf8'))[0].slice(0, 3), ['企业名称', '统一社会信用代码', '所在地区']);
});

test('export follows sort= like the list it came from; a bad sort is 400', async () => {
  const r = await admin.get('/api/v1/persons/export?format=csv&sort=-birth_date');
  assert.equal(r.status, 200);
  const births = parseCsv(r.body.subarray(3).toString('utf8')).slice(1).map((x) => x[4]).filter(Boolean);
  assert.ok(births.length >= 2);
  assert.deepEqual(births, [...births].sort().reverse());
  const list = await admin.get('/api/v1/persons?sort=-birth_date');
  const csvIds = parseCsv(r.body.subarray(3).toString('utf8')).slice(1).map((x) => Number(x[0]));
  assert.deepEqual(csvIds, list.body.items.map((x) => x.id));
  assertError(await admin.get('/api/v1/persons/export?format=csv&sort=id_number'), 400, 'bad_request');
});
