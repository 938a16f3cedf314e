// 62 party members: the roll follows party development (预备党员 enters it
// with 入党时间, 转正 completes it, in the development's branch), one active
// row per person, the dates' rules, 转出 and 去世, and 名册 rows and imports that
// name people by ID number — created in the branch's area, or matched only
// when the name agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber } from './lib.mjs';

const TODAY = '2026-06-15';
const DIV = '522701001000';

let srv;
let admin;
const org = {};

async function post(c, path, body, status = 201) {
  const r = await c.post(path, body);
  assert.equal(r.status, status, `${path} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function act(res, rec, action, body, status = 200) {
  const r = await admin.post(`/api/v1/${res}/${rec.id}/actions/${action}`, { version: rec.version, ...body });
  assert.equal(r.status, status, `${action} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function activeRows(personId) {
  return (await admin.get(`/api/v1/party_members?person_id=${personId}&status=active`)).body.items;
}

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: TODAY } });
  admin = await srv.login();
  org.P = await post(admin, '/api/v1/orgs', { name: '园区党工委', kind: 'park_committee', division_code: DIV });
  org.B = await post(admin, '/api/v1/orgs', { name: '某公司党支部', kind: 'branch', division_code: DIV, parent_id: org.P.id });
  org.C = await post(admin, '/api/v1/orgs', { name: '另一公司党支部', kind: 'branch', division_code: DIV, parent_id: org.P.id });
});

after(async () => {
  await srv?.stop();
});

test('party development places its new members on the roll, in their branch', async () => {
  const p = await post(admin, '/api/v1/persons', { name: '发展对象甲', id_number: idNumber('522701', '19950310', '231'), division_code: DIV });
  let d = await post(admin, '/api/v1/party_development', {
    person_id: p.id, stage: 'candidate', applied_on: '2023-01-05', activist_on: '2023-03-01', candidate_on: '2024-04-01', branch_org_id: org.B.id,
  });
  assert.deepEqual(await activeRows(p.id), [], 'a 发展对象 is not yet on the roll');
  d = await act('party_development', d, 'advance', { date: '2025-05-20' });
  assert.equal(d.stage, 'probationary');
  let [m] = await activeRows(p.id);
  assert.equal(m.joined_on, '2025-05-20');
  assert.equal(m.full_on, null);
  assert.equal(m.branch_org_id, org.B.id);
  assert.equal(m.name, '发展对象甲');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'probationary');
  // the roll's creation is in its history
  const ev = (await admin.get(`/api/v1/party_members/${m.id}/events`)).body.items;
  assert.deepEqual(ev.map((x) => [x.action, x.on]), [['register', '2025-05-20']]);
  // 转正 a year on: the same row is completed
  d = await act('party_development', d, 'advance', { date: '2026-05-20' });
  assert.equal(d.stage, 'full');
  const rows = await activeRows(p.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].id, m.id);
  assert.equal(rows[0].full_on, '2026-05-20');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'member');
  // a development recorded at 正式党员 straight away, without a branch, enters the roll too
  const q = await post(admin, '/api/v1/persons', { name: '老党员乙', id_number: idNumber('522701', '19700101', '451'), division_code: DIV });
  await post(admin, '/api/v1/party_development', {
    person_id: q.id, stage: 'full', applied_on: '1996-01-05', activist_on: '1996-03-01', candidate_on: '1997-04-01', probationary_on: '1997-07-01', full_on: '1998-07-01',
  });
  [m] = await activeRows(q.id);
  assert.deepEqual([m.joined_on, m.full_on, m.branch_org_id], ['1997-07-01', '1998-07-01', null]);
  // one active row per person
  const dup = await admin.post('/api/v1/party_members', { person_id: q.id, branch_org_id: org.C.id });
  assert.ok(assertError(dup, 422, 'validation').fields.person_id);
});

