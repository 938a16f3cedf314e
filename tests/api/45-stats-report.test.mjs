// 45 stats report: a named statistic per child division (by=child) — the villages of a town,
// the towns of a county — with the area's own figures as the total, as JSON and as a
// workbook (format=xlsx) titled with the place and the period; the schema lists the
// statistics a report page offers with their figures' labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, unzipMember } from './lib.mjs';
import { person, talent, VILLAGES } from '../fixtures/talent_helpers.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-11-30' } });
  admin = await srv.login();
  await talent(admin, await person(admin, { name: '潘雁', village: VILLAGES[0] }), { recommended: '2026-02-01' });
  await talent(admin, await person(admin, { name: '韦建军', village: VILLAGES[0] }), { recommended: '2026-03-01' });
  await talent(admin, await person(admin, { name: '莫春燕', village: VILLAGES[2] }), { recommended: '2025-03-01' });
});

after(async () => {
  await srv?.stop();
});

test('the schema lists the statistics with figures, and their labels', async () => {
  const s = (await admin.get('/api/v1/schema')).body.stats;
  const t = s.find((x) => x.name === 'talent_structure');
  assert.equal(t.label, '村级后备力量结构');
  assert.equal(t.module, 'talent');
  assert.deepEqual(t.figures[0], { key: 'admitted', label: '在库人数' });
  assert.ok(s.some((x) => x.name === 'tickets'));
});

test('by=child: each village of the town, and the town itself as the total', async () => {
  const r = await admin.get('/api/v1/stats/talent_structure?division=522726111&by=child');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.values.admitted, 3);
  const byName = Object.fromEntries(r.body.children.map((c) => [c.name, c.values.admitted]));
  assert.equal(byName['下司村'], 2);
  assert.equal(byName['星朗村'], 1);
  assert.equal(r.body.children.reduce((n, c) => n + c.values.admitted, 0), 3, 'the villages add up to the town');
  // a county: town by town
  const county = await admin.get('/api/v1/stats/talent_structure?division=522726&by=child');
  assert.equal(county.body.children.find((c) => c.code === '522726111000').values.admitted, 3);
  assert.ok(county.body.children.length > 1);
  // without by, no children; a bad by is refused
  assert.equal((await admin.get('/api/v1/stats/talent_structure?division=522726111')).body.children, undefined);
  assert.equal((await admin.get('/api/v1/stats/talent_structure?by=parent')).status, 400);
});

test('format=xlsx: the report workbook, titled with the place and the period', async () => {
  const r = await admin.get('/api/v1/stats/talent_structure?division=522726111&from=2026-01-01&to=2026-11-30&format=xlsx');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const shared = [...(await unzipMember(r.body, 'xl/sharedStrings.xml')).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  assert.equal(shared[0], '下司镇村级后备力量结构（2026-01-01至2026-11-30）');
  for (const s of ['地区', '在库人数', '35岁以下', '下司村', '星朗村', '合计']) assert.ok(shared.includes(s), s);
  const audit = (await admin.get('/api/v1/audit?limit=1')).body.items[0];
  assert.deepEqual([audit.action, audit.entity], ['export', 'stats']);
});
