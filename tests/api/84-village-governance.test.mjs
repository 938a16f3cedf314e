// 84 village governance: cadre talks and assessments, 院坝协商, grids and
// 十联户, disputes as tickets that name where they arose (小事不出网格 vs taken
// up to the town), activities and awards, and the statistic governance on a
// fixture whose figures this file derives itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

const XINPING = '522727108203';
const TIANBA = '522727108202';
const TOWN = '522727108';
// the first two tests work in 平舟镇, apart from 掌布镇's fixture
const LAQUAN = '522727100212';
const XINMIN = '522727100213';
const PW = 'user-pass-123';

let srv;
let admin;
let village;
let town;
let laquan;
const ids = {};

const pad = (n) => String(n).padStart(2, '0');
const localDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysAgo = (n) => new Date(Date.now() - n * 86400000);
const instant = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'g_village', 'village', XINPING);
  await createUser(admin, 'g_town', 'town', TOWN);
  await createUser(admin, 'g_laquan', 'village', LAQUAN);
  village = await srv.login('g_village', PW);
  town = await srv.login('g_town', PW);
  laquan = await srv.login('g_laquan', PW);
  const org = async (name, kind, division) => (await admin.post('/api/v1/orgs', { name, kind, division_code: division })).body.id;
  ids.committee = await org('新坪村村民委员会', 'village_committee', XINPING);
  ids.tianbaCommittee = await org('田坝村村民委员会', 'village_committee', TIANBA);
  ids.centre = await org('掌布镇综治中心', 'department', `${TOWN}000`);
  ids.cadres = [];
  for (const name of ['韦志刚', '罗文军', '蒙春燕', '杨正明']) {
    ids.cadres.push((await village.post('/api/v1/persons', { name, division_code: XINPING })).body.id);
  }
});

after(async () => {
  await srv?.stop();
});

async function ok(r, status = 201) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
}

test('cadre reviews: a grade for assessments and only for them', async () => {
  const person = await ok(await laquan.post('/api/v1/persons', { name: '拉全村干部', division_code: LAQUAN }));
  const base = { person_id: person.id, division_code: LAQUAN, held_on: localDay(daysAgo(20)) };
  assert.ok(assertError(await laquan.post('/api/v1/cadre_reviews', { ...base, kind: 'annual_assessment' }), 422, 'validation').fields.grade);
  assert.ok(assertError(await laquan.post('/api/v1/cadre_reviews', { ...base, kind: 'heart_talk', grade: 'excellent' }), 422, 'validation').fields.grade);
  await ok(await laquan.post('/api/v1/cadre_reviews', { ...base, kind: 'annual_assessment', grade: 'excellent' }));
  // another village's reviews are not seen from 新坪村
  assert.equal((await ok(await village.get('/api/v1/cadre_reviews'), 200)).total, 0);
});

test('grids and 十联户: a dispute names where it arose, and the two must agree', async () => {
  const grid = await ok(await laquan.post('/api/v1/grids', { division_code: LAQUAN, name: '第一网格', households: 60 }));
  const grid2 = await ok(await laquan.post('/api/v1/grids', { division_code: LAQUAN, name: '第二网格', households: 50 }));
  const tgrid = await ok(await admin.post('/api/v1/grids', { division_code: XINMIN, name: '兴民第一网格' }));
  const group = await ok(await laquan.post('/api/v1/household_groups', { grid_id: grid.id, name: '上寨十联户', households: 10 }));
  assert.ok(assertError(await laquan.post('/api/v1/household_groups', { grid_id: grid.id, name: '太大', households: -1 }), 422, 'validation').fields.households);
  assertError(await village.get(`/api/v1/household_groups/${group.id}`), 404, 'not_found');
  // a 联户长 (pairings' resident roles) names the group they lead, if the caller can see it
  const lead = await ok(await laquan.post('/api/v1/persons', { name: '拉全联户长', division_code: LAQUAN }));
  const role = await ok(await laquan.post('/api/v1/resident_roles', { person_id: lead.id, role: 'household_lead', division_code: LAQUAN, household_group_id: group.id }));
  assert.equal(role.household_group_id, group.id);
  assert.equal((await ok(await laquan.get(`/api/v1/resident_roles?household_group_id=${group.id}`), 200)).total, 1);
  const stranger = await ok(await village.post('/api/v1/persons', { name: '新坪联户长', division_code: XINPING }));
  assert.ok(assertError(await village.post('/api/v1/resident_roles', { person_id: stranger.id, role: 'household_lead', division_code: XINPING, household_group_id: group.id }), 422, 'validation').fields.household_group_id);
  const d = { kind: 'dispute', category: 'neighbour', title: '宅基地边界纠纷', source: 'visit' };
  // the group alone gives its grid, and the grid its village
  const t = await ok(await laquan.post('/api/v1/tickets', { ...d, household_group_id: group.id }));
  assert.deepEqual([t.grid_id, t.division_code], [grid.id, LAQUAN]);
  let e = assertError(await laquan.post('/api/v1/tickets', { ...d, grid_id: grid2.id, household_group_id: group.id }), 422, 'validation');
  assert.ok(e.fields.household_group_id);
  e = assertError(await admin.post('/api/v1/tickets', { ...d, division_code: LAQUAN, grid_id: tgrid.id }), 422, 'validation');
  assert.match(e.fields.grid_id, /兴民村/);
  // a village cannot name another village's grid at all
  e = assertError(await laquan.post('/api/v1/tickets', { ...d, grid_id: tgrid.id }), 422, 'validation');
  assert.ok(e.fields.grid_id);
  // moving a ticket to another grid is checked the same way
  e = assertError(await laquan.patch(`/api/v1/tickets/${t.id}`, { version: t.version, grid_id: grid2.id }), 422, 'validation');
  assert.ok(e.fields.household_group_id);
  const moved = await ok(await laquan.patch(`/api/v1/tickets/${t.id}`, { version: t.version, grid_id: grid2.id, household_group_id: null }), 200);
  assert.deepEqual([moved.grid_id, moved.household_group_id], [grid2.id, null]);
});

