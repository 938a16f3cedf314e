// 24 tallies: the counts kept per division and per enum or bool value, which
// answer unfiltered totals and groupings without reading every row, equal a
// full recount after random creates, edits (moves between villages, changed
// values), deletions and workflow actions — for every role that can use them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, idNumber } from './lib.mjs';

let srv;
let admin;
const users = {};
const VILLAGES = ['522726111200', '522726111214', '522726111215', '522725002006'];

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'tl_county', 'county', '522726');
  await createUser(admin, 'tl_town', 'town', '522726111');
  await createUser(admin, 'tl_village', 'village', '522726111200');
  users.admin = admin;
  for (const u of ['tl_county', 'tl_town', 'tl_village']) users[u] = await srv.login(u, 'user-pass-123');
});

after(async () => {
  await srv?.stop();
});

/** A deterministic pseudo-random sequence, so that a failure repeats. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function compare(label) {
  for (const [who, c] of Object.entries(users)) {
    for (const [res, fields] of [['persons', ['gender', 'education', 'political_status']], ['tickets', ['status', 'kind', 'rating', 'published']]]) {
      const kept = await c.get(`/api/v1/${res}?limit=1`);
      const counted = await c.get(`/api/v1/${res}?limit=1&id__gte=0`);
      assert.equal(kept.body.total, counted.body.total, `${label}: ${who} ${res} total`);
      for (const f of fields) {
        const a = await c.get(`/api/v1/${res}/stats?group=${f}`);
        const b = await c.get(`/api/v1/${res}/stats?group=${f}&id__gte=0`);
        assert.equal(a.status, 200, JSON.stringify(a.body));
        assert.deepEqual(a.body, b.body, `${label}: ${who} ${res} by ${f}`);
      }
    }
  }
}

test('tallies equal a recount after random writes, for every role', async () => {
  const r = rng(20261130);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const persons = [];
  for (let i = 0; i < 40; i++) {
    const p = await admin.post('/api/v1/persons', {
      name: `计数${i}`, division_code: pick(VILLAGES), id_number: idNumber('522726', `1990${String(1 + (i % 12)).padStart(2, '0')}15`, String(100 + i)),
      education: pick(['junior', 'senior', 'bachelor', null]), political_status: pick(['masses', 'member']),
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    persons.push(p.body);
  }
  const tickets = [];
  for (let i = 0; i < 30; i++) {
    const t = await admin.post('/api/v1/tickets', { kind: pick(['resident_request', 'resident_wish', 'dispute']), category: 'other', title: `工单${i}`, division_code: pick(VILLAGES) });
    if (t.status === 201) tickets.push(t.body);
  }
  const org = (await admin.post('/api/v1/orgs', { name: '计数承办单位', kind: 'department', division_code: '522726' })).body.id;
  await compare('after creating');
  for (let round = 0; round < 3; round++) {
    for (const p of persons.slice(round * 10, round * 10 + 10)) {
      const cur = (await admin.get(`/api/v1/persons/${p.id}`)).body;
      const r2 = await admin.patch(`/api/v1/persons/${p.id}`, { version: cur.version, division_code: pick(VILLAGES), education: pick(['college', 'master', null]) });
      assert.equal(r2.status, 200, JSON.stringify(r2.body));
    }
    const gone = persons[30 + round];
    const cur = (await admin.get(`/api/v1/persons/${gone.id}`)).body;
    assert.equal((await admin.del(`/api/v1/persons/${gone.id}?version=${cur.version}`)).status, 204);
    for (const t of tickets.slice(round * 10, round * 10 + 10)) {
      let x = (await admin.get(`/api/v1/tickets/${t.id}`)).body;
      for (const [a, b] of [['dispatch', { assignee_org_id: org }], ['accept', {}], ['resolve', { resolution: '办结' }], ['rate', { rating: pick(['satisfied', 'dissatisfied']) }], ['publish', { public_summary: '晒单' }]]) {
        if (r() < 0.2) break;
        const y = await admin.post(`/api/v1/tickets/${x.id}/actions/${a}`, { version: x.version, ...b });
        if (y.status !== 200) break;
        x = y.body;
      }
    }
    await compare(`after round ${round}`);
  }
  // a grouping with filters or a sum is counted from the rows, and agrees
  const f = await admin.get('/api/v1/tickets/stats?group=status&kind=dispute');
  assert.equal(f.body.total, (await admin.get('/api/v1/tickets?kind=dispute&limit=1')).body.total);
});
