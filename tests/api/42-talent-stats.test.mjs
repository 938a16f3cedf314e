// 42 talent statistics: talent_structure on a fixture built through the API
// from a seeded description; the expected figures are computed here from that
// description with plain date arithmetic, never from the server's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, rng } from './lib.mjs';
import { VILLAGES, act, addDays, addYears, age, person } from '../fixtures/talent_helpers.mjs';

const TODAY = '2026-06-15';
const ELSEWHERE = '522726001001'; // 虹桥社区, another town of 独山县
const COLLEGE = new Set(['college', 'bachelor', 'master', 'doctor']);
const SOURCES = ['returning_graduate', 'veteran', 'entrepreneur', 'coop_backbone', 'returning_worker', 'other'];
const EDUCATIONS = ['senior', 'college', 'bachelor', 'master', 'junior'];
const KINDS = ['shadowing', 'trial_post', 'rotation'];

// the same fixture on every run and backend
const rand = rng(20260615);
const pick = (a) => a[Math.floor(rand() * a.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const min = (a, b) => (a < b ? a : b);

// ---- the fixture, described ----
const villages = [VILLAGES[0], VILLAGES[1], VILLAGES[2], ELSEWHERE];
const talents = [];
for (let i = 0; i < 26; i++) {
  // ages straddle 35 at TODAY and at the end of 2025
  const birth = addDays(addYears(TODAY, -36), between(-400, 800));
  const recommended = addDays('2024-01-01', between(0, 880));
  const outcome = pick(['pending', 'rejected', 'admitted', 'admitted', 'admitted', 'exited', 'committee']);
  const t = {
    village: villages[i % 4], birth, education: pick(EDUCATIONS), source: pick(SOURCES),
    channel: rand() < 0.4 ? 'self_applied' : 'recommended', recommended, outcome,
  };
  if (outcome !== 'pending' && outcome !== 'rejected') {
    t.admitted = min(addDays(recommended, between(0, 60)), TODAY);
    if (outcome === 'exited' || outcome === 'committee') {
      t.exited = min(addDays(t.admitted, between(0, 300)), TODAY);
      t.reason = outcome === 'committee' ? 'joined_committee' : pick(['long_absent', 'ineffective', 'other']);
    }
  }
  talents.push(t);
}
const wasAdmitted = (t) => Boolean(t.admitted);
const trainings = [
  { start: '2025-11-01', kind: 'party_school' },
  { start: '2026-02-01', kind: 'town_class' },
  { start: '2026-05-01', kind: 'field_class' },
];
for (const tr of trainings) tr.who = talents.map((_, i) => i).filter(() => rand() < 0.5);
const placements = [];
talents.forEach((t, i) => {
  if (!wasAdmitted(t)) return;
  for (let k = between(0, 2); k > 0; k--) {
    placements.push({ talent: i, kind: pick(KINDS), start: min(addDays(t.admitted, between(0, 400)), TODAY) });
  }
});
const activists = [];
talents.forEach((t, i) => {
  if (rand() < 0.45) activists.push({ talent: i, applied: addDays('2024-06-01', between(0, 100)), activist: addDays('2025-06-01', between(0, 370)) });
});

// ---- the figures, derived from the description ----
function expected(division, asOf, from, to) {
  const inDiv = (v) => v.startsWith(division.replace(/0+$/, ''));
  const inWin = (d) => d >= from && d <= to;
  const pool = talents.filter((t) => inDiv(t.village) && t.admitted && t.admitted <= asOf && !(t.exited && t.exited <= asOf));
  const bySource = Object.fromEntries(SOURCES.map((s) => [s, 0]));
  for (const t of pool) bySource[t.source]++;
  const ratio = (n, d) => ({ count: n, of: d, ratio: d ? n / d : 0 });
  const counted = (i) => inDiv(talents[i].village) && wasAdmitted(talents[i]);
  const exited = { long_absent: 0, ineffective: 0, joined_committee: 0, other: 0, total: 0 };
  for (const t of talents) if (inDiv(t.village) && t.exited && inWin(t.exited)) { exited[t.reason]++; exited.total++; }
  const plc = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const p of placements) if (inDiv(talents[p.talent].village) && inWin(p.start)) plc[p.kind]++;
  return {
    admitted: pool.length,
    under35: ratio(pool.filter((t) => age(t.birth, asOf) <= 35).length, pool.length),
    college: ratio(pool.filter((t) => COLLEGE.has(t.education)).length, pool.length),
    by_source: bySource,
    by_village: VILLAGES.filter(inDiv).map((code) => ({ code, admitted: pool.filter((t) => t.village === code).length })),
    self_applied: talents.filter((t) => inDiv(t.village) && t.channel === 'self_applied' && inWin(t.recommended)).length,
    training_person_times: trainings.filter((tr) => inWin(tr.start)).reduce((n, tr) => n + tr.who.filter(counted).length, 0),
    placements: plc,
    exited,
    entered_committee: talents.filter((t) => inDiv(t.village) && t.outcome === 'committee' && inWin(t.exited)).length,
    activists: activists.filter((a) => counted(a.talent) && inWin(a.activist)).length,
  };
}

let srv;
let admin;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: TODAY } });
  admin = await srv.login();
  for (const [i, t] of talents.entries()) {
    t.person = await person(admin, { name: `统计${i}`, birth: t.birth, education: t.education, village: t.village, male: i % 2 === 0 });
    const r = await admin.post('/api/v1/talents', { person_id: t.person.id, village_code: t.village, source: t.source, channel: t.channel, recommended_on: t.recommended });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    let rec = r.body;
    if (t.outcome === 'pending') continue;
    rec = await act(admin, 'talents', rec, 'inspect', { date: t.admitted ?? t.recommended });
    if (t.outcome === 'rejected') {
      await act(admin, 'talents', rec, 'reject', { date: t.recommended, reason: '未通过联审' });
      continue;
    }
    rec = await act(admin, 'talents', rec, 'review', { date: t.admitted, departments: ['镇党建办'] });
    rec = await act(admin, 'talents', rec, 'admit', { date: t.admitted });
    t.id = rec.id;
    if (t.outcome === 'exited') {
      await act(admin, 'talents', rec, 'exit', { date: t.exited, exit_reason: t.reason });
    } else if (t.outcome === 'committee') {
      const c = await admin.post('/api/v1/committee_members', { person_id: t.person.id, village_code: t.village, body: 'villagers_committee', position: 'member', term_start: t.exited });
      assert.equal(c.status, 201, JSON.stringify(c.body));
    }
  }
  // an appointment by override is not "from the pool"
  const outsider = await person(admin, { village: VILLAGES[0] });
  assert.equal((await admin.post('/api/v1/committee_members', { person_id: outsider.id, village_code: VILLAGES[0], body: 'party_org', position: 'member', term_start: '2026-03-01', override_reason: '选举产生' })).status, 201);
  for (const tr of trainings) {
    const r = await admin.post('/api/v1/trainings', { title: `培训${tr.start}`, kind: tr.kind, division_code: '522726', start_on: tr.start });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const i of tr.who) assert.equal((await admin.post('/api/v1/training_attendance', { training_id: r.body.id, person_id: talents[i].person.id })).status, 201);
    // a person who is no talent attends too, and does not count
    assert.equal((await admin.post('/api/v1/training_attendance', { training_id: r.body.id, person_id: outsider.id })).status, 201);
  }
  for (const p of placements) {
    const r = await admin.post('/api/v1/placements', { talent_id: talents[p.talent].id, kind: p.kind, start_on: p.start, post: '便民服务员' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  for (const a of activists) {
    const r = await admin.post('/api/v1/party_development', { person_id: talents[a.talent].person.id, stage: 'activist', applied_on: a.applied, activist_on: a.activist });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
});

after(async () => {
  await srv?.stop();
});

async function check(query, division, asOf, from, to) {
  const r = await admin.get(`/api/v1/stats/talent_structure${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const v = r.body.values;
  const want = expected(division, asOf, from, to);
  assert.equal(r.body.as_of, asOf);
  assert.equal(r.body.from, from);
  assert.equal(r.body.to, to);
  for (const k of Object.keys(want)) {
    if (k === 'by_village') continue;
    assert.deepEqual(v[k], want[k], k);
  }
  assert.deepEqual(v.by_village.filter((x) => VILLAGES.includes(x.code)).map(({ code, admitted }) => ({ code, admitted })), want.by_village);
  assert.equal(v.exit_candidates, 0);
  return want;
}

test('the fixture is not trivial', () => {
  const w = expected('522726111000', TODAY, '2026-01-01', TODAY);
  assert.ok(w.admitted >= 5 && w.under35.count > 0 && w.under35.count < w.admitted, JSON.stringify(w));
  assert.ok(w.exited.total > 0 || expected('522726111000', TODAY, '2024-01-01', TODAY).exited.total > 0);
});

test('defaults: the town, as of today, this year', async () => {
  await check('?division=522726111', '522726111000', TODAY, '2026-01-01', TODAY);
});

test('an earlier reference date and window', async () => {
  await check('?division=522726111000&as_of=2025-12-31&from=2025-01-01&to=2025-12-31', '522726111000', '2025-12-31', '2025-01-01', '2025-12-31');
  await check('?division=522726111&as_of=2025-06-30&from=2024-01-01&to=2026-06-15', '522726111000', '2025-06-30', '2024-01-01', '2026-06-15');
});

test('one village, and the county around it', async () => {
  await check(`?division=${VILLAGES[1]}&from=2024-01-01`, VILLAGES[1], TODAY, '2024-01-01', TODAY);
  const r = await admin.get('/api/v1/stats/talent_structure?division=522726&from=2024-01-01');
  const want = expected('522726000000', TODAY, '2024-01-01', TODAY);
  assert.equal(r.body.values.admitted, want.admitted);
  assert.deepEqual(r.body.values.exited, want.exited);
  assert.ok(r.body.values.by_village.every((x) => x.admitted > 0), 'a county lists the villages that have talents');
});

test('a town user cannot ask about another town', async () => {
  const u = await admin.post('/api/v1/users', { username: 'stats_town', role: 'town', scope_division: '522726111', password: 'Talent-pass-2026' });
  assert.equal(u.status, 201);
  const town = await srv.login('stats_town', 'Talent-pass-2026');
  assert.equal((await town.get('/api/v1/stats/talent_structure?division=522726001')).status, 404);
  const own = await town.get('/api/v1/stats/talent_structure');
  assert.equal(own.body.division, '522726111000');
  assert.equal(own.body.values.admitted, expected('522726111000', TODAY, '2026-01-01', TODAY).admitted);
});
