// 07 validation: bad input is 422 validation with `fields` naming each field
// at fault (its Chinese label in the message), and changes nothing; enum
// values and labels on import; short division codes wherever a code is taken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError, idNumber, creditCode, createUser } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const totals = async () => {
  const out = {};
  for (const r of ['persons', 'enterprises', 'orgs', 'users']) out[r] = (await admin.get(`/api/v1/${r}?limit=1`)).body.total;
  return out;
};
const auditTop = async () => (await admin.get('/api/v1/audit?limit=1')).body.items[0].id;

const ID_F = idNumber('110105', '19491231', '002'); // 11010519491231002X, female
const ID_M = idNumber('522726', '19900101', '123');
const base = { name: '测试人', division_code: '522726111200' };

// [label, resource, body, field, words the message must contain]
const cases = [
  ['bad ID check digit', 'persons', { ...base, id_number: '110105194912310021' }, 'id_number', ['身份证号']],
  ['ID number too short', 'persons', { ...base, id_number: '52272619900101' }, 'id_number', ['身份证号']],
  ['ID number with an impossible date', 'persons', { ...base, id_number: idNumber('522726', '19900230', '123') }, 'id_number', ['身份证号']],
  ['birth date disagrees with the ID number', 'persons', { ...base, id_number: ID_F, birth_date: '1950-01-01' }, 'birth_date', ['出生日期']],
  ['gender disagrees with the ID number', 'persons', { ...base, id_number: ID_F, gender: 'male' }, 'gender', ['性别']],
  ['bad mobile phone', 'persons', { ...base, phone: '1391234567' }, 'phone', ['联系电话']],
  ['phone with letters', 'persons', { ...base, phone: '139abcd5678' }, 'phone', ['联系电话']],
  ['bad credit code check', 'enterprises', { name: '某企业', division_code: '522726111200', credit_code: '91522726MA6DJ12340' }, 'credit_code', ['统一社会信用代码']],
  ['credit code too short', 'enterprises', { name: '某企业', division_code: '522726111200', credit_code: '91522726' }, 'credit_code', ['统一社会信用代码']],
  ['bad enum', 'persons', { ...base, gender: 'unknown' }, 'gender', ['性别']],
  ['bad enum (education)', 'persons', { ...base, education: 'kindergarten' }, 'education', ['学历']],
  ['bad date', 'persons', { ...base, birth_date: '1990-02-30' }, 'birth_date', ['出生日期']],
  ['date in another format', 'orgs', { name: '支部', kind: 'branch', division_code: '522726111200', established_on: '01/07/2001' }, 'established_on', ['成立日期']],
  ['unknown field', 'persons', { ...base, shoe_size: 42 }, 'shoe_size', []],
  ['missing required name', 'persons', { division_code: '522726111200' }, 'name', ['姓名']],
  ['missing required division', 'persons', { name: '无地区' }, 'division_code', ['所在地区']],
  ['blank required name', 'persons', { ...base, name: '   ' }, 'name', ['姓名']],
  ['too-long name (51 characters)', 'persons', { ...base, name: '王'.repeat(51) }, 'name', ['姓名']],
  ['too-long text (4001 characters)', 'persons', { ...base, notes: '备'.repeat(4001) }, 'notes', ['备注']],
  ['newline in a one-line field', 'persons', { ...base, name: '王\n明' }, 'name', ['姓名']],
  ['not an integer', 'enterprises', { name: '某企业', division_code: '522726111200', employees: '很多' }, 'employees', ['职工人数']],
  ['a ref that is not an id', 'enterprises', { name: '某企业', division_code: '522726111200', party_org_id: '支部' }, 'party_org_id', ['党组织']],
  ['a ref to nothing', 'enterprises', { name: '某企业', division_code: '522726111200', party_org_id: 99999 }, 'party_org_id', ['党组织']],
  ['a division that does not exist', 'persons', { ...base, division_code: '522726111999' }, 'division_code', ['所在地区']],
  ['a division code of the wrong length', 'persons', { ...base, division_code: '5227261112' }, 'division_code', ['所在地区']],
  ['not a bool', 'enterprises', { name: '某企业', division_code: '522726111200', has_union: 'maybe' }, 'has_union', ['工会']],
  ['an object for a string', 'persons', { ...base, address: { a: 1 } }, 'address', ['住址']],
];

