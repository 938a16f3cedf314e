// 80 village economy: collective assets (leases and their expiry to-dos),
// collective enterprises and their years, the collective ledger's workflow
// (draft → approved → disclosed, categories of each direction, entries frozen
// once approved, no personal numbers in project names), the statistic
// collective_economy on a fixture whose figures this file derives itself, and
// who sees what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

const XINZHUANG = '522725002006';
const HUAZHU = '522725002002'; // another community of 瓮水街道
const TOWN = '522725002';
const PW = 'user-pass-123';

let srv;
let admin;
let village;
let other;
let town;

// The server's local date, offset by days (the server and the tests share the time zone).
function today(offset = 0) {
  const d = new Date(Date.now() + offset * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'e_village', 'village', XINZHUANG);
  await createUser(admin, 'e_other', 'village', HUAZHU);
  await createUser(admin, 'e_town', 'town', TOWN);
  village = await srv.login('e_village', PW);
  other = await srv.login('e_other', PW);
  town = await srv.login('e_town', PW);
});

after(async () => {
  await srv?.stop();
});

async function ok(r, status = 201) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
}

test('assets: leases need a tenant and end after they start; expiring leases are to-dos', async () => {
  const base = { division_code: XINZHUANG, name: '闲置办公房', kind: 'room', area_m2: 180, status: 'leased' };
  let e = assertError(await village.post('/api/v1/assets', base), 422, 'validation');
  assert.ok(e.fields.tenant);
  e = assertError(await village.post('/api/v1/assets', { ...base, tenant: '瑜伽馆', lease_start: '2026-01-01', lease_end: '2025-12-31' }), 422, 'validation');
  assert.ok(e.fields.lease_end);
  e = assertError(await village.post('/api/v1/assets', { ...base, tenant: '瑜伽馆', area_m2: -5 }), 422, 'validation');
  assert.ok(e.fields.area_m2);
  const soon = await ok(await village.post('/api/v1/assets', { ...base, tenant: '瑜伽馆', rent_fen_per_year: 3600000, lease_start: today(-300), lease_end: today(20) }));
  await ok(await village.post('/api/v1/assets', { ...base, name: '临街门面', tenant: '超市', rent_fen_per_year: 1200000, lease_end: today(200) }));
  await ok(await village.post('/api/v1/assets', { ...base, name: '旧仓库', tenant: '物流公司', rent_fen_per_year: 500000, lease_end: today(-3) }));
  await ok(await village.post('/api/v1/assets', { division_code: XINZHUANG, name: '党员活动室', kind: 'room', area_m2: 80, status: 'self_service', use: '托管中心' }));
  await ok(await village.post('/api/v1/assets', { division_code: XINZHUANG, name: '空置用房', kind: 'room', area_m2: 45, status: 'idle' }));
  const list = await ok(await village.get('/api/v1/assets?expiring_within=30'), 200);
  assert.deepEqual(list.items.map((a) => a.id), [soon.id]);
  assertError(await village.get('/api/v1/assets?expiring_within=abc'), 400, 'bad_request');
  const todos = await ok(await village.get('/api/v1/todos'), 200);
  const byKey = Object.fromEntries(todos.items.map((t) => [t.key, t]));
  assert.equal(byKey.lease_expiring.count, 1);
  assert.equal(byKey.lease_expired.count, 1);
  // another community sees none of them
  assert.equal((await ok(await other.get('/api/v1/assets'), 200)).total, 0);
  assertError(await other.get(`/api/v1/assets/${soon.id}`), 404, 'not_found');
});

test('collective enterprises: one row per year, the latest year in a period', async () => {
  const ent = await ok(await village.post('/api/v1/collective_enterprises', { division_code: XINZHUANG, name: '康洁家政服务公司', kind: 'housekeeping', model: '党支部+合作社+家政服务' }));
  const y = (year, jobs, revenue) => village.post('/api/v1/enterprise_years', { collective_enterprise_id: ent.id, year, jobs, revenue_fen: revenue });
  await ok(await y(2024, 50, 80000000));
  await ok(await y(2025, 80, 120000000));
  const e = assertError(await y(2025, 90, 1), 422, 'validation');
  assert.ok(e.fields.year);
  assert.ok(assertError(await y(1999, 1, 1), 422, 'validation').fields.year);
  assert.ok(assertError(await y(2026, -1, 1), 422, 'validation').fields.jobs);
  const latest = await ok(await village.get(`/api/v1/enterprise_years?collective_enterprise_id=${ent.id}&latest_until=2025-12-31&year_since=2024-01-01`), 200);
  assert.deepEqual(latest.items.map((r) => r.year), [2025]);
  const older = await ok(await village.get(`/api/v1/enterprise_years?latest_until=2024`), 200);
  assert.deepEqual(older.items.map((r) => r.year), [2024]);
  assertError(await village.get('/api/v1/enterprise_years?latest_until=soon'), 400, 'bad_request');
  // years are seen through their enterprise
  assert.equal((await ok(await other.get('/api/v1/enterprise_years'), 200)).total, 0);
});

