// 86 village demo: `jiceng demo` makes the newspaper's figures come out of
// records on whatever day it runs — 新庄社区's 24.58万 of disclosed income
// since the redistricting of November 2023 and the spending the article lists,
// its rooms and enterprises; 新坪村 last in 掌布镇's 排队抓尾 last year and first
// this year, 15.9万 more collective income, 230 jobs at 1,500 a month, its
// dividend run exact to the fen, 11 院坝协商 with 9 agreed, 10 disputes mediated
// in the grids, 6 cultural events, 15 households commended, 7 cadres talked to
// and 3 assessed excellent. Disputes are tickets, dated by the real clock, so
// they are checked on the real day only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

const XINZHUANG = '522725002006';
const XINPING = '522727108203';
const ZHANGBU = '522727108';

const SPENDING = [
  [/硬化路面/, 2000000], [/98个停车位/, null], [/25盏太阳能路灯/, null], [/益智活动空间/, 2500000],
  [/晚托班/, 1200000], [/监控/, 400000], [/污水沟/, 400000],
];

async function figures(srv, { realDay }) {
  const admin = await srv.login();
  const get = async (p) => {
    const r = await admin.get(p);
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // 新庄社区: the public page
  const pub = await srv.client().get(`/public/v1/ledger/${XINZHUANG}`);
  assert.equal(pub.status, 200);
  const income = pub.body.entries.filter((e) => e.direction === 'income');
  assert.ok(income.every((e) => e.entry_on >= '2023-11-01'));
  assert.equal(income.reduce((s, e) => s + e.amount_fen, 0), 24580000);
  const spent = pub.body.entries.filter((e) => e.direction === 'expense');
  assert.equal(spent.length, SPENDING.length);
  for (const [re, fen] of SPENDING) {
    const e = spent.find((x) => re.test(x.project));
    assert.ok(e, `spending ${re}`);
    if (fen !== null) assert.equal(e.amount_fen, fen, `${re}`);
  }
  const econ = (await get(`/api/v1/stats/collective_economy?division=${XINZHUANG}&from=2023-11-01`)).values;
  assert.equal(econ.income_fen, 24580000);
  assert.ok(econ.livelihood_share.ratio > 0.5, 'most of it spent on livelihoods');
  const st = Object.fromEntries(econ.assets_by_status.map((s) => [s.status, s]));
  assert.equal(st.leased.area_m2, 180);
  assert.equal(st.self_service.area_m2, 80);
  assert.ok(econ.rent_fen > 0);
  const ents = (await get(`/api/v1/collective_enterprises?division=${XINZHUANG}`)).items;
  assert.deepEqual(ents.map((e) => e.kind).sort(), ['housekeeping', 'labour', 'manufacturing', 'sanitation']);
  const years = (await get('/api/v1/enterprise_years?latest_until=9999&limit=50')).items;
  const jobs = Object.fromEntries(years.map((y) => [y.collective_enterprise_id_label.split(' ')[0], y]));
  assert.equal(jobs['瓮安县康洁家政服务有限公司'].jobs, 80);
  assert.equal(jobs['瓮安县开有劳务有限公司'].jobs, 200);
  assert.equal(jobs['瓮安县长盈毛绒玩具厂'].jobs, 400);
  assert.ok(jobs['新庄社区垃圾清运公司'].revenue_fen >= 20000000);
  assert.equal(jobs['新坪村洞穴食用菌基地'].jobs, 230);
  assert.equal(jobs['新坪村洞穴食用菌基地'].avg_monthly_income_fen, 150000);

  // 新坪村: last to first in 掌布镇
  const now = (await get(`/api/v1/stats/village_ranking?division=${ZHANGBU}`)).values;
  const prev = (await get(`/api/v1/stats/village_ranking?division=${ZHANGBU}&year=${now.year - 1}`)).values;
  assert.ok(now.rows.length >= 5, 'several villages of 掌布镇');
  const xp = now.rows.find((r) => r.division_code === XINPING);
  assert.deepEqual([xp.rank, xp.previous_rank, xp.change], [1, now.rows.length, now.rows.length - 1]);
  const xpBefore = prev.rows.find((r) => r.division_code === XINPING);
  assert.deepEqual([xpBefore.rank, xpBefore.tail], [prev.rows.length, true]);
  assert.equal(now.rows[0].division_code, XINPING);
  // 15.9万 more collective income than last year
  const thisYear = (await get(`/api/v1/stats/collective_economy?division=${XINPING}`)).values;
  const lastYear = (await get(`/api/v1/stats/collective_economy?division=${XINPING}&from=${now.year - 1}-01-01&to=${now.year - 1}-12-31`)).values;
  assert.equal(thisYear.income_fen - lastYear.income_fen, 15900000);
  // its cooperative's run of last year, paid, exact to the fen
  const runs = (await get(`/api/v1/coop_dividends?division=${XINPING}&year=${now.year - 1}`)).items;
  assert.equal(runs.length, 1);
  assert.equal(runs[0].status, 'paid');
  const lines = (await get(`/api/v1/coop_dividend_lines?dividend_id=${runs[0].id}&limit=500`)).items;
  assert.equal(lines.length, runs[0].holdings);
  assert.equal(lines.reduce((s, l) => s + l.total_fen, 0), runs[0].distributable_fen);
  assert.ok(lines.some((l) => l.share_kind === 'poverty_household'));
  // governance this year
  const g = (await get(`/api/v1/stats/governance?division=${XINPING}`)).values;
  assert.equal(g.consultations, 11);
  assert.deepEqual([g.agreed.count, g.agreed.of], [9, 11]);
  assert.equal(g.cadre_talks, 7);
  assert.equal(g.assessments.excellent, 3);
  assert.equal(g.awards.model_family + g.awards.filial, 15);
  const culture = await get(`/api/v1/activities?division=${XINPING}&kind=culture&held_on__gte=${now.year}-01-01`);
  assert.equal(culture.total, 6);
  if (realDay) {
    assert.equal(g.disputes, 10);
    assert.equal(g.disputes_resolved, 10);
    assert.deepEqual([g.resolved_in_grid.count, g.resolved_in_grid.of], [10, 10]);
    const town = (await get(`/api/v1/stats/governance?division=${ZHANGBU}`)).values;
    assert.deepEqual([town.resolved_in_grid.count, town.resolved_in_grid.of], [10, 11]);
  }
}

test('the demo\'s village figures hold on the day it runs', async () => {
  const srv = await startServer();
  try {
    const d = await srv.cli(['demo', '--only', 'village_economy,village_governance']);
    assert.equal(d.code, 0, d.stderr);
    await figures(srv, { realDay: true });
  } finally {
    await srv.stop();
  }
});

test('the demo\'s village figures hold when loaded on 1 January', async () => {
  const env = { JICENG_TODAY: `${new Date().getFullYear() + 1}-01-01` };
  const srv = await startServer({ env });
  try {
    const d = await srv.cli(['demo', '--only', 'village_economy,village_governance'], { env });
    assert.equal(d.code, 0, d.stderr);
    await figures(srv, { realDay: false });
  } finally {
    await srv.stop();
  }
});