// ---- governance on a fixture of its own ----

// consultations: [days ago, agreed]
const CONSULT = [[5, true], [15, true], [30, false], [45, true], [80, true], [200, false]];
// activities: [days ago, kind, participants]
const ACTS = [[3, 'culture', 120], [20, 'culture', 150], [40, 'training', 52], [100, 'festival', 300]];
// cadre reviews: [days ago, kind, grade]
const REVIEWS = [[10, 'reminder_talk'], [12, 'heart_talk'], [50, 'reminder_talk'], [150, 'heart_talk'],
  [8, 'annual_assessment', 'excellent'], [9, 'annual_assessment', 'competent'], [90, 'annual_assessment', 'basic']];
// awards: [year, kind, household]
const YEAR = new Date().getFullYear();
const AWARDS = [[YEAR, 'model_family', '韦家'], [YEAR, 'model_family', '罗家'], [YEAR, 'filial', '蒙家'], [YEAR - 1, 'model_family', '杨家']];
// disputes: [days ago, village, where handled (village|town|none), until]
const DISPUTES = [
  [6, XINPING, 'village', 'closed'], [11, XINPING, 'village', 'resolved'], [17, XINPING, 'town', 'resolved'],
  [25, XINPING, 'village', 'accepted'], [33, XINPING, 'none', 'submitted'], [70, XINPING, 'village', 'closed'],
  [9, TIANBA, 'town', 'closed'], [14, TIANBA, 'village', 'resolved'],
];

function expectedGovernance(division, fromAgo, toAgo) {
  const inArea = (v) => v.startsWith(division.replace(/0+$/, ''));
  const within = (n) => localDay(daysAgo(n)) >= localDay(daysAgo(fromAgo)) && localDay(daysAgo(n)) <= localDay(daysAgo(toAgo));
  const c = CONSULT.filter(([n]) => within(n));
  const a = ACTS.filter(([n]) => within(n));
  const r = REVIEWS.filter(([n]) => within(n));
  const d = DISPUTES.filter(([n, v]) => within(n) && inArea(v));
  const settled = d.filter((x) => x[3] === 'resolved' || x[3] === 'closed');
  const inGrid = settled.filter((x) => x[2] === 'village');
  const ratio = (n, of) => ({ count: n, of, ratio: of ? n / of : 0 });
  const grades = { excellent: 0, competent: 0, basic: 0, incompetent: 0 };
  for (const x of r) if (x[1] === 'annual_assessment') grades[x[2]]++;
  const onlyXinping = inArea(XINPING);
  const y0 = Number(localDay(daysAgo(fromAgo)).slice(0, 4)), y1 = Number(localDay(daysAgo(toAgo)).slice(0, 4));
  const awards = { model_family: 0, filial: 0, excellent_cadre: 0, other: 0 };
  if (onlyXinping) for (const [y, kind] of AWARDS) if (y >= y0 && y <= y1) awards[kind]++;
  return {
    consultations: onlyXinping ? c.length : 0,
    agreed: onlyXinping ? ratio(c.filter((x) => x[1]).length, c.length) : ratio(0, 0),
    disputes: d.length,
    disputes_resolved: settled.length,
    resolved_in_grid: ratio(inGrid.length, settled.length),
    activities: onlyXinping ? a.length : 0,
    participants: onlyXinping ? a.reduce((s, x) => s + x[2], 0) : 0,
    cadre_talks: onlyXinping ? r.filter((x) => x[1] !== 'annual_assessment').length : 0,
    assessments: onlyXinping ? grades : { excellent: 0, competent: 0, basic: 0, incompetent: 0 },
    awards,
  };
}

