// 60 party coverage: stats/party_coverage on a fixture of two parks whose
// every expected figure this file derives from the fixture itself (两个覆盖,
// mass organisations, staff serving as of the day, branches, members and the
// share of managers and key staff, funds by source, facilities, 金点子 and
// 职工诉求), ?org= narrowing statistics and lists, and a park committee's user
// seeing and counting exactly its subtree — persons stay area-scoped, the
// staff and member rows carry what the park needs of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, creditCode, idNumber } from './lib.mjs';

const PW = 'user-pass-123';
const DUYUN = '522701001000';
const DUSHAN = '522726001000';

let srv;
let admin;
let parkUser;
let stationUser;
const org = {};
const ent = {};
const staff = [];
const members = [];
const funds = [];
const facilities = [];
const tickets = [];
let today;
let jan1;
let seq = 100;

async function post(c, path, body, status = 201) {
  const r = await c.post(path, body);
  assert.equal(r.status, status, `${path} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function act(c, res, rec, action, body, status = 200) {
  const r = await c.post(`/api/v1/${res}/${rec.id}/actions/${action}`, { version: rec.version, ...body });
  assert.equal(r.status, status, `${action} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function person(name, birth = '19850101') {
  seq += 1;
  return { name, id_number: idNumber('522701', birth, String(seq).padStart(3, '0')) };
}

// The fixture: park 1 (five levels) and park 2; each row says where it belongs.
const TREE = [
  // key, parent, kind, division, extra
  ['P1', null, 'park_committee', '522701000000'],
  ['C1', 'P1', 'composite_committee', DUYUN],
  ['S1', 'C1', 'service_center', DUYUN],
  ['T1', 'S1', 'guidance_station', DUYUN],
  ['T2', 'S1', 'guidance_station', DUYUN],
  ['B1', 'T1', 'branch', DUYUN, { standardized: true, standardized_on: '2025-05-01', secretary_is_investor: true }],
  ['B2', 'T1', 'general_branch', DUYUN, { secretary_is_investor: true }],
  ['I1', 'T1', 'branch', DUYUN, { incubator: true }],
  ['B3', 'T2', 'party_committee', DUYUN, { standardized: true }],
  ['P2', null, 'park_committee', '522726000000'],
  ['B4', 'P2', 'branch', DUSHAN, { standardized: true }],
];
const P1_ORGS = ['P1', 'C1', 'S1', 'T1', 'T2', 'B1', 'B2', 'I1', 'B3'];

// key, park, party org, instructor (staff key), union, youth league, women's federation
const ENTERPRISES = [
  ['E1', 'P1', 'B1', true, true, true, false],
  ['E2', 'P1', 'B2', false, true, false, false],
  ['E3', 'P1', 'B3', true, true, true, true],
  ['E4', 'P1', null, true, true, false, false],
  ['E5', 'P1', null, false, false, false, false],
  ['E6', 'P1', null, true, false, false, true],
  ['E7', 'P2', 'B4', true, true, false, false],
  ['E8', null, 'B1', false, false, false, false], // outside the park, in its 联合支部 B1
];

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  today = new Date().toISOString().slice(0, 10);
  jan1 = `${today.slice(0, 4)}-01-01`;
  for (const [key, parent, kind, division, extra] of TREE) {
    org[key] = await post(admin, '/api/v1/orgs', {
      name: `${key}组织`, kind, division_code: division, parent_id: parent ? org[parent].id : null,
      established_on: '2020-01-01', ...(extra || {}),
    });
  }
  let n = 10;
  for (const [key, park, party, , union, youth, women] of ENTERPRISES) {
    n += 1;
    ent[key] = await post(admin, '/api/v1/enterprises', {
      name: `${key}有限公司`, credit_code: creditCode(`91522701MA6DJ12${n}`),
      division_code: key === 'E7' ? DUSHAN : DUYUN, park_org_id: park ? org[park].id : null,
      party_org_id: party ? org[party].id : null, has_union: union, has_youth_league: youth,
      has_womens_federation: women,
    });
  }
  // staff, by roster rows (姓名 + 身份证号): instructors are stationed with enterprises
  const ia = person('指导员甲');
  const ib = person('指导员乙');
  const roster = [
    { key: 'ia1', org: 'T1', role: 'instructor', p: ia, enterprise: 'E1', start_on: '2024-01-01' },
    { key: 'ia4', org: 'T1', role: 'instructor', p: ia, enterprise: 'E4', start_on: '2024-01-01' },
    { key: 'ib3', org: 'T2', role: 'instructor', p: ib, enterprise: 'E3', start_on: '2024-01-01' },
    { key: 'ib6', org: 'T2', role: 'instructor', p: ib, enterprise: 'E6', start_on: '2024-01-01' },
    { key: 'ic7', org: 'B4', role: 'instructor', p: person('指导员丙'), enterprise: 'E7', start_on: '2024-01-01' },
    { key: 'id', org: 'T1', role: 'instructor', p: person('指导员丁'), start_on: '2022-01-01', end_on: '2025-06-30' },
    { key: 'dp', org: 'C1', role: 'deputy_secretary', p: person('副书记甲'), start_on: '2024-01-01' },
    { key: 'dq', org: 'P2', role: 'deputy_secretary', p: person('副书记乙'), start_on: '2024-01-01' },
    { key: 'w1', org: 'S1', role: 'party_worker', p: person('党务甲'), start_on: '2024-01-01' },
    { key: 'w2', org: 'T1', role: 'party_worker', p: person('党务乙') },
    { key: 'w3', org: 'T2', role: 'party_worker', p: person('党务丙'), start_on: '2023-01-01', end_on: '2025-12-31' },
    { key: 'sa', org: 'B1', role: 'secretary', p: person('书记甲', '19750301'), start_on: '2021-01-01' },
    { key: 'sb', org: 'B3', role: 'secretary', p: person('书记乙'), start_on: '2021-01-01' },
    { key: 'sc', org: 'I1', role: 'secretary', p: person('书记丙'), start_on: '2025-01-01' },
    { key: 'sd', org: 'B4', role: 'secretary', p: person('书记丁'), start_on: '2021-01-01' },
  ];
  for (const s of roster) {
    const body = { org_id: org[s.org].id, role: s.role, ...s.p };
    if (s.enterprise) body.enterprise_id = ent[s.enterprise].id;
    if (s.start_on) body.start_on = s.start_on;
    if (s.end_on) body.end_on = s.end_on;
    const rec = await post(admin, '/api/v1/org_staff/enrol', body);
    staff.push({ ...s, rec });
  }
  // members: the secretary of B1 is one of them (matched by ID number)
  const roll = [
    { key: 'sa', branch: 'B1', p: roster.find((s) => s.key === 'sa').p, level: 'manager', joined: '2008-07-01' },
    { key: 'm2', branch: 'B1', p: person('党员二'), level: 'staff', joined: '2015-07-01' },
    { key: 'm3', branch: 'B1', p: person('党员三'), level: 'key_staff', joined: `${today.slice(0, 4)}-03-01` },
    { key: 'm4', branch: 'B2', p: person('党员四'), level: 'middle', joined: '2012-07-01' },
    { key: 'm5', branch: 'B2', p: person('党员五'), level: 'staff', joined: '2018-07-01', degree: true },
    { key: 'm6', branch: 'B3', p: person('党员六'), level: 'other', joined: '2019-07-01', degree: true },
    { key: 'm7', branch: 'B3', p: person('党员七'), level: 'manager', joined: '2016-07-01', left: `${today.slice(0, 4)}-02-01` },
    { key: 'm8', branch: 'I1', p: person('党员八'), level: 'staff', joined: `${today.slice(0, 4)}-05-01` },
    { key: 'm9', branch: 'B4', p: person('党员九'), level: 'manager', joined: '2011-07-01' },
  ];
  for (const m of roll) {
    let rec = await post(admin, '/api/v1/party_members/enrol', {
      branch_org_id: org[m.branch].id, ...m.p, position_level: m.level, joined_on: m.joined,
      in_degree_program: !!m.degree,
    });
    if (m.left) rec = await act(admin, 'party_members', rec, 'transfer_out', { date: m.left, left_to: '外省某公司党支部' });
    members.push({ ...m, rec });
  }
  // funds: incomes of the four sources, one expense reimbursed at cost, one pending, one rejected
  const entries = [
    { org: 'B1', direction: 'income', source: 'budget', amount: 500000 },
    { org: 'T1', direction: 'income', source: 'pre_tax', amount: 300000 },
    { org: 'B3', direction: 'income', source: 'dues_return', amount: 120000 },
    { org: 'I1', direction: 'income', source: 'self_funded', amount: 80000 },
    { org: 'B4', direction: 'income', source: 'budget', amount: 999900 },
    { org: 'B1', direction: 'expense', source: 'budget', amount: 200000, flow: ['approve', 'reimburse'], paid: 180000 },
    { org: 'B2', direction: 'expense', source: 'pre_tax', amount: 50000, flow: [] },
    { org: 'B3', direction: 'expense', source: 'dues_return', amount: 30000, flow: ['reject'] },
    { org: 'B4', direction: 'expense', source: 'budget', amount: 70000, flow: ['approve', 'reimburse'], paid: 70000 },
  ];
  for (const f of entries) {
    let rec = await post(admin, '/api/v1/party_funds', {
      org_id: org[f.org].id, direction: f.direction, source: f.source, amount_fen: f.amount,
      entry_on: '2026-01-15', purpose: f.direction === 'expense' ? '开展主题党日活动' : null,
    });
    for (const a of f.flow || []) {
      const body = { date: today };
      if (a === 'reimburse') Object.assign(body, { reimbursed_fen: f.paid, voucher_no: `记-${f.org}-001` });
      if (a === 'reject') body.reason = '票据不全';
      rec = await act(admin, 'party_funds', rec, a, body);
    }
    funds.push({ ...f, rec });
  }
  // facilities (阵地)
  for (const [name, kind, o, host] of [
    ['S1党群服务中心', 'service_center', 'S1', 'park_cleared'],
    ['T1指导站', 'guidance_station', 'T1', 'park_cleared'],
    ['T2指导站', 'guidance_station', 'T2', 'enterprise_space'],
    ['B1党员活动室', 'activity_room', 'B1', 'enterprise_space'],
    ['P2党群服务中心', 'service_center', 'P2', 'park_cleared'],
  ]) {
    facilities.push({ kind, org: o, rec: await post(admin, '/api/v1/facilities', { name, kind, org_id: org[o].id, host, area_m2: 120, opened_on: '2024-06-01' }) });
  }
  // trainings of secretaries: this year (甲, 丙) and last year (乙)
  const attend = async (title, start, keys) => {
    const tr = await post(admin, '/api/v1/trainings', { title, kind: 'party_school', division_code: '522701000000', start_on: start });
    for (const k of keys) {
      await post(admin, '/api/v1/training_attendance', { training_id: tr.id, person_id: staff.find((s) => s.key === k).rec.person_id });
    }
  };
  await attend('企业党组织书记示范培训班', `${today.slice(0, 4)}-03-10`, ['sa', 'sc', 'sd']);
  await attend('上年度书记轮训', '2025-05-01', ['sb']);
  // 金点子 and 职工诉求 of the parks' enterprises, handled by their party organisations
  for (const [kind, category, e, assignee, resolved] of [
    ['suggestion', 'technology', 'E1', 'B1', true],
    ['suggestion', 'management', 'E4', 'T1', false],
    ['worker_appeal', 'wages', 'E2', 'B2', true],
    ['worker_appeal', 'safety', 'E7', 'B4', true],
  ]) {
    let t = await post(admin, '/api/v1/tickets', { kind, category, title: `${e}的${kind}`, requester_enterprise_id: ent[e].id });
    t = await act(admin, 'tickets', t, 'dispatch', { assignee_org_id: org[assignee].id });
    if (resolved) {
      t = await act(admin, 'tickets', t, 'accept', {});
      t = await act(admin, 'tickets', t, 'resolve', { resolution: '已解决' });
    }
    tickets.push({ kind, assignee, resolved });
  }
  for (const [u, o] of [['park60', 'P1'], ['station60', 'T1']]) {
    await post(admin, '/api/v1/users', { username: u, role: 'org', password: PW, scope_org_id: org[o].id });
  }
  parkUser = await srv.login('park60', PW);
  stationUser = await srv.login('station60', PW);
});

