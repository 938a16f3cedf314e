// 81 村务公开: GET /public/v1/ledger/{division_code}?year= answers anyone,
// without login, with only the disclosed entries and their totals by category
// and year, approved dividend runs in aggregate, and nothing personal — no
// holders, persons, vouchers, notes, meetings, ID numbers or phones; it is
// limited per client address, with counters every node shares.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber } from './lib.mjs';

const XINZHUANG = '522725002006';
const HUAZHU = '522725002002';
const SECRET_NAMES = ['杨吉芬', '廖秀芳', '赵丽娟'];

let srv;
let admin;

// [entry_on, direction, category, fen, until]
const FIX = [
  ['2024-11-20', 'income', 'rent', 900000, 'disclosed'],
  ['2024-12-20', 'income', 'operations', 2500000, 'disclosed'],
  ['2025-02-20', 'income', 'rent', 900000, 'disclosed'],
  ['2025-03-01', 'income', 'subsidy', 2000000, 'approved'],
  ['2025-04-01', 'expense', 'infrastructure', 2000000, 'disclosed'],
  ['2025-05-01', 'expense', 'minors', 250000, 'disclosed'],
  ['2025-05-02', 'expense', 'minors', 120000, 'disclosed'],
  ['2025-06-01', 'expense', 'security', 40000, 'draft'],
];

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const person = await admin.post('/api/v1/persons', { name: SECRET_NAMES[0], id_number: idNumber('522725', '19800101', '321'), phone: '13987654321', division_code: XINZHUANG });
  assert.equal(person.status, 201, JSON.stringify(person.body));
  for (const [i, [entry_on, direction, category, amount_fen, until]] of FIX.entries()) {
    let r = await admin.post('/api/v1/collective_ledger', {
      division_code: XINZHUANG, entry_on, direction, category, amount_fen, project: `项目${i}`,
      voucher_no: `VOUCHER-${i}`, decided_by: `${SECRET_NAMES[1]}主持的居民会议`, notes: `经手人${SECRET_NAMES[2]}`,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    if (until === 'draft') continue;
    r = await admin.post(`/api/v1/collective_ledger/${r.body.id}/actions/approve`, { version: r.body.version, date: entry_on });
    if (until === 'disclosed') r = await admin.post(`/api/v1/collective_ledger/${r.body.id}/actions/disclose`, { version: r.body.version, date: entry_on });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  // another community's disclosed entry never shows here
  const h = await admin.post('/api/v1/collective_ledger', { division_code: HUAZHU, entry_on: '2025-01-01', direction: 'income', category: 'rent', amount_fen: 123, project: '花竹租金' });
  let r = await admin.post(`/api/v1/collective_ledger/${h.body.id}/actions/approve`, { version: 1 });
  r = await admin.post(`/api/v1/collective_ledger/${h.body.id}/actions/disclose`, { version: r.body.version });
  assert.equal(r.status, 200);
  // a cooperative with named holders: its approved run shows in aggregate only
  const coop = await admin.post('/api/v1/coops', { division_code: XINZHUANG, name: '新庄股份经济合作社' });
  await admin.post('/api/v1/coop_shares', { coop_id: coop.body.id, person_id: person.body.id, shares: 3, kind: 'cash' });
  await admin.post('/api/v1/coop_shares', { coop_id: coop.body.id, holder_name: `${SECRET_NAMES[1]}户`, shares: 2, kind: 'land' });
  let run = await admin.post('/api/v1/coop_dividends', { coop_id: coop.body.id, year: 2025, distributable_fen: 100001, guaranteed_fen_per_share: 1000 });
  run = await admin.post(`/api/v1/coop_dividends/${run.body.id}/actions/compute`, { version: run.body.version });
  run = await admin.post(`/api/v1/coop_dividends/${run.body.id}/actions/approve`, { version: run.body.version, date: '2026-01-10' });
  assert.equal(run.status, 200, JSON.stringify(run.body));
  const draft = await admin.post('/api/v1/coop_dividends', { coop_id: coop.body.id, year: 2024, distributable_fen: 5000, guaranteed_fen_per_share: 0 });
  assert.equal(draft.status, 201);
});

after(async () => {
  await srv?.stop();
});

const disclosed = (year) => FIX.filter(([on, , , , until]) => until === 'disclosed' && (!year || on.startsWith(String(year))));

function totalsOf(rows) {
  const t = {};
  for (const [, d, c, fen] of rows) t[`${d}/${c}`] = (t[`${d}/${c}`] || 0) + fen;
  return t;
}

test('anyone sees the disclosed entries of a year with their totals, without login', async () => {
  const anon = srv.client();
  const r = await anon.get(`/public/v1/ledger/${XINZHUANG}?year=2025`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.division_code, XINZHUANG);
  assert.equal(r.body.name, '新庄社区');
  const want = disclosed(2025);
  assert.deepEqual(r.body.entries.map((e) => [e.entry_on, e.direction, e.category, e.amount_fen]), want.map((w) => w.slice(0, 4)));
  for (const e of r.body.entries) {
    assert.deepEqual(Object.keys(e).sort(), ['amount_fen', 'category', 'category_label', 'direction', 'entry_on', 'project']);
    assert.match(e.category_label, /[\u4e00-\u9fff]/);
  }
  const got = Object.fromEntries(r.body.totals.map((t) => [`${t.direction}/${t.category}`, t.amount_fen]));
  assert.deepEqual(got, totalsOf(want));
  // every year's disclosed sums, newest first
  const years = {};
  for (const [on, d, , fen] of disclosed()) {
    const y = Number(on.slice(0, 4));
    years[y] = years[y] || { year: y, income_fen: 0, expense_fen: 0 };
    years[y][`${d}_fen`] += fen;
  }
  assert.deepEqual(r.body.years, Object.values(years).sort((a, b) => b.year - a.year));
  // without a year: all of them
  const all = await anon.get(`/public/v1/ledger/${XINZHUANG}`);
  assert.equal(all.status, 200);
  assert.equal(all.body.entries.length, disclosed().length);
  assert.deepEqual(Object.fromEntries(all.body.totals.map((t) => [`${t.direction}/${t.category}`, t.amount_fen])), totalsOf(disclosed()));
  const none = await anon.get(`/public/v1/ledger/${XINZHUANG}?year=2023`);
  assert.deepEqual([none.body.entries, none.body.totals], [[], []]);
});

test('the approved dividend run shows in aggregate; drafts and holders do not', async () => {
  const r = await srv.client().get(`/public/v1/ledger/${XINZHUANG}?year=2025`);
  assert.equal(r.body.dividends.length, 1);
  const d = r.body.dividends[0];
  // 5 shares × 10 元 保底 = 50 元; 950.01 元 效益
  assert.deepEqual([d.year, d.holdings, d.shares, d.distributable_fen, d.guaranteed_fen, d.performance_fen, d.status],
    [2025, 2, 5, 100001, 5000, 95001, 'approved']);
  const all = await srv.client().get(`/public/v1/ledger/${XINZHUANG}`);
  assert.deepEqual(all.body.dividends.map((x) => x.year), [2025]);
});

test('nothing personal: no names, vouchers, notes, meetings, ID numbers or phones', async () => {
  const r = await srv.client().get(`/public/v1/ledger/${XINZHUANG}`);
  const text = JSON.stringify(r.body);
  for (const s of [...SECRET_NAMES, 'VOUCHER', '13987654321', '19800101', '居民会议', '经手人']) {
    assert.ok(!text.includes(s), `${s} leaked: ${text}`);
  }
  // a number typed into a project name before the rule existed is blotted
  await srv.sql("UPDATE collective_ledger SET project = '修路 联系13912345678 身份证52272519800101321X' WHERE project = '项目0'");
  const again = await srv.client().get(`/public/v1/ledger/${XINZHUANG}?year=2024`);
  const p = again.body.entries.find((e) => e.project.startsWith('修路')).project;
  assert.equal(p, '修路 联系*********** 身份证******************');
});

test('unknown divisions and bad years are refused', async () => {
  const anon = srv.client();
  assertError(await anon.get('/public/v1/ledger/522725002999'), 404, 'not_found');
  assertError(await anon.get('/public/v1/ledger/abc'), 404, 'not_found');
  assertError(await anon.get(`/public/v1/ledger/${XINZHUANG}?year=25`), 400, 'bad_request');
  assertError(await anon.get(`/public/v1/ledger/${XINZHUANG}?year=1999`), 400, 'bad_request');
  assertError(await anon.post(`/public/v1/ledger/${XINZHUANG}`, {}), 404, 'not_found');
});

test('public routes are limited per client address, on every node alike', async () => {
  const limited = await startServer({ args: ['--public-rate', '5'] });
  try {
    const node2 = await limited.another({ args: ['--public-rate', '5'] });
    try {
      const a1 = limited.client({ localAddress: '127.0.0.21' });
      const a2 = node2.client({ localAddress: '127.0.0.21' });
      const b = limited.client({ localAddress: '127.0.0.22' });
      for (const c of [a1, a1, a1, a2, a2]) assert.equal((await c.get(`/public/v1/ledger/${XINZHUANG}`)).status, 200);
      for (const c of [a1, a2]) {
        const r = await c.get(`/public/v1/ledger/${XINZHUANG}`);
        assertError(r, 429, 'rate_limited');
        const retry = Number(r.headers.get('retry-after'));
        assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
      }
      // the same limit guards the other public routes
      assertError(await a1.get('/public/v1/wishes'), 429, 'rate_limited');
      // another address is not affected, nor is the signed-in API
      assert.equal((await b.get(`/public/v1/ledger/${XINZHUANG}`)).status, 200);
      const adm = await limited.login();
      assert.equal((await adm.get('/api/v1/collective_ledger')).status, 200);
    } finally {
      await node2.stop();
    }
  } finally {
    await limited.stop();
  }
});
