// 26 rollups: the ticket statistics of a county or a province over whole
// months read the counts kept by county and month (ticket_rollup); after random
// creates in several months (one submitted in the last UTC hours of a month,
// which is the next month in local time), workflow actions, re-dispatches and
// withdrawals, every figure equals a recount from the rows (`recount=1`), for
// each role, period and argument that can read the kept counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, rng } from './lib.mjs';

let srv;
let admin;
const users = {};
const VILLAGES = ['522726111200', '522726111214', '522725002006', '522701001001'];
const KINDS = { resident_request: ['other', 'repair'], resident_wish: ['wish'], dispute: ['other'], suggestion: ['other', 'safety'] };

before(async () => {
  srv = await startServer({ env: { TZ: 'Asia/Shanghai' } });
  admin = await srv.login();
  await createUser(admin, 'ru_county', 'county', '522726');
  await createUser(admin, 'ru_town', 'town', '522726111');
  users.admin = admin;
  for (const u of ['ru_county', 'ru_town']) users[u] = await srv.login(u, 'user-pass-123');
});

after(async () => {
  await srv?.stop();
});

const year = new Date().getFullYear();
const month = String(new Date().getMonth() + 1).padStart(2, '0');
const lastFeb = new Date(Date.UTC(year - 1, 2, 0)).getUTCDate();

async function compare(label, orgs) {
  const periods = ['', `from=${year - 1}-01-01&to=${year}-12-31`, `from=${year}-${month}-01`,
    `from=${year - 1}-03-01&to=${year - 1}-03-31`, `from=${year - 1}-02-01&to=${year - 1}-02-${lastFeb}`,
    `from=${year - 1}-01-01&kind=resident_wish`, `from=${year - 1}-01-01&org=${orgs[0]}`,
    `from=${year - 1}-01-01&division=522726`, `from=${year - 1}-01-01&division=52`,
    `from=${year - 1}-01-01&category=other&kind=dispute`];
  for (const [who, c] of Object.entries(users)) {
    for (const p of periods) {
      if ((who !== 'admin' && /division=52(&|$)/.test(p)) || (who === 'ru_town' && /division=/.test(p))) continue;
      const kept = await c.get(`/api/v1/stats/tickets?${p}`);
      const counted = await c.get(`/api/v1/stats/tickets?${p}&recount=1`);
      assert.equal(kept.status, 200, `${label}: ${who} ${p}: ${JSON.stringify(kept.body)}`);
      assert.deepEqual(kept.body, counted.body, `${label}: ${who} ${p}`);
    }
  }
}

test('kept ticket counts equal a recount after random writes, for every role and period', async () => {
  const r = rng(20261130);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const orgs = [];
  for (const [name, division] of [['汇总承办一', '522726'], ['汇总承办二', '522726111'], ['汇总承办三', '522726']]) {
    const o = await admin.post('/api/v1/orgs', { name, kind: 'department', division_code: division });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    orgs.push(o.body.id);
  }
  const tickets = [];
  const months = [`${year - 1}-02-10`, `${year - 1}-03-05`, `${year}-01-20`, `${year}-${month}-01`];
  for (let i = 0; i < 48; i++) {
    // the last: 16:30 UTC on the last day of February, 00:30 on 1 March in 北京时间
    const at = i === 47 ? `${year - 1}-02-${lastFeb}T16:30:00Z` : `${pick(months)}T0${i % 8}:15:00Z`;
    const kind = pick(Object.keys(KINDS));
    const t = await admin.post('/api/v1/tickets', { kind, category: pick(KINDS[kind]), title: `汇总${i}`, division_code: pick(VILLAGES), submitted_at: at });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    tickets.push(t.body);
  }
  await compare('after creating', orgs);
  for (const t of tickets) {
    let x = t;
    const steps = [['dispatch', () => ({ assignee_org_id: pick(orgs) })], ['accept', () => ({})],
      ['resolve', () => ({ resolution: '办结', amount_fen: Math.floor(r() * 100000) })],
      ['rate', () => ({ rating: pick(['satisfied', 'basic', 'dissatisfied']), reopen: r() < 0.3 })],
      ['publish', () => ({ public_summary: '晒单' })]];
    if (r() < 0.15) steps.unshift(['withdraw', () => ({ reason: '不需要了' })]);
    if (x.kind === 'resident_wish' && r() < 0.5) steps.unshift(['claim', () => ({ claimed_by_org_id: pick(orgs) })]);
    for (const [a, body] of steps) {
      if (r() < 0.15) break;
      const y = await admin.post(`/api/v1/tickets/${x.id}/actions/${a}`, { version: x.version, ...body() });
      if (y.status !== 200) continue;
      x = y.body;
    }
  }
  await compare('after the workflow', orgs);
  // a long 红黑榜 lists its best and its worst, with their true ranks
  const whole = (await admin.get(`/api/v1/stats/tickets?from=${year - 1}-01-01&org_limit=0`)).body.values;
  const ends = (await admin.get(`/api/v1/stats/tickets?from=${year - 1}-01-01&org_limit=1`)).body.values;
  assert.equal(whole.orgs_ranked, whole.by_org.length);
  assert.ok(whole.by_org.length >= 3, JSON.stringify(whole.by_org));
  assert.equal(ends.orgs_ranked, whole.orgs_ranked);
  assert.deepEqual(ends.by_org, [whole.by_org[0], whole.by_org.at(-1)]);
  assert.equal((await admin.get('/api/v1/stats/tickets?org_limit=-1')).status, 400);
  // the month boundary in local time: the ticket of 28 February 16:30 UTC is March's
  const march = await admin.get(`/api/v1/stats/tickets?from=${year - 1}-03-01&to=${year - 1}-03-31`);
  const listed = await admin.get(`/api/v1/tickets?submitted_at__gte=${year - 1}-03-01&submitted_at__lte=${year - 1}-03-31&limit=1`);
  assert.equal(march.body.values.submitted, listed.body.total);
});

test('recount is a flag', async () => {
  const bad = await admin.get('/api/v1/stats/tickets?recount=yes');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /recount/);
});
