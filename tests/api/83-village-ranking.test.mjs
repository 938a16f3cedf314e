// 83 排队抓尾: the indicators and the villages' values, and the statistic
// village_ranking on a fixture with weights, a lower-is-better indicator,
// ties, missing values, an indicator on which every village is equal and a
// village new this year — every figure derived here from the fixture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

const TOWN = '522727108';
const V = {
  langma: '522727108001', zhangbu: '522727108200', lianhe: '522727108201', tianba: '522727108202',
  xinping: '522727108203', kaihuazhai: '522727108204', kala: '522727108205',
};
const ELSEWHERE = '522727100212'; // a village of another town, never ranked with these
const PW = 'user-pass-123';

const INDICATORS = [
  ['income', '村集体经济收入', 30, 'higher_better'],
  ['party', '党建考核', 25, 'higher_better'],
  ['petitions', '越级上访', 10, 'lower_better'],
  ['flat', '规定动作完成', 5, 'higher_better'], // every village equal
];

// year → village → { indicator: value }; a missing key is a missing value
const SCORES = {
  2025: {
    zhangbu: { income: 8.6, party: 88, petitions: 1, flat: 1 },
    lianhe: { income: 6.2, party: 85, petitions: 2, flat: 1 },
    tianba: { income: 6.2, party: 85, petitions: 2, flat: 1 },   // tied with 联合村
    xinping: { income: 3.2, party: 72, petitions: 5, flat: 1 },
    kaihuazhai: { income: 4.8, party: 80, flat: 1 },              // no petitions value
  },
  2026: {
    zhangbu: { income: 9.4, party: 89, petitions: 1, flat: 1 },
    lianhe: { income: 6.8, party: 86, petitions: 1, flat: 1 },
    tianba: { income: 5.6, party: 84, petitions: 2, flat: 1 },
    xinping: { income: 19.1, party: 95, petitions: 0, flat: 1 },
    kaihuazhai: { income: 5.6, party: 84, petitions: 2, flat: 1 }, // tied with 田坝村 at the bottom
    kala: { income: 7.9, party: 87, petitions: 1 },                  // new this year, no flat value
  },
};

// 掌布镇's 村民委员会 (codes 200–399; 浪马社区 001 is a community): every one of them is ranked
// in a year with values, a village without any counting 0 on each indicator
const VILLAGES = Object.keys(V).filter((k) => { const n = Number(V[k].slice(9)); return n >= 200 && n <= 399; });

function rankYear(year) {
  const villages = SCORES[year] ? [...VILLAGES].sort((a, b) => V[a].localeCompare(V[b])) : [];
  const wsum = INDICATORS.reduce((s, i) => s + i[2], 0);
  const score = {};
  for (const v of villages) score[v] = 0;
  for (const [code, , w, dir] of INDICATORS) {
    const vals = villages.map((v) => SCORES[year][v]?.[code]).filter((x) => x !== undefined);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    for (const v of villages) {
      const x = SCORES[year][v]?.[code];
      if (x === undefined) continue;
      const n = hi === lo ? 1 : dir === 'lower_better' ? (hi - x) / (hi - lo) : (x - lo) / (hi - lo);
      score[v] += w * n;
    }
  }
  for (const v of villages) score[v] = (100 * score[v]) / wsum;
  const order = [...villages].sort((a, b) => score[b] - score[a] || V[a].localeCompare(V[b]));
  const rank = {};
  order.forEach((v, i) => {
    rank[v] = i && Math.abs(score[v] - score[order[i - 1]]) < 1e-9 ? rank[order[i - 1]] : i + 1;
  });
  return { order, score, rank };
}

function expected(year, tail) {
  const now = rankYear(year), prev = rankYear(year - 1);
  const n = now.order.length;
  return now.order.map((v) => {
    const tied = now.order.filter((u) => now.rank[u] === now.rank[v]).length;
    const p = prev.rank[v] ?? null;
    return {
      village: v, score: now.score[v], rank: now.rank[v], previous_rank: p,
      change: p === null ? null : p - now.rank[v], tail: now.rank[v] + tied - 1 > n - tail,
    };
  });
}

