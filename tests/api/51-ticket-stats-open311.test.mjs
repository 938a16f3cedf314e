// 51 ticket statistics and Open311: the 三率 on a fixture of March 2026 whose
// every figure this file derives itself from the fixture (working days by its
// own weekday count: March 2026 has no holiday), and Open311 GeoReport v2 in
// JSON and XML — services, requests created with an API token, read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, creditCode } from './lib.mjs';

const VILLAGE = '522726111200';
let srv;
let admin;
let town;
const org = {};
let entId;

/** d + n working days (Mon–Fri; March 2026 has no holidays or 调休). */
function addWorkdays(d, n) {
  const t = new Date(`${d}T00:00:00Z`);
  while (n > 0) {
    t.setUTCDate(t.getUTCDate() + 1);
    const wd = t.getUTCDay();
    if (wd !== 0 && wd !== 6) n--;
  }
  return t.toISOString().slice(0, 10);
}

// The fixture: when each ticket was submitted, dispatched (to org a|b), accepted
// and resolved (days of March 2026), how it was rated, whether it was reopened.
const SLA = { approval: 10, permit: 10, financing: 10 };
const FIXTURE = [
  { kind: 'project_agency', category: 'approval', org: 'a', sub: 2, disp: 2, acc: 2, res: 6, rating: 'satisfied', amount: 0 },
  { kind: 'project_agency', category: 'approval', org: 'a', sub: 3, disp: 3, acc: 6, res: 20, rating: 'basic', amount: 0 },
  { kind: 'project_agency', category: 'permit', org: 'b', sub: 4, disp: 4, acc: 5, res: 25, rating: 'dissatisfied', amount: 0 },
  { kind: 'project_agency', category: 'permit', org: 'b', sub: 9, disp: 9, acc: 9, res: 10, rating: 'satisfied', reopen: true, amount: 0 },
  { kind: 'enterprise_service', category: 'financing', org: 'a', sub: 10, disp: 10, acc: 10, res: 16, rating: 'satisfied', amount: 500000000 },
  { kind: 'enterprise_service', category: 'financing', org: 'a', sub: 11, disp: 11, acc: 11, res: 12, amount: 120000000 },
  { kind: 'enterprise_service', category: 'financing', org: 'b', sub: 12, disp: 12, acc: 16 },
  { kind: 'enterprise_service', category: 'financing', org: 'b', sub: 13, disp: 13 },
  { kind: 'project_agency', category: 'approval', sub: 16 },
  { kind: 'project_agency', category: 'approval', sub: 17, withdrawn: true },
  { kind: 'project_agency', category: 'permit', org: 'b', sub: 18, disp: 18, acc: 18, res: 19, rating: 'satisfied' },
];
const AS_OF = '2026-04-15';

