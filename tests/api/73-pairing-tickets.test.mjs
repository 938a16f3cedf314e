// 73 visits raise tickets: 转办工单 on a visit creates the enterprise's ticket
// (企业服务 or 项目代办) naming the visit, in the same transaction as the
// visit's count — a refused ticket leaves the visit as it was; the visit's
// history and the ticket's show it; who may raise one; and a ticket cannot
// name a visit its author cannot see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError, creditCode, idNumber } from './lib.mjs';

const TOWN = '522727108';
const XINPING = '522727108203';
const PW = 'user-pass-123';

let srv;
let admin;
const ids = {};

async function create(c, res, body) {
  const r = await c.post(`/api/v1/${res}`, body);
  assert.equal(r.status, 201, `${res}: ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  ids.ent = (await create(admin, 'enterprises', { name: '掌布菌业公司', division_code: TOWN, credit_code: creditCode('91522727MA6DJ1501') })).id;
  ids.leader = (await create(admin, 'persons', { name: '县领导', division_code: '522727', id_number: idNumber('522727', '19700101', '501') })).id;
  ids.pairing = (await create(admin, 'pairings', { kind: 'leader_enterprise', person_id: ids.leader, enterprise_id: ids.ent, level: 'county', start_on: '2024-01-01', visit_every_months: 3 })).id;
  ids.fs = (await create(admin, 'pairings', { kind: 'first_secretary', person_id: ids.leader, division_code: XINPING, start_on: '2024-01-01' })).id;
  await createUser(admin, 'k_town', 'town', TOWN);
  await createUser(admin, 'k_other', 'town', '522726111');
  await createUser(admin, 'k_viewer', 'viewer', TOWN);
  const r = await admin.post('/api/v1/users', { username: 'k_ent', role: 'enterprise', enterprise_id: ids.ent, password: PW });
  assert.equal(r.status, 201);
});

after(async () => {
  await srv?.stop();
});

test('a visit raises the enterprise’s ticket, linked back to it', async () => {
  const town = await srv.login('k_town', PW);
  const v = await create(town, 'visits', { pairing_id: ids.pairing, visited_on: '2024-05-06', problems_found: 2, summary: '企业反映流动资金紧张' });
  const r = await town.post(`/api/v1/visits/${v.id}/actions/raise_ticket`, { version: v.version, category: 'financing', title: '申请流动资金贷款协调', description: '走访中企业提出' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.tickets_raised, 1);
  assert.equal(r.body.version, v.version + 1);
  const t = (await town.get(`/api/v1/tickets?visit_id=${v.id}`)).body;
  assert.equal(t.total, 1);
  const ticket = t.items[0];
  assert.equal(ticket.kind, 'enterprise_service');
  assert.equal(ticket.category, 'financing');
  assert.equal(ticket.requester_enterprise_id, ids.ent);
  assert.equal(ticket.division_code, '522727108000');
  assert.equal(ticket.status, 'submitted');
  assert.equal(ticket.visit_id, v.id);
  assert.match(ticket.visit_id_label, /2024-05-06/);
  const full = (await town.get(`/api/v1/tickets/${ticket.id}`)).body;
  assert.equal(full.source, 'visit');
  // the enterprise sees the ticket raised for it
  const ent = await srv.login('k_ent', PW);
  assert.equal((await ent.get(`/api/v1/tickets/${ticket.id}`)).status, 200);
  // a second one, 项目代办, counts on
  const r2 = await town.post(`/api/v1/visits/${v.id}/actions/raise_ticket`, { version: r.body.version, ticket_kind: 'project_agency', category: 'approval', title: '扩建项目立项代办' });
  assert.equal(r2.status, 200, JSON.stringify(r2.body));
  assert.equal(r2.body.tickets_raised, 2);
  const both = (await town.get(`/api/v1/tickets?visit_id=${v.id}&sort=id`)).body.items;
  assert.deepEqual(both.map((x) => x.kind), ['enterprise_service', 'project_agency']);
  // the visit's history records what was raised; the ticket's its 点单
  const ev = (await town.get(`/api/v1/visits/${v.id}/events`)).body.items;
  assert.deepEqual(ev.map((e) => e.action), ['raise_ticket', 'raise_ticket']);
  assert.equal(ev[0].comment, '申请流动资金贷款协调');
  assert.equal(ev[0].fields.category, 'financing');
  const tev = (await town.get(`/api/v1/tickets/${ticket.id}/events`)).body.items;
  assert.equal(tev[0].action, 'submit');
  ids.visit = v.id;
});

test('a refused ticket leaves the visit unchanged', async () => {
  const town = await srv.login('k_town', PW);
  const before = (await town.get(`/api/v1/visits/${ids.visit}`)).body;
  const tickets = (await admin.get('/api/v1/tickets?limit=1')).body.total;
  let e = assertError(await town.post(`/api/v1/visits/${ids.visit}/actions/raise_ticket`, { version: before.version, category: 'nonsense', title: 'x' }), 422, 'validation');
  assert.ok(e.fields.category, JSON.stringify(e.fields));
  e = assertError(await town.post(`/api/v1/visits/${ids.visit}/actions/raise_ticket`, { version: before.version, title: 'x' }), 422, 'validation');
  assert.ok(e.fields.category);
  e = assertError(await town.post(`/api/v1/visits/${ids.visit}/actions/raise_ticket`, { version: before.version, ticket_kind: 'resident_wish', category: 'wish', title: 'x' }), 422, 'validation');
  assert.ok(e.fields.ticket_kind);
  assertError(await town.post(`/api/v1/visits/${ids.visit}/actions/raise_ticket`, { version: before.version - 1, category: 'financing', title: 'x' }), 409, 'conflict');
  const after = (await town.get(`/api/v1/visits/${ids.visit}`)).body;
  assert.equal(after.version, before.version);
  assert.equal(after.tickets_raised, before.tickets_raised);
  assert.equal((await admin.get('/api/v1/tickets?limit=1')).body.total, tickets);
  // a pairing without an enterprise has no one to raise a ticket for
  const v = await create(admin, 'visits', { pairing_id: ids.fs, visited_on: '2024-05-07' });
  e = assertError(await admin.post(`/api/v1/visits/${v.id}/actions/raise_ticket`, { version: v.version, category: 'financing', title: 'x' }), 422, 'validation');
  assert.match(e.fields.ticket_kind, /没有联系企业/);
});

test('who may raise: not another town, not a viewer; a ticket names only visits its author sees', async () => {
  const v = (await admin.get(`/api/v1/visits/${ids.visit}`)).body;
  const other = await srv.login('k_other', PW);
  assertError(await other.post(`/api/v1/visits/${v.id}/actions/raise_ticket`, { version: v.version, category: 'financing', title: 'x' }), 404, 'not_found');
  const viewer = await srv.login('k_viewer', PW);
  assertError(await viewer.post(`/api/v1/visits/${v.id}/actions/raise_ticket`, { version: v.version, category: 'financing', title: 'x' }), 403, 'forbidden');
  const e = assertError(await other.post('/api/v1/tickets', { kind: 'resident_request', category: 'repair', title: 'x', division_code: '522726111200', visit_id: v.id }), 422, 'validation');
  assert.ok(e.fields.visit_id);
  const schema = (await admin.get('/api/v1/schema')).body.resources.find((r) => r.name === 'visits');
  const a = schema.actions.find((x) => x.name === 'raise_ticket');
  assert.deepEqual(a.fields.map((f) => f.name), ['ticket_kind', 'category', 'title', 'description']);
});
