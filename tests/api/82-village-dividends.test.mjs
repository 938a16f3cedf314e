// 82 cooperative dividends: share holdings, the dividend run's workflow
// (draft → computed → approved → paid), `compute` writing one line per
// holding — 保底 + 效益 by largest remainder, checked against an allocation
// computed here with BigInt on fixed and random inputs — the refusals, the
// lines nobody may edit, the XLSX for the bank, and who sees what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, unzipMember, rng } from './lib.mjs';

const XINPING = '522727108203';
const TIANBA = '522727108202';
const PW = 'user-pass-123';

let srv;
let admin;
let village;
let other;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'd_village', 'village', XINPING);
  await createUser(admin, 'd_other', 'village', TIANBA);
  village = await srv.login('d_village', PW);
  other = await srv.login('d_other', PW);
});

after(async () => {
  await srv?.stop();
});

async function ok(r, status = 201) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
}

// The allocation, independently: guaranteed = shares × per; the rest by largest
// remainder, ties to the lower holding id.
function allocate(dist, per, holdings) {
  const D = BigInt(dist), P = BigInt(per);
  const S = holdings.reduce((s, h) => s + BigInt(h.shares), 0n);
  const rest = D - P * S;
  const parts = holdings.map((h) => {
    const exact = rest * BigInt(h.shares);
    return { id: h.id, guaranteed: P * BigInt(h.shares), floor: exact / S, rem: exact % S };
  });
  let left = rest - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.rem === b.rem ? a.id - b.id : a.rem > b.rem ? -1 : 1));
  const extra = new Set();
  for (const p of order) {
    if (left <= 0n) break;
    extra.add(p.id);
    left--;
  }
  return Object.fromEntries(parts.map((p) => {
    const perf = p.floor + (extra.has(p.id) ? 1n : 0n);
    return [p.id, { guaranteed_fen: Number(p.guaranteed), performance_fen: Number(perf), total_fen: Number(p.guaranteed + perf) }];
  }));
}

async function linesOf(client, run) {
  const r = await ok(await client.get(`/api/v1/coop_dividend_lines?dividend_id=${run}&limit=500`), 200);
  return r.items;
}

function check(lines, holdings, dist, per) {
  const want = allocate(dist, per, holdings);
  assert.equal(lines.length, holdings.length);
  for (const l of lines) {
    const w = want[l.coop_share_id];
    assert.ok(w, `line for holding ${l.coop_share_id}`);
    assert.deepEqual([l.guaranteed_fen, l.performance_fen, l.total_fen], [w.guaranteed_fen, w.performance_fen, w.total_fen], l.holder_name);
    assert.ok(l.guaranteed_fen >= 0 && l.performance_fen >= 0);
  }
  assert.equal(lines.reduce((s, l) => s + l.total_fen, 0), dist);
}

test('holdings: a person gives the holder name; shares are whole and bounded', async () => {
  const coop = await ok(await village.post('/api/v1/coops', { division_code: XINPING, name: '新坪村股份经济合作社', business: '洞穴食用菌' }));
  const p = await ok(await village.post('/api/v1/persons', { name: '韦光明', division_code: XINPING }));
  const h = await ok(await village.post('/api/v1/coop_shares', { coop_id: coop.id, person_id: p.id, shares: 5, kind: 'cash' }));
  assert.equal(h.holder_name, '韦光明');
  let e = assertError(await village.post('/api/v1/coop_shares', { coop_id: coop.id, shares: 5, kind: 'cash' }), 422, 'validation');
  assert.ok(e.fields.holder_name);
  e = assertError(await village.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: '某户', shares: 0, kind: 'land' }), 422, 'validation');
  assert.ok(e.fields.shares);
  e = assertError(await village.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: '某户', shares: 1.5, kind: 'land' }), 422, 'validation');
  assert.ok(e.fields.shares);
  assertError(await other.get(`/api/v1/coop_shares/${h.id}`), 404, 'not_found');
  e = assertError(await other.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: '某户', shares: 1, kind: 'land' }), 422, 'validation');
  assert.ok(e.fields.coop_id);
});

