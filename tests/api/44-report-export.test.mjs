// 44 report export: GET /{res}/report is the 报表 for people beside the data file — a title
// row naming the place and the day, 序号, names not codes, the view's columns in its order,
// the same filters as the list; set up for A4. The data file (/export) stays as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, unzipMember, createUser } from './lib.mjs';
import { person, talent, VILLAGES } from '../fixtures/talent_helpers.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer({ env: { JICENG_TODAY: '2026-11-30' } });
  admin = await srv.login();
  const a = await person(admin, { name: '潘雁', village: VILLAGES[0] });
  const b = await person(admin, { name: '韦建军', village: VILLAGES[2] });
  await talent(admin, a, { recommended: '2025-01-10' });
  await talent(admin, b, { recommended: '2025-02-10', until: 'recommended' });
});

after(async () => {
  await srv?.stop();
});

/** The sheet's cells as rows of strings (shared strings resolved). */
async function cells(bytes) {
  const shared = [...(await unzipMember(bytes, 'xl/sharedStrings.xml')).matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const sheet = await unzipMember(bytes, 'xl/worksheets/sheet1.xml');
  const rows = [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((r) =>
    [...r[1].matchAll(/<c r="[A-Z]+\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)].map((c) =>
      (/t="s"/.test(c[1]) ? shared[Number(c[2])] : c[2] ?? '')))
    .map((r) => { while (r.length && r[r.length - 1] === '') r.pop(); return r; }); // the title's merged cells
  return { rows, sheet };
}

test("a town's 报表: title, 序号, names not codes, the view's columns, printable", async () => {
  const r = await admin.get('/api/v1/talents/report?division=522726111&cols=name,village_code,source,status,recommended_on&sort=recommended_on');
  assert.equal(r.status, 200, r.body.toString());
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(decodeURIComponent(r.headers.get('content-disposition')), /后备力量报表\.xlsx/);
  const { rows, sheet } = await cells(r.body);
  assert.deepEqual(rows[0], ['下司镇村级后备力量台账（截至2026年11月30日）']);
  assert.deepEqual(rows[1], ['序号', '姓名', '所在村', '来源', '状态', '推荐时间']);
  assert.deepEqual(rows[2], ['1', '潘雁', '下司村', '返乡大学毕业生', '已入库', '2025-01-10']);
  assert.deepEqual(rows[3], ['2', '韦建军', '星朗村', '返乡大学毕业生', '村级推荐', '2025-02-10']);
  assert.equal(rows.length, 4);
  assert.match(sheet, /<pane [^>]*ySplit="2"/, 'title and header stay frozen');
  const setup = await unzipMember(r.body, 'xl/worksheets/sheet1.xml');
  assert.match(setup, /<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"|<pageSetup [^>]*orientation="landscape"[^>]*paperSize="9"/);
  assert.match(setup, /fitToPage="1"/);
});

test('filters narrow the 报表 as they narrow the list; the default columns are the list columns', async () => {
  const r = await admin.get('/api/v1/talents/report?status=recommended');
  const { rows } = await cells(r.body);
  assert.match(rows[0][0], /^村级后备力量台账（截至2026年11月30日）$/);
  assert.equal(rows[1][0], '序号');
  assert.ok(rows[1].includes('姓名') && rows[1].includes('所在村') && !rows[1].includes('ID'));
  assert.equal(rows.length, 3);
  assert.equal(rows[2][rows[1].indexOf('姓名')], '韦建军');
});

test("a village user's 报表 is titled with the village and holds only its rows; bad columns are refused", async () => {
  await createUser(admin, 'xiasi-cun', 'village', VILLAGES[0]);
  const v = await srv.login('xiasi-cun', 'user-pass-123');
  const vr = await v.get('/api/v1/talents/report?cols=name,status');
  assert.equal(vr.status, 200, JSON.stringify(vr.body));
  const { rows } = await cells(vr.body);
  assert.deepEqual(rows, [['下司村村级后备力量台账（截至2026年11月30日）'], ['序号', '姓名', '状态'], ['1', '潘雁', '已入库']]);
  const bad = await v.get('/api/v1/talents/report?cols=name,nosuch');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /nosuch/);
  const hidden = await admin.get('/api/v1/users/report?cols=username,password_hash');
  assert.equal(hidden.status, 400);
});

test('the data file is unchanged: ID first, "name #id" cells for re-import', async () => {
  const r = await admin.get('/api/v1/talents/export?format=csv');
  const header = r.body.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  assert.match(header, /^ID,/);
  assert.match(r.body.toString('utf8'), /下司村 #522726111200/);
});
