// 50 tickets: the ticket engine — every action and every illegal transition
// for every kind, who may run each (the department it is dispatched to, the
// enterprise that asked, the town), concurrent actions, working-day SLAs
// across 春节 and its 调休 Saturdays, overdue, 重办, the timeline, to-dos and
// the 三率 on a fixture whose figures this file derives itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, creditCode } from './lib.mjs';

const TOWN = '522726111';
const VILLAGE = '522726111200';
const OTHER_TOWN = '522725002';
const PW = 'user-pass-123';

let srv;
let admin;
let town;
let village;
let county;
let dept;
let dept2;
let ent;
let ent2;
let branchUser;
let viewer;
const ids = {};

async function login(username) {
  return srv.login(username, PW);
}

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const org = async (name, division = '522726') => {
    const r = await admin.post('/api/v1/orgs', { name, kind: 'department', division_code: division });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  ids.fg = await org('县发改局');
  ids.zw = await org('县政务服务中心');
  ids.branch = (await admin.post('/api/v1/orgs', { name: '下司村党支部', kind: 'branch', division_code: VILLAGE })).body.id;
  const enterprise = async (name, n) => {
    const r = await admin.post('/api/v1/enterprises', { name, division_code: VILLAGE, credit_code: creditCode(`91522726MA6DJ12${n}`) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  ids.entA = await enterprise('下司茶业有限公司', '31');
  ids.entB = await enterprise('下司旅游开发公司', '32');
  await createUser(admin, 't_town', 'town', TOWN);
  await createUser(admin, 't_village', 'village', VILLAGE);
  await createUser(admin, 't_county', 'county', '522726');
  await createUser(admin, 't_viewer', 'viewer', TOWN);
  for (const [u, role, extra] of [
    ['t_dept', 'department', { scope_org_id: ids.fg }],
    ['t_dept2', 'department', { scope_org_id: ids.zw }],
    ['t_ent', 'enterprise', { enterprise_id: ids.entA }],
    ['t_ent2', 'enterprise', { enterprise_id: ids.entB }],
    ['t_branch', 'org', { scope_org_id: ids.branch }],
  ]) {
    const r = await admin.post('/api/v1/users', { username: u, role, password: PW, ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  town = await login('t_town');
  village = await login('t_village');
  county = await login('t_county');
  viewer = await login('t_viewer');
  dept = await login('t_dept');
  dept2 = await login('t_dept2');
  ent = await login('t_ent');
  ent2 = await login('t_ent2');
  branchUser = await login('t_branch');
  // 派单 defaults: project agency approvals go to 县发改局
  const cat = (await admin.get('/api/v1/ticket_categories?kind=project_agency&code=approval')).body.items[0];
  const r = await admin.patch(`/api/v1/ticket_categories/${cat.id}`, { version: cat.version, default_org_id: ids.fg, sla_days: 5 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});

after(async () => {
  await srv?.stop();
});

async function act(c, t, action, body = {}, status = 200) {
  const r = await c.post(`/api/v1/tickets/${t.id}/actions/${action}`, { version: t.version, ...body });
  assert.equal(r.status, status, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function submit(c, body, status = 201) {
  const r = await c.post('/api/v1/tickets', body);
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
}

const enterpriseTicket = (extra = {}) => ({ kind: 'project_agency', category: 'approval', title: '项目立项审批代办', ...extra });

test('categories are seeded per kind and filterable; a ticket names a category of its kind', async () => {
  const es = await town.get('/api/v1/ticket_categories?kind=enterprise_service&limit=100');
  assert.deepEqual(es.body.items.map((c) => c.code), ['financing', 'debt', 'land', 'labour', 'energy', 'agency', 'other']);
  assert.deepEqual(es.body.items.slice(0, 3).map((c) => c.label), ['融资协调', '债务化解', '用地保障']);
  const wish = await town.get('/api/v1/ticket_categories?kind=resident_wish');
  assert.equal(wish.body.items[0].label, '微心愿');
  for (const k of ['project_agency', 'resident_request', 'worker_appeal', 'suggestion', 'dispute']) {
    assert.ok((await town.get(`/api/v1/ticket_categories?kind=${k}`)).body.total >= 4, k);
  }
  let e = await submit(town, { kind: 'enterprise_service', category: 'wish', title: 'x', requester_enterprise_id: ids.entA }, 422);
  assert.ok(e.error.fields.category);
  e = await submit(town, { kind: 'enterprise_service', category: 'financing', title: '融资' }, 422);
  assert.ok(e.error.fields.requester_enterprise_id, 'an enterprise request names its enterprise');
  assertError(await town.post('/api/v1/ticket_categories', { kind: 'dispute', code: 'x', label: 'x', sla_days: 3 }), 403, 'forbidden');
});

test('the enterprise loop: 点单 → 派单 (default department, SLA) → 签收 → 办结 → 评单, with its timeline', async () => {
  let t = await submit(ent, enterpriseTicket({ description: '新厂房立项' }));
  assert.equal(t.status, 'submitted');
  assert.equal(t.requester_enterprise_id, ids.entA, 'an enterprise user asks for its own enterprise');
  assert.equal(t.division_code, '522726111200', 'handled where the enterprise is');
  assert.equal(t.category_label, '审批代办');
  assert.match(t.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assertError(await ent.post(`/api/v1/tickets/${t.id}/actions/dispatch`, { version: t.version }), 403, 'forbidden');
  t = await act(town, t, 'dispatch', { opinion: '请发改局办理' });
  assert.equal(t.status, 'dispatched');
  assert.equal(t.assignee_org_id, ids.fg, 'the category routes it');
  assert.equal(t.assignee_org_id_label, '县发改局');
  assert.ok(t.due_on > t.dispatched_at.slice(0, 10), 'due within the SLA, after dispatch');
  // only the department it is dispatched to (or a dispatcher) accepts
  assertError(await dept2.post(`/api/v1/tickets/${t.id}/actions/accept`, { version: t.version }), 404, 'not_found');
  assert.deepEqual((await dept.get(`/api/v1/tickets/${t.id}`)).body._actions.sort(), ['accept', 'return']);
  t = await act(dept, t, 'accept');
  assert.equal(t.status, 'accepted');
  assert.equal(t.responded_on_time, true);
  let e = await act(dept, t, 'resolve', {}, 422);
  assert.ok(e.error.fields.resolution);
  e = await act(dept, t, 'resolve', { resolution: 'x', amount_fen: -1 }, 422);
  assert.ok(e.error.fields.amount_fen);
  t = await act(dept, t, 'resolve', { resolution: '已办结立项', amount_fen: 5000000 });
  assert.equal(t.status, 'resolved');
  assert.equal(t.resolved_on_time, true);
  assert.ok(t.resolve_minutes >= 0);
  assertError(await ent2.post(`/api/v1/tickets/${t.id}/actions/rate`, { version: t.version, rating: 'satisfied' }), 404, 'not_found');
  assertError(await dept.post(`/api/v1/tickets/${t.id}/actions/rate`, { version: t.version, rating: 'satisfied' }), 403, 'forbidden');
  e = await act(ent, t, 'rate', { rating: 'satisfied', reopen: true }, 422);
  assert.ok(e.error.fields.reopen, 'only a dissatisfied rating reopens');
  t = await act(ent, t, 'rate', { rating: 'satisfied', rating_comment: '效率高' });
  assert.equal(t.status, 'closed');
  assert.equal(t.rating, 'satisfied');
  const ev = (await ent.get(`/api/v1/tickets/${t.id}/events`)).body.items;
  assert.deepEqual(ev.map((x) => x.action), ['submit', 'dispatch', 'accept', 'resolve', 'rate']);
  assert.deepEqual(ev.map((x) => x.to), ['submitted', 'dispatched', 'accepted', 'resolved', 'closed']);
  assert.equal(ev[1].comment, '请发改局办理');
  assert.equal(ev[1].username, 't_town');
  assert.equal(ev[3].fields.resolution, '已办结立项');
  assert.equal(ev[4].username, 't_ent');
  // closed: nothing but publishing is left, and publishing is for resident kinds
  for (const a of ['dispatch', 'accept', 'return', 'extend', 'urge', 'supervise', 'resolve', 'rate', 'claim', 'withdraw']) {
    const r = await town.post(`/api/v1/tickets/${t.id}/actions/${a}`, { version: t.version });
    assert.equal(r.status, 409, `${a} after closing`);
  }
  assertError(await town.post(`/api/v1/tickets/${t.id}/actions/publish`, { version: t.version, public_summary: 'x' }), 409, 'conflict');
});

test('scope: the town, the department it is dispatched to and the enterprise that asked see it; no one else', async () => {
  const t = await submit(ent2, enterpriseTicket({ title: '乙企业的事项' }));
  const d = await act(town, t, 'dispatch', { assignee_org_id: ids.zw });
  for (const c of [admin, town, county, village, ent2, dept2, viewer]) {
    assert.equal((await c.get(`/api/v1/tickets/${d.id}`)).status, 200);
  }
  for (const c of [ent, dept, branchUser]) {
    assertError(await c.get(`/api/v1/tickets/${d.id}`), 404, 'not_found');
    assertError(await c.get(`/api/v1/tickets/${d.id}/events`), 404, 'not_found');
    assert.ok(!(await c.get('/api/v1/tickets?limit=500')).body.items.some((x) => x.id === d.id));
  }
  // an enterprise user cannot ask for another enterprise, nor see its tickets
  const e = await submit(ent, enterpriseTicket({ requester_enterprise_id: ids.entB }), 422);
  assert.ok(e.error.fields.requester_enterprise_id);
  assert.ok((await ent.get('/api/v1/tickets?limit=500')).body.items.every((x) => x.requester_enterprise_id === ids.entA));
  assert.ok((await dept2.get('/api/v1/tickets?limit=500')).body.items.every((x) => x.assignee_org_id === ids.zw));
  // another town's user neither sees it nor creates tickets for this town
  await createUser(admin, 't_other', 'town', OTHER_TOWN);
  const other = await login('t_other');
  assertError(await other.get(`/api/v1/tickets/${d.id}`), 404, 'not_found');
  const bad = await submit(other, { kind: 'resident_request', category: 'repair', title: '修路灯', division_code: VILLAGE }, 422);
  assert.ok(bad.error.fields.division_code);
  assertError(await viewer.post('/api/v1/tickets', { kind: 'resident_request', category: 'repair', title: 'x', division_code: VILLAGE }), 403, 'forbidden');
});

test('return, re-dispatch, extend, urge, supervise and withdraw', async () => {
  let t = await submit(ent, enterpriseTicket({ title: '证照办理' }));
  t = await act(town, t, 'dispatch', { assignee_org_id: ids.fg });
  let e = await act(dept, t, 'return', {}, 422);
  assert.ok(e.error.fields.reason);
  t = await act(dept, t, 'return', { reason: '不属于本单位职责' });
  assert.equal(t.status, 'returned');
  t = await act(town, t, 'dispatch', { assignee_org_id: ids.zw });
  assert.equal(t.assignee_org_id, ids.zw);
  t = await act(dept2, t, 'accept');
  const due = t.due_on;
  e = await act(dept2, t, 'extend', { days: 0, reason: 'x' }, 422);
  assert.ok(e.error.fields.days);
  t = await act(dept2, t, 'extend', { days: 3, reason: '需补充材料' });
  assert.equal(t.extended_days, 3);
  assert.ok(t.due_on > due, 'the time limit moves');
  assert.equal(t.status, 'accepted');
  t = await act(town, t, 'urge', { opinion: '请加快办理' });
  t = await act(county, t, 'urge');
  assert.equal(t.urge_count, 2);
  assertError(await dept2.post(`/api/v1/tickets/${t.id}/actions/urge`, { version: t.version }), 403, 'forbidden');
  t = await act(county, t, 'supervise', { opinion: '县级督办' });
  assert.equal(t.supervised, true);
  assert.equal(t.supervise_count, 1);
  assert.equal(t.status, 'accepted');
  // the requester withdraws before it is resolved; another enterprise cannot
  let w = await submit(ent, enterpriseTicket({ title: '将撤回的事项' }));
  assertError(await ent2.post(`/api/v1/tickets/${w.id}/actions/withdraw`, { version: w.version }), 404, 'not_found');
  w = await act(ent, w, 'withdraw', { reason: '已自行解决' });
  assert.equal(w.status, 'withdrawn');
  for (const a of ['dispatch', 'accept', 'withdraw', 'urge', 'resolve']) {
    assert.equal((await town.post(`/api/v1/tickets/${w.id}/actions/${a}`, { version: w.version })).status, 409, a);
  }
  // a stale version changes nothing
  assertError(await town.post(`/api/v1/tickets/${t.id}/actions/urge`, { version: t.version - 1 }), 409, 'conflict');
  assert.equal((await town.get(`/api/v1/tickets/${t.id}`)).body.urge_count, 2);
});

test('重办: a dissatisfied rating with reopen goes back to dispatch, counted, with a new time limit', async () => {
  let t = await submit(ent, enterpriseTicket({ title: '需重办的事项' }));
  t = await act(town, t, 'dispatch');
  t = await act(dept, t, 'accept');
  t = await act(dept, t, 'resolve', { resolution: '初次办理' });
  t = await act(ent, t, 'rate', { rating: 'dissatisfied', rating_comment: '没有解决', reopen: true });
  assert.equal(t.status, 'dispatched');
  assert.equal(t.reopen_count, 1);
  assert.equal(t.rating, null);
  assert.equal(t.resolved_at, null);
  assert.equal(t.accepted_at, null);
  t = await act(dept, t, 'accept');
  t = await act(dept, t, 'resolve', { resolution: '重新办理完成' });
  t = await act(ent, t, 'rate', { rating: 'basic' });
  assert.equal(t.status, 'closed');
  const ev = (await town.get(`/api/v1/tickets/${t.id}/events`)).body.items;
  assert.deepEqual(ev.map((x) => x.action), ['submit', 'dispatch', 'accept', 'resolve', 'rate', 'accept', 'resolve', 'rate']);
  assert.equal(ev[4].to, 'dispatched');
  assert.equal(ev[4].fields.reopen, true);
});

test('working days: the SLA and the response count 工作日 across 春节 and its 调休 Saturdays', async () => {
  // 2026: 春节 2月15日–23日 off, 2月14日 and 2月28日 (Saturdays) working days; approval SLA 5
  let t = await submit(ent, enterpriseTicket({ title: '春节前的事项', submitted_at: '2026-02-12T01:00:00Z' }));
  t = await act(town, t, 'dispatch', { at: '2026-02-13T02:00:00Z' });
  assert.equal(t.due_on, '2026-02-27', 'Feb 14 (调休), 24, 25, 26, 27');
  t = await act(dept, t, 'accept', { at: '2026-02-14T03:00:00Z' });
  assert.equal(t.responded_on_time, true, 'the 调休 Saturday is the next working day');
  let u = await submit(ent, enterpriseTicket({ title: '节后才签收', submitted_at: '2026-02-12T01:00:00Z' }));
  u = await act(town, u, 'dispatch', { at: '2026-02-14T02:00:00Z' });
  assert.equal(u.due_on, '2026-02-28', 'Feb 24, 25, 26, 27 and the 调休 Saturday 28');
  const early = await act(dept, u, 'accept', { at: '2026-02-13T02:00:00Z' }, 422);
  assert.ok(early.error.fields.at, 'accepted before it was dispatched');
  u = await act(dept, u, 'accept', { at: '2026-02-25T02:00:00Z' });
  assert.equal(u.responded_on_time, false, 'Feb 24 was the one working day');
  const future = await act(dept, u, 'resolve', { resolution: 'x', at: '2099-01-01T00:00:00Z' }, 422);
  assert.ok(future.error.fields.at, 'an action cannot be dated in the future');
  u = await act(dept, u, 'resolve', { resolution: '已办结', at: '2026-03-03T02:00:00Z' });
  assert.equal(u.resolved_on_time, false, 'due Feb 28, resolved Mar 3');
  // the calendar is a ledger: an administrator's edit moves the next due date
  const h = (await admin.get('/api/v1/holidays?day=2026-02-14')).body.items[0];
  assert.equal(h.kind, 'workday');
  assertError(await town.patch(`/api/v1/holidays/${h.id}`, { version: h.version, kind: 'holiday' }), 403, 'forbidden');
  const hh = await admin.patch(`/api/v1/holidays/${h.id}`, { version: h.version, kind: 'holiday' });
  assert.equal(hh.status, 200);
  let v = await submit(ent, enterpriseTicket({ title: '日历修改后', submitted_at: '2026-02-12T01:00:00Z' }));
  v = await act(town, v, 'dispatch', { at: '2026-02-13T02:00:00Z' });
  assert.equal(v.due_on, '2026-02-28', 'without the 14th: Feb 24, 25, 26, 27, 28');
  await admin.patch(`/api/v1/holidays/${h.id}`, { version: hh.body.version, kind: 'workday' });
});

test('overdue and to-dos for each kind of user', async () => {
  let t = await submit(ent, enterpriseTicket({ title: '已超期的事项', submitted_at: '2025-03-03T01:00:00Z' }));
  t = await act(town, t, 'dispatch', { at: '2025-03-03T02:00:00Z' });
  assert.ok(t.due_on < '2025-04-01');
  const overdue = await town.get(`/api/v1/tickets?status=dispatched&due_on__lt=${new Date().toISOString().slice(0, 10)}`);
  assert.ok(overdue.body.items.some((x) => x.id === t.id));
  const todo = async (c) => Object.fromEntries((await c.get('/api/v1/todos')).body.items.map((i) => [i.key, i]));
  const deptTodo = await todo(dept);
  assert.ok(deptTodo.to_accept.count >= 1, 'the department has something to accept');
  assert.ok(deptTodo.to_accept.first.some((x) => x.id === t.id));
  assert.match(deptTodo.to_accept.query, /assignee_org_id__under=/);
  assert.equal(deptTodo.to_dispatch, undefined, 'a department does not dispatch');
  assert.ok(deptTodo.overdue.count >= 1);
  const townTodo = await todo(town);
  assert.equal(townTodo.to_accept, undefined, 'accepting is the department\'s');
  const overdueList = await town.get(`/api/v1/tickets?limit=500&${townTodo.overdue.query}`);
  assert.equal(overdueList.body.total, townTodo.overdue.count);
  assert.ok(overdueList.body.items.some((x) => x.id === t.id));
  const n = townTodo.to_dispatch.count;
  await submit(town, { kind: 'resident_request', category: 'repair', title: '修路灯', division_code: VILLAGE });
  assert.equal((await todo(town)).to_dispatch.count, n + 1);
  const listed = await town.get(`/api/v1/tickets?${(await todo(town)).to_dispatch.query}`);
  assert.equal(listed.body.total, n + 1, 'the to-do\'s query lists exactly its records');
  const entTodo = await todo(ent);
  assert.ok(entTodo.to_rate, 'an enterprise has its tickets to rate');
  assert.match(entTodo.to_rate.query, new RegExp(`requester_enterprise_id=${ids.entA}`));
  const villageTodo = await todo(village);
  assert.match(villageTodo.to_dispatch.query, /kind=resident_wish/, 'a village dispatches residents\' requests only');
  assert.ok((await todo(viewer)).to_dispatch === undefined, 'a viewer has nothing to do');
});

test('the resident loop: 居民点单 → 支部派单 / 全员接单 → 办结 → 回访 → 晒单, and the public board', async () => {
  let w = await submit(village, { kind: 'resident_wish', category: 'wish', title: '为老人买一台取暖器', division_code: VILLAGE, requester_name: '王大妈', requester_phone: '13912345678' });
  assert.equal(w.requester_phone, '139****5678');
  const e = await act(branchUser, w, 'claim', {}, 404);
  assert.ok(e.error, 'the branch does not see it before it claims… through its area');
  w = await act(village, w, 'claim', { claimed_by_org_id: ids.branch, opinion: '支部认领' });
  assert.equal(w.status, 'accepted');
  assert.equal(w.claimed_by_org_id, ids.branch);
  assert.equal((await branchUser.get(`/api/v1/tickets/${w.id}`)).status, 200, 'the claiming branch sees it');
  await act(branchUser, w, 'resolve', { resolution: '已送到' }, 403);
  w = await act(town, w, 'resolve', { resolution: '已送到' });
  w = await act(village, w, 'rate', { rating: 'satisfied', rating_comment: '回访：很满意' });
  let r = await act(village, w, 'publish', {}, 422);
  assert.ok(r.error.fields.public_summary);
  w = await act(village, w, 'publish', { public_summary: '支部党员为王大妈送去取暖器' });
  assert.equal(w.published, true);
  assert.equal(w.status, 'closed');
  // only wishes are claimed
  const req = await submit(village, { kind: 'resident_request', category: 'repair', title: '修水管', division_code: VILLAGE });
  assertError(await village.post(`/api/v1/tickets/${req.id}/actions/claim`, { version: req.version, claimed_by_org_id: ids.branch }), 409, 'conflict');
  assert.ok(!(await village.get(`/api/v1/tickets/${req.id}`)).body._actions.includes('claim'));
  assert.ok((await village.get(`/api/v1/tickets/${req.id}`)).body._actions.includes('dispatch'), 'a village dispatches residents\' requests');
  const entReq = await submit(ent, enterpriseTicket({ title: '企业事项村里不能派' }));
  assertError(await village.post(`/api/v1/tickets/${entReq.id}/actions/dispatch`, { version: entReq.version }), 403, 'forbidden');
  assert.ok(!(await village.get(`/api/v1/tickets/${entReq.id}`)).body._actions.includes('dispatch'));
  // the public board: no login, published resident tickets, nothing personal
  const board = await fetch(`${srv.url}/public/v1/wishes`).then((x) => x.json());
  const item = board.items.find((x) => x.id === w.id);
  assert.ok(item);
  assert.equal(item.public_summary, '支部党员为王大妈送去取暖器');
  assert.equal(item.claimed_by, '下司村党支部');
  const text = JSON.stringify(board);
  assert.ok(!text.includes('13912345678') && !text.includes('139****5678') && !text.includes('requester'));
  assert.ok(!board.items.some((x) => x.id === req.id), 'only what was published');
});

test('concurrent actions on one ticket: exactly one wins, the others get 409 and change nothing', async () => {
  let t = await submit(ent, enterpriseTicket({ title: '并发' }));
  t = await act(town, t, 'dispatch');
  const results = await Promise.all([dept, town, county, county, town].map((c, i) =>
    c.post(`/api/v1/tickets/${t.id}/actions/${i % 2 ? 'urge' : 'accept'}`, { version: t.version })));
  assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => r.status)));
  assert.equal(results.filter((r) => r.status === 409).length, 4);
  const now = (await town.get(`/api/v1/tickets/${t.id}`)).body;
  assert.equal(now.version, t.version + 1);
  const ev = (await town.get(`/api/v1/tickets/${t.id}/events`)).body.items;
  assert.equal(ev.length, 3, 'one event for the one action that ran');
});

test('every kind runs the loop; illegal transitions are refused from every state', async () => {
  const kinds = { enterprise_service: 'financing', project_agency: 'permit', resident_wish: 'wish', resident_request: 'sanitation', worker_appeal: 'wages', suggestion: 'technology', dispute: 'neighbour' };
  const legal = {
    submitted: ['dispatch', 'urge', 'supervise', 'withdraw', 'claim'],
    dispatched: ['accept', 'return', 'urge', 'supervise', 'withdraw', 'claim'],
    accepted: ['return', 'extend', 'urge', 'supervise', 'resolve', 'withdraw'],
    resolved: ['rate'],
    closed: ['publish'],
  };
  const all = ['dispatch', 'accept', 'return', 'extend', 'urge', 'supervise', 'resolve', 'rate', 'publish', 'claim', 'withdraw'];
  for (const [kind, category] of Object.entries(kinds)) {
    const body = { kind, category, title: `${kind} 事项`, division_code: VILLAGE };
    if (kind === 'enterprise_service' || kind === 'project_agency') body.requester_enterprise_id = ids.entA;
    let t = await submit(admin, body);
    const steps = [['dispatch', { assignee_org_id: ids.fg }], ['accept', {}], ['resolve', { resolution: '办结' }], ['rate', { rating: 'satisfied' }]];
    for (const [a, b] of steps) {
      for (const x of all) {
        if (legal[t.status].includes(x)) continue;
        const r = await admin.post(`/api/v1/tickets/${t.id}/actions/${x}`, { version: t.version, reason: 'x', days: 1, resolution: 'x', rating: 'satisfied', public_summary: 'x', claimed_by_org_id: ids.branch });
        assert.equal(r.status, 409, `${kind}: ${x} from ${t.status}: ${JSON.stringify(r.body)}`);
      }
      t = await act(admin, t, a, b);
    }
    assert.equal(t.status, 'closed', kind);
    const pub = await admin.post(`/api/v1/tickets/${t.id}/actions/publish`, { version: t.version, public_summary: '晒单' });
    assert.equal(pub.status, kind.startsWith('resident_') ? 200 : 409, `${kind} publish`);
  }
  assertError(await admin.post('/api/v1/tickets/1/actions/nosuch', { version: 1 }), 404, 'not_found');
  assertError(await admin.post('/api/v1/tickets/1/actions/submit', { version: 1 }), 404, 'not_found');
  assertError(await admin.del('/api/v1/tickets/1?version=1'), 403, 'forbidden');
});
