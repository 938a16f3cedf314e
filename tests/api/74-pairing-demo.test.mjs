// 74 pairing demo: `jiceng demo` makes the seed page's pairing figures come
// out of records at one twentieth of their scale — 2 州级 and 8 县级 leaders
// linked to 54 enterprises, each visited at least twice in the last year, 18
// suggestions and 74 problems solved; 16 企业特派员; 万企兴万村 18 enterprises
// with 14 villages, 21 projects, 5,500万 and 480 jobs; 12 enterprises and 44
// members with 4 communities, 29 members serving where they live — and
// 新坪村's three-level assistance with 部务会 members every two months and
// 320万 of funds; on an ordinary day and on 29 February.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';
import { addDays } from './pairing-lib.mjs';

for (const today of ['2026-06-15', '2028-02-29']) {
  test(`the demo's pairing figures hold when loaded on ${today}`, async () => {
    const srv = await startServer({ env: { JICENG_TODAY: today } });
    try {
      const d = await srv.cli(['demo', '--only', 'pairing'], { env: { JICENG_TODAY: today } });
      assert.equal(d.code, 0, d.stderr);
      const admin = await srv.login();
      const year = `from=${addDays(today, -364)}&to=${today}`;
      const stats = async (q) => {
        const r = await admin.get(`/api/v1/stats/pairings?${q}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.values;
      };
      // 领导联系企业
      const le = await stats(`kind=leader_enterprise&${year}`);
      assert.equal(le.pairings, 54);
      assert.equal(le.enterprises, 54);
      assert.equal(le.persons, 10);
      assert.equal(le.by_level.prefecture.persons, 2);
      assert.equal(le.by_level.county.persons, 8);
      assert.equal(le.by_level.prefecture.enterprises + le.by_level.county.enterprises, 54);
      assert.deepEqual([le.min_visits_met.count, le.min_visits_met.of], [54, 54], 'each visited at least twice');
      assert.ok(le.visits >= 108);
      assert.equal(le.suggestions, 18);
      assert.equal(le.problems_solved, 74);
      assert.deepEqual([le.visit_compliance.count, le.visit_compliance.of], [50, 54]);
      // 企业特派员
      const cm = await stats('kind=commissioner');
      assert.deepEqual([cm.pairings, cm.persons, cm.enterprises], [16, 16, 16]);
      // 万企兴万村, projects since the year before last
      const ev = await stats(`kind=enterprise_village&from=${addDays(today, -729)}&to=${today}`);
      assert.deepEqual([ev.pairings, ev.enterprises, ev.villages], [18, 18, 14]);
      assert.equal(ev.projects, 21);
      assert.equal(ev.funds_fen, 55_000_000 * 100);
      assert.equal(ev.jobs, 480);
      // 社区共驻共建 and the members serving where they live
      const ec = await stats('kind=enterprise_community');
      assert.deepEqual([ec.enterprises, ec.persons, ec.communities], [12, 44, 4]);
      const all = await stats('');
      assert.equal(Object.values(all.resident_roles).reduce((a, b) => a + b, 0), 29);
      // 新坪村: three levels, 部务会 every two months, 320万
      const xp = await stats(`division=522727108203&from=${addDays(today, -729)}&to=${today}`);
      assert.equal(xp.pairings, 4);
      assert.equal(xp.funds_fen, 3_200_000 * 100);
      assert.deepEqual([xp.visit_compliance.count, xp.visit_compliance.of], [3, 3]);
      const dept = (await admin.get('/api/v1/pairings?division=522727108203&kind=department_village')).body.items;
      assert.equal(dept.length, 1);
      assert.equal(dept[0].visit_every_months, 2);
      assert.equal(dept[0].cadence, 'ok');
      const levels = (await admin.get('/api/v1/pairings?division=522727108203&kind=leader_village')).body.items.map((p) => p.level).sort();
      assert.deepEqual(levels, ['county', 'town']);
      // the to-do: four due within the week, four overdue
      const todos = (await admin.get('/api/v1/todos')).body.items;
      assert.equal(todos.find((t) => t.key === 'visits_due').count, 8);
      const overdue = (await admin.get('/api/v1/pairings?active=true&cadence=overdue&limit=1')).body.total;
      assert.equal(overdue, 4);
      // two visits raised tickets of their enterprises
      const raised = (await admin.get('/api/v1/tickets?visit_id__null=0&limit=1')).body.total;
      assert.equal(raised, 2);
    } finally {
      await srv.stop();
    }
  });
}
