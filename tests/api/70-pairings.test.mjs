// 70 pairings: which of person, enterprise, organisation and place a pairing
// names is decided by its kind — declared once, checked on every write and
// shown in the schema; the place of an enterprise pairing is the enterprise's;
// 万企兴万村 pairs with a 村 and 社区共驻共建 with a 社区; visits lie within the
// pairing's term; projects and resident roles; and scope: a town sees the
// pairings, visits and projects of its villages and nothing of another town's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, creditCode, idNumber } from './lib.mjs';

const TOWN = '522727108';          // 掌布镇, 平塘县
const XINPING = '522727108203';    // 新坪村
const LANGMA = '522727108001';     // 浪马社区 (a 居民委员会)
const OTHER_VILLAGE = '522726111200'; // 下司村, 独山县下司镇
const PW = 'user-pass-123';

let srv;
let admin;
const ids = {};

async function create(c, res, body, status = 201) {
  const r = await c.post(`/api/v1/${res}`, body);
  assert.equal(r.status, status, `${res} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const person = async (name, division, seq) => (await create(admin, 'persons', {
    name, division_code: division, id_number: idNumber('522727', '19800101', seq),
  })).id;
  ids.leader = await person('包保县领导', '522727', '101');
  ids.secretary = await person('村支书', XINPING, '102');
  ids.member = await person('企业党员', LANGMA, '103');
  ids.far = await person('下司干部', OTHER_VILLAGE, '104');
  ids.entTown = (await create(admin, 'enterprises', { name: '掌布菌业公司', division_code: TOWN, credit_code: creditCode('91522727MA6DJ1201') })).id;
  ids.entFar = (await create(admin, 'enterprises', { name: '下司茶业公司', division_code: OTHER_VILLAGE, credit_code: creditCode('91522726MA6DJ1202') })).id;
  ids.dept = (await create(admin, 'orgs', { name: '平塘县委组织部', kind: 'department', division_code: '522727' })).id;
  await createUser(admin, 'p_town', 'town', TOWN);
  await createUser(admin, 'p_village', 'village', XINPING);
  await createUser(admin, 'p_other', 'town', '522726111');
  const r = await admin.post('/api/v1/users', { username: 'p_ent', role: 'enterprise', enterprise_id: ids.entTown, password: PW });
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

after(async () => {
  await srv?.stop();
});

test('the schema says which fields each kind requires', async () => {
  const schema = (await admin.get('/api/v1/schema')).body.resources;
  const p = schema.find((r) => r.name === 'pairings');
  assert.ok(p, 'pairings are in the schema');
  assert.equal(p.requires_by.field, 'kind');
  const v = p.requires_by.values;
  assert.deepEqual(v.leader_enterprise.required.sort(), ['enterprise_id', 'level', 'person_id']);
  assert.deepEqual(v.enterprise_village.required.sort(), ['division_code', 'enterprise_id']);
  assert.deepEqual(v.enterprise_community.any_of.sort(), ['enterprise_id', 'org_id', 'person_id']);
  assert.deepEqual(v.department_village.required.sort(), ['division_code', 'org_id']);
  assert.deepEqual(Object.keys(v).sort(), p.fields.find((f) => f.name === 'kind').enum.map((e) => e.value).sort());
  for (const f of ['last_visit_on', 'next_due_on', 'cadence', 'visits_this_year', 'active']) {
    const field = p.fields.find((x) => x.name === f);
    assert.ok(field && field.readonly && field.computed && !field.sort, f);
  }
  const t = schema.find((r) => r.name === 'tickets');
  assert.equal(t.fields.find((f) => f.name === 'visit_id').ref, 'visits');
});

test('kind-specific required fields, each refused with the field named', async () => {
  const cases = [
    [{ kind: 'leader_enterprise', start_on: '2024-01-01', person_id: ids.leader }, ['enterprise_id', 'level']],
    [{ kind: 'commissioner', start_on: '2024-01-01', enterprise_id: ids.entTown }, ['person_id']],
    [{ kind: 'enterprise_village', start_on: '2024-01-01', enterprise_id: ids.entTown }, ['division_code']],
    [{ kind: 'enterprise_community', start_on: '2024-01-01', division_code: LANGMA }, ['enterprise_id']],
    [{ kind: 'leader_village', start_on: '2024-01-01', division_code: XINPING, person_id: ids.leader }, ['level']],
    [{ kind: 'department_village', start_on: '2024-01-01', division_code: XINPING }, ['org_id']],
    [{ kind: 'first_secretary', start_on: '2024-01-01', person_id: ids.leader }, ['division_code']],
    [{ kind: 'mentor', start_on: '2024-01-01', person_id: ids.leader }, ['partner_person_id']],
  ];
  for (const [body, fields] of cases) {
    const r = await admin.post('/api/v1/pairings', body);
    const e = assertError(r, 422, 'validation');
    assert.deepEqual(Object.keys(e.fields).sort(), fields, `${body.kind}: ${JSON.stringify(e.fields)}`);
    for (const f of fields) assert.match(e.fields[f], /须填写/);
  }
  const before = (await admin.get('/api/v1/pairings?limit=1')).body.total;
  assert.equal(before, 0, 'a refused write changes nothing');
  const missingKind = assertError(await admin.post('/api/v1/pairings', { start_on: '2024-01-01' }), 422, 'validation');
  assert.ok(missingKind.fields.kind);
});

test('the enterprise kinds take the enterprise’s place; place kinds need a 村 or 社区', async () => {
  const p = await create(admin, 'pairings', { kind: 'leader_enterprise', person_id: ids.leader, enterprise_id: ids.entTown, level: 'county', start_on: '2024-01-01', division_code: OTHER_VILLAGE });
  assert.equal(p.division_code, '522727108000', 'always the enterprise’s division');
  assert.equal(p.place, null);
  assert.match(p.title, /包保县领导.*掌布菌业公司/);
  const ev = await create(admin, 'pairings', { kind: 'enterprise_village', enterprise_id: ids.entTown, division_code: XINPING, start_on: '2024-01-01' });
  assert.equal(ev.place, 'village');
  assert.match(ev.title, /掌布菌业公司.*新坪村/);
  const ec = await create(admin, 'pairings', { kind: 'enterprise_community', person_id: ids.member, division_code: LANGMA, start_on: '2024-01-01' });
  assert.equal(ec.place, 'community');
  let e = assertError(await admin.post('/api/v1/pairings', { kind: 'enterprise_village', enterprise_id: ids.entTown, division_code: LANGMA, start_on: '2024-01-01' }), 422, 'validation');
  assert.match(e.fields.division_code, /村/);
  e = assertError(await admin.post('/api/v1/pairings', { kind: 'enterprise_community', enterprise_id: ids.entTown, division_code: XINPING, start_on: '2024-01-01' }), 422, 'validation');
  assert.match(e.fields.division_code, /社区/);
  e = assertError(await admin.post('/api/v1/pairings', { kind: 'department_village', org_id: ids.dept, division_code: TOWN, start_on: '2024-01-01' }), 422, 'validation');
  assert.match(e.fields.division_code, /村（社区）/);
  // 老带新: the new cadre's village unless given
  const m = await create(admin, 'pairings', { kind: 'mentor', person_id: ids.leader, partner_person_id: ids.secretary, start_on: '2024-01-01' });
  assert.equal(m.division_code, XINPING);
  e = assertError(await admin.post('/api/v1/pairings', { kind: 'mentor', person_id: ids.leader, partner_person_id: ids.leader, start_on: '2024-01-01' }), 422, 'validation');
  assert.ok(e.fields.partner_person_id);
  // cadence bounds and the term
  e = assertError(await admin.post('/api/v1/pairings', { kind: 'first_secretary', person_id: ids.leader, division_code: XINPING, start_on: '2024-01-01', end_on: '2023-12-31', visit_every_months: 13, min_visits_per_year: 0 }), 422, 'validation');
  assert.deepEqual(Object.keys(e.fields).sort(), ['end_on', 'min_visits_per_year', 'visit_every_months']);
  // changing the kind re-checks what it requires
  const patched = await admin.patch(`/api/v1/pairings/${ev.id}`, { version: ev.version, kind: 'leader_village' });
  e = assertError(patched, 422, 'validation');
  assert.deepEqual(Object.keys(e.fields).sort(), ['level', 'person_id']);
  ids.ev = ev.id;
  ids.ec = ec.id;
  ids.le = p.id;
});

test('visits lie within the pairing’s term and never ahead of today', async () => {
  const fs = await create(admin, 'pairings', { kind: 'first_secretary', person_id: ids.secretary, org_id: ids.dept, division_code: XINPING, start_on: '2024-03-01', end_on: '2099-12-31', visit_every_months: 2 });
  let e = assertError(await admin.post('/api/v1/visits', { pairing_id: fs.id, visited_on: '2024-02-29' }), 422, 'validation');
  assert.match(e.fields.visited_on, /不能早于结对开始日期/);
  e = assertError(await admin.post('/api/v1/visits', { pairing_id: fs.id, visited_on: '2099-01-01' }), 422, 'validation');
  assert.match(e.fields.visited_on, /今天/);
  e = assertError(await admin.post('/api/v1/visits', { pairing_id: fs.id, visited_on: '2024-05-01', problems_found: -1 }), 422, 'validation');
  assert.ok(e.fields.problems_found);
  const v = await create(admin, 'visits', { pairing_id: fs.id, visited_on: '2024-05-01', summary: '研判班子运行情况', attachments: '照片1.jpg\n纪要.docx' });
  assert.equal(v.kind, 'on_site');
  assert.deepEqual([v.suggestions, v.problems_found, v.problems_solved, v.tickets_raised], [0, 0, 0, 0]);
  assert.equal(v.pairing_kind, 'first_secretary');
  assert.equal(v.division_code, XINPING);
  assert.match(v.pairing_id_label, /村支书/);
  const p = (await admin.get(`/api/v1/pairings/${fs.id}?as_of=2024-06-30`)).body;
  assert.equal(p.last_visit_on, '2024-05-01');
  assert.equal(p.next_due_on, '2024-07-01');
  assert.equal(p.cadence, 'ok');
  ids.fs = fs.id;
});

test('assistance projects: the pairing’s place, progress and output', async () => {
  const pr = await create(admin, 'assistance_projects', { pairing_id: ids.fs, kind: 'industry', title: '洞穴食用菌基地', funds_fen: 200000000, jobs: 30, status: 'done', output_quantity: '170000', output_unit: '个菌棒' });
  assert.equal(pr.division_code, XINPING);
  assert.equal(pr.progress, 100);
  assert.equal(pr.pairing_kind, 'first_secretary');
  const planned = await create(admin, 'assistance_projects', { division_code: XINPING, kind: 'infrastructure', title: '道路硬化', output_quantity: '2.1', output_unit: '公里' });
  assert.equal(planned.status, 'planned');
  assert.equal(planned.progress, 0);
  let e = assertError(await admin.post('/api/v1/assistance_projects', { division_code: XINPING, kind: 'funds', title: 'x', status: 'done', progress: 50 }), 422, 'validation');
  assert.ok(e.fields.progress);
  e = assertError(await admin.post('/api/v1/assistance_projects', { division_code: XINPING, kind: 'funds', title: 'x', output_quantity: '17万' }), 422, 'validation');
  assert.deepEqual(Object.keys(e.fields).sort(), ['output_quantity', 'output_unit']);
  e = assertError(await admin.post('/api/v1/assistance_projects', { kind: 'funds', title: 'x', funds_fen: -1 }), 422, 'validation');
  assert.deepEqual(Object.keys(e.fields).sort(), ['division_code', 'funds_fen']);
});

test('members serving where they live', async () => {
  const r = await create(admin, 'resident_roles', { person_id: ids.member, role: 'building_lead', division_code: LANGMA, enterprise_id: ids.entTown, start_on: '2024-01-01' });
  assert.equal(r.role, 'building_lead');
  const e = assertError(await admin.post('/api/v1/resident_roles', { person_id: ids.member, role: 'grid_worker', division_code: TOWN }), 422, 'validation');
  assert.ok(e.fields.division_code);
});

test('scope: a town sees its villages’ pairings, visits and projects; another town sees none', async () => {
  const far = await create(admin, 'pairings', { kind: 'leader_enterprise', person_id: ids.far, enterprise_id: ids.entFar, level: 'county', start_on: '2024-01-01' });
  await create(admin, 'visits', { pairing_id: far.id, visited_on: '2024-02-01' });
  const all = (await admin.get('/api/v1/pairings?limit=100')).body;
  const town = await srv.login('p_town', PW);
  const mine = (await town.get('/api/v1/pairings?limit=100')).body;
  const expected = all.items.filter((p) => p.division_code.startsWith(TOWN)).map((p) => p.id).sort();
  assert.deepEqual(mine.items.map((p) => p.id).sort(), expected);
  assert.equal(mine.total, expected.length);
  assert.ok(!expected.includes(far.id));
  assert.equal((await town.get(`/api/v1/pairings/${far.id}`)).status, 404);
  const tv = (await town.get('/api/v1/visits?limit=100')).body.items;
  assert.ok(tv.length >= 1 && tv.every((v) => v.division_code.startsWith(TOWN)));
  const other = await srv.login('p_other', PW);
  const theirs = (await other.get('/api/v1/pairings?limit=100')).body.items.map((p) => p.id);
  assert.deepEqual(theirs, [far.id]);
  assert.equal((await other.get(`/api/v1/pairings/${ids.fs}`)).status, 404);
  assert.equal((await other.get('/api/v1/assistance_projects')).body.total, 0);
  // a village sees its own place's pairings only
  const village = await srv.login('p_village', PW);
  const vs = (await village.get('/api/v1/pairings?limit=100')).body.items;
  assert.ok(vs.length > 0 && vs.every((p) => p.division_code === XINPING));
  // a town cannot create a pairing for another town's enterprise
  const e = assertError(await town.post('/api/v1/pairings', { kind: 'leader_enterprise', person_id: ids.leader, enterprise_id: ids.entFar, level: 'county', start_on: '2024-01-01' }), 422, 'validation');
  assert.ok(e.fields.enterprise_id || e.fields.division_code);
  // an enterprise sees the pairings naming it
  const ent = await srv.login('p_ent', PW);
  const es = (await ent.get('/api/v1/pairings?limit=100')).body.items;
  assert.ok(es.length >= 2 && es.every((p) => p.enterprise_id === ids.entTown));
});

test('pairings, visits and projects: export → import changes nothing; a 台账 imports by names', async () => {
  for (const res of ['pairings', 'visits', 'assistance_projects']) {
    const n = (await admin.get(`/api/v1/${res}?limit=1`)).body.total;
    const exp = await admin.get(`/api/v1/${res}/export?format=csv`);
    assert.equal(exp.status, 200);
    const text = exp.body.toString('utf8');
    if (res === 'pairings') assert.match(text, /走访状态/, 'the computed fields are exported');
    const imp = await admin.post(`/api/v1/${res}/import?format=csv`, exp.body);
    assert.equal(imp.status, 200, `${res}: ${JSON.stringify(imp.body)}`);
    assert.deepEqual([imp.body.inserted, imp.body.updated, imp.body.unchanged], [0, 0, n], res);
  }
  const csv = '\ufeff结对类型,联系人员,联系企业,领导级别,开始日期,走访周期（月）\n领导联系企业,包保县领导,掌布菌业公司,县级,2024-02-01,3\n';
  const imp = await admin.post('/api/v1/pairings/import?format=csv', Buffer.from(csv));
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  assert.equal(imp.body.inserted, 1);
  const bad = '\ufeff结对类型,联系人员,开始日期\n领导联系企业,包保县领导,2024-02-01\n';
  const r = await admin.post('/api/v1/pairings/import?format=csv', Buffer.from(bad));
  const e = assertError(r, 422, 'validation');
  assert.ok(e.rows.some((x) => x.field === 'enterprise_id' && /须填写/.test(x.message)), JSON.stringify(e.rows));
});