const day = (n) => `2026-03-${String(n).padStart(2, '0')}`;
const at = (n, h) => `${day(n)}T${String(h).padStart(2, '0')}:00:00Z`;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  for (const k of ['a', 'b']) {
    const r = await admin.post('/api/v1/orgs', { name: k === 'a' ? '县发改局' : '县政务服务中心', kind: 'department', division_code: '522726' });
    org[k] = r.body.id;
  }
  entId = (await admin.post('/api/v1/enterprises', { name: '统计测试企业', division_code: VILLAGE, credit_code: creditCode('91522726MA6DJ1299') })).body.id;
  await createUser(admin, 's_town', 'town', '522726111');
  town = await srv.login('s_town', 'user-pass-123');
  const act = async (t, a, body) => {
    const r = await admin.post(`/api/v1/tickets/${t.id}/actions/${a}`, { version: t.version, ...body });
    assert.equal(r.status, 200, `${a}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  for (const f of FIXTURE) {
    let t = (await admin.post('/api/v1/tickets', {
      kind: f.kind, category: f.category, title: `${f.category} ${f.sub}`, requester_enterprise_id: entId,
      submitted_at: at(f.sub, 1),
    })).body;
    assert.ok(t.id, JSON.stringify(t));
    if (f.withdrawn) { await act(t, 'withdraw', { at: at(f.sub, 3) }); continue; }
    if (!f.disp) continue;
    t = await act(t, 'dispatch', { assignee_org_id: org[f.org], at: at(f.disp, 2) });
    f.due = addWorkdays(day(f.disp), SLA[f.category]);
    assert.equal(t.due_on, f.due, 'the due date the fixture computes');
    if (!f.acc) continue;
    t = await act(t, 'accept', { at: at(f.acc, 3) });
    if (!f.res) continue;
    t = await act(t, 'resolve', { resolution: '办结', amount_fen: f.amount, at: at(f.res, 5) });
    if (!f.rating) continue;
    if (f.reopen) {
      t = await act(t, 'rate', { rating: 'dissatisfied', reopen: true, at: at(f.res, 6) });
      f.disp2 = f.res;
      f.due = addWorkdays(day(f.res), SLA[f.category]);
      t = await act(t, 'accept', { at: at(f.res + 1, 3) });
      f.acc = f.res + 1;
      t = await act(t, 'resolve', { resolution: '重办', amount_fen: f.amount, at: at(f.res + 2, 5) });
      f.res += 2;
    }
    await act(t, 'rate', { rating: f.rating, at: at(f.res, 7) });
  }
});

after(async () => {
  await srv?.stop();
});

/** The figures, derived from the fixture alone. */
function expected(filter = () => true) {
  const rows = FIXTURE.filter(filter);
  const status = (f) => f.withdrawn ? 'withdrawn' : f.rating ? 'closed' : f.res ? 'resolved' : f.acc ? 'accepted' : f.disp ? 'dispatched' : 'submitted';
  const resolved = rows.filter((f) => f.res);
  const dispatched = rows.filter((f) => f.disp);
  const responded = dispatched.filter((f) => f.acc && day(f.acc) <= addWorkdays(day(f.disp2 || f.disp), 1));
  const rated = rows.filter((f) => f.rating);
  const good = rated.filter((f) => f.rating !== 'dissatisfied');
  const ratio = (count, of) => ({ count, of, ratio: of ? count / of : 0 });
  const by_status = Object.fromEntries(['submitted', 'dispatched', 'accepted', 'resolved', 'closed', 'returned', 'withdrawn'].map((s) => [s, rows.filter((f) => status(f) === s).length]));
  const minutes = resolved.reduce((s, f) => s + ((f.res - f.sub) * 24 + 4) * 60, 0);
  const withdrawn = rows.filter((f) => f.withdrawn).length;
  return {
    submitted: rows.length,
    by_status,
    withdrawn,
    resolved: resolved.length,
    resolution_rate: ratio(resolved.length, rows.length - withdrawn),
    response_rate: ratio(responded.length, dispatched.length),
    on_time_rate: ratio(resolved.filter((f) => day(f.res) <= f.due).length, resolved.length),
    rated: rated.length,
    satisfaction_rate: ratio(good.length, rated.length),
    reopened: rows.filter((f) => f.reopen).length,
    overdue: rows.filter((f) => !f.res && !f.withdrawn && f.disp && f.due < AS_OF).length,
    amount_fen: resolved.reduce((s, f) => s + (f.amount || 0), 0),
    avg_hours_to_resolve: resolved.length ? minutes / 60 / resolved.length : 0,
    published: 0,
    claimed: 0,
  };
}

const Q = `from=2026-03-01&to=2026-03-31&as_of=${AS_OF}`;

test('the 三率 and every figure equal what the fixture implies', async () => {
  const r = await town.get(`/api/v1/stats/tickets?${Q}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const want = expected();
  for (const [k, v] of Object.entries(want)) {
    if (k === 'avg_hours_to_resolve') assert.ok(Math.abs(r.body.values[k] - v) < 1e-9, `${k}: ${r.body.values[k]} vs ${v}`);
    else assert.deepEqual(r.body.values[k], v, k);
  }
  assert.ok(want.response_rate.count < want.response_rate.of, 'the fixture has late answers');
  assert.ok(want.on_time_rate.count < want.on_time_rate.of, 'and late resolutions');
});

test('kind, category and organisation narrow every figure the same way', async () => {
  const pa = (await town.get(`/api/v1/stats/tickets?${Q}&kind=project_agency`)).body.values;
  const want = expected((f) => f.kind === 'project_agency');
  assert.deepEqual(pa.resolution_rate, want.resolution_rate);
  assert.deepEqual(pa.satisfaction_rate, want.satisfaction_rate);
  const fin = (await town.get(`/api/v1/stats/tickets?${Q}&kind=enterprise_service&category=financing`)).body.values;
  assert.equal(fin.amount_fen, expected((f) => f.category === 'financing').amount_fen);
  const a = (await town.get(`/api/v1/stats/tickets?${Q}&org=${org.a}`)).body.values;
  assert.deepEqual(a.response_rate, expected((f) => f.org === 'a').response_rate);
  const outside = (await town.get(`/api/v1/stats/tickets?${Q.replace('2026-03-01', '2026-03-20')}`)).body.values;
  assert.equal(outside.submitted, 0, 'each ticket counts in the period of its submission');
});