test('a dividend run: compute, re-compute, approve, pay — and what each state refuses', async () => {
  const coop = await ok(await village.post('/api/v1/coops', { division_code: XINPING, name: '新坪村食用菌合作社' }));
  const holdings = [];
  for (const [holder, shares, kind] of [['甲户', 3, 'cash'], ['乙户', 5, 'land'], ['丙户', 7, 'labour'], ['丁户', 11, 'poverty_household'], ['戊户', 3, 'cash']]) {
    const h = await ok(await village.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: holder, shares, kind, since: '2024-03-01' }));
    holdings.push({ id: h.id, shares });
  }
  // held only from 2026: not in the 2025 run
  await ok(await village.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: '己户', shares: 4, kind: 'cash', since: '2026-02-01' }));
  let run = await ok(await village.post('/api/v1/coop_dividends', { coop_id: coop.id, year: 2025, distributable_fen: 100003, guaranteed_fen_per_share: 1000 }));
  assert.equal(run.status, 'draft');
  assert.ok(assertError(await village.post('/api/v1/coop_dividends', { coop_id: coop.id, year: 2025, distributable_fen: 1, guaranteed_fen_per_share: 0 }), 422, 'validation').fields.year);
  assertError(await village.post(`/api/v1/coop_dividends/${run.id}/actions/approve`, { version: run.version }), 409, 'conflict');

  run = await ok(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 200);
  assert.equal(run.status, 'computed');
  assert.deepEqual([run.holdings, run.shares_total, run.guaranteed_total_fen, run.performance_total_fen], [5, 29, 29000, 71003]);
  check(await linesOf(village, run.id), holdings, 100003, 1000);

  // a holding added, computed again: the lines are replaced
  const late = await ok(await village.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: '庚户', shares: 2, kind: 'cash', since: '2025-12-31' }));
  holdings.push({ id: late.id, shares: 2 });
  run = await ok(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 200);
  check(await linesOf(village, run.id), holdings, 100003, 1000);

  // 保底 beyond what there is: refused, nothing changed
  let e;
  const patched = await ok(await village.patch(`/api/v1/coop_dividends/${run.id}`, { version: run.version, guaranteed_fen_per_share: 4000 }), 200);
  assert.equal(patched.status, 'draft', 'changed figures send a computed run back to draft');
  assert.equal(patched.holdings, null);
  assert.deepEqual(await linesOf(village, run.id), []);
  e = assertError(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: patched.version }), 422, 'validation');
  assert.match(e.fields.guaranteed_fen_per_share, /1240\.00 元超过可分配金额 1000\.03 元/);
  const still = await ok(await village.get(`/api/v1/coop_dividends/${run.id}`), 200);
  assert.deepEqual([still.status, still.version], ['draft', patched.version]);
  assert.deepEqual(await linesOf(village, run.id), []);

  run = await ok(await village.patch(`/api/v1/coop_dividends/${run.id}`, { version: still.version, guaranteed_fen_per_share: 1000 }), 200);
  run = await ok(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 200);
  run = await ok(await village.post(`/api/v1/coop_dividends/${run.id}/actions/approve`, { version: run.version, date: '2026-01-10', opinion: '成员代表大会通过' }), 200);
  assert.deepEqual([run.status, run.approved_on], ['approved', '2026-01-10']);
  e = assertError(await village.patch(`/api/v1/coop_dividends/${run.id}`, { version: run.version, distributable_fen: 1 }), 422, 'validation');
  assert.ok(e.fields.status);
  assertError(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 409, 'conflict');
  run = await ok(await village.post(`/api/v1/coop_dividends/${run.id}/actions/pay`, { version: run.version, date: '2026-01-20' }), 200);
  assert.deepEqual([run.status, run.paid_on], ['paid', '2026-01-20']);
  assertError(await village.patch(`/api/v1/coop_dividends/${run.id}`, { version: run.version, notes: '改' }), 422, 'validation');
  assertError(await village.del(`/api/v1/coop_dividends/${run.id}?version=${run.version}`), 403, 'forbidden');
  check(await linesOf(village, run.id), holdings, 100003, 1000);
  const events = await ok(await village.get(`/api/v1/coop_dividends/${run.id}/events`), 200);
  assert.deepEqual(events.items.map((x) => x.action), ['draft', 'compute', 'compute', 'compute', 'approve', 'pay']);

  // the lines are the run's own: nobody writes them by hand
  const line = (await linesOf(village, run.id))[0];
  assertError(await village.post('/api/v1/coop_dividend_lines', { dividend_id: run.id }), 403, 'forbidden');
  assertError(await village.patch(`/api/v1/coop_dividend_lines/${line.id}`, { version: line.version, total_fen: 1 }), 403, 'forbidden');
  assert.ok(assertError(await admin.patch(`/api/v1/coop_dividend_lines/${line.id}`, { version: line.version, total_fen: 1 }), 422, 'validation').fields.dividend_id);
  assert.ok(assertError(await admin.post('/api/v1/coop_dividend_lines', { dividend_id: run.id }), 422, 'validation').fields.dividend_id);
  assertError(await admin.del(`/api/v1/coop_dividend_lines/${line.id}?version=${line.version}`), 403, 'forbidden');

  // the allocation for the bank, and out of scope for another village
  const x = await village.get(`/api/v1/coop_dividend_lines/export?format=xlsx&dividend_id=${run.id}`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const strings = (await unzipMember(x.body, 'xl/sharedStrings.xml')).toString();
  for (const s of ['持股人（户）', '保底分红', '效益分红', '分红合计', '甲户', '庚户']) assert.ok(strings.includes(s), s);
  const csv = (await village.get(`/api/v1/coop_dividend_lines/export?format=csv&dividend_id=${run.id}`)).body.toString();
  const [header, ...totals] = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/).map((row) => row.split(','));
  const col = header.indexOf('分红合计');
  assert.equal(totals.reduce((s, r) => s + Math.round(Number(r[col]) * 100), 0), 100003);
  assert.equal((await ok(await other.get(`/api/v1/coop_dividend_lines?dividend_id=${run.id}`), 200)).total, 0);
  assertError(await other.get(`/api/v1/coop_dividends/${run.id}`), 404, 'not_found');
});

