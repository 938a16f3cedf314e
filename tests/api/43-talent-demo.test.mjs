// 43 talent demo: `jiceng demo` reproduces 下司镇's figures from the newspaper
// (44 in the pool, 41 aged 35 or under, 42 大专以上, 7 self-applied this year,
// 40+ training 人次, 10+ shadowing placements, 7 exited, 3 into 村两委, 6 new
// activists) on whatever day it runs — here on an ordinary day and on 1 January.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

for (const today of ['2026-06-15', '2027-01-01']) {
  test(`the demo's figures hold when loaded on ${today}`, async () => {
    const srv = await startServer({ env: { JICENG_TODAY: today } });
    try {
      const d = await srv.cli(['demo', '--only', 'talent'], { env: { JICENG_TODAY: today } });
      assert.equal(d.code, 0, d.stderr);
      const admin = await srv.login();
      const r = await admin.get('/api/v1/stats/talent_structure?division=522726111');
      assert.equal(r.status, 200);
      const v = r.body.values;
      assert.equal(v.admitted, 44);
      assert.deepEqual([v.under35.count, v.under35.of], [41, 44]);
      assert.equal(Math.round(v.under35.ratio * 100), 93);
      assert.deepEqual([v.college.count, v.college.of], [42, 44]);
      assert.equal(Math.round(v.college.ratio * 100), 95);
      assert.equal(v.self_applied, 7);
      assert.ok(v.training_person_times >= 40, `${v.training_person_times} 人次`);
      assert.ok(v.placements.shadowing >= 10);
      assert.equal(v.exited.total, 7);
      assert.ok(v.exited.long_absent > 0 && v.exited.ineffective > 0);
      assert.equal(v.exited.joined_committee, 3);
      assert.equal(v.entered_committee, 3);
      assert.equal(v.activists, 6);
      assert.ok(v.exit_candidates > 0);
      assert.equal(v.by_village.length, 6);
      const list = await admin.get('/api/v1/talents?status=admitted&limit=1');
      assert.equal(list.body.total, 44);
    } finally {
      await srv.stop();
    }
  });
}
