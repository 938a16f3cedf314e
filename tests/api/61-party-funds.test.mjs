// 61 party funds: the 实报实销 workflow of party-building funds — a branch
// claims, the organisation above (or the town) approves, payment at cost
// against a voucher, or sent back — who may run each step (never the spender
// approving itself), every illegal transition, decided claims that no longer
// change, the timeline, the to-dos, and balances per source and organisation
// derived here from the entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, createUser } from './lib.mjs';

const PW = 'user-pass-123';
const TOWN = '522701001';
const DIV = '522701001000';

let srv;
let admin;
let park;
let branch;
let town;
let viewer;
let other;
const org = {};
const entries = [];

async function post(c, path, body, status = 201) {
  const r = await c.post(path, body);
  assert.equal(r.status, status, `${path} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function act(c, rec, action, body = {}, status = 200) {
  const r = await c.post(`/api/v1/party_funds/${rec.id}/actions/${action}`, { version: rec.version, ...body });
  assert.equal(r.status, status, `${action} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-06-15' } });
  admin = await srv.login();
  const mk = async (key, kind, parent) => {
    org[key] = await post(admin, '/api/v1/orgs', { name: `${key}党组织`, kind, division_code: DIV, parent_id: parent ? org[parent].id : null });
  };
  await mk('P', 'park_committee');
  await mk('T', 'guidance_station', 'P');
  await mk('B', 'branch', 'T');
  await mk('C', 'branch', 'T');
  await mk('X', 'park_committee'); // another park
  for (const [u, o] of [['f_park', 'P'], ['f_branch', 'B'], ['f_other', 'X']]) {
    await post(admin, '/api/v1/users', { username: u, role: 'org', password: PW, scope_org_id: org[o].id });
  }
  await createUser(admin, 'f_town', 'town', TOWN);
  await createUser(admin, 'f_viewer', 'viewer', TOWN);
  park = await srv.login('f_park', PW);
  branch = await srv.login('f_branch', PW);
  other = await srv.login('f_other', PW);
  town = await srv.login('f_town', PW);
  viewer = await srv.login('f_viewer', PW);
  // incomes of the four sources
  for (const [o, source, amount, on] of [
    ['B', 'budget', 1000000, '2026-01-10'],
    ['B', 'dues_return', 200000, '2026-02-10'],
    ['C', 'pre_tax', 300000, '2026-03-10'],
    ['T', 'self_funded', 50000, '2026-04-10'],
    ['X', 'budget', 777700, '2026-01-10'],
  ]) {
    const rec = await post(admin, '/api/v1/party_funds', { org_id: org[o].id, direction: 'income', source, amount_fen: amount, entry_on: on });
    entries.push({ org: o, direction: 'income', source, amount, on, rec });
  }
});

after(async () => {
  await srv?.stop();
});