let srv;
let admin;
let town;
let village;
let otherTown;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'r_town', 'town', TOWN);
  await createUser(admin, 'r_village', 'village', V.xinping);
  await createUser(admin, 'r_other', 'town', '522727100');
  town = await srv.login('r_town', PW);
  village = await srv.login('r_village', PW);
  otherTown = await srv.login('r_other', PW);
  for (const year of [2025, 2026]) {
    for (const [code, label, weight, direction] of INDICATORS) {
      const r = await admin.post('/api/v1/village_indicators', { year, code, label, weight, direction, unit: '分' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    for (const [v, vals] of Object.entries(SCORES[year])) {
      for (const [code, value] of Object.entries(vals)) {
        const r = await town.post('/api/v1/village_scores', { year, division_code: V[v], indicator_code: code, value: String(value) });
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
    }
  }
  // another town's village with a perfect score: not part of 掌布镇's ranking
  const r = await admin.post('/api/v1/village_scores', { year: 2026, division_code: ELSEWHERE, indicator_code: 'income', value: 99 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

after(async () => {
  await srv?.stop();
});

async function ranking(client, query) {
  const r = await client.get(`/api/v1/stats/village_ranking?${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.values;
}

function compare(rows, want) {
  const byCode = Object.fromEntries(Object.entries(V).map(([k, c]) => [c, k]));
  assert.deepEqual(rows.map((r) => byCode[r.division_code]), want.map((w) => w.village));
  rows.forEach((r, i) => {
    const w = want[i];
    assert.ok(Math.abs(r.score - w.score) < 1e-9, `${w.village} score ${r.score} ≠ ${w.score}`);
    assert.deepEqual([r.rank, r.previous_rank, r.change, r.tail], [w.rank, w.previous_rank, w.change, w.tail], w.village);
    assert.match(r.name, /[村区]$/);
  });
}

test('this year: weighted, normalised scores, shared ranks, last year and the tail', async () => {
  const v = await ranking(town, `division=${TOWN}&year=2026`);
  assert.equal(v.year, 2026);
  assert.deepEqual(v.indicators.map((i) => i.code), INDICATORS.map((i) => i[0]));
  const want = expected(2026, 1);
  compare(v.rows, want);
  // the tie for last place is in the tail together; 新坪村 climbed from last to first
  assert.deepEqual(want.filter((w) => w.tail).map((w) => w.village).sort(), ['kaihuazhai', 'tianba']);
  const xp = v.rows.find((r) => r.division_code === V.xinping);
  assert.deepEqual([xp.rank, xp.previous_rank, xp.change], [1, 5, 4]);
  // 卡腊村 had no values last year: ranked then with nothing, below every village that had some
  assert.equal(v.rows.find((r) => r.division_code === V.kala).previous_rank, VILLAGES.length);
  assert.deepEqual(xp.values, SCORES[2026].xinping);
});

test('last year, a wider tail, and a year without values', async () => {
  compare((await ranking(town, `division=${TOWN}&year=2025&tail=2`)).rows, expected(2025, 2));
  compare((await ranking(admin, `division=${TOWN}&year=2026&tail=3`)).rows, expected(2026, 3));
  compare((await ranking(town, `year=2026&tail=0`)).rows, expected(2026, 0));
  const none = await ranking(town, `division=${TOWN}&year=2024`);
  assert.deepEqual(none.rows, []);
});

test('the ranking is asked of a town, in the caller\'s scope', async () => {
  assertError(await village.get('/api/v1/stats/village_ranking?year=2026'), 400, 'bad_request');
  assertError(await town.get(`/api/v1/stats/village_ranking?division=${V.xinping}`), 400, 'bad_request');
  assertError(await town.get(`/api/v1/stats/village_ranking?division=${TOWN}&year=20x6`), 400, 'bad_request');
  assertError(await town.get(`/api/v1/stats/village_ranking?division=${TOWN}&tail=-1`), 400, 'bad_request');
  assertError(await otherTown.get(`/api/v1/stats/village_ranking?division=${TOWN}`), 404, 'not_found');
});

test('values: entered by the town, one per village, indicator and year, numbers only', async () => {
  let e = assertError(await village.post('/api/v1/village_scores', { year: 2026, division_code: V.xinping, indicator_code: 'income', value: '1' }), 422, 'validation');
  assert.ok(e.fields.division_code);
  e = assertError(await town.post('/api/v1/village_scores', { year: 2026, division_code: V.xinping, indicator_code: 'income', value: '20' }), 422, 'validation');
  assert.ok(e.fields.indicator_code);
  e = assertError(await town.post('/api/v1/village_scores', { year: 2026, division_code: V.langma, indicator_code: 'nosuch', value: '1' }), 422, 'validation');
  assert.ok(e.fields.indicator_code);
  e = assertError(await town.post('/api/v1/village_scores', { year: 2026, division_code: V.langma, indicator_code: 'income', value: '很多' }), 422, 'validation');
  assert.ok(e.fields.value);
  e = assertError(await town.post('/api/v1/village_scores', { year: 2026, division_code: TOWN, indicator_code: 'income', value: '1' }), 422, 'validation');
  assert.ok(e.fields.division_code);
  const r = await town.post('/api/v1/village_scores', { year: 2025, division_code: V.langma, indicator_code: 'party', value: ' 95.50 ' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.value, '95.5');
  assert.equal(r.body.indicator_label, '党建考核');
  const del = await town.del(`/api/v1/village_scores/${r.body.id}?version=${r.body.version}`);
  assert.equal(del.status, 204);
  // only the town's villages are the town's to score
  e = assertError(await town.post('/api/v1/village_scores', { year: 2026, division_code: ELSEWHERE, indicator_code: 'party', value: '1' }), 422, 'validation');
  assert.ok(e.fields.division_code);
});

test('indicators: kept by administrators, unique codes per year, positive weights', async () => {
  assertError(await town.post('/api/v1/village_indicators', { year: 2026, code: 'x', label: 'x', weight: 1, direction: 'higher_better' }), 403, 'forbidden');
  let e = assertError(await admin.post('/api/v1/village_indicators', { year: 2026, code: 'income', label: '重复', weight: 1, direction: 'higher_better' }), 422, 'validation');
  assert.ok(e.fields.code);
  e = assertError(await admin.post('/api/v1/village_indicators', { year: 2026, code: 'bad code', label: 'x', weight: 0, direction: 'higher_better' }), 422, 'validation');
  assert.ok(e.fields.code && e.fields.weight);
  const list = await town.get('/api/v1/village_indicators?year=2026');
  assert.equal(list.body.total, INDICATORS.length);
});