test('the ledger: categories belong to a direction, and an entry is frozen once approved', async () => {
  const entry = { division_code: XINZHUANG, entry_on: '2025-03-01', direction: 'income', category: 'rent', amount_fen: 900000, project: '瑜伽馆季度租金' };
  let e = assertError(await village.post('/api/v1/collective_ledger', { ...entry, category: 'minors' }), 422, 'validation');
  assert.match(e.fields.category, /收入/);
  e = assertError(await village.post('/api/v1/collective_ledger', { ...entry, amount_fen: 0 }), 422, 'validation');
  assert.ok(e.fields.amount_fen);
  e = assertError(await village.post('/api/v1/collective_ledger', { ...entry, entry_on: today(3) }), 422, 'validation');
  assert.ok(e.fields.entry_on);
  e = assertError(await village.post('/api/v1/collective_ledger', { ...entry, project: '租金（联系人电话 13912345678）' }), 422, 'validation');
  assert.match(e.fields.project, /个人信息/);
  const rec = await ok(await village.post('/api/v1/collective_ledger', entry));
  assert.equal(rec.status, 'draft');
  const fixed = await ok(await village.patch(`/api/v1/collective_ledger/${rec.id}`, { version: rec.version, amount_fen: 950000 }), 200);
  assertError(await village.post(`/api/v1/collective_ledger/${rec.id}/actions/disclose`, { version: fixed.version }), 409, 'conflict');
  const approved = await ok(await village.post(`/api/v1/collective_ledger/${rec.id}/actions/approve`, { version: fixed.version, date: '2025-03-05', opinion: '两委会议通过' }), 200);
  assert.equal(approved.approved_on, '2025-03-05');
  e = assertError(await village.patch(`/api/v1/collective_ledger/${rec.id}`, { version: approved.version, amount_fen: 1 }), 422, 'validation');
  assert.ok(e.fields.status);
  const disclosed = await ok(await village.post(`/api/v1/collective_ledger/${rec.id}/actions/disclose`, { version: approved.version }), 200);
  assert.equal(disclosed.status, 'disclosed');
  assert.equal(disclosed.disclosed_on, today());
  assertError(await village.del(`/api/v1/collective_ledger/${rec.id}?version=${disclosed.version}`), 403, 'forbidden');
  const events = await ok(await village.get(`/api/v1/collective_ledger/${rec.id}/events`), 200);
  assert.deepEqual(events.items.map((x) => x.action), ['record', 'approve', 'disclose']);
  assert.equal(events.items[1].comment, '两委会议通过');
  // out of scope: not found, and not creatable elsewhere
  assertError(await other.get(`/api/v1/collective_ledger/${rec.id}`), 404, 'not_found');
  assertError(await other.post(`/api/v1/collective_ledger/${rec.id}/actions/approve`, { version: 1 }), 404, 'not_found');
  e = assertError(await other.post('/api/v1/collective_ledger', entry), 422, 'validation');
  assert.ok(e.fields.division_code);
});

// ---- collective_economy on a fixture of its own (in 花竹社区, apart from the tests above) ----

const FIX = [
  // [entry_on, direction, category, yuan, until]
  ['2025-01-10', 'income', 'rent', 9000, 'disclosed'],
  ['2025-04-10', 'income', 'rent', 9000, 'disclosed'],
  ['2025-05-20', 'income', 'operations', 25000.5, 'approved'],
  ['2025-06-01', 'income', 'subsidy', 20000, 'draft'],
  ['2025-07-01', 'expense', 'infrastructure', 20000, 'disclosed'],
  ['2025-08-01', 'expense', 'minors', 12000, 'approved'],
  ['2025-08-15', 'expense', 'other', 3000, 'disclosed'],
  ['2025-09-01', 'expense', 'security', 4000, 'draft'],
  ['2024-12-31', 'income', 'other', 7777, 'disclosed'],
  ['2026-01-02', 'expense', 'elderly', 2600, 'disclosed'],
];
const LIVELIHOOD = new Set(['infrastructure', 'minors', 'security', 'sanitation', 'elderly']);
const ASSETS = [
  ['idle', 40], ['idle', null], ['leased', 180], ['self_service', 80], ['leased', 60],
];
const RENT = { 2: 3600000, 4: 1500000 };
const ENTERPRISES = [
  { kind: 'labour', years: [[2024, 150, 860000], [2025, 200, 1150000], [2026, 230, 1300000]] },
  { kind: 'sanitation', years: [[2023, 8, 150000], [2024, 10, 198000]] },
  { kind: 'manufacturing', years: [[2026, 400, 6800000]] },
];