test('转出 and 去世 keep the row; a member who transferred out may join another branch', async () => {
  const p = await post(admin, '/api/v1/persons', { name: '党员丙', id_number: idNumber('522701', '19880808', '331'), division_code: DIV });
  let m = await post(admin, '/api/v1/party_members', { person_id: p.id, branch_org_id: org.B.id, joined_on: '2010-07-01', full_on: '2011-07-01', position_level: 'middle' });
  assert.equal(m.status, 'active');
  // the dates' rules
  let e = assertError(await admin.patch(`/api/v1/party_members/${m.id}`, { version: m.version, full_on: '2011-06-30' }), 422, 'validation');
  assert.ok(e.fields.full_on);
  e = assertError(await admin.patch(`/api/v1/party_members/${m.id}`, { version: m.version, joined_on: '2026-06-16', full_on: null }), 422, 'validation');
  assert.ok(e.fields.joined_on);
  // status moves by its actions only
  const ro = await admin.patch(`/api/v1/party_members/${m.id}`, { version: m.version, status: 'deceased' });
  assert.equal(ro.body.status ?? 'active', 'active');
  m = (await admin.get(`/api/v1/party_members/${m.id}`)).body;
  e = assertError(await admin.post(`/api/v1/party_members/${m.id}/actions/transfer_out`, { version: m.version, date: '2010-06-30', left_to: '外省' }), 422, 'validation');
  assertError(await admin.post(`/api/v1/party_members/${m.id}/actions/transfer_out`, { version: m.version, date: '2026-05-01' }), 422, 'validation');
  m = await act('party_members', m, 'transfer_out', { date: '2026-05-01', left_to: '广东省某公司党支部' });
  assert.deepEqual([m.status, m.left_on, m.left_to], ['transferred_out', '2026-05-01', '广东省某公司党支部']);
  assertError(await admin.post(`/api/v1/party_members/${m.id}/actions/decease`, { version: m.version, date: '2026-05-02' }), 409, 'conflict');
  // back home: a new row in another branch
  const again = await post(admin, '/api/v1/party_members', { person_id: p.id, branch_org_id: org.C.id, joined_on: '2010-07-01', full_on: '2011-07-01' });
  assert.equal(again.status, 'active');
  const d = await act('party_members', again, 'decease', { date: '2026-06-01' });
  assert.equal(d.status, 'deceased');
  // neither is on the roll as of today; both were on 2026-04-30
  const cov = (await admin.get(`/api/v1/stats/party_coverage?org=${org.C.id}`)).body.values;
  assert.equal(cov.members, 0);
  const before30 = (await admin.get(`/api/v1/stats/party_coverage?org=${org.C.id}&as_of=2026-04-30`)).body.values;
  assert.equal(before30.members, 1);
});

test('a 名册 imported from a spreadsheet: people matched by ID number or created in the branch\'s area', async () => {
  const tpl = (await admin.get('/api/v1/party_members/template?format=csv')).body.toString('utf8');
  for (const col of ['姓名', '身份证号', '所在党组织', '入党时间', '岗位层级']) assert.ok(tpl.includes(col), `${col} in ${tpl}`);
  const known = await post(admin, '/api/v1/persons', { name: '已登记丁', id_number: idNumber('522701', '19800202', '511'), division_code: '522701002000' });
  const rows = [
    ['姓名', '身份证号', '所在党组织', '入党时间', '转正日期', '岗位层级', '参加学历提升'],
    ['新党员戊', idNumber('522701', '19920505', '611'), '某公司党支部', '2015-06-01', '2016-06-01', '业务骨干', '是'],
    ['已登记丁', idNumber('522701', '19800202', '511'), '某公司党支部', '2005-06-01', '2006-06-01', '高管', '否'],
    ['新党员己', idNumber('522701', '19930303', '622'), '另一公司党支部', '2026-03-01', '', '普通职工', '否'],
  ];
  const csv = rows.map((r) => r.join(',')).join('\n') + '\n';
  const dry = await admin.post('/api/v1/party_members/import?format=csv&dry_run=1', csv, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal((await admin.get('/api/v1/persons?q=新党员戊')).body.total, 0, 'a dry run writes nothing');
  const r = await admin.post('/api/v1/party_members/import?format=csv', csv, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  const wu = (await admin.get('/api/v1/persons?q=新党员戊')).body.items[0];
  assert.equal(wu.division_code, DIV, 'created in the branch\'s area');
  assert.equal(wu.political_status, 'member');
  assert.equal((await admin.get('/api/v1/persons?q=新党员己')).body.items[0].political_status, 'probationary');
  const ding = await activeRows(known.id);
  assert.equal(ding.length, 1, 'the registered person was matched, not created again');
  assert.equal(ding[0].position_level, 'manager');
  // a row whose name disagrees with the registered one fails the whole file, and names nobody
  const bad = ['姓名,身份证号,所在党组织,入党时间', `新党员庚,${idNumber('522701', '19940404', '711')},某公司党支部,2016-01-01`, `冒名,${idNumber('522701', '19800202', '511')},某公司党支部,2016-01-01`].join('\n') + '\n';
  const refused = await admin.post('/api/v1/party_members/import?format=csv', bad, { headers: { 'Content-Type': 'text/csv' } });
  const err = assertError(refused, 422, 'validation');
  assert.ok(err.rows.some((x) => x.row === 3 && x.field === 'name'), JSON.stringify(err.rows));
  assert.ok(!JSON.stringify(err).includes('已登记丁'));
  assert.equal((await admin.get('/api/v1/persons?q=新党员庚')).body.total, 0, 'nothing of a refused file is written');
  // staff rosters import the same way
  const staff = ['姓名,身份证号,所在组织,职务,任职日期', `指导员辛,${idNumber('522701', '19850606', '811')},园区党工委,党建指导员,2025-01-01`].join('\n') + '\n';
  const s = await admin.post('/api/v1/org_staff/import?format=csv', staff, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  const row = (await admin.get(`/api/v1/org_staff?org_id=${org.P.id}`)).body.items[0];
  assert.deepEqual([row.name, row.role, row.start_on], ['指导员辛', 'instructor', '2025-01-01']);
});
