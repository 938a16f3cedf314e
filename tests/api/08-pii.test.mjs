// 08 pii: ID numbers and phones are masked (5227*************X, 139****5678)
// in get, list, export and the audit trail; reveal=1 needs pii_access and is
// audited; exact search by full ID number works; ID numbers are encrypted at rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, assertError, idNumber, maskId, createUser } from './lib.mjs';

let srv;
let admin;
let plain; // a county user without pii_access
let pii; // a county user with pii_access
let person;

const ID = idNumber('522726', '19900101', '123');
const ID_MASK = maskId(ID);
const PHONE = '13987655678';
const PHONE_MASK = '139****5678';
const MASKED_ID = /^\d{4}\*{13}[\dX]$/;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'plain', 'county', '522726');
  await createUser(admin, 'pii', 'county', '522726', { pii: true });
  plain = await srv.login('plain', 'user-pass-123');
  pii = await srv.login('pii', 'user-pass-123');
  const r = await admin.post('/api/v1/persons', { name: '王明', division_code: '522726111200', id_number: ID, phone: PHONE });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  person = r.body;
});

after(async () => {
  await srv?.stop();
});

test('the create answer, get and list show masked values only', async () => {
  assert.equal(ID_MASK.length, 18);
  assert.match(person.id_number, MASKED_ID);
  assert.equal(person.id_number, ID_MASK);
  assert.equal(person.phone, PHONE_MASK);
  for (const c of [admin, plain, pii]) {
    const g = await c.get(`/api/v1/persons/${person.id}`);
    assert.equal(g.body.id_number, ID_MASK);
    assert.equal(g.body.phone, PHONE_MASK);
    const l = await c.get('/api/v1/persons');
    const item = l.body.items.find((i) => i.id === person.id);
    assert.equal(item.id_number, ID_MASK);
    assert.equal(item.phone, PHONE_MASK);
    assert.equal(JSON.stringify(l.body).includes(ID), false);
    assert.equal(JSON.stringify(l.body).includes(PHONE), false);
  }
  // a landline is masked too
  const land = await admin.post('/api/v1/persons', { name: '座机', division_code: '522726111200', phone: '0854-3612345' });
  assert.equal(land.status, 201);
  assert.notEqual(land.body.phone, '0854-3612345');
  assert.match(land.body.phone, /\*/);
  // a PATCH answer is masked
  const p = await admin.patch(`/api/v1/persons/${person.id}`, { version: person.version, notes: '核对' });
  assert.equal(p.body.id_number, ID_MASK);
  assert.equal(p.body.phone, PHONE_MASK);
  person = p.body;
});

test('exports are masked', async () => {
  for (const fmt of ['csv', 'xlsx']) {
    const r = await pii.get(`/api/v1/persons/export?format=${fmt}`);
    assert.equal(r.status, 200);
    const text = fmt === 'csv' ? r.body.toString('utf8') : await xlsxText(r.body);
    assert.ok(text.includes(ID_MASK), `${fmt} carries the masked ID`);
    assert.ok(text.includes(PHONE_MASK));
    assert.equal(text.includes(ID), false);
    assert.equal(text.includes(PHONE), false);
  }
});

async function xlsxText(bytes) {
  const { unzipMember } = await import('./lib.mjs');
  return (await unzipMember(bytes, 'xl/sharedStrings.xml')) + (await unzipMember(bytes, 'xl/worksheets/sheet1.xml'));
}

test('the audit trail holds masked values before and after', async () => {
  const a = await admin.get(`/api/v1/audit?entity=persons&entity_id=${person.id}`);
  assert.equal(a.status, 200);
  const text = JSON.stringify(a.body);
  assert.equal(text.includes(ID), false);
  assert.equal(text.includes(PHONE), false);
  const upd = a.body.items.find((i) => i.action === 'update');
  assert.equal(upd.before.id_number, ID_MASK);
  assert.equal(upd.before.phone, PHONE_MASK);
  assert.equal(upd.after.id_number, ID_MASK);
  assert.equal(upd.after.phone, PHONE_MASK);
  const crt = a.body.items.find((i) => i.action === 'create');
  assert.equal(crt.after.id_number, ID_MASK);
});

test('reveal=1 without pii_access → 403 forbidden, and no reveal audit row', async () => {
  const top = (await admin.get('/api/v1/audit?limit=1')).body.items[0].id;
  assertError(await plain.get(`/api/v1/persons/${person.id}?reveal=1`), 403, 'forbidden');
  assertError(await plain.get('/api/v1/persons?reveal=1'), 403, 'forbidden');
  assertError(await plain.get('/api/v1/persons/export?format=csv&reveal=1'), 403, 'forbidden');
  assert.equal((await admin.get('/api/v1/audit?limit=1')).body.items[0].id, top);
});