function expectedEconomy(from, to) {
  const booked = FIX.filter(([on, , , , until]) => until !== 'draft' && on >= from && on <= to);
  const fen = (y) => Math.round(y * 100);
  const sum = (rows) => rows.reduce((s, r) => s + fen(r[3]), 0);
  const income = sum(booked.filter((r) => r[1] === 'income'));
  const expense = sum(booked.filter((r) => r[1] === 'expense'));
  const livelihood = sum(booked.filter((r) => r[1] === 'expense' && LIVELIHOOD.has(r[2])));
  const cat = {};
  for (const r of booked) cat[`${r[1]}/${r[2]}`] = (cat[`${r[1]}/${r[2]}`] || 0) + fen(r[3]);
  const y0 = Number(from.slice(0, 4)), y1 = Number(to.slice(0, 4));
  let jobs = 0, revenue = 0;
  for (const e of ENTERPRISES) {
    const inPeriod = e.years.filter(([y]) => y >= y0 && y <= y1);
    if (!inPeriod.length) continue;
    const last = inPeriod.reduce((a, b) => (b[0] > a[0] ? b : a));
    jobs += last[1];
    revenue += fen(last[2]);
  }
  return { income, expense, livelihood, cat, jobs, revenue };
}

test('collective_economy: income and expense by category, the livelihood share, assets, rent, jobs', async () => {
  for (const [entry_on, direction, category, yuan, until] of FIX) {
    let r = await ok(await admin.post('/api/v1/collective_ledger', { division_code: HUAZHU, entry_on, direction, category, amount_fen: Math.round(yuan * 100), project: `${category} ${entry_on}` }));
    if (until === 'draft') continue;
    r = await ok(await admin.post(`/api/v1/collective_ledger/${r.id}/actions/approve`, { version: r.version, date: entry_on }), 200);
    if (until === 'disclosed') await ok(await admin.post(`/api/v1/collective_ledger/${r.id}/actions/disclose`, { version: r.version, date: entry_on }), 200);
  }
  for (const [i, [status, area]] of ASSETS.entries()) {
    const body = { division_code: HUAZHU, name: `资产${i}`, kind: 'room', status, area_m2: area };
    if (status === 'leased') Object.assign(body, { tenant: `承租方${i}`, rent_fen_per_year: RENT[i] });
    await ok(await admin.post('/api/v1/assets', body));
  }
  for (const [i, e] of ENTERPRISES.entries()) {
    const ent = await ok(await admin.post('/api/v1/collective_enterprises', { division_code: HUAZHU, name: `实体${i}`, kind: e.kind }));
    for (const [year, jobs, yuan] of e.years) await ok(await admin.post('/api/v1/enterprise_years', { collective_enterprise_id: ent.id, year, jobs, revenue_fen: Math.round(yuan * 100) }));
  }
  for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2024-01-01', '2026-06-30'], ['2026-01-01', '2026-01-01']]) {
    const r = await ok(await other.get(`/api/v1/stats/collective_economy?division=${HUAZHU}&from=${from}&to=${to}`), 200);
    const v = r.values;
    const want = expectedEconomy(from, to);
    assert.equal(v.income_fen, want.income, `income ${from}..${to}`);
    assert.equal(v.expense_fen, want.expense, `expense ${from}..${to}`);
    assert.deepEqual(v.livelihood_share, { count: want.livelihood, of: want.income, ratio: want.income ? want.livelihood / want.income : 0 });
    assert.equal(v.by_category.length, 11);
    for (const row of v.by_category) {
      assert.equal(row.amount_fen, want.cat[`${row.direction}/${row.category}`] || 0, `${row.direction}/${row.category}`);
      assert.match(row.label, /[\u4e00-\u9fff]/);
    }
    assert.equal(v.collective_jobs, want.jobs, `jobs ${from}..${to}`);
    assert.equal(v.collective_revenue_fen, want.revenue, `revenue ${from}..${to}`);
    assert.equal(v.rent_fen, RENT[2] + RENT[4]);
    const st = Object.fromEntries(v.assets_by_status.map((s) => [s.status, s]));
    assert.deepEqual([st.idle.count, st.idle.area_m2], [2, 40]);
    assert.deepEqual([st.leased.count, st.leased.area_m2], [2, 240]);
    assert.deepEqual([st.self_service.count, st.self_service.area_m2], [1, 80]);
    assert.deepEqual([st.other.count, st.other.area_m2], [0, 0]);
  }
  // the figure equals its list: income booked in 2025
  const list = await ok(await other.get(`/api/v1/collective_ledger?direction=income&status=approved&status=disclosed&entry_on__gte=2025-01-01&entry_on__lte=2025-12-31&limit=500`), 200);
  assert.equal(list.items.reduce((s, r) => s + r.amount_fen, 0), expectedEconomy('2025-01-01', '2025-12-31').income);
  // the town sees both communities; 新庄社区's own user sees 花竹社区's figures as nothing
  const t = await ok(await town.get(`/api/v1/stats/collective_economy?division=${HUAZHU}&from=2025-01-01&to=2025-12-31`), 200);
  assert.equal(t.values.income_fen, expectedEconomy('2025-01-01', '2025-12-31').income);
  assertError(await village.get(`/api/v1/stats/collective_economy?division=${HUAZHU}`), 404, 'not_found');
});
