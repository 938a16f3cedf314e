// 25 phones: a phone gets the ID number's treatment — stored encrypted with the
// server key, a keyed hash for exact filters, a stored mask (139****5678) for
// users without the PII permission; the full value for PII users who ask
// (reveal=1, audited) and for the department a ticket is dispatched to (its
// requester's phone, to call back; audited); exports follow the same rule; a
// database from before (0016, plaintext phones) is sealed by the upgrade.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, createUser, assertError, idNumber, ROOT } from './lib.mjs';

const TOWN = '522726111';
const VILLAGE = '522726111200';
const PW = 'user-pass-123';
const PHONE = '13955501234';
const PHONE_MASK = '139****1234';
const TALENT_PHONE = '13955502345';
const REQ_PHONE = '13955503456';
const REQ_MASK = '139****3456';

let srv;
let admin;
let users;
let person;
let talent;
const ids = {};

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const org = await admin.post('/api/v1/orgs', { name: '县民政局', kind: 'department', division_code: '522726' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  ids.dept = org.body.id;
  ids.dept2 = (await admin.post('/api/v1/orgs', { name: '县水务局', kind: 'department', division_code: '522726' })).body.id;
  await createUser(admin, 'p_county', 'county', '522726');
  await createUser(admin, 'p_town', 'town', TOWN);
  await createUser(admin, 'p_village', 'village', VILLAGE);
  await createUser(admin, 'p_viewer', 'viewer', TOWN);
  await createUser(admin, 'p_pii', 'town', TOWN, { pii: true });
  for (const [u, org_id] of [['p_dept', ids.dept], ['p_dept2', ids.dept2]]) {
    const r = await admin.post('/api/v1/users', { username: u, role: 'department', password: PW, scope_org_id: org_id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  users = {};
  for (const u of ['p_county', 'p_town', 'p_village', 'p_viewer', 'p_pii', 'p_dept', 'p_dept2']) users[u] = await srv.login(u, PW);
  let r = await admin.post('/api/v1/persons', { name: '罗晓梅', division_code: VILLAGE, id_number: idNumber('522726', '19910304', '226'), phone: '139 5550 1234' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  person = r.body;
  r = await admin.post('/api/v1/persons', { name: '韦国强', division_code: VILLAGE, id_number: idNumber('522726', '19880512', '317'), phone: TALENT_PHONE });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  r = await admin.post('/api/v1/talents', { person_id: r.body.id, village_code: VILLAGE, source: 'veteran' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  talent = r.body;
});

after(async () => {
  await srv?.stop();
});

test('every role without the PII permission sees the mask; the number typed with spaces is one number', async () => {
  assert.equal(person.phone, PHONE_MASK, 'the create answer is masked');
  for (const [name, c] of Object.entries(users)) {
    if (name.startsWith('p_dept')) continue; // persons are not theirs to see
    const g = await c.get(`/api/v1/persons/${person.id}`);
    assert.equal(g.status, 200, name);
    assert.equal(g.body.phone, PHONE_MASK, name);
    const l = await c.get('/api/v1/talents');
    assert.equal(l.body.items.find((i) => i.id === talent.id).phone, '139****2345', `${name}: the talent's joined phone`);
    assert.equal(JSON.stringify(l.body).includes(TALENT_PHONE), false, name);
  }
});

test('reveal=1: the whole number for PII users, audited; refused without the permission', async () => {
  const g = await users.p_pii.get(`/api/v1/persons/${person.id}?reveal=1`);
  assert.equal(g.status, 200);
  assert.equal(g.body.phone, PHONE, 'stored normalised, decrypted whole');
  const a = (await admin.get(`/api/v1/audit?entity=persons&entity_id=${person.id}&limit=1`)).body.items[0];
  assert.equal(a.action, 'reveal');
  assert.equal(a.username, 'p_pii');
  const t = await users.p_pii.get('/api/v1/talents?reveal=1');
  assert.equal(t.body.items.find((i) => i.id === talent.id).phone, TALENT_PHONE, 'the joined phone too');
  assertError(await users.p_town.get(`/api/v1/persons/${person.id}?reveal=1`), 403, 'forbidden');
});

test('filter by a full phone through its hash: PII users only, any way it is typed, audited', async () => {
  const audits = async () => (await admin.get('/api/v1/audit?entity=persons&limit=200')).body.items
    .filter((i) => i.action === 'reveal' && i.after?.query === 'phone').length;
  const before = await audits();
  for (const typed of [PHONE, '139-5550-1234', '+86 139 5550 1234', '１３９５５５０１２３４']) {
    const r = await users.p_pii.get(`/api/v1/persons?phone=${encodeURIComponent(typed)}`);
    assert.equal(r.status, 200, typed);
    assert.deepEqual(r.body.items.map((i) => i.id), [person.id], typed);
  }
  assert.equal(await audits(), before + 4, 'each search by a full number is audited');
  const t = await users.p_pii.get(`/api/v1/talents?phone=${TALENT_PHONE}`);
  assert.deepEqual(t.body.items.map((i) => i.id), [talent.id], 'a joined phone is found through the person\'s hash');
  assert.equal((await users.p_pii.get('/api/v1/persons?phone=13955509999')).body.total, 0);
  assertError(await users.p_town.get(`/api/v1/persons?phone=${PHONE}`), 403, 'forbidden');
  assertError(await users.p_pii.get('/api/v1/persons?phone=139555'), 400, 'bad_request');
  assertError(await users.p_pii.get('/api/v1/persons?phone__prefix=139'), 400, 'bad_request');
  // the mask is no key, and a phone is not text to search
  assert.equal((await users.p_pii.get(`/api/v1/persons?q=${encodeURIComponent(PHONE_MASK)}`)).body.total, 0);
  // with phone__null the hash says whether there is one
  const none = await users.p_pii.get('/api/v1/persons?phone__null=1');
  assert.equal(none.body.items.some((i) => i.id === person.id), false);
});

test('exports: masked, whole only with reveal=1 for PII users', async () => {
  for (const fmt of ['csv', 'xlsx']) {
    const r = await users.p_town.get(`/api/v1/persons/export?format=${fmt}`);
    assert.equal(r.status, 200);
    const text = fmt === 'csv' ? r.body.toString('utf8') : await xlsxText(r.body);
    assert.ok(text.includes(PHONE_MASK), fmt);
    assert.equal(text.includes(PHONE), false, fmt);
  }
  const full = await users.p_pii.get('/api/v1/persons/export?format=csv&reveal=1');
  assert.equal(full.status, 200);
  assert.ok(full.body.toString('utf8').includes(PHONE));
  assertError(await users.p_town.get('/api/v1/persons/export?format=csv&reveal=1'), 403, 'forbidden');
});

async function xlsxText(bytes) {
  const { unzipMember } = await import('./lib.mjs');
  return (await unzipMember(bytes, 'xl/sharedStrings.xml')) + (await unzipMember(bytes, 'xl/worksheets/sheet1.xml'));
}

test('a ticket\'s requester phone: whole to the department handling it (audited), masked to everyone else', async () => {
  let r = await users.p_village.post('/api/v1/tickets', { kind: 'resident_request', category: 'repair', title: '村口路灯不亮', division_code: VILLAGE, requester_name: '王大妈', requester_phone: REQ_PHONE });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  let t = r.body;
  assert.equal(t.requester_phone, REQ_MASK);
  r = await users.p_town.post(`/api/v1/tickets/${t.id}/actions/dispatch`, { version: t.version, assignee_org_id: ids.dept });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  t = r.body;
  assert.equal(t.requester_phone, REQ_MASK, 'the dispatcher is not the handler');

  const g = await users.p_dept.get(`/api/v1/tickets/${t.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.requester_phone, REQ_PHONE, 'the handling department calls back');
  const a = (await admin.get(`/api/v1/audit?entity=tickets&entity_id=${t.id}&limit=1`)).body.items[0];
  assert.equal(a.action, 'reveal');
  assert.equal(a.username, 'p_dept');
  assert.deepEqual(a.after.fields, ['requester_phone']);
  assert.equal(a.after.as, 'assignee_org_id');
  assert.equal(JSON.stringify(a).includes(REQ_PHONE), false, 'the audit row holds no number');
  // a list is no call: masked, even for the handler
  const l = await users.p_dept.get('/api/v1/tickets');
  assert.equal(l.body.items.find((i) => i.id === t.id).requester_phone, REQ_MASK);
  // the town and the village see it masked; another department does not see it at all
  for (const c of [users.p_town, users.p_village, users.p_county]) {
    assert.equal((await c.get(`/api/v1/tickets/${t.id}`)).body.requester_phone, REQ_MASK);
  }
  assertError(await users.p_dept2.get(`/api/v1/tickets/${t.id}`), 404, 'not_found');
  // dispatched elsewhere, the first department no longer reads it
  r = await users.p_dept.post(`/api/v1/tickets/${t.id}/actions/return`, { version: g.body.version, reason: '不属于本部门职责' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await users.p_town.post(`/api/v1/tickets/${t.id}/actions/dispatch`, { version: r.body.version, assignee_org_id: ids.dept2 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await users.p_dept2.get(`/api/v1/tickets/${t.id}`)).body.requester_phone, REQ_PHONE);
  assertError(await users.p_dept.get(`/api/v1/tickets/${t.id}`), 404, 'not_found');
  // the PII permission still reveals it, and filters by it
  assert.equal((await users.p_pii.get(`/api/v1/tickets/${t.id}?reveal=1`)).body.requester_phone, REQ_PHONE);
  assert.deepEqual((await users.p_pii.get(`/api/v1/tickets?requester_phone=${REQ_PHONE}`)).body.items.map((i) => i.id), [t.id]);
});

test('at rest: encrypted, hashed and masked; the plain number is nowhere in the database', async () => {
  const [enc, hash, mask] = (await srv.sql(`SELECT phone_enc, phone_hash, phone_mask FROM persons WHERE id = ${person.id}`)).trim().split('|');
  assert.equal(mask, PHONE_MASK);
  assert.ok(enc.length > 20 && !enc.includes(PHONE));
  assert.match(hash, /^[0-9a-f]{64}$/);
  await assertNowhere(srv, [PHONE, TALENT_PHONE, REQ_PHONE]);
});

// The plain numbers in no file of a SQLite database (WAL included), or in no row
// of PostgreSQL's tables that hold people and their traces.
async function assertNowhere(s, phones) {
  if (s.backend === 'sqlite') {
    const file = s.db.slice('sqlite:'.length);
    const dir = path.dirname(file);
    let seen = 0;
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(path.basename(file)))) {
      const bytes = fs.readFileSync(path.join(dir, f));
      seen += bytes.length;
      for (const p of phones) assert.equal(bytes.includes(Buffer.from(p)), false, `${p} in ${f}`);
    }
    assert.ok(seen > 0);
  } else {
    const dump = await s.sql('SELECT p::text FROM persons p UNION ALL SELECT t::text FROM tickets t'
      + ' UNION ALL SELECT a::text FROM audit a UNION ALL SELECT e::text FROM events e');
    assert.ok(dump.length > 0);
    for (const p of phones) assert.equal(dump.includes(p), false, `${p} in the tables`);
  }
}

// ---- the upgrade of a database from before phones were sealed ----

const OLD_PHONE = '13955504567';
const OLD_LANDLINE = '0854-3615678';
const OLD_REQ = '13955505678';

// Migrations 0001–0016 as the older version applied them, then rows with plaintext phones.
async function writeVersion16({ backend, script }) {
  const dialect = backend === 'sqlite' ? 'sqlite' : 'pg';
  const dir = path.join(ROOT, 'sql', dialect);
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_.*\.sql$/.test(f) && Number(f.slice(0, 4)) <= 16).sort();
  assert.equal(files.length, 16);
  const now = '2026-01-05T08:00:00Z';
  let sql = 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n';
  for (const f of files) {
    sql += fs.readFileSync(path.join(dir, f), 'utf8') + '\n';
    sql += `INSERT INTO schema_migrations VALUES (${Number(f.slice(0, 4))}, '${f.replace(/\.sql$/, '')}', '${now}');\n`;
  }
  // ids as the database gives them (1, 2, 3), so that its sequences go on from there
  sql += `INSERT INTO persons (name, phone, division_code, created_at, updated_at) VALUES
    ('杨旧档', '${OLD_PHONE}', '${VILLAGE}', '${now}', '${now}'),
    ('吴座机', '${OLD_LANDLINE}', '${VILLAGE}', '${now}', '${now}'),
    ('已删除', '13955506789', '${VILLAGE}', '${now}', '${now}');
  UPDATE persons SET deleted_at = '${now}' WHERE id = 3;
  INSERT INTO tickets (kind, category, title, requester_name, requester_phone, division_code, status, submitted_at, created_at, updated_at)
    VALUES ('resident_request', 'repair', '水管破裂', '杨旧档', '${OLD_REQ}', '${VILLAGE}', 'submitted', '${now}', '${now}', '${now}');\n`;
  await script(sql);
}

test('a database at 0016 with plaintext phones is sealed by the upgrade and answers as before', async () => {
  const old = await startServer({ backend: srv.backend, prepare: writeVersion16 });
  try {
    const a = await old.login();
    const cols = old.backend === 'sqlite'
      ? await old.sql("SELECT name FROM pragma_table_info('persons') UNION ALL SELECT name FROM pragma_table_info('tickets')")
      : await old.sql("SELECT column_name FROM information_schema.columns WHERE table_name IN ('persons', 'tickets') AND table_schema = current_schema()");
    const names = cols.trim().split('\n');
    assert.equal(names.includes('phone'), false, 'the plaintext column is gone');
    assert.equal(names.includes('requester_phone'), false);
    assert.ok(names.includes('phone_enc') && names.includes('requester_phone_hash'));
    assert.equal((await old.sql("SELECT version FROM schema_migrations WHERE version = 17")).trim(), '17');
    await assertNowhere(old, [OLD_PHONE, OLD_REQ, '13955506789', '3615678']);

    assert.equal((await a.get('/api/v1/persons/1')).body.phone, '139****4567');
    assert.equal((await a.get('/api/v1/persons/2')).body.phone, '0854-*****78');
    assert.equal((await a.get('/api/v1/tickets/1')).body.requester_phone, '139****5678');
    await createUser(a, 'old_pii', 'admin', null, { pii: true });
    const p = await old.login('old_pii', PW);
    assert.equal((await p.get('/api/v1/persons/1?reveal=1')).body.phone, OLD_PHONE);
    assert.equal((await p.get('/api/v1/persons/2?reveal=1')).body.phone, OLD_LANDLINE);
    assert.equal((await p.get('/api/v1/tickets/1?reveal=1')).body.requester_phone, OLD_REQ);
    assert.deepEqual((await p.get(`/api/v1/persons?phone=${OLD_PHONE}`)).body.items.map((i) => i.id), [1]);
    assert.deepEqual((await p.get(`/api/v1/tickets?requester_phone=${OLD_REQ}`)).body.items.map((i) => i.id), [1]);
    // the deleted row was sealed too
    assert.equal((await old.sql('SELECT phone_mask FROM persons WHERE id = 3')).trim(), '139****6789');
    // a new write beside the sealed ones
    const n = await a.post('/api/v1/persons', { name: '新登记', division_code: VILLAGE, phone: '13955507890' });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    assert.equal(n.body.phone, '139****7890');
  } finally {
    await old.stop();
  }
});
