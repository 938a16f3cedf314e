// 72 statistics: GET /api/v1/stats/pairings on a fixture of every kind in two
// counties — pairings in force, the persons, enterprises, villages and
// communities they join, their visits' suggestions and problems, cadence
// compliance, yearly minimums, assistance projects with funds and jobs, the
// members serving where they live, and by_level for the leaders — each figure
// derived here from the fixture itself, for the whole area, a county, a town,
// a kind and a level, and for a town user whose area is its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, creditCode, idNumber } from './lib.mjs';
import { cadenceOn } from './pairing-lib.mjs';

const AS_OF = '2024-06-30';
const FROM = '2024-01-01';
const TO = '2024-06-30';
const ZHANGBU = '522727108000';   // 掌布镇, 平塘县
const XINPING = '522727108203';   // 新坪村
const ZHANGBU_V = '522727108200'; // 掌布村
const LANGMA = '522727108001';    // 浪马社区
const XIASI = '522726111000';     // 下司镇, 独山县
const XIASI_V = '522726111200';   // 下司村
const LEADERS = new Set(['leader_enterprise', 'leader_village']);

let srv;
let admin;
const P = {};   // person name → id
const E = {};   // enterprise name → { id, division }
const pairings = []; // the fixture as this file knows it
const visits = [];
const projects = [];
const roles = [];