test('governance: 院坝协商 agreed, disputes resolved in the grid, activities, awards, talks and assessments', async () => {
  const grid = await ok(await admin.post('/api/v1/grids', { division_code: XINPING, name: '统计网格' }));
  const tgrid = await ok(await admin.post('/api/v1/grids', { division_code: TIANBA, name: '统计网格' }));
  for (const [i, [n, agreed]] of CONSULT.entries()) {
    await ok(await village.post('/api/v1/consultations', { division_code: XINPING, held_on: localDay(daysAgo(n)), topic: `议题${i}`, category: '两清两改两治理', participants: 20, agreed }));
  }
  for (const [n, kind, participants] of ACTS) {
    await ok(await village.post('/api/v1/activities', { division_code: XINPING, kind, title: '布依“六月六”', held_on: localDay(daysAgo(n)), participants }));
  }
  for (const [n, kind, grade] of REVIEWS) {
    await ok(await village.post('/api/v1/cadre_reviews', { person_id: ids.cadres[n % 4], division_code: XINPING, kind, held_on: localDay(daysAgo(n)), grade }));
  }
  const year = YEAR;
  for (const [y, kind, household] of AWARDS) {
    await ok(await village.post('/api/v1/awards', { division_code: XINPING, year: y, kind, household }));
  }
  assert.ok(assertError(await village.post('/api/v1/awards', { division_code: XINPING, year, kind: 'other' }), 422, 'validation').fields.household);
  for (const [n, v, where, until] of DISPUTES) {
    const at = (h) => instant(new Date(daysAgo(n).getTime() + h * 3600000));
    const t = await ok(await admin.post('/api/v1/tickets', { kind: 'dispute', category: 'family', title: '家庭矛盾', division_code: v, grid_id: v === XINPING ? grid.id : tgrid.id, submitted_at: at(0) }));
    if (until === 'submitted') continue;
    const org = where === 'town' ? ids.centre : v === XINPING ? ids.committee : ids.tianbaCommittee;
    let r = await ok(await admin.post(`/api/v1/tickets/${t.id}/actions/dispatch`, { version: t.version, assignee_org_id: org, at: at(1) }), 200);
    r = await ok(await admin.post(`/api/v1/tickets/${t.id}/actions/accept`, { version: r.version, at: at(2) }), 200);
    if (until === 'accepted') continue;
    r = await ok(await admin.post(`/api/v1/tickets/${t.id}/actions/resolve`, { version: r.version, resolution: '调解成功', at: at(3) }), 200);
    if (until === 'closed') await ok(await admin.post(`/api/v1/tickets/${t.id}/actions/rate`, { version: r.version, rating: 'satisfied', at: at(4) }), 200);
  }
  const periods = [[60, 0], [365, 0], [20, 7]];
  for (const [who, division] of [[village, XINPING], [town, TOWN], [town, TIANBA]]) {
    for (const [fromAgo, toAgo] of periods) {
      const q = `division=${division}&from=${localDay(daysAgo(fromAgo))}&to=${localDay(daysAgo(toAgo))}`;
      const r = await ok(await who.get(`/api/v1/stats/governance?${q}`), 200);
      const want = expectedGovernance(division.padEnd(12, '0'), fromAgo, toAgo);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(r.values[k], v, `${k} ${q}`);
    }
  }
  // awards count by year: this year's three
  const thisYear = await ok(await village.get(`/api/v1/stats/governance?division=${XINPING}`), 200);
  assert.deepEqual(thisYear.values.awards, { model_family: 2, filial: 1, excellent_cadre: 0, other: 0 });
  const lastYear = await ok(await village.get(`/api/v1/stats/governance?division=${XINPING}&from=${year - 1}-01-01&to=${year - 1}-12-31`), 200);
  assert.deepEqual(lastYear.values.awards, { model_family: 1, filial: 0, excellent_cadre: 0, other: 0 });
  // the escalated disputes are the list's too
  const up = await ok(await town.get('/api/v1/tickets?kind=dispute&escalated=true&status=resolved&status=closed'), 200);
  assert.equal(up.total, DISPUTES.filter((x) => x[2] === 'town' && ['resolved', 'closed'].includes(x[3])).length);
  const inGrid = await ok(await town.get(`/api/v1/tickets?kind=dispute&escalated=false&grid_id=${grid.id}`), 200);
  assert.equal(inGrid.total, DISPUTES.filter((x) => x[1] === XINPING && x[2] !== 'town').length);
});
