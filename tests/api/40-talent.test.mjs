// 40 talent: the reserve talent pool of 下司镇 — the admission workflow and
// every illegal transition, a village user's scope, the 台账 columns and
// filters, reviews (period rules, uniqueness), exit candidates, the rule that
// new 村两委 members come from the pool, party development durations and the
// growth file (一人一档).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';
import { VILLAGES, act, age, person, talent } from '../fixtures/talent_helpers.mjs';

const TODAY = '2026-06-15';
const PW = 'Talent-pass-2026';
let srv;
let admin;
let town;
let village;
let county;

async function user(username, role, scope_division) {
  const r = await admin.post('/api/v1/users', { username, role, scope_division, password: PW });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return srv.login(username, PW);
}

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: TODAY } });
  admin = await srv.login();
  town = await user('xiasi_town', 'town', '522726111');
  village = await user('xiasi_village', 'village', VILLAGES[0]);
  county = await user('dushan_county', 'county', '522726');
});

after(async () => {
  await srv?.stop();
});

test('the admission workflow records every step with user, date and opinion', async () => {
  const p = await person(admin, { name: '潘思源', birth: '1997-08-20' });
  const created = await village.post('/api/v1/talents', { person_id: p.id, village_code: VILLAGES[0], source: 'returning_graduate', channel: 'self_applied', recommended_on: '2026-01-10' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  let t = created.body;
  assert.equal(t.status, 'recommended');
  assert.equal(t.name, '潘思源');

  // a village user may recommend but not inspect
  const denied = await village.post(`/api/v1/talents/${t.id}/actions/inspect`, { version: t.version, date: '2026-01-20' });
  assert.equal(denied.status, 403);
  // steps out of order are 409, and change nothing
  await act(town, 'talents', t, 'admit', { date: '2026-01-20' }, 409);
  await act(town, 'talents', t, 'review', { date: '2026-01-20', departments: ['派出所'] }, 409);
  await act(town, 'talents', t, 'exit', { date: '2026-01-20', exit_reason: 'other' }, 409);
  // bad bodies are 422 naming the field
  let e = await act(town, 'talents', t, 'inspect', { date: '2026-07-01' }, 422);
  assert.ok(e.error.fields.date, 'a date after today is refused');
  e = await act(town, 'talents', t, 'inspect', { date: '2026-01-01' }, 422);
  assert.ok(e.error.fields.date, 'a date before the recommendation is refused');
  e = await act(town, 'talents', t, 'inspect', {}, 422);
  assert.ok(e.error.fields.date);
  e = await act(town, 'talents', t, 'inspect', { date: '2026-01-20', colour: 'red' }, 422);
  assert.ok(e.error.fields.colour);
  await act(town, 'talents', { ...t, version: t.version + 5 }, 'inspect', { date: '2026-01-20' }, 409);

  t = await act(town, 'talents', t, 'inspect', { date: '2026-01-20', opinion: '考察合格' });
  assert.equal(t.status, 'inspected');
  await act(town, 'talents', t, 'inspect', { date: '2026-01-21' }, 409);
  await act(town, 'talents', t, 'admit', { date: '2026-01-21' }, 409);
  e = await act(town, 'talents', t, 'review', { date: '2026-02-01' }, 422);
  assert.ok(e.error.fields.departments);
  e = await act(town, 'talents', t, 'review', { date: '2026-02-01', departments: [] }, 422);
  assert.ok(e.error.fields.departments);
  t = await act(town, 'talents', t, 'review', { date: '2026-02-01', opinion: '联审通过', departments: ['镇党建办', '派出所'] });
  assert.equal(t.status, 'reviewed');
  await act(town, 'talents', t, 'review', { date: '2026-02-02', departments: ['派出所'] }, 409);
  t = await act(town, 'talents', t, 'admit', { date: '2026-02-10', opinion: '同意入库' });
  assert.equal(t.status, 'admitted');
  assert.equal(t.admitted_on, '2026-02-10');
  await act(town, 'talents', t, 'admit', { date: '2026-02-11' }, 409);
  await act(town, 'talents', t, 'reject', { date: '2026-02-11', reason: 'x' }, 409);
  e = await act(town, 'talents', t, 'exit', { date: '2026-03-01' }, 422);
  assert.ok(e.error.fields.exit_reason);
  e = await act(town, 'talents', t, 'exit', { date: '2026-02-01', exit_reason: 'other' }, 422);
  assert.ok(e.error.fields.date, 'an exit before admission is refused');

  const steps = await town.get(`/api/v1/talents/${t.id}/events`);
  assert.equal(steps.status, 200);
  assert.deepEqual(steps.body.items.map((s) => [s.action, s.on, s.from, s.to]), [
    ['recommend', '2026-01-10', null, 'recommended'],
    ['inspect', '2026-01-20', 'recommended', 'inspected'],
    ['review', '2026-02-01', 'inspected', 'reviewed'],
    ['admit', '2026-02-10', 'reviewed', 'admitted'],
  ]);
  assert.deepEqual(steps.body.items.map((s) => s.action_label), ['村级推荐', '镇级考察', '多部门联审', '入库']);
  assert.equal(steps.body.items[1].comment, '考察合格');
  assert.equal(steps.body.items[1].username, 'xiasi_town');
  assert.deepEqual(steps.body.items[2].fields, { departments: ['镇党建办', '派出所'] });
  assert.deepEqual(steps.body.items[0].fields, { channel: 'self_applied' });

  t = await act(town, 'talents', t, 'exit', { date: '2026-05-01', exit_reason: 'long_absent', opinion: '长期在外' });
  assert.equal(t.status, 'exited');
  assert.equal(t.exited_on, '2026-05-01');
  assert.equal(t.exit_reason, 'long_absent');
  for (const a of ['inspect', 'review', 'admit', 'reject', 'exit']) {
    await act(town, 'talents', t, a, { date: '2026-05-02', reason: 'x', exit_reason: 'other', departments: ['x'] }, 409);
  }
  const audit = await admin.get(`/api/v1/audit?entity=talents&entity_id=${t.id}`);
  assert.ok(audit.body.items.some((a) => a.action === 'action:exit'), 'actions are audited');
});

test('reject from every pending state; one open talent record per person', async () => {
  for (const until of ['recommended', 'inspected', 'reviewed']) {
    const p = await person(admin);
    let t = await talent(admin, p, { recommended: '2026-03-01', until });
    let e = await act(town, 'talents', t, 'reject', { date: '2026-03-05' }, 422);
    assert.ok(e.error.fields.reason);
    t = await act(town, 'talents', t, 'reject', { date: '2026-03-05', reason: '群众认可度不高' });
    assert.equal(t.status, 'rejected');
    // a rejected person may be recommended again, but only once at a time
    const again = await admin.post('/api/v1/talents', { person_id: p.id, village_code: VILLAGES[0] });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const twice = await admin.post('/api/v1/talents', { person_id: p.id, village_code: VILLAGES[1] });
    assert.equal(twice.status, 422);
    assert.ok(twice.body.error.fields.person_id);
  }
  const p = await person(admin);
  const town_level = await admin.post('/api/v1/talents', { person_id: p.id, village_code: '522726111' });
  assert.equal(town_level.status, 422);
  assert.ok(town_level.body.error.fields.village_code, 'a talent belongs to a village, not a town');
});

test('a village user sees and writes only its own village', async () => {
  const mine = await talent(admin, await person(admin, { village: VILLAGES[0] }), { village: VILLAGES[0], until: 'recommended' });
  const theirs = await talent(admin, await person(admin, { village: VILLAGES[1] }), { village: VILLAGES[1], until: 'recommended' });
  const list = await village.get('/api/v1/talents?limit=500');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length > 0);
  assert.ok(list.body.items.every((t) => t.village_code === VILLAGES[0]));
  assert.ok(list.body.items.some((t) => t.id === mine.id));
  assert.equal((await village.get(`/api/v1/talents/${theirs.id}`)).status, 404);
  assert.equal((await village.get(`/api/v1/talents/${theirs.id}/events`)).status, 404);
  assert.equal((await village.get(`/api/v1/talents/${mine.id}/events`)).body.items.length, 1);
  const other = await person(admin, { village: VILLAGES[1] });
  const r = await village.post('/api/v1/talents', { person_id: other.id, village_code: VILLAGES[1] });
  assert.equal(r.status, 422, 'another village is out of scope');
  assert.equal((await village.get(`/api/v1/persons/${other.id}/file`)).status, 404);
  assert.equal((await town.get(`/api/v1/talents/${theirs.id}`)).status, 200);
});

test('the 台账 shows and filters the person columns; phones are masked', async () => {
  const young = await person(admin, { name: '韦小兰', birth: '1991-06-16', male: false, education: 'college', village: VILLAGES[2] });
  const old = await person(admin, { name: '韦德胜', birth: '1991-06-15', education: 'senior', village: VILLAGES[2] });
  await talent(admin, young, { recommended: '2025-05-01' });
  await talent(admin, old, { recommended: '2025-05-01' });
  assert.equal(age('1991-06-16', TODAY), 34);
  assert.equal(age('1991-06-15', TODAY), 35);
  const r = await town.get(`/api/v1/talents?village_code=${VILLAGES[2]}&sort=name`);
  const row = r.body.items.find((t) => t.name === '韦小兰');
  assert.equal(row.gender, 'female');
  assert.equal(row.age, 34);
  assert.equal(row.education, 'college');
  assert.equal(row.political_status, 'masses');
  assert.match(row.phone, /^\d{3}\*{4}\d{4}$/);
  const f = (q) => town.get(`/api/v1/talents?village_code=${VILLAGES[2]}&${q}`).then((x) => x.body.items.map((t) => t.name).sort());
  assert.deepEqual(await f('age__lte=34'), ['韦小兰']);
  assert.deepEqual(await f('age__lte=35'), ['韦小兰', '韦德胜'].sort());
  assert.deepEqual(await f('age__gte=35'), ['韦德胜']);
  assert.deepEqual(await f('education=大专'), ['韦小兰']);
  assert.deepEqual(await f('education=senior'), ['韦德胜']);
  assert.deepEqual(await f('gender=female'), ['韦小兰']);
  assert.equal((await town.get('/api/v1/talents?age__lte=abc')).status, 400);
  const csv = await town.get(`/api/v1/talents/export?format=csv&village_code=${VILLAGES[2]}`);
  assert.equal(csv.status, 200);
  const text = csv.body.toString('utf8');
  assert.match(text, /姓名.*性别.*年龄.*学历.*政治面貌.*联系电话/);
  assert.match(text, /韦小兰,女,1991-06-16,34,大专,群众,\d{3}\*{4}\d{4}/);
  const schema = await admin.get('/api/v1/schema');
  const res = Object.fromEntries(schema.body.resources.map((x) => [x.name, x]));
  const enumOf = (r, n) => JSON.stringify(res[r].fields.find((x) => x.name === n).enum);
  for (const n of ['gender', 'education', 'political_status']) assert.equal(enumOf('talents', n), enumOf('persons', n), n);
});

test('reviews: period fits the kind, has begun, and is unique per talent', async () => {
  const pending = await talent(admin, await person(admin), { until: 'inspected' });
  const t = await talent(admin, await person(admin), { recommended: '2025-01-05' });
  const post = (body) => town.post('/api/v1/talent_evaluations', { talent_id: t.id, grade: 'competent', ...body });
  for (const [kind, period] of [['quarterly', '2026'], ['annual', '2026Q1'], ['quarterly', '2026Q5'], ['quarterly', '26Q1'], ['annual', '1850'], ['quarterly', '2026Q3']]) {
    const r = await post({ kind, period });
    assert.equal(r.status, 422, `${kind} ${period}`);
    assert.ok(r.body.error.fields.period, `${kind} ${period}`);
  }
  assert.equal((await post({ kind: 'quarterly', period: '2026Q1' })).status, 201);
  const dup = await post({ kind: 'quarterly', period: '2026Q1', grade: 'excellent' });
  assert.equal(dup.status, 422);
  assert.match(dup.body.error.fields.period, /已登记/);
  assert.equal((await post({ kind: 'annual', period: '2025' })).status, 201);
  assert.equal((await post({ kind: 'quarterly', period: '2026Q2' })).status, 201);
  const r = await town.post('/api/v1/talent_evaluations', { talent_id: pending.id, kind: 'annual', period: '2025' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.talent_id, 'only admitted talents are reviewed');
});

test('exit candidates: annual incompetent, or two consecutive quarters incompetent or long absent', async () => {
  const ev = async (t, kind, period, grade, long_absent = false) => {
    const r = await admin.post('/api/v1/talent_evaluations', { talent_id: t.id, kind, period, grade, long_absent });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  };
  const v = VILLAGES[5];
  const mk = async () => talent(admin, await person(admin, { village: v }), { village: v, recommended: '2024-01-05' });
  const [a, b, c, d, e, f] = [await mk(), await mk(), await mk(), await mk(), await mk(), await mk()];
  await ev(a, 'annual', '2025', 'incompetent');
  await ev(b, 'quarterly', '2025Q4', 'incompetent');
  await ev(b, 'quarterly', '2026Q1', 'incompetent');
  await ev(c, 'quarterly', '2026Q1', 'competent', true);
  await ev(c, 'quarterly', '2026Q2', 'basic', true);
  await ev(d, 'quarterly', '2025Q3', 'incompetent');
  await ev(d, 'quarterly', '2026Q1', 'incompetent');
  await ev(e, 'quarterly', '2025Q4', 'competent', true);
  await ev(e, 'quarterly', '2026Q1', 'incompetent');
  await ev(f, 'annual', '2025', 'basic');
  await ev(f, 'quarterly', '2026Q2', 'incompetent');
  const r = await town.get(`/api/v1/talents?exit_candidate=1&village_code=${v}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((t) => t.id).sort((x, y) => x - y), [a.id, b.id, c.id]);
  const not = await town.get(`/api/v1/talents?exit_candidate=0&village_code=${v}`);
  assert.deepEqual(not.body.items.map((t) => t.id).sort((x, y) => x - y), [d.id, e.id, f.id]);
  const s = await town.get(`/api/v1/stats/talent_structure?division=${v}`);
  assert.equal(s.body.values.exit_candidates, 3);
  // once the town decides and exits one, it is no longer a candidate
  await act(town, 'talents', a, 'exit', { date: TODAY, exit_reason: 'ineffective' });
  const s2 = await town.get(`/api/v1/stats/talent_structure?division=${v}`);
  assert.equal(s2.body.values.exit_candidates, 2);
});

test('new 村两委 members come from the pool, unless a county user overrides', async () => {
  const v = VILLAGES[3];
  const outsider = await person(admin, { village: v });
  const base = { village_code: v, body: 'villagers_committee', position: 'member', term_start: '2026-04-01' };
  let r = await town.post('/api/v1/committee_members', { ...base, person_id: outsider.id });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.fields.person_id, '新进村两委成员应从后备力量人才库中产生');
  r = await town.post('/api/v1/committee_members', { ...base, person_id: outsider.id, override_reason: '换届选举产生' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.override_reason, 'a town user cannot override');
  r = await county.post('/api/v1/committee_members', { ...base, person_id: outsider.id, override_reason: '换届选举依法产生' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.talent_id, null);
  const audit = await admin.get(`/api/v1/audit?entity=committee_members&entity_id=${r.body.id}`);
  assert.equal(audit.body.items[0].after.override_reason, '换届选举依法产生');
  // a sitting member who is not new needs no talent
  const sitting = await person(admin, { village: v });
  r = await town.post('/api/v1/committee_members', { ...base, person_id: sitting.id, is_new: false, position: 'secretary', body: 'party_org' });
  assert.equal(r.status, 201, JSON.stringify(r.body));

  // an admitted talent: appointed, and exited from the pool in the same transaction
  const p = await person(admin, { village: v });
  const t = await talent(admin, p, { village: v, recommended: '2025-02-01' });
  r = await town.post('/api/v1/committee_members', { ...base, person_id: p.id, term_start: '2025-01-01' });
  assert.equal(r.status, 422, 'a term cannot start before admission');
  assert.equal((await admin.get(`/api/v1/talents/${t.id}`)).body.status, 'admitted', 'the refused request changed nothing');
  r = await town.post('/api/v1/committee_members', { ...base, person_id: p.id });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.talent_id, t.id);
  assert.equal(r.body.is_new, true);
  const after1 = (await admin.get(`/api/v1/talents/${t.id}`)).body;
  assert.equal(after1.status, 'exited');
  assert.equal(after1.exit_reason, 'joined_committee');
  assert.equal(after1.exited_on, '2026-04-01');
  const steps = await admin.get(`/api/v1/talents/${t.id}/events`);
  const exits = steps.body.items.filter((s) => s.action === 'exit');
  assert.equal(exits.length, 1);
  assert.deepEqual(exits[0].fields, { exit_reason: 'joined_committee' });
  assert.equal(exits[0].on, '2026-04-01');
  // a talent not yet admitted does not count
  const p2 = await person(admin, { village: v });
  await talent(admin, p2, { village: v, until: 'reviewed' });
  r = await town.post('/api/v1/committee_members', { ...base, person_id: p2.id });
  assert.equal(r.status, 422);
});

test('party development: age, one year as activist, one year of probation; political status follows', async () => {
  const minor = await person(admin, { birth: '2008-07-01' });
  let r = await admin.post('/api/v1/party_development', { person_id: minor.id, applied_on: '2026-06-01' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.applied_on, 'under 18 on the day of applying');
  const p = await person(admin, { birth: '1995-02-10' });
  r = await admin.post('/api/v1/party_development', { person_id: p.id, applied_on: '2024-01-10' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  let d = r.body;
  assert.equal(d.stage, 'applicant');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'applicant');
  const dup = await admin.post('/api/v1/party_development', { person_id: p.id, applied_on: '2024-01-10' });
  assert.equal(dup.status, 422);
  let e = await act(admin, 'party_development', d, 'advance', { date: '2024-01-01' }, 422);
  assert.ok(e.error.fields.date, 'not before the previous stage');
  d = await act(admin, 'party_development', d, 'advance', { date: '2024-03-01' });
  assert.equal(d.stage, 'activist');
  assert.equal(d.activist_on, '2024-03-01');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'activist');
  e = await act(admin, 'party_development', d, 'advance', { date: '2025-02-28' }, 422);
  assert.match(e.error.fields.date, /一年/);
  assert.match(e.error.fields.date, /2025-03-01/);
  d = await act(admin, 'party_development', d, 'advance', { date: '2025-03-01' });
  assert.equal(d.stage, 'candidate');
  d = await act(admin, 'party_development', d, 'advance', { date: '2025-06-01' });
  assert.equal(d.stage, 'probationary');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'probationary');
  e = await act(admin, 'party_development', d, 'advance', { date: '2026-05-31' }, 422);
  assert.match(e.error.fields.date, /预备期/);
  e = await act(admin, 'party_development', d, 'advance', { date: '2026-06-16' }, 422);
  assert.ok(e.error.fields.date, 'not after today');
  d = await act(admin, 'party_development', d, 'advance', { date: '2026-06-01' });
  assert.equal(d.stage, 'full');
  assert.equal(d.full_on, '2026-06-01');
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.political_status, 'member');
  await act(admin, 'party_development', d, 'advance', { date: '2026-06-02' }, 409);
  // a record created at a later stage is checked the same way
  const q = await person(admin, { birth: '1990-01-01' });
  r = await admin.post('/api/v1/party_development', { person_id: q.id, stage: 'candidate', applied_on: '2025-01-01', activist_on: '2025-02-01', candidate_on: '2025-12-01' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.candidate_on);
  r = await admin.post('/api/v1/party_development', { person_id: q.id, stage: 'activist', applied_on: '2025-01-01' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.activist_on);
});

test('the growth file lists every kind of event in date order', async () => {
  const v = VILLAGES[4];
  const p = await person(admin, { name: '莫俊杰', birth: '1996-05-05', village: v });
  const upd = await admin.patch(`/api/v1/persons/${p.id}`, { version: p.version, education: 'master' });
  assert.equal(upd.status, 200);
  const t = await talent(admin, p, { village: v, recommended: '2025-03-01', inspected: '2025-03-10', reviewed: '2025-03-20', admitted: '2025-04-01' });
  assert.equal((await admin.post('/api/v1/talent_evaluations', { talent_id: t.id, kind: 'annual', period: '2025', grade: 'excellent', evaluated_on: '2026-01-10' })).status, 201);
  const tr = await admin.post('/api/v1/trainings', { title: '村级后备力量专题培训班', kind: 'party_school', division_code: '522726', start_on: '2025-05-10', end_on: '2025-05-12', hours: 24 });
  assert.equal(tr.status, 201, JSON.stringify(tr.body));
  assert.equal((await admin.post('/api/v1/training_attendance', { training_id: tr.body.id, person_id: p.id })).status, 201);
  const again = await admin.post('/api/v1/training_attendance', { training_id: tr.body.id, person_id: p.id });
  assert.equal(again.status, 422, 'one attendance per person and training');
  const org = await admin.post('/api/v1/orgs', { name: '下司镇党建办', kind: 'department', division_code: '522726111' });
  assert.equal((await admin.post('/api/v1/placements', { talent_id: t.id, kind: 'shadowing', host_org_id: org.body.id, post: '党建办', start_on: '2025-06-01', end_on: '2025-06-30' })).status, 201);
  assert.equal((await admin.post('/api/v1/party_development', { person_id: p.id, stage: 'activist', applied_on: '2025-02-01', activist_on: '2025-09-01' })).status, 201);
  assert.equal((await town.post('/api/v1/committee_members', { person_id: p.id, village_code: v, body: 'party_org', position: 'member', term_start: '2026-03-01' })).status, 201);

  const r = await town.get(`/api/v1/persons/${p.id}/file`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.person.name, '莫俊杰');
  assert.match(r.body.person.id_number, /\*/);
  const ev = r.body.events;
  const dates = ev.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort(), 'date order');
  for (const e of ev) assert.deepEqual(Object.keys(e).sort(), ['date', 'detail', 'kind', 'title']);
  const pick = (kind) => ev.filter((e) => e.kind === kind).map((e) => [e.date, e.title]);
  assert.deepEqual(pick('talent_step'), [
    ['2025-03-01', '村级推荐'], ['2025-03-10', '镇级考察'], ['2025-03-20', '多部门联审'],
    ['2025-04-01', '入库'], ['2026-03-01', '调整出库'],
  ]);
  assert.deepEqual(pick('evaluation'), [['2026-01-10', '2025年度考核：优秀']]);
  // a training the county held, attended by the town's person, counts in the town's figures:
  // the town sees it, in the file and in the trainings ledger alike
  assert.deepEqual(pick('training'), [['2025-05-10', '参加培训：村级后备力量专题培训班']]);
  assert.equal((await town.get(`/api/v1/trainings/${tr.body.id}`)).status, 200);
  assert.deepEqual(pick('placement'), [['2025-06-01', '跟岗锻炼：党建办']]);
  assert.deepEqual(pick('committee'), [['2026-03-01', '任新同村村党组织委员']]); // VILLAGES[4] is 新同村
  assert.deepEqual(pick('party'), [['2025-02-01', '递交入党申请书'], ['2025-09-01', '确定为入党积极分子']]);
  const audits = pick('audit').map((x) => x[1]);
  assert.ok(audits.includes('建立人员档案'));
  assert.ok(audits.includes('修改人员信息'));
  assert.ok(ev.find((e) => e.title === '修改人员信息').detail.includes('学历：硕士研究生'));
  assert.ok(ev.find((e) => e.title === '多部门联审').detail.includes('派出所'));
  assert.equal((await town.get('/api/v1/persons/999999/file')).status, 404);
});