for (const [label, res, body, field, words] of cases) {
  test(`422 for ${label}`, async () => {
    const before = await totals();
    const top = await auditTop();
    const r = await admin.post(`/api/v1/${res}`, body);
    const e = assertError(r, 422, 'validation');
    assert.ok(e.fields && typeof e.fields === 'object', 'fields present');
    assert.equal(typeof e.fields[field], 'string', `fields.${field} in ${JSON.stringify(e.fields)}`);
    assert.match(e.fields[field], /[\u4e00-\u9fff]/, 'a Chinese reason');
    for (const w of words) assert.ok(e.fields[field].includes(w), `“${e.fields[field]}” names ${w}`);
    assert.deepEqual(await totals(), before, 'nothing was created');
    assert.equal(await auditTop(), top, 'no audit row for a refused request');
  });
}

test('several faults are reported together, each under its field', async () => {
  const r = await admin.post('/api/v1/persons', { name: '', id_number: '110105194912310021', phone: '12', gender: 'x', division_code: '522726111200' });
  const e = assertError(r, 422, 'validation');
  for (const f of ['name', 'id_number', 'phone', 'gender']) assert.ok(e.fields[f], `fields.${f}`);
});

test('birth date and gender are derived from the ID number when omitted', async () => {
  const r = await admin.post('/api/v1/persons', { ...base, id_number: ID_M });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.birth_date, '1990-01-01');
  assert.equal(r.body.gender, 'male');
  const ok = await admin.post('/api/v1/persons', { ...base, id_number: ID_F, birth_date: '1949-12-31', gender: 'female' });
  assert.equal(ok.status, 201);
  // a lower-case x is accepted and stored upper-case
  const lx = await admin.post('/api/v1/persons', { ...base, id_number: '52272619851010104x' });
  assert.equal(lx.status, 201, JSON.stringify(lx.body));
  assert.equal(lx.body.id_number, '5227*************X');
  assert.equal(lx.body.gender, 'female');
});

test('an invalid PATCH changes nothing, not even the version', async () => {
  const p = (await admin.post('/api/v1/persons', { ...base, name: '改不了', phone: '13912345678' })).body;
  for (const bad of [{ phone: '123' }, { gender: 'x' }, { name: null }, { name: '好名字', birth_date: 'soon' }, { division_code: '999999999999' }]) {
    const r = await admin.patch(`/api/v1/persons/${p.id}`, { version: p.version, ...bad });
    assertError(r, 422, 'validation');
  }
  const now = (await admin.get(`/api/v1/persons/${p.id}`)).body;
  assert.deepEqual(now, p);
});

test('PATCH re-checks agreement with the ID number', async () => {
  const p = (await admin.post('/api/v1/persons', { ...base, id_number: idNumber('522726', '19900101', '135') })).body;
  const r = await admin.patch(`/api/v1/persons/${p.id}`, { version: p.version, gender: 'female' });
  assert.ok(assertError(r, 422, 'validation').fields.gender);
  const r2 = await admin.patch(`/api/v1/persons/${p.id}`, { version: p.version, birth_date: '1990-01-02' });
  assert.ok(assertError(r2, 422, 'validation').fields.birth_date);
  assert.equal((await admin.get(`/api/v1/persons/${p.id}`)).body.version, p.version);
});

