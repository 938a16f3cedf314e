// 18 events and grouped counts: every ledger answers GET /{res}/stats and
// GET /{res}/{id}/events for every role, and its counts equal what the list
// with the same filters shows that role — derived here from the lists
// themselves, on the demo data plus users of every role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

let srv;
let admin;
const clients = {}; // role name → Client

const GROUPABLE = new Set(['enum', 'bool', 'ref', 'division', 'date', 'int']);

before(async () => {
  srv = await startServer();
  const demo = await srv.cli(['demo']);
  assert.equal(demo.code, 0, demo.stderr);
  admin = await srv.login();
  const org = (await admin.get('/api/v1/orgs?q=下司镇委员会')).body.items[0];
  const dept = (await admin.get('/api/v1/orgs?q=党建办')).body.items[0];
  const ent = (await admin.get('/api/v1/enterprises?limit=1')).body.items[0];
  await createUser(admin, 'county18', 'county', '522726');
  await createUser(admin, 'town18', 'town', '522726111');
  await createUser(admin, 'village18', 'village', '522726111200');
  await createUser(admin, 'viewer18', 'viewer', '522726111');
  for (const [username, role, extra] of [
    ['org18', 'org', { scope_org_id: org.id }],
    ['dept18', 'department', { scope_org_id: dept.id }],
    ['ent18', 'enterprise', { enterprise_id: ent.id }],
  ]) {
    const r = await admin.post('/api/v1/users', { username, role, password: 'user-pass-123', ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  clients.admin = admin;
  for (const u of ['county18', 'town18', 'village18', 'viewer18', 'org18', 'dept18', 'ent18']) {
    clients[u] = await srv.login(u, 'user-pass-123');
  }
});

after(async () => {
  await srv?.stop();
});

async function total(c, res, query = '') {
  const r = await c.get(`/api/v1/${res}?limit=1${query}`);
  assert.equal(r.status, 200, `${res}${query}: ${JSON.stringify(r.body)}`);
  return r.body.total;
}

/** The list filter that selects one group's rows. */
function filterFor(field, value) {
  if (value === null) return `&${field}__null=1`;
  return `&${field}=${encodeURIComponent(value)}`;
}

test('grouped counts equal the lists, for every ledger, groupable field and role', async () => {
  const schema = (await admin.get('/api/v1/schema')).body.resources;
  let checked = 0;
  for (const res of schema) {
    const fields = res.fields.filter((f) => GROUPABLE.has(f.type) && !f.input_only);
    for (const [who, c] of Object.entries(clients)) {
      const all = await total(c, res.name);
      for (const f of fields.slice(0, 3)) {
        const r = await c.get(`/api/v1/${res.name}/stats?group=${f.name}`);
        assert.equal(r.status, 200, `${who} ${res.name} ${f.name}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.total, all, `${who} ${res.name} by ${f.name}: total equals the list's`);
        assert.equal(r.body.groups.reduce((s, g) => s + g.count, 0), all);
        for (const g of r.body.groups.slice(0, 4)) {
          assert.ok(`${f.name}_label` in g.keys, 'every key has its label');
          if (f.type === 'date' || f.type === 'datetime') continue;
          const value = g.keys[f.name] === true ? 'true' : g.keys[f.name] === false ? 'false' : g.keys[f.name];
          assert.equal(await total(c, res.name, filterFor(f.name, value)), g.count,
            `${who} ${res.name} ${f.name}=${value}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 50, `compared ${checked} groups with lists`);
});

test('roll-ups: divisions to a level, dates to a year or a month; sums', async () => {
  for (const c of [admin, clients.county18, clients.town18]) {
    const towns = await c.get('/api/v1/persons/stats?group=division_code:village');
    assert.equal(towns.status, 200);
    for (const g of towns.body.groups) {
      assert.match(g.keys.division_code, /^\d{12}$/);
      assert.equal(await total(c, 'persons', `&division=${g.keys.division_code}`), g.count);
      assert.ok(g.keys.division_code_label, 'a division is labelled by its name');
    }
    const years = await c.get('/api/v1/persons/stats?group=birth_date:year,gender');
    assert.equal(years.status, 200);
    for (const g of years.body.groups.slice(0, 5)) {
      const y = g.keys.birth_date;
      assert.match(y, /^\d{4}$/);
      assert.equal(g.keys.birth_date_label, `${y}年`);
      assert.equal(await total(c, 'persons', `&birth_date__gte=${y}-01-01&birth_date__lte=${y}-12-31&gender=${g.keys.gender}`), g.count);
    }
  }
  const sum = await admin.get('/api/v1/enterprises/stats?group=ownership&sum=employees');
  assert.equal(sum.status, 200);
  const items = (await admin.get('/api/v1/enterprises?limit=500')).body.items;
  for (const g of sum.body.groups) {
    const mine = items.filter((e) => e.ownership === g.keys.ownership);
    assert.equal(g.sum, mine.reduce((s, e) => s + (e.employees || 0), 0));
  }
  const months = await admin.get('/api/v1/talents/stats?group=recommended_on:month&status=admitted');
  assert.equal(months.status, 200);
  assert.equal(months.body.total, await total(admin, 'talents', '&status=admitted'));
  assert.match(months.body.groups[0].keys.recommended_on_label, /^\d{4}年\d{1,2}月$/);
});

test('grouping refuses what cannot be grouped, with the parameter named', async () => {
  assertError(await admin.get('/api/v1/persons/stats'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=nosuch'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=name'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=id_number'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=division_code:street'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons/stats?group=gender,education,ethnicity'), 400, 'bad_request');
  const e = assertError(await admin.get('/api/v1/persons/stats?group=gender&sum=name'), 400, 'bad_request');
  assert.ok(e.fields.sum);
  assertError(await admin.get('/api/v1/persons/stats?group=gender&gender=nobody'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/nosuch/stats?group=gender'), 404, 'not_found');
});

test('events: the history of records the caller can see, 404 for the others', async () => {
  const admitted = (await admin.get('/api/v1/talents?status=admitted&limit=500')).body.items;
  const mine = admitted.find((t) => t.village_code === '522726111200');
  const theirs = admitted.find((t) => t.village_code !== '522726111200');
  const ev = await clients.village18.get(`/api/v1/talents/${mine.id}/events`);
  assert.equal(ev.status, 200);
  assert.ok(ev.body.items.length >= 1);
  for (const e of ev.body.items) {
    for (const k of ['id', 'at', 'on', 'user_id', 'username', 'action', 'action_label', 'from', 'to', 'fields', 'comment']) {
      assert.ok(k in e, `event member ${k}`);
    }
  }
  assert.equal(ev.body.items.at(-1).to, 'admitted');
  assertError(await clients.village18.get(`/api/v1/talents/${theirs.id}/events`), 404, 'not_found');
  for (const who of ['org18', 'dept18', 'ent18']) {
    assertError(await clients[who].get(`/api/v1/talents/${mine.id}/events`), 404, 'not_found');
  }
  // a ledger without a workflow has an empty history; a missing record is 404
  const p = (await admin.get('/api/v1/persons?limit=1')).body.items[0];
  assert.deepEqual((await admin.get(`/api/v1/persons/${p.id}/events`)).body, { items: [] });
  assertError(await admin.get('/api/v1/persons/999999/events'), 404, 'not_found');
  assertError(await admin.get('/api/v1/persons/abc/events'), 404, 'not_found');
});

test('named statistics count what the caller can list, whatever the role', async () => {
  // an organisation user sees its organisation subtree, and its figures are of those rows only
  const orgs = await total(clients.org18, 'orgs');
  assert.ok(orgs >= 1);
  const persons = await total(clients.org18, 'persons');
  assert.equal(persons, 0, 'persons belong to areas, not organisations');
  const s = await clients.org18.get('/api/v1/stats/talent_structure');
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.values.admitted, await total(clients.org18, 'talents', '&status=admitted'));
  assert.equal(s.body.division, null);
  // a town user's default area is its town; its admitted count equals its list
  const t = await clients.town18.get('/api/v1/stats/talent_structure');
  assert.equal(t.body.division, '522726111000');
  const inPool = await total(clients.town18, 'talents', `&status=admitted&admitted_on__lte=${t.body.as_of}`);
  assert.equal(t.body.values.admitted, inPool);
  // an enterprise user counts its own enterprise only
  const e = await clients.ent18.get('/api/v1/stats/counts_by_division');
  assert.equal(e.status, 200);
  assert.deepEqual(e.body.values.rows, []);
});
