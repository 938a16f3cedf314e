// 63 party demo: `jiceng demo` gives the park's dashboard the newspaper's
// figures of 园区党建, computed from its records — 672 enterprises, 234 with a
// party organisation (34.82%), all reached (100%), 394 instructors, 12 专职副书记,
// 81 党务干部, 243/169/71 mass organisations, 249 branches of which 153
// standardised and 15 育新, 82 investor secretaries, 1,209 members with 45.41%
// managers and key staff, 184 new in two years, 91 in degree programmes, 153
// secretaries trained, 64.6万 from the four sources, 12 centres, 24 stations,
// 554 金点子 — and worker appeals at a tenth (220 resolved). Loaded on 1 January,
// the day a period of "this year" is shortest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

const TODAY = '2027-01-01';

test(`the demo park's figures hold when loaded on ${TODAY}`, async () => {
  const srv = await startServer({ env: { JICENG_TODAY: TODAY } });
  try {
    const d = await srv.cli(['demo', '--only', 'party'], { env: { JICENG_TODAY: TODAY } });
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stderr, /职工诉求按报道的十分之一/);
    const admin = await srv.login();
    const park = (await admin.get('/api/v1/orgs?kind=park_committee')).body.items;
    assert.equal(park.length, 1);
    const r = await admin.get(`/api/v1/stats/party_coverage?org=${park[0].id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const v = r.body.values;
    const pct = (x) => (x.ratio * 100).toFixed(2);
    assert.equal(v.enterprises, 672);
    assert.equal(v.with_party_org, 234);
    assert.deepEqual([v.org_coverage.count, v.org_coverage.of, pct(v.org_coverage)], [234, 672, '34.82']);
    assert.deepEqual([v.work_coverage.count, v.work_coverage.of, pct(v.work_coverage)], [672, 672, '100.00']);
    assert.deepEqual([v.instructors, v.deputy_secretaries, v.party_workers], [394, 12, 81]);
    assert.deepEqual([v.unions, v.youth_leagues, v.womens_federations], [243, 169, 71]);
    assert.deepEqual([v.branches, v.standardized_branches, v.incubator_branches, v.investor_secretaries], [249, 153, 15, 82]);
    assert.equal(v.members, 1209);
    assert.deepEqual([v.management_share.count, pct(v.management_share)], [549, '45.41']);
    assert.equal(v.in_degree_program, 91);
    assert.equal(v.secretaries_trained, 153);
    assert.deepEqual(v.funds_fen.income, { budget: 30000000, pre_tax: 18600000, dues_return: 8000000, self_funded: 8000000, total: 64600000 });
    assert.ok(v.reimbursed_fen > 0 && v.reimbursed_fen === v.funds_fen.expense.total);
    assert.deepEqual([v.service_centers, v.guidance_stations], [12, 24]);
    assert.equal(v.suggestions.submitted, 554);
    assert.equal(v.worker_appeals.resolved, 220);
    // 近两年: new members from two years back
    const two = await admin.get(`/api/v1/stats/party_coverage?org=${park[0].id}&from=2025-01-02`);
    assert.equal(two.body.values.new_members, 184);
    // the park committee's own user sees the same figures without naming it
    const u = await admin.post('/api/v1/users', { username: 'park63', role: 'org', password: 'user-pass-123', scope_org_id: park[0].id });
    assert.equal(u.status, 201);
    const own = await (await srv.login('park63', 'user-pass-123')).get('/api/v1/stats/party_coverage');
    assert.deepEqual(own.body.values, v);
    // the fund ledger's reimbursement queue has work in it
    const funds = (await admin.get(`/api/v1/stats/party_funds?org=${park[0].id}`)).body.values;
    assert.ok(funds.to_approve > 0 && funds.to_reimburse > 0);
    assert.equal(funds.total.income_fen, 64600000);
  } finally {
    await srv.stop();
  }
});