async function create(res, body) {
  const r = await admin.post(`/api/v1/${res}`, body);
  assert.equal(r.status, 201, `${res} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2024-12-31' } });
  admin = await srv.login();
  let seq = 400;
  for (const [name, division] of [['州领导甲', '522700'], ['县领导乙', '522727'], ['县领导丙', '522726'],
    ['特派员丁', '522727'], ['党员戊', LANGMA], ['党员己', LANGMA], ['第一书记庚', XINPING], ['镇领导辛', '522727108']]) {
    P[name] = (await create('persons', { name, division_code: division, id_number: idNumber('522727', '19800101', String(seq++)) })).id;
  }
  for (const [name, division, n] of [['掌布菌业', ZHANGBU, '01'], ['新坪茶业', XINPING, '02'], ['下司旅游', XIASI_V, '03']]) {
    E[name] = { id: (await create('enterprises', { name, division_code: division, credit_code: creditCode(`91522727MA6DJ14${n}`) })).id, division };
  }
  const dept = (await create('orgs', { name: '平塘县委组织部', kind: 'department', division_code: '522727' })).id;
  // kind, who, with, level, start, end, every, min, visits [date, suggestions, found, solved]
  const rows = [
    ['leader_enterprise', { person: '州领导甲', ent: '掌布菌业' }, 'prefecture', '2024-01-01', null, 6, 2,
      [['2024-01-10', 2, 3, 3], ['2024-05-20', 1, 2, 1]]],
    ['leader_enterprise', { person: '县领导乙', ent: '掌布菌业' }, 'county', '2024-01-01', null, 3, 2,
      [['2024-02-01', 1, 1, 1]]],                                            // overdue on 06-30, 1 < 2
    ['leader_enterprise', { person: '县领导乙', ent: '新坪茶业' }, 'county', '2023-06-01', null, 3, 2,
      [['2023-12-01', 5, 5, 5], ['2024-04-15', 0, 4, 2], ['2024-06-30', 3, 1, 0]]],
    ['leader_enterprise', { person: '县领导丙', ent: '下司旅游' }, 'county', '2024-01-01', null, 1, 12,
      [['2024-06-10', 1, 1, 1]]],                                            // the other county
    ['commissioner', { person: '特派员丁', ent: '新坪茶业' }, null, '2024-01-01', null, 1, 12,
      [['2024-03-01', 0, 2, 2], ['2024-06-05', 0, 1, 1]]],
    ['enterprise_village', { ent: '掌布菌业', place: XINPING }, null, '2024-02-01', null, null, null, []],
    ['enterprise_village', { ent: '新坪茶业', place: ZHANGBU_V }, null, '2024-02-01', null, 2, null,
      [['2024-05-01', 0, 0, 0]]],
    ['enterprise_community', { person: '党员戊', place: LANGMA }, null, '2024-01-01', null, null, null, []],
    ['enterprise_community', { ent: '掌布菌业', place: LANGMA }, null, '2024-01-01', null, null, null, []],
    ['leader_village', { person: '县领导乙', place: XINPING }, 'county', '2023-01-01', '2024-03-31', 1, null,
      [['2024-03-01', 2, 2, 2]]],                                            // ended before as_of
    ['leader_village', { person: '镇领导辛', place: XINPING }, 'town', '2024-01-01', null, 1, 6,
      [['2024-01-15', 0, 1, 1], ['2024-02-15', 0, 0, 0], ['2024-03-15', 1, 0, 0], ['2024-04-15', 0, 0, 0],
        ['2024-05-15', 0, 0, 0], ['2024-06-15', 0, 0, 0], ['2024-07-15', 9, 9, 9]]], // the last one after to
    ['department_village', { org: dept, place: XINPING }, null, '2023-01-01', null, 2, 6,
      [['2023-11-01', 0, 0, 0], ['2024-05-10', 2, 3, 3]]],
    ['first_secretary', { person: '第一书记庚', place: XINPING }, null, '2024-07-01', null, null, null, []], // not yet
    ['leader_village', { person: '县领导丙', place: XIASI_V }, 'county', '2024-01-01', null, 2, 3,
      [['2024-02-01', 1, 1, 1]]],
  ];
  for (const [kind, w, level, start, end, every, min, vs] of rows) {
    const body = { kind, start_on: start };
    if (w.person) body.person_id = P[w.person];
    if (w.ent) body.enterprise_id = E[w.ent].id;
    if (w.org) body.org_id = w.org;
    if (w.place) body.division_code = w.place;
    if (level) body.level = level;
    if (end) body.end_on = end;
    if (every) body.visit_every_months = every;
    if (min) body.min_visits_per_year = min;
    const p = await create('pairings', body);
    const division = w.place || E[w.ent].division;
    assert.equal(p.division_code, division);
    const mine = { id: p.id, kind, person: body.person_id || null, enterprise: body.enterprise_id || null, division, level,
      place: w.place ? (Number(w.place.slice(9)) < 200 ? 'community' : 'village') : null,
      start_on: start, end_on: end, every, min, visits: vs.map((v) => v[0]) };
    pairings.push(mine);
    for (const [on, s, f, so] of vs) {
      await create('visits', { pairing_id: p.id, visited_on: on, suggestions: s, problems_found: f, problems_solved: so });
      visits.push({ pairing: mine, on, s, f, so });
    }
  }
  const pid = (i) => pairings[i].id;
  for (const [pairing, division, kind, start, funds, jobs] of [
    [5, null, 'industry', '2024-03-01', 150000000, 40],
    [5, null, 'funds', '2023-12-31', 50000000, 0],      // before the period
    [6, null, 'employment', '2024-06-30', 0, 120],
    [11, null, 'infrastructure', '2024-04-01', 170000000, 10],
    [null, XINPING, 'sales', '2024-02-02', 1000000, 3],  // no pairing
    [null, XIASI_V, 'funds', '2024-05-05', 7000000, 0],  // the other county
    [null, XINPING, 'other', null, 999, 1],             // no start date: not counted
  ]) {
    const body = { kind, title: `${kind} 项目`, funds_fen: funds, jobs };
    if (pairing !== null) body.pairing_id = pid(pairing);
    if (division) body.division_code = division;
    if (start) body.start_on = start;
    const pr = await create('assistance_projects', body);
    projects.push({ pairing: pairing === null ? null : pairings[pairing], division: pr.division_code, start, funds, jobs });
  }
  for (const [person, role, division, start, end] of [
    ['党员戊', 'building_lead', LANGMA, '2024-01-01', null],
    ['党员己', 'grid_worker', LANGMA, '2023-01-01', '2024-03-01'],
    ['党员己', 'household_lead', LANGMA, null, null],
    ['县领导丙', 'household_lead', XIASI_V, '2024-01-01', null],
  ]) {
    const body = { person_id: P[person], role, division_code: division };
    if (start) body.start_on = start;
    if (end) body.end_on = end;
    await create('resident_roles', body);
    roles.push({ role, division, start, end });
  }
  await createUser(admin, 's_town', 'town', '522727108');
});

after(async () => {
  await srv?.stop();
});

const ratio = (count, of) => ({ count, of, ratio: of ? count / of : 0 });
const distinct = (xs) => new Set(xs.filter((x) => x !== null && x !== undefined)).size;
const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);

/** The figures of the statistic, derived from the fixture. */
function expected({ division = '', kind = null, level = null, leader = false }) {
  const inArea = (d) => d.startsWith(division);
  const fits = (p) => inArea(p.division) && (!kind || p.kind === kind) && (!level || p.level === level) && (!leader || LEADERS.has(p.kind));
  const active = pairings.filter((p) => fits(p) && cadenceOn(p, AS_OF).active);
  const vs = visits.filter((v) => fits(v.pairing) && v.on >= FROM && v.on <= TO);
  const withCadence = active.filter((p) => p.every);
  const withMin = active.filter((p) => p.min);
  const metMin = withMin.filter((p) => p.visits.filter((d) => d >= FROM && d <= TO).length >= p.min);
  const counts = {
    pairings: active.length,
    persons: distinct(active.map((p) => p.person)),
    enterprises: distinct(active.map((p) => p.enterprise)),
    villages: distinct(active.filter((p) => p.place === 'village').map((p) => p.division)),
    communities: distinct(active.filter((p) => p.place === 'community').map((p) => p.division)),
    visits: vs.length,
    suggestions: sum(vs, (v) => v.s),
    problems_found: sum(vs, (v) => v.f),
    problems_solved: sum(vs, (v) => v.so),
    visit_compliance: ratio(withCadence.filter((p) => cadenceOn(p, AS_OF).cadence === 'ok').length, withCadence.length),
    min_visits_met: ratio(metMin.length, withMin.length),
  };
  if (leader) return counts;
  const prs = projects.filter((x) => inArea(x.division) && x.start && x.start >= FROM && x.start <= TO && (!kind || (x.pairing && x.pairing.kind === kind)));
  const byKind = (f) => {
    const o = {};
    for (const k of ['leader_enterprise', 'commissioner', 'instructor', 'enterprise_village', 'enterprise_community', 'leader_village', 'department_village', 'first_secretary', 'mentor']) o[k] = 0;
    for (const x of prs) {
      const k = x.pairing ? x.pairing.kind : '';
      o[k] = (o[k] || 0) + f(x);
    }
    return o;
  };
  const activeRoles = roles.filter((r) => inArea(r.division) && (!r.start || r.start <= AS_OF) && (!r.end || r.end >= AS_OF));
  const pbk = byKind(() => 0);
  for (const p of active) pbk[p.kind]++;
  delete pbk[''];
  const by_level = {};
  // the breakdown by level is by every level, whatever level the request narrows to
  for (const l of ['prefecture', 'county', 'town']) by_level[l] = expected({ division, kind, level: l, leader: true });
  return {
    ...counts,
    pairings_by_kind: pbk,
    projects: prs.length,
    funds_fen: sum(prs, (x) => x.funds),
    jobs: sum(prs, (x) => x.jobs),
    funds_by_kind: byKind((x) => x.funds),
    jobs_by_kind: byKind((x) => x.jobs),
    resident_roles: Object.fromEntries(['household_lead', 'grid_worker', 'building_lead'].map((r) => [r, activeRoles.filter((x) => x.role === r).length])),
    by_level,
  };
}

async function stats(c, query) {
  const r = await c.get(`/api/v1/stats/pairings?as_of=${AS_OF}&from=${FROM}&to=${TO}${query}`);
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('every figure, for the whole area, a county, a town and a village', async () => {
  for (const division of ['', '522727', '522727108', XINPING, '522726']) {
    const s = await stats(admin, division ? `&division=${division}` : '');
    assert.deepEqual(s.values, expected({ division }), `division ${division || '(all)'}`);
  }
});

test('by kind and by level', async () => {
  for (const kind of ['leader_enterprise', 'commissioner', 'enterprise_village', 'enterprise_community', 'leader_village', 'department_village']) {
    const s = await stats(admin, `&kind=${kind}`);
    assert.deepEqual(s.values, expected({ kind }), kind);
  }
  const county = await stats(admin, '&level=county&division=522727');
  assert.deepEqual(county.values, expected({ level: 'county', division: '522727' }));
  // the article's shape: leaders per level and the enterprises they are linked to
  const all = (await stats(admin, '')).values;
  assert.equal(all.by_level.prefecture.persons, 1);
  assert.equal(all.by_level.county.persons, 2);
  assert.equal(all.by_level.county.enterprises, 3);
  assert.equal(all.by_level.town.pairings, 1);
});

test('a town user counts its own town; statistics agree with the lists', async () => {
  const town = await srv.login('s_town', 'user-pass-123');
  const s = await stats(town, '');
  assert.equal(s.division, '522727108000');
  assert.deepEqual(s.values, expected({ division: '522727108' }));
  const list = await town.get(`/api/v1/pairings?as_of=${AS_OF}&active=true&limit=1`);
  assert.equal(list.body.total, s.values.pairings);
  const v = await town.get(`/api/v1/visits?visited_on__gte=${FROM}&visited_on__lte=${TO}&limit=1`);
  assert.equal(v.body.total, s.values.visits);
  const met = await town.get(`/api/v1/pairings?as_of=${AS_OF}&from=${FROM}&to=${TO}&active=true&min_visits_met=true&limit=1`);
  assert.equal(met.body.total, s.values.min_visits_met.count);
  assertError(await town.get('/api/v1/stats/pairings?division=522726'), 404, 'not_found');
});

test('bad arguments answer 400', async () => {
  assertError(await admin.get('/api/v1/stats/pairings?kind=nonsense'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/stats/pairings?level=province'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/stats/pairings?as_of=2024-13-01'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/stats/pairings?leader=maybe'), 400, 'bad_request');
});
