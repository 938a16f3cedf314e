// 71 cadence: last_visit_on, next_due_on (calendar months clamped to the end
// of the month, leap years included), cadence and visits_this_year on any
// reference date (?as_of=), derived here independently for a fixture whose
// dates sit on month ends; the list filters (cadence, next_due_on, due_within,
// active…) select exactly the rows the computed fields describe; the
// statistic's visit_compliance counts the same rows; and the to-do lists the
// pairings due within 7 days or overdue, on a server whose today is fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, creditCode, idNumber } from './lib.mjs';
import { addDays, cadenceOn as expected } from './pairing-lib.mjs';

const TODAY = '2024-03-05';
const VILLAGE = '522727108203';

let srv;
let admin;
const fixture = []; // { id, start_on, end_on, every, visits: [dates] }

// start, end, cadence in months, visits
const PAIRINGS = [
  ['2023-01-01', null, 1, ['2023-01-31', '2024-01-31']],          // → 02-28 in 2023, 02-29 in 2024
  ['2023-06-01', null, 2, ['2023-12-31']],                         // → 2024-02-29
  ['2023-11-30', null, 3, []],                                     // from the start → 2024-02-29
  ['2024-01-01', null, null, ['2024-02-01']],                      // no cadence
  ['2023-03-31', null, 1, ['2023-03-31', '2024-02-29', '2024-03-01']], // a visit after as_of is not seen
  ['2023-01-01', '2024-01-15', 1, ['2023-12-01']],                 // ended, still computed
  ['2024-03-31', null, 1, []],                                     // not started yet on most dates
  ['2022-12-31', null, 12, ['2023-02-28']],                        // a year: 2024-02-28
  ['2023-08-31', null, 6, ['2023-08-31']],                         // 6 months → 2024-02-29
];
const DATES = ['2023-02-27', '2023-02-28', '2023-03-01', '2024-01-31', '2024-02-28', '2024-02-29',
  '2024-03-01', '2024-03-05', '2024-03-31', '2024-04-30', '2024-05-01', '2024-12-31'];

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: TODAY } });
  admin = await srv.login();
  const ent = await admin.post('/api/v1/enterprises', { name: '掌布菌业公司', division_code: '522727108', credit_code: creditCode('91522727MA6DJ1301') });
  assert.equal(ent.status, 201, JSON.stringify(ent.body));
  const person = await admin.post('/api/v1/persons', { name: '联系领导', division_code: '522727', id_number: idNumber('522727', '19750505', '311') });
  assert.equal(person.status, 201, JSON.stringify(person.body));
  for (const [start, end, every, visits] of PAIRINGS) {
    const body = { kind: 'leader_enterprise', person_id: person.body.id, enterprise_id: ent.body.id, level: 'county', start_on: start };
    if (end) body.end_on = end;
    if (every) body.visit_every_months = every;
    const r = await admin.post('/api/v1/pairings', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const v of visits) {
      const vr = await admin.post('/api/v1/visits', { pairing_id: r.body.id, visited_on: v });
      assert.equal(vr.status, 201, JSON.stringify(vr.body));
    }
    fixture.push({ id: r.body.id, start_on: start, end_on: end, every, visits });
  }
  // one more pairing in another place, with a visit then deleted: deleted visits do not count
  const other = await admin.post('/api/v1/pairings', { kind: 'first_secretary', person_id: person.body.id, division_code: VILLAGE, start_on: '2023-01-01', visit_every_months: 2 });
  assert.equal(other.status, 201);
  const v = await admin.post('/api/v1/visits', { pairing_id: other.body.id, visited_on: '2024-02-20' });
  assert.equal((await admin.del(`/api/v1/visits/${v.body.id}?version=${v.body.version}`)).status, 204);
  fixture.push({ id: other.body.id, start_on: '2023-01-01', end_on: null, every: 2, visits: [] });
});

after(async () => {
  await srv?.stop();
});

async function list(query) {
  const r = await admin.get(`/api/v1/pairings?limit=500&${query}`);
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
  return r.body;
}
const idsOf = (items) => items.map((x) => x.id).sort((a, b) => a - b);
const idsWhere = (D, pred) => fixture.filter((p) => pred(expected(p, D), p)).map((p) => p.id).sort((a, b) => a - b);

test('computed fields on every reference date, across month ends and leap years', async () => {
  for (const D of DATES) {
    const items = (await list(`as_of=${D}`)).items;
    assert.equal(items.length, fixture.length);
    for (const p of fixture) {
      const got = items.find((x) => x.id === p.id);
      const want = expected(p, D);
      for (const k of Object.keys(want)) assert.deepEqual(got[k], want[k], `pairing ${p.id} (${p.start_on}, ${p.every}) on ${D}: ${k}`);
      const one = (await admin.get(`/api/v1/pairings/${p.id}?as_of=${D}`)).body;
      assert.equal(one.next_due_on, want.next_due_on, 'a single record computes the same');
    }
  }
  // the examples, spelled out
  const on = (i, D) => expected(fixture[i], D).next_due_on;
  assert.equal(on(0, '2023-02-01'), '2023-02-28');
  assert.equal(on(0, '2024-02-01'), '2024-02-29');
  assert.equal(on(1, '2024-01-01'), '2024-02-29');
  // without as_of: today (JICENG_TODAY)
  const today = (await list('')).items.find((x) => x.id === fixture[0].id);
  assert.deepEqual(today.next_due_on, expected(fixture[0], TODAY).next_due_on);
});