test('categories and the departments\' 红黑榜', async () => {
  const v = (await town.get(`/api/v1/stats/tickets?${Q}&kind=project_agency`)).body.values;
  for (const cat of ['approval', 'permit']) {
    const row = v.by_category.find((c) => c.category === cat);
    const rows = FIXTURE.filter((f) => f.kind === 'project_agency' && f.category === cat);
    assert.deepEqual(row, {
      category: cat, label: cat === 'approval' ? '审批代办' : '证照办理', submitted: rows.length,
      resolved: rows.filter((f) => f.res).length, satisfied: rows.filter((f) => f.rating && f.rating !== 'dissatisfied').length,
    });
  }
  const all = (await town.get(`/api/v1/stats/tickets?${Q}`)).body.values;
  const score = (k) => {
    const e = expected((f) => f.org === k);
    const open = FIXTURE.filter((f) => f.org === k && !f.withdrawn).length;
    const res = FIXTURE.filter((f) => f.org === k && f.res).length;
    return (30 * e.response_rate.ratio + 35 * (open ? res / open : 0) + 35 * e.satisfaction_rate.ratio) * 100 / 100;
  };
  const ranked = ['a', 'b'].sort((x, y) => score(y) - score(x));
  assert.deepEqual(all.by_org.map((o) => o.org_id), ranked.map((k) => org[k]));
  for (const o of all.by_org) {
    const k = o.org_id === org.a ? 'a' : 'b';
    assert.ok(Math.abs(o.score - score(k)) < 1e-9, `${k} score ${o.score} vs ${score(k)}`);
    assert.deepEqual(o.response_rate, expected((f) => f.org === k).response_rate);
  }
  assert.deepEqual(all.by_org.map((o) => o.rank), [1, 2]);
  const w = (await town.get(`/api/v1/stats/tickets?${Q}&weights=100,0,0`)).body.values;
  assert.equal(w.by_org[0].score, Math.max(...['a', 'b'].map((k) => expected((f) => f.org === k).response_rate.ratio * 100)));
  const bad = await town.get(`/api/v1/stats/tickets?${Q}&weights=x`);
  assert.equal(bad.status, 400);
});

test('a department counts what is dispatched to it', async () => {
  const r = await admin.post('/api/v1/users', { username: 's_dept', role: 'department', password: 'user-pass-123', scope_org_id: org.a });
  assert.equal(r.status, 201);
  const d = await srv.login('s_dept', 'user-pass-123');
  const v = (await d.get(`/api/v1/stats/tickets?${Q}`)).body.values;
  assert.equal(v.submitted, FIXTURE.filter((f) => f.org === 'a').length);
  assert.deepEqual(v.response_rate, expected((f) => f.org === 'a').response_rate);
});

// ---- Open311 GeoReport v2 ----

async function get311(p) {
  const r = await fetch(`${srv.url}${p}`);
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}