test('no holdings: nothing to compute', async () => {
  const coop = await ok(await village.post('/api/v1/coops', { division_code: XINPING, name: '空合作社' }));
  const run = await ok(await village.post('/api/v1/coop_dividends', { coop_id: coop.id, year: 2025, distributable_fen: 100, guaranteed_fen_per_share: 0 }));
  const e = assertError(await village.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 422, 'validation');
  assert.ok(e.fields.coop_id);
  assert.ok(assertError(await village.post('/api/v1/coop_dividends', { coop_id: coop.id, year: 2026, distributable_fen: -1, guaranteed_fen_per_share: 0 }), 422, 'validation').fields.distributable_fen);
});

test('random runs add up to the fen and match the allocation computed here', async () => {
  const rand = rng(8640037);
  for (let round = 0; round < 4; round++) {
    const coop = await ok(await admin.post('/api/v1/coops', { division_code: XINPING, name: `随机合作社${round}` }));
    const holdings = [];
    const n = 2 + Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) {
      const shares = 1 + Math.floor(rand() * (round % 2 ? 9 : 2000));
      const h = await ok(await admin.post('/api/v1/coop_shares', { coop_id: coop.id, holder_name: `户${i}`, shares, kind: 'cash' }));
      holdings.push({ id: h.id, shares });
    }
    const totalShares = holdings.reduce((s, h) => s + h.shares, 0);
    const dist = Math.floor(rand() * (round === 3 ? 1e11 : 1e7));
    const per = Math.floor(rand() * (dist / totalShares));
    let run = await ok(await admin.post('/api/v1/coop_dividends', { coop_id: coop.id, year: 2025, distributable_fen: dist, guaranteed_fen_per_share: per }));
    run = await ok(await admin.post(`/api/v1/coop_dividends/${run.id}/actions/compute`, { version: run.version }), 200);
    assert.equal(run.guaranteed_total_fen + run.performance_total_fen, dist);
    check(await linesOf(admin, run.id), holdings, dist, per);
  }
});