test('a claim: submitted by the branch, approved above, reimbursed at cost', async () => {
  let claim = await post(branch, '/api/v1/party_funds', { org_id: org.B.id, direction: 'expense', source: 'budget', amount_fen: 250000, entry_on: '2026-05-01', purpose: '七一主题党日活动' });
  assert.equal(claim.status, 'submitted');
  // income is recorded, not claimed
  assert.equal(entries[0].rec.status, 'recorded');
  // the branch may not approve its own claim; nor a user of another park, nor a viewer
  let e = assertError(await branch.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-05-03' }), 403, 'forbidden');
  assert.match(e.message, /上级党组织/);
  assertError(await other.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-05-03' }), 404, 'not_found');
  assertError(await viewer.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-05-03' }), 403, 'forbidden');
  // what the branch may do is what the record says
  assert.deepEqual((await branch.get(`/api/v1/party_funds/${claim.id}`)).body._actions, []);
  assert.deepEqual((await park.get(`/api/v1/party_funds/${claim.id}`)).body._actions, ['approve', 'reject']);
  // not from this state: payment before approval
  assertError(await park.post(`/api/v1/party_funds/${claim.id}/actions/reimburse`, { version: claim.version, date: '2026-05-03', voucher_no: 'V1' }), 409, 'conflict');
  // the decision is dated between the claim and today
  assertError(await park.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-04-30' }), 422, 'validation');
  assertError(await park.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-06-16' }), 422, 'validation');
  claim = await act(park, claim, 'approve', { date: '2026-05-03', opinion: '同意' });
  assert.equal(claim.status, 'approved');
  assert.equal(claim.approved_on, '2026-05-03');
  // approved: its amount, source, organisation and date no longer change; its summary may
  e = assertError(await branch.patch(`/api/v1/party_funds/${claim.id}`, { version: claim.version, amount_fen: 260000 }), 422, 'validation');
  assert.ok(e.fields.amount_fen);
  const fixed = await branch.patch(`/api/v1/party_funds/${claim.id}`, { version: claim.version, purpose: '七一主题党日活动（含慰问老党员）' });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  claim = fixed.body;
  assertError(await park.post(`/api/v1/party_funds/${claim.id}/actions/approve`, { version: claim.version, date: '2026-05-04' }), 409, 'conflict');
  // 实报实销: against a voucher, at most the approved amount, not before the approval
  e = assertError(await branch.post(`/api/v1/party_funds/${claim.id}/actions/reimburse`, { version: claim.version, date: '2026-05-10' }), 422, 'validation');
  assert.ok(e.fields.voucher_no);
  e = assertError(await branch.post(`/api/v1/party_funds/${claim.id}/actions/reimburse`, { version: claim.version, date: '2026-05-10', voucher_no: '记-05-018', reimbursed_fen: 250001 }), 422, 'validation');
  assert.ok(e.fields.reimbursed_fen);
  assertError(await branch.post(`/api/v1/party_funds/${claim.id}/actions/reimburse`, { version: claim.version, date: '2026-05-02', voucher_no: '记-05-018' }), 422, 'validation');
  // the branch pays out its approved claim at the receipts' total
  claim = await act(branch, claim, 'reimburse', { date: '2026-05-10', voucher_no: '记-05-018', reimbursed_fen: 238650 });
  assert.equal(claim.status, 'reimbursed');
  assert.equal(claim.reimbursed_fen, 238650);
  assert.equal(claim.voucher_no, '记-05-018');
  for (const a of ['approve', 'reimburse', 'reject']) {
    assertError(await admin.post(`/api/v1/party_funds/${claim.id}/actions/${a}`, { version: claim.version, date: '2026-06-01', reason: 'x', voucher_no: 'x' }), 409, 'conflict');
  }
  // actions do not apply to income
  assertError(await admin.post(`/api/v1/party_funds/${entries[0].rec.id}/actions/approve`, { version: entries[0].rec.version, date: '2026-06-01' }), 409, 'conflict');
  // nothing of the ledger is deleted
  assertError(await admin.del(`/api/v1/party_funds/${claim.id}?version=${claim.version}`), 403, 'forbidden');
  // the timeline: claimed, approved with its opinion, reimbursed
  const ev = (await park.get(`/api/v1/party_funds/${claim.id}/events`)).body.items;
  assert.deepEqual(ev.map((x) => [x.action, x.to, x.on]), [['submit', 'submitted', '2026-05-01'], ['approve', 'approved', '2026-05-03'], ['reimburse', 'reimbursed', '2026-05-10']]);
  assert.equal(ev[1].comment, '同意');
  entries.push({ org: 'B', direction: 'expense', source: 'budget', amount: 250000, paid: 238650, status: 'reimbursed', rec: claim });
});

test('claims sent back, and those waiting: the town may decide too', async () => {
  let c1 = await post(branch, '/api/v1/party_funds', { org_id: org.B.id, direction: 'expense', source: 'dues_return', amount_fen: 80000, entry_on: '2026-05-20', purpose: '购置党建书籍' });
  const e = assertError(await town.post(`/api/v1/party_funds/${c1.id}/actions/reject`, { version: c1.version, date: '2026-05-21' }), 422, 'validation');
  assert.ok(e.fields.reason);
  c1 = await act(town, c1, 'reject', { date: '2026-05-21', reason: '票据不全' });
  assert.equal(c1.status, 'rejected');
  assertError(await town.post(`/api/v1/party_funds/${c1.id}/actions/approve`, { version: c1.version, date: '2026-05-22' }), 409, 'conflict');
  entries.push({ org: 'B', direction: 'expense', source: 'dues_return', amount: 80000, status: 'rejected', rec: c1 });
  // approved, then sent back before payment
  let c2 = await post(admin, '/api/v1/party_funds', { org_id: org.C.id, direction: 'expense', source: 'pre_tax', amount_fen: 40000, entry_on: '2026-05-25', purpose: '党员教育培训' });
  c2 = await act(town, c2, 'approve', { date: '2026-05-26' });
  c2 = await act(park, c2, 'reject', { date: '2026-05-27', reason: '活动取消' });
  entries.push({ org: 'C', direction: 'expense', source: 'pre_tax', amount: 40000, status: 'rejected', rec: c2 });
  // waiting: one claim to approve, one to pay
  const c3 = await post(branch, '/api/v1/party_funds', { org_id: org.B.id, direction: 'expense', source: 'budget', amount_fen: 120000, entry_on: '2026-06-01', purpose: '党员活动室维修' });
  entries.push({ org: 'B', direction: 'expense', source: 'budget', amount: 120000, status: 'submitted', rec: c3 });
  let c4 = await post(admin, '/api/v1/party_funds', { org_id: org.C.id, direction: 'expense', source: 'pre_tax', amount_fen: 30000, entry_on: '2026-06-02', purpose: '走访慰问' });
  c4 = await act(park, c4, 'approve', { date: '2026-06-03' });
  entries.push({ org: 'C', direction: 'expense', source: 'pre_tax', amount: 30000, status: 'approved', rec: c4 });
  // bad entries change nothing
  for (const bad of [
    { org_id: org.B.id, direction: 'expense', source: 'budget', amount_fen: 100, entry_on: '2026-06-01' }, // no purpose
    { org_id: org.B.id, direction: 'income', source: 'budget', amount_fen: 0, entry_on: '2026-06-01' },
    { org_id: org.B.id, direction: 'income', source: 'budget', amount_fen: 100, entry_on: '2026-06-16' },
    { org_id: org.B.id, direction: 'income', source: 'lottery', amount_fen: 100, entry_on: '2026-06-01' },
    { org_id: org.X.id, direction: 'income', source: 'budget', amount_fen: 100, entry_on: '2026-06-01' }, // not the branch's
  ]) {
    assertError(await branch.post('/api/v1/party_funds', bad), 422, 'validation');
  }
  // the to-dos: the park has one to approve (and one to pay); the branch has one to pay at most
  const todos = (await park.get('/api/v1/todos')).body.items;
  const t = Object.fromEntries(todos.map((x) => [x.key, x.count]));
  assert.equal(t.funds_to_approve, 1);
  assert.equal(t.funds_to_reimburse, 1);
});

test('balances per source and organisation, as of a day', async () => {
  const sources = ['budget', 'pre_tax', 'dues_return', 'self_funded'];
  const expect = (keys, asOf = '2026-06-15') => {
    const mine = entries.filter((x) => keys.includes(x.org));
    const sum = (f) => mine.filter(f).reduce((a, x) => a + x.amount, 0);
    const by = {};
    for (const s of sources) {
      const income = sum((x) => x.direction === 'income' && x.source === s && x.on <= asOf);
      const paid = mine.filter((x) => x.status === 'reimbursed' && x.source === s).reduce((a, x) => a + x.paid, 0);
      const pending = sum((x) => x.direction === 'expense' && x.source === s && ['submitted', 'approved'].includes(x.status));
      by[s] = { income_fen: income, reimbursed_fen: paid, pending_fen: pending, balance_fen: income - paid, available_fen: income - paid - pending };
    }
    return by;
  };
  const r = await park.get('/api/v1/stats/party_funds');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const want = expect(['P', 'T', 'B', 'C']);
  assert.deepEqual(r.body.values.by_source, want);
  const total = Object.values(want).reduce((a, x) => Object.fromEntries(Object.keys(x).map((k) => [k, (a[k] || 0) + x[k]])), {});
  assert.deepEqual(r.body.values.total, total);
  assert.equal(r.body.values.to_approve, 1);
  assert.equal(r.body.values.to_reimburse, 1);
  // per organisation
  const rows = Object.fromEntries(r.body.values.by_org.map((x) => [x.name, x]));
  const b = expect(['B']);
  assert.equal(rows.B党组织.balance_fen, Object.values(b).reduce((a, x) => a + x.balance_fen, 0));
  assert.equal(rows.C党组织.pending_fen, 30000);
  assert.ok(!rows.X党组织, 'another park is not counted');
  // the branch's own, through ?org=
  const own = await admin.get(`/api/v1/stats/party_funds?org=${org.B.id}`);
  assert.deepEqual(own.body.values.by_source, b);
  // as of an earlier day: income entered later is not there yet; the payment of May is
  const early = await admin.get(`/api/v1/stats/party_funds?org=${org.P.id}&as_of=2026-02-01`);
  assert.equal(early.body.values.by_source.budget.income_fen, 1000000);
  assert.equal(early.body.values.by_source.budget.reimbursed_fen, 0);
  assert.equal(early.body.values.by_source.dues_return.income_fen, 0);
  // the same figures in stats/party_coverage
  const cov = (await park.get('/api/v1/stats/party_coverage')).body.values;
  assert.equal(cov.funds_fen.income.total, total.income_fen);
  assert.equal(cov.reimbursed_fen, total.reimbursed_fen);
  assert.equal(cov.funds_fen.expense.budget, want.budget.reimbursed_fen);
});