async function post311(form) {
  const r = await fetch(`${srv.url}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });
  return { status: r.status, body: await r.json() };
}

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address',
  'address_id', 'zipcode', 'lat', 'long', 'media_url'];

test('Open311: services in JSON and XML, and a service definition', async () => {
  const s = await get311('/open311/v2/services.json');
  assert.equal(s.status, 200);
  const list = JSON.parse(s.text);
  assert.ok(list.length >= 5);
  for (const svc of list) for (const k of SERVICE_FIELDS) assert.ok(k in svc, `service ${k}`);
  assert.ok(list.some((x) => x.service_code === 'resident_request.repair' && x.service_name === '设施维修'));
  assert.ok(list.every((x) => /^resident_(wish|request)\./.test(x.service_code)), 'only the resident kinds');
  const x = await get311('/open311/v2/services.xml');
  assert.match(x.type, /xml/);
  assert.match(x.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<services><service><service_code>resident_/);
  assert.match(x.text, /<service_name>微心愿<\/service_name>/);
  const def = JSON.parse((await get311('/open311/v2/services/resident_request.repair.json')).text);
  assert.deepEqual(def, { service_code: 'resident_request.repair', attributes: [] });
  const missing = await get311('/open311/v2/services/enterprise_service.financing.json');
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.text)[0].code, 404);
});

test('Open311: a request posted with an API token reads back in JSON and XML, without personal data', async () => {
  const me = (await town.get('/api/v1/session')).body.user;
  const tok = await admin.post('/api/v1/tokens', { name: '12345 热线对接', user_id: me.id });
  assert.equal(tok.status, 201);
  const bad = await post311({ api_key: 'nope', service_code: 'resident_request.repair', description: 'x' });
  assert.equal(bad.status, 403);
  assert.equal(bad.body[0].code, 403);
  assert.equal((await post311({ api_key: tok.body.token, service_code: 'enterprise_service.financing', description: 'x' })).status, 400);
  assert.equal((await post311({ api_key: tok.body.token, service_code: 'resident_request.repair' })).status, 400);
  const created = await post311({
    api_key: tok.body.token, service_code: 'resident_request.repair', description: '下司村路灯坏了三盏',
    address_string: '下司村三组', first_name: '大伟', last_name: '韦', phone: '13800001111',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body[0].service_request_id;
  assert.match(id, /^\d+$/);
  let one = JSON.parse((await get311(`/open311/v2/requests/${id}.json`)).text);
  assert.equal(one.length, 1);
  for (const k of REQUEST_FIELDS) assert.ok(k in one[0], `request ${k}`);
  assert.equal(one[0].status, 'open');
  assert.equal(one[0].service_code, 'resident_request.repair');
  assert.equal(one[0].description, '下司村路灯坏了三盏');
  assert.equal(one[0].address, '下司村三组');
  assert.equal(one[0].expected_datetime, null, 'not yet dispatched');
  const text = JSON.stringify(one);
  assert.ok(!/13800001111|138\*\*\*\*1111|韦大伟|大伟/.test(text), 'no personal data');
  // staff handle it; Open311 shows the agency, the time limit and the outcome
  let t = (await town.get(`/api/v1/tickets/${id}`)).body;
  assert.equal(t.source, 'open311');
  assert.equal(t.division_code, '522726111000', 'the token\'s town');
  assert.equal(t.requester_phone, '138****1111');
  t = (await town.post(`/api/v1/tickets/${id}/actions/dispatch`, { version: t.version, assignee_org_id: org.b })).body;
  t = (await admin.post(`/api/v1/tickets/${id}/actions/accept`, { version: t.version })).body;
  one = JSON.parse((await get311(`/open311/v2/requests/${id}.json`)).text);
  assert.equal(one[0].agency_responsible, '县政务服务中心');
  assert.match(one[0].expected_datetime, /^\d{4}-\d\d-\d\dT23:59:59Z$/);
  t = (await admin.post(`/api/v1/tickets/${id}/actions/resolve`, { version: t.version, resolution: '已更换路灯' })).body;
  one = JSON.parse((await get311(`/open311/v2/requests/${id}.json`)).text);
  assert.equal(one[0].status, 'closed');
  assert.equal(one[0].status_notes, '已更换路灯');
  const xml = await get311(`/open311/v2/requests/${id}.xml`);
  assert.match(xml.text, new RegExp(`<service_requests><request><service_request_id>${id}</service_request_id><status>closed</status>`));
  assert.ok(!/13800001111|韦/.test(xml.text));
  // the list: by status and service; other kinds are not served
  const closed = JSON.parse((await get311('/open311/v2/requests.json?status=closed&service_code=resident_request.repair')).text);
  assert.ok(closed.some((r) => r.service_request_id === id));
  const open = JSON.parse((await get311('/open311/v2/requests.json?status=open')).text);
  assert.ok(!open.some((r) => r.service_request_id === id));
  const enterprise = FIXTURE.length ? 1 : 0;
  assert.equal((await get311(`/open311/v2/requests/${enterprise}.json`)).status, 404, 'an enterprise ticket is not an Open311 request');
  assert.equal((await get311('/open311/v2/requests.json?status=nonsense')).status, 400);
  const ranged = JSON.parse((await get311('/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-12-31T00:00:00Z')).text);
  assert.deepEqual(ranged, []);
});