after(async () => {
  await srv?.stop();
});

// ---- the expected figures, from the fixture alone ----

// The organisations under `root` (itself included).
function under(root) {
  const kids = (k) => TREE.filter((t) => t[1] === k).map((t) => t[0]);
  const out = [];
  const walk = (k) => { out.push(k); kids(k).forEach(walk); };
  walk(root);
  return out;
}

function expected(root) {
  const orgs = new Set(under(root));
  const es = ENTERPRISES.filter(([, park, party]) => orgs.has(park) || orgs.has(party));
  const serving = (s) => (!s.start_on || s.start_on <= today) && (!s.end_on || s.end_on >= today) && orgs.has(s.org);
  const distinct = (role) => new Set(staff.filter((s) => s.role === role && serving(s)).map((s) => s.p.id_number)).size;
  const branches = TREE.filter(([k, , kind]) => orgs.has(k) && ['party_committee', 'general_branch', 'branch'].includes(kind));
  const onRoll = members.filter((m) => orgs.has(m.branch) && m.joined <= today && !(m.left && m.left <= today));
  const mgmt = onRoll.filter((m) => ['manager', 'middle', 'key_staff'].includes(m.level)).length;
  const sources = ['budget', 'pre_tax', 'dues_return', 'self_funded'];
  const sum = (rows) => Object.fromEntries([...sources.map((s) => [s, rows.filter((f) => f.source === s).reduce((a, f) => a + f.v, 0)]),
    ['total', rows.reduce((a, f) => a + f.v, 0)]]);
  const mine = funds.filter((f) => orgs.has(f.org));
  const income = sum(mine.filter((f) => f.direction === 'income').map((f) => ({ source: f.source, v: f.amount })));
  const paid = sum(mine.filter((f) => (f.flow || []).includes('reimburse')).map((f) => ({ source: f.source, v: f.paid })));
  const trained = { sa: jan1, sc: jan1, sd: jan1, sb: '2025-05-01' };
  const secretaries = staff.filter((s) => s.role === 'secretary' && serving(s) && trained[s.key] >= jan1).length;
  const t = (kind) => ({
    submitted: tickets.filter((x) => x.kind === kind && orgs.has(x.assignee)).length,
    resolved: tickets.filter((x) => x.kind === kind && orgs.has(x.assignee) && x.resolved).length,
  });
  const ratio = (count, of) => ({ count, of, ratio: of ? count / of : 0 });
  return {
    enterprises: es.length,
    with_party_org: es.filter((e) => e[2]).length,
    org_coverage: ratio(es.filter((e) => e[2]).length, es.length),
    work_coverage: ratio(es.filter((e) => e[2] || e[3]).length, es.length),
    instructors: distinct('instructor'),
    deputy_secretaries: distinct('deputy_secretary'),
    party_workers: distinct('party_worker'),
    unions: es.filter((e) => e[4]).length,
    youth_leagues: es.filter((e) => e[5]).length,
    womens_federations: es.filter((e) => e[6]).length,
    branches: branches.length,
    standardized_branches: branches.filter((b) => b[4]?.standardized).length,
    incubator_branches: branches.filter((b) => b[4]?.incubator).length,
    investor_secretaries: branches.filter((b) => b[4]?.secretary_is_investor && staff.some((s) => s.org === b[0] && s.role === 'secretary')).length,
    members: onRoll.length,
    new_members: members.filter((m) => orgs.has(m.branch) && m.joined >= jan1 && m.joined <= today).length,
    management_share: ratio(mgmt, onRoll.length),
    in_degree_program: onRoll.filter((m) => m.degree).length,
    secretaries_trained: secretaries,
    funds_fen: { income, expense: paid },
    reimbursed_fen: paid.total,
    service_centers: facilities.filter((f) => f.kind === 'service_center' && orgs.has(f.org)).length,
    guidance_stations: facilities.filter((f) => f.kind === 'guidance_station' && orgs.has(f.org)).length,
    suggestions: t('suggestion'),
    worker_appeals: t('worker_appeal'),
  };
}