test('reveal=1 with pii_access → full values and an audit row with action reveal', async () => {
  const g = await pii.get(`/api/v1/persons/${person.id}?reveal=1`);
  assert.equal(g.status, 200);
  assert.equal(g.body.id_number, ID);
  assert.equal(g.body.phone, PHONE);
  let a = await admin.get(`/api/v1/audit?entity=persons&entity_id=${person.id}&limit=1`);
  const row = a.body.items[0];
  assert.equal(row.action, 'reveal');
  assert.equal(row.username, 'pii');
  assert.equal(row.entity, 'persons');
  assert.equal(row.entity_id, person.id);
  assert.equal(JSON.stringify(row).includes(ID), false, 'the audit row itself holds no plain value');

  const l = await pii.get('/api/v1/persons?reveal=1');
  assert.equal(l.status, 200);
  assert.equal(l.body.items.find((i) => i.id === person.id).id_number, ID);
  a = await admin.get('/api/v1/audit?entity=persons&limit=1');
  assert.equal(a.body.items[0].action, 'reveal');
  assert.equal(a.body.items[0].username, 'pii');
  assert.ok(JSON.stringify(a.body.items[0].after).includes(String(person.id)), 'the revealed ids are recorded');

  // without reveal=1 the pii user sees masks like anyone else
  assert.equal((await pii.get(`/api/v1/persons/${person.id}`)).body.id_number, ID_MASK);
  // reveal=0 is no reveal
  assert.equal((await plain.get(`/api/v1/persons/${person.id}?reveal=0`)).body.id_number, ID_MASK);
});

test('exact search by the full ID number, by id_number= and by q=: PII users only, audited', async () => {
  await admin.post('/api/v1/persons', { name: '另一人', division_code: '522726111200', id_number: idNumber('522726', '19900101', '145') });
  const audits = async () => (await admin.get('/api/v1/audit?entity=persons&limit=500')).body.items.filter((i) => i.action === 'reveal' && i.after?.query);
  const before = (await audits()).length;
  for (const q of [`id_number=${ID}`, `q=${ID}`]) {
    const r = await pii.get(`/api/v1/persons?${q}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.items.map((i) => i.id), [person.id], q);
    assert.equal(r.body.total, 1);
  }
  const rows = await audits();
  assert.equal(rows.length, before + 2, 'each search by a full number is audited');
  assert.equal(rows[0].username, 'pii');
  assert.equal(rows[0].after.query, 'id_number');
  assert.equal(JSON.stringify(rows).includes(ID), false, 'the audit names the field, never the number');
  // without the permission, an exact filter is refused: repeated over the candidates a
  // mask leaves it would confirm the number (also through counts and exports)
  for (const q of [`persons?id_number=${ID}`, `persons?q=${ID}`, `persons?phone=${PHONE}`,
    `persons/stats?group=gender&id_number=${ID}`, `persons/export?id_number=${ID}`,
    `talents?phone=${PHONE}`]) {
    assertError(await plain.get(`/api/v1/${q}`), 403, 'forbidden');
  }
  // a partial number finds nothing (no substring search over encrypted values)
  assert.equal((await plain.get(`/api/v1/persons?q=${ID.slice(0, 10)}`)).body.total, 0);
  // the masked form is not a key either
  assert.equal((await plain.get(`/api/v1/persons?q=${encodeURIComponent(ID_MASK)}`)).body.total, 0);
  // a malformed number in the field filter is 400
  assertError(await pii.get('/api/v1/persons?id_number=123'), 400, 'bad_request');
  for (const op of ['prefix', 'gte', 'lte']) {
    assertError(await plain.get(`/api/v1/persons?id_number__${op}=5227`), 400, 'bad_request');
  }
  // sorting by it is refused
  assertError(await plain.get('/api/v1/persons?sort=id_number'), 400, 'bad_request');
});

test('ID numbers are encrypted at rest: the plain number is nowhere in the database', async () => {
  const ids = [ID, idNumber('522726', '19900101', '145')];
  if (srv.backend === 'sqlite') {
    const file = srv.db.slice('sqlite:'.length);
    const dir = path.dirname(file);
    let seen = 0;
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(path.basename(file)))) {
      const bytes = fs.readFileSync(path.join(dir, f));
      seen += bytes.length;
      for (const id of ids) assert.equal(bytes.includes(Buffer.from(id)), false, `${id} in ${f}`);
    }
    assert.ok(seen > 0);
  } else {
    const dump = await srv.sql('SELECT p::text FROM persons p UNION ALL SELECT a::text FROM audit a');
    assert.ok(dump.includes('王明'), 'the dump has the rows');
    for (const id of ids) assert.equal(dump.includes(id), false, `${id} in the tables`);
  }
  const rows = await srv.sql(`SELECT id_number_enc, id_number_hash, id_number_mask FROM persons WHERE id = ${person.id}`);
  const [enc, hash, mask] = rows.trim().split('|');
  assert.equal(mask, ID_MASK);
  assert.ok(enc.length > 18 && !enc.includes(ID));
  assert.ok(hash.length >= 32 && !hash.includes(ID));
});
