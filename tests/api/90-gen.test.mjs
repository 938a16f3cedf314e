// 90 gen: `jiceng gen` writes a valid, deterministic benchmark dataset — ID
// numbers that pass GB 11643 and agree with birth dates and genders, tickets
// whose timelines are complete, figures the statistics compute — the same for
// the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const valid = (id) => '10X98765432'[[...id.slice(0, 17)].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0) % 11] === id[17];

async function generated(seed) {
  const srv = await startServer();
  const r = await srv.cli(['gen', '--scale', '0.01', '--seed', String(seed), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  return srv;
}

/** An administrator who may read full ID numbers. */
async function piiAdmin(srv) {
  const admin = await srv.login();
  const u = await admin.post('/api/v1/users', { username: 'gen_pii', role: 'admin', password: 'user-pass-123', pii_access: true });
  assert.equal(u.status, 201, JSON.stringify(u.body));
  return srv.login('gen_pii', 'user-pass-123');
}

test('a small dataset: valid persons, complete ticket timelines, the same for the same seed', async () => {
  const a = await generated(5);
  const b = await generated(5);
  try {
    const admin = await piiAdmin(a);
    const persons = await admin.get('/api/v1/persons?limit=200&reveal=1');
    assert.equal(persons.status, 200);
    assert.ok(persons.body.total >= 60, `persons: ${persons.body.total}`);
    for (const p of persons.body.items) {
      assert.ok(valid(p.id_number), p.id_number);
      const birth = `${p.id_number.slice(6, 10)}-${p.id_number.slice(10, 12)}-${p.id_number.slice(12, 14)}`;
      assert.equal(p.birth_date, birth);
      assert.equal(p.gender, Number(p.id_number[16]) % 2 ? 'male' : 'female');
      assert.match(p.name, /^\p{Script=Han}{2,4}$/u);
      assert.ok(p.division_code_label, 'a real village');
    }
    const ids = new Set((await admin.get('/api/v1/persons?limit=500&reveal=1')).body.items.map((p) => p.id_number));
    assert.equal(ids.size, Math.min(500, persons.body.total), 'ID numbers are unique');
    const t = (await admin.get('/api/v1/tickets?status=closed&limit=5')).body.items;
    assert.ok(t.length > 0);
    for (const x of t) {
      const ev = (await admin.get(`/api/v1/tickets/${x.id}/events`)).body.items;
      assert.deepEqual(ev.map((e) => e.action), ['submit', 'dispatch', 'accept', 'resolve', 'rate']);
      assert.ok(x.submitted_at < x.dispatched_at && x.dispatched_at < x.accepted_at && x.accepted_at < x.resolved_at && x.resolved_at < x.closed_at);
    }
    const s = await admin.get('/api/v1/stats/tickets?from=2000-01-01');
    assert.equal(s.status, 200);
    assert.ok(s.body.values.resolution_rate.ratio > 0.8 && s.body.values.resolution_rate.ratio < 1);
    // the counts gen keeps by county and month equal a recount of the rows it wrote
    for (const p of ['from=2000-01-01', '', `from=${new Date().getFullYear() - 1}-01-01&to=${new Date().getFullYear() - 1}-12-31`]) {
      const kept = await admin.get(`/api/v1/stats/tickets?${p}`);
      assert.deepEqual(kept.body, (await admin.get(`/api/v1/stats/tickets?${p}&recount=1`)).body, p);
    }
    const q = await admin.get(`/api/v1/persons?q=${encodeURIComponent(persons.body.items[0].name.slice(0, 2))}`);
    assert.ok(q.body.total >= 1, 'search terms were written');
    // the same seed, the same data
    const other = await piiAdmin(b);
    const left = (await admin.get('/api/v1/persons?limit=50&reveal=1')).body.items.map((p) => [p.name, p.id_number, p.phone]);
    const right = (await other.get('/api/v1/persons?limit=50&reveal=1')).body.items.map((p) => [p.name, p.id_number, p.phone]);
    assert.deepEqual(left, right);
    assert.equal((await other.get('/api/v1/tickets?limit=1')).body.total, (await admin.get('/api/v1/tickets?limit=1')).body.total);
    // gen writes into an empty database only
    const again = await a.cli(['gen', '--scale', '0.01', '--seed', '5', '--quiet']);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /空库/);
  } finally {
    await a.stop();
    await b.stop();
  }
});