function pick(values, keys) {
  return Object.fromEntries(keys.map((k) => [k, values[k]]));
}

test('the figures of a park: stats/party_coverage?org= equals the fixture', async () => {
  const want = expected('P1');
  // the fixture is not trivial: every figure is neither all nor none
  assert.deepEqual([want.enterprises, want.with_party_org, want.instructors, want.members], [7, 4, 2, 7]);
  const r = await admin.get(`/api/v1/stats/party_coverage?org=${org.P1.id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(pick(r.body.values, Object.keys(want)), want);
  assert.equal(r.body.values.by_position_level.manager, 1);
  // a longer period counts last year's trained secretary too
  const y = await admin.get(`/api/v1/stats/party_coverage?org=${org.P1.id}&from=2025-01-01`);
  assert.equal(y.body.values.secretaries_trained, want.secretaries_trained + 1);
  // the other park and a station are figured the same way
  for (const k of ['P2', 'T1']) {
    const o = await admin.get(`/api/v1/stats/party_coverage?org=${org[k].id}`);
    const w = expected(k);
    assert.deepEqual(pick(o.body.values, Object.keys(w)), w, k);
  }
});

test('as of an earlier day: staff who had not yet left, members not yet joined or left', async () => {
  const r = await admin.get(`/api/v1/stats/party_coverage?org=${org.P1.id}&as_of=2025-06-01`);
  const v = r.body.values;
  // 指导员丁 served until 2025-06-30; 党务丙 until 2025-12-31
  assert.equal(v.instructors, 3);
  assert.equal(v.party_workers, 3);
  // m3 and m8 joined this year; m7 left this year
  assert.equal(v.members, 6);
  assert.equal(v.funds_fen.income.total, 0); // every entry is dated 2026-01-15
});

test('a park committee user sees and counts exactly its subtree', async () => {
  const mine = await parkUser.get('/api/v1/stats/party_coverage');
  assert.equal(mine.status, 200);
  const theirs = await admin.get(`/api/v1/stats/party_coverage?org=${org.P1.id}`);
  assert.deepEqual(mine.body.values, theirs.body.values);
  const count = async (c, path) => {
    const r = await c.get(path);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    return r.body.total;
  };
  assert.equal(await count(parkUser, '/api/v1/orgs?limit=100'), P1_ORGS.length);
  assert.equal(await count(parkUser, '/api/v1/enterprises'), expected('P1').enterprises);
  assert.equal(await count(parkUser, '/api/v1/party_members'), members.filter((m) => P1_ORGS.includes(m.branch)).length);
  assert.equal(await count(parkUser, '/api/v1/org_staff'), staff.filter((s) => P1_ORGS.includes(s.org)).length);
  assert.equal(await count(parkUser, '/api/v1/party_funds'), funds.filter((f) => P1_ORGS.includes(f.org)).length);
  assert.equal(await count(parkUser, '/api/v1/facilities'), facilities.filter((f) => P1_ORGS.includes(f.org)).length);
  // the same lists through ?org= for the admin
  assert.equal(await count(admin, `/api/v1/enterprises?org=${org.P1.id}`), expected('P1').enterprises);
  assert.equal(await count(admin, `/api/v1/orgs?org=${org.P1.id}&limit=100`), P1_ORGS.length);
  // outside the subtree: 404, and its figures are refused
  for (const path of [`/api/v1/orgs/${org.B4.id}`, `/api/v1/enterprises/${ent.E7.id}`,
    `/api/v1/party_members/${members.find((m) => m.key === 'm9').rec.id}`,
    `/api/v1/party_funds/${funds.find((f) => f.org === 'B4').rec.id}`]) {
    assertError(await parkUser.get(path), 404, 'not_found');
  }
  assertError(await parkUser.get(`/api/v1/stats/party_coverage?org=${org.P2.id}`), 400, 'bad_request');
  // persons stay seen by their area only; the member row shows the person's name
  const sa = members.find((m) => m.key === 'sa').rec;
  assertError(await parkUser.get(`/api/v1/persons/${sa.person_id}`), 404, 'not_found');
  const row = await parkUser.get(`/api/v1/party_members/${sa.id}`);
  assert.equal(row.body.name, '书记甲');
  assert.equal(row.body.gender, Number(members.find((m) => m.key === 'sa').p.id_number[16]) % 2 ? 'male' : 'female');
  // a station's user counts the enterprises of the branches under it only
  const st = await stationUser.get('/api/v1/stats/party_coverage');
  assert.deepEqual(pick(st.body.values, ['enterprises', 'with_party_org', 'members']),
    pick(expected('T1'), ['enterprises', 'with_party_org', 'members']));
});

test('the secretary and the instructors follow the staff rows', async () => {
  const b1 = (await admin.get(`/api/v1/orgs/${org.B1.id}`)).body;
  assert.equal(b1.secretary_person_id, staff.find((s) => s.key === 'sa').rec.person_id);
  assert.equal(b1.secretary_person_id_label, '书记甲');
  const e4 = (await admin.get(`/api/v1/enterprises/${ent.E4.id}`)).body;
  assert.equal(e4.instructor_person_id, staff.find((s) => s.key === 'ia4').rec.person_id);
  assert.equal(e4.work_covered, true);
  // the instructor leaves E4: it is no longer reached by the party's work
  const row = staff.find((s) => s.key === 'ia4').rec;
  const r = await admin.patch(`/api/v1/org_staff/${row.id}`, { version: row.version, end_on: '2026-01-31' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const again = (await admin.get(`/api/v1/enterprises/${ent.E4.id}`)).body;
  assert.equal(again.instructor_person_id, null);
  const uncovered = await admin.get(`/api/v1/enterprises?org=${org.P1.id}&work_covered=false`);
  assert.deepEqual(uncovered.body.items.map((e) => e.name).sort(), ['E4有限公司', 'E5有限公司']);
  // put back for the other tests
  const back = await admin.patch(`/api/v1/org_staff/${row.id}`, { version: r.body.version, end_on: null });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal((await admin.get(`/api/v1/enterprises/${ent.E4.id}`)).body.instructor_person_id, row.person_id);
  // the same post twice is refused
  const dup = await admin.post('/api/v1/org_staff', { org_id: org.T1.id, role: 'instructor', person_id: row.person_id, enterprise_id: ent.E4.id });
  assertError(dup, 422, 'validation');
  assert.ok(dup.body.error.fields.role);
});

test('roster rows: a known ID number must come with its name; a park user enrols its people', async () => {
  const sa = staff.find((s) => s.key === 'sa');
  const wrong = await admin.post('/api/v1/party_members/enrol', { branch_org_id: org.B2.id, name: '别人', id_number: sa.p.id_number });
  const e = assertError(wrong, 422, 'validation');
  assert.ok(e.fields.name);
  assert.ok(!JSON.stringify(wrong.body).includes('书记甲'), 'the registered name is not disclosed');
  // the park's user enrols a new member of its branch; the person is created in the branch's area
  const p = person('园区新党员', '19950505');
  const rec = await post(parkUser, '/api/v1/party_members/enrol', { branch_org_id: org.B2.id, ...p, position_level: 'key_staff', joined_on: '2020-07-01' });
  assert.equal(rec.name, '园区新党员');
  const created = (await admin.get(`/api/v1/persons/${rec.person_id}`)).body;
  assert.equal(created.division_code, DUYUN);
  assert.equal(created.political_status, 'member');
  // not outside its subtree
  const out = await parkUser.post('/api/v1/party_members/enrol', { branch_org_id: org.B4.id, ...person('越界'), joined_on: '2020-07-01' });
  assertError(out, 422, 'validation');
  // and not a second active row for the same person
  assertError(await parkUser.post('/api/v1/party_members/enrol', { branch_org_id: org.B1.id, ...p }), 422, 'validation');
  const del = await admin.del(`/api/v1/party_members/${rec.id}?version=${rec.version}`);
  assert.equal(del.status, 204);
});

test('bad statistics arguments are refused', async () => {
  assertError(await admin.get('/api/v1/stats/party_coverage?org=abc'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/enterprises?org=abc'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/stats/party_coverage?org=999999'), 400, 'bad_request');
  // an organisation that does not exist holds nothing
  assert.equal((await admin.get('/api/v1/enterprises?org=999999')).body.total, 0);
  // resources without a way to an organisation have nothing under one
  assert.equal((await admin.get(`/api/v1/persons?org=${org.P1.id}`)).body.total, 0);
});