test('the list filters select exactly what the computed fields say', async () => {
  for (const D of DATES) {
    const all = (await list(`as_of=${D}`)).items;
    const by = (pred) => idsOf(all.filter(pred));
    const check = async (q, want) => {
      const r = await list(`as_of=${D}&${q}`);
      assert.deepEqual(idsOf(r.items), want, `${q} on ${D}`);
      assert.equal(r.total, want.length);
    };
    await check('cadence=ok', by((x) => x.cadence === 'ok'));
    await check('cadence=overdue', by((x) => x.cadence === 'overdue'));
    await check('cadence=none', by((x) => x.cadence === null));
    await check('cadence__null=0', by((x) => x.cadence !== null));
    await check('active=true', by((x) => x.active));
    await check('active=false', by((x) => !x.active));
    await check('active=true&cadence=overdue', by((x) => x.active && x.cadence === 'overdue'));
    await check(`next_due_on=${D}`, by((x) => x.next_due_on === D));
    await check(`next_due_on__lte=${D}`, by((x) => x.next_due_on && x.next_due_on <= D));
    await check('next_due_on__gt=2024-02-28', by((x) => x.next_due_on && x.next_due_on > '2024-02-28'));
    await check('next_due_on__lt=2024-02-29', by((x) => x.next_due_on && x.next_due_on < '2024-02-29'));
    await check('next_due_on__gte=2024-02-29', by((x) => x.next_due_on && x.next_due_on >= '2024-02-29'));
    await check('last_visit_on__null=1', by((x) => x.last_visit_on === null));
    await check('last_visit_on__gte=2024-01-31', by((x) => x.last_visit_on && x.last_visit_on >= '2024-01-31'));
    await check('visits_this_year__gte=1', by((x) => x.visits_this_year >= 1));
    const soon = addDays(D, 7);
    await check('due_within=7', by((x) => x.active && x.next_due_on && x.next_due_on <= soon));
    await check('due_within=0', by((x) => x.active && x.next_due_on && x.next_due_on <= D));
    // the grouped counts take the same filters
    const g = await admin.get(`/api/v1/pairings/stats?group=kind&as_of=${D}&cadence=ok`);
    assert.equal(g.status, 200);
    assert.equal(g.body.total, all.filter((x) => x.cadence === 'ok').length);
  }
  assertError(await admin.get('/api/v1/pairings?cadence=late'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/pairings?cadence=ok&as_of=2024-02-30'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/pairings?due_within=-1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/pairings?next_due_on__prefix=2024'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/pairings?sort=next_due_on'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/pairings/stats?group=cadence'), 400, 'bad_request');
});

test('visit_compliance and min_visits_met count the list’s rows on the same date', async () => {
  for (const D of DATES) {
    const s = await admin.get(`/api/v1/stats/pairings?as_of=${D}&from=${D.slice(0, 4)}-01-01&to=${D}`);
    assert.equal(s.status, 200, JSON.stringify(s.body));
    const v = s.body.values;
    const active = idsWhere(D, (e) => e.active);
    const ok = idsWhere(D, (e) => e.active && e.cadence === 'ok');
    const withCadence = idsWhere(D, (e) => e.active && e.cadence !== null);
    assert.equal(v.pairings, active.length, `active on ${D}`);
    assert.deepEqual([v.visit_compliance.count, v.visit_compliance.of], [ok.length, withCadence.length], `compliance on ${D}`);
    assert.equal(v.visit_compliance.ratio, withCadence.length ? ok.length / withCadence.length : 0);
    const listed = await list(`as_of=${D}&active=true&cadence=ok`);
    assert.equal(listed.total, v.visit_compliance.count);
  }
});

test('to-dos: the pairings due within 7 days or overdue, today', async () => {
  const r = await admin.get('/api/v1/todos');
  assert.equal(r.status, 200);
  const due = r.body.items.find((t) => t.key === 'visits_due');
  const soon = addDays(TODAY, 7);
  const want = idsWhere(TODAY, (e) => e.active && e.next_due_on && e.next_due_on <= soon);
  assert.ok(want.length > 0, 'the fixture has pairings due');
  assert.equal(due.count, want.length);
  assert.equal(due.resource, 'pairings');
  assert.equal(due.query, 'due_within=7');
  assert.deepEqual(due.first.map((x) => x.id).sort((a, b) => a - b), want.slice(0, 5));
  assert.ok(due.first.every((x) => typeof x.label === 'string' && x.label.includes('联系领导')));
});