test('valid values of every checked type are accepted and normalised', async () => {
  const e = await admin.post('/api/v1/enterprises', {
    name: '规范企业', division_code: '522726111200', credit_code: creditCode('91522726MA6DJ1234').toLowerCase(),
    employees: '12', has_union: 'true', ownership: 'private',
  });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  assert.equal(e.body.credit_code, creditCode('91522726MA6DJ1234'));
  assert.equal(e.body.employees, 12);
  assert.equal(e.body.has_union, true);
  const p = await admin.post('/api/v1/persons', { ...base, name: '  前后空格  ', phone: '139 1234 5678' });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.name, '前后空格');
  assert.equal(p.body.phone, '139****5678');
  const fifty = await admin.post('/api/v1/persons', { ...base, name: '王'.repeat(50) });
  assert.equal(fifty.status, 201, '50 characters is the limit, counted in characters');
});

test('division short forms are accepted wherever a code is taken', async () => {
  const p = await admin.post('/api/v1/persons', { name: '镇上人', division_code: '522726111' });
  assert.equal(p.status, 201);
  assert.equal(p.body.division_code, '522726111000');
  assert.equal(p.body.division_code_label, '下司镇');
  const county = await admin.post('/api/v1/persons', { name: '县里人', division_code: '522726' });
  assert.equal(county.body.division_code, '522726000000');
  const patched = await admin.patch(`/api/v1/persons/${p.body.id}`, { version: 1, division_code: '522726111200' });
  assert.equal(patched.body.division_code, '522726111200');
  // filters
  const byShort = await admin.get('/api/v1/persons?division=522726111&limit=500');
  const byLong = await admin.get('/api/v1/persons?division=522726111000&limit=500');
  assert.deepEqual(byShort.body.items.map((i) => i.id), byLong.body.items.map((i) => i.id));
  assert.ok(byShort.body.items.some((i) => i.id === p.body.id));
  assert.equal(byShort.body.items.some((i) => i.id === county.body.id), false, 'the county row is above the town');
  const eqShort = await admin.get('/api/v1/persons?division_code=522726&limit=500');
  assert.deepEqual(eqShort.body.items.map((i) => i.id), [county.body.id]);
  // user scopes and stats
  const u = await createUser(admin, 'shortscope', 'town', '522726111');
  assert.equal(u.scope_division, '522726111000');
  const s = await admin.get('/api/v1/stats/counts_by_division?division=522726111');
  assert.equal(s.status, 200);
  assert.equal(s.body.division, '522726111000');
  // import
  const imp = await admin.post('/api/v1/persons/import?format=csv', '姓名,所在地区\n导入人,522726111\n');
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  const got = await admin.get(`/api/v1/persons?q=${encodeURIComponent('导入人')}`);
  assert.equal(got.body.items[0].division_code, '522726111000');
  // bad codes in filters are 400
  assertError(await admin.get('/api/v1/persons?division=52272'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?division=abc'), 400, 'bad_request');
});

test('enum cells are accepted by value and by label on import', async () => {
  const csv = '姓名,性别,学历,政治面貌,所在地区\n甲,男,本科,中共党员,522726111200\n乙,female,master,league,522726111200\n';
  const r = await admin.post('/api/v1/persons/import?format=csv', csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 2);
  const a = (await admin.get(`/api/v1/persons?q=${encodeURIComponent('甲')}&division_code=522726111200`)).body.items.find((i) => i.name === '甲');
  assert.deepEqual([a.gender, a.education, a.political_status], ['male', 'bachelor', 'member']);
  const b = (await admin.get(`/api/v1/persons?q=${encodeURIComponent('乙')}`)).body.items.find((i) => i.name === '乙');
  assert.deepEqual([b.gender, b.education, b.political_status], ['female', 'master', 'league']);
  // 男性 is a synonym of 男 now; a value that is none of them is still refused
  const bad = await admin.post('/api/v1/persons/import?format=csv', '姓名,性别,所在地区\n丙,不详,522726111200\n');
  const e = assertError(bad, 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'gender']]);
  assert.match(e.rows[0].message, /性别/);
});
