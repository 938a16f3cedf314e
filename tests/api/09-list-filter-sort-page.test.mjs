// 09 list: q search (two-character Chinese names too), field filters
// (repeated = any of), __gte/__lte/__prefix, division=, sort, limit bounds,
// keyset pagination that neither repeats nor skips, bad cursors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertError } from './lib.mjs';

let srv;
let admin;
let all; // every seeded person as the API lists them

// name, gender, birth date, education, division, employer
const SEED = [
  ['王明', '男', '1985-03-01', '本科', '522726111200', '下司茶厂'],
  ['王明华', '男', '1990-07-15', '大专', '522726111200', ''],
  ['王小明', '男', '1979-12-31', '高中/中专', '522726111214', ''],
  ['李明', '女', '1980-01-01', '本科', '522726111214', '黔南茶业'],
  ['张伟', '男', '1989-12-31', '硕士研究生', '522726111215', ''],
  ['张伟', '女', '1992-02-29', '本科', '522726111215', ''],
  ['张伟', '男', '', '', '522726111216', ''],
  ['百分%号', '女', '1975-05-05', '初中', '522725002006', ''],
  ['下划_线', '男', '1975-05-06', '初中', '522725002006', ''],
];
for (let i = 0; i < 24; i++) {
  SEED.push([`村民${String(i).padStart(2, '0')}`, i % 2 ? '女' : '男', `19${60 + i}-0${1 + (i % 9)}-1${i % 10}`,
    i % 3 ? '本科' : '初中', i % 4 ? '522726111200' : '522726111217', i % 5 ? '' : '下司茶厂']);
}

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  const csv = '姓名,性别,出生日期,学历,所在地区,工作单位\n' + SEED.map((r) => r.join(',')).join('\n') + '\n';
  const r = await admin.post('/api/v1/persons/import?format=csv', csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, SEED.length);
  all = (await admin.get('/api/v1/persons?limit=500')).body.items;
  assert.equal(all.length, SEED.length);
});

after(async () => {
  await srv?.stop();
});

async function list(query) {
  const r = await admin.get(`/api/v1/persons?limit=500${query ? `&${query}` : ''}`);
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.total, r.body.items.length, `${query}: total`);
  assert.equal(r.body.next, null);
  return r.body.items;
}
const namesOf = (items) => items.map((i) => i.name).sort();
const ids = (items) => items.map((i) => i.id).sort((a, b) => a - b);
const where = (pred) => ids(all.filter(pred));
const enc = encodeURIComponent;

test('q finds two-character Chinese names and substrings, in the search fields only', async () => {
  assert.deepEqual(namesOf(await list(`q=${enc('王明')}`)), ['王明', '王明华']);
  assert.deepEqual(namesOf(await list(`q=${enc('明')}`)), ['李明', '王小明', '王明', '王明华']);
  assert.deepEqual(namesOf(await list(`q=${enc('张伟')}`)), ['张伟', '张伟', '张伟']);
  assert.deepEqual(namesOf(await list(`q=${enc('村民0')}`)).length, 10);
  // employer is a search field
  assert.deepEqual(ids(await list(`q=${enc('茶厂')}`)), where((p) => p.employer === '下司茶厂'));
  // LIKE wildcards in q are literal
  assert.deepEqual(namesOf(await list(`q=${enc('%')}`)), ['百分%号']);
  assert.deepEqual(namesOf(await list(`q=${enc('_')}`)), ['下划_线']);
  assert.deepEqual(await list(`q=${enc('赵')}`), []);
  // an empty q is no filter
  assert.equal((await list('q=')).length, SEED.length);
  // q combines with filters
  assert.deepEqual(namesOf(await list(`q=${enc('张伟')}&gender=female`)), ['张伟']);
});

test('field=v filters; a repeated field means any of', async () => {
  assert.deepEqual(ids(await list('gender=female')), where((p) => p.gender === 'female'));
  assert.deepEqual(ids(await list('education=master&education=bachelor')), where((p) => ['master', 'bachelor'].includes(p.education)));
  assert.deepEqual(ids(await list('division_code=522726111214&division_code=522726111215')),
    where((p) => ['522726111214', '522726111215'].includes(p.division_code)));
  // different fields are all required
  assert.deepEqual(ids(await list('gender=male&education=bachelor')), where((p) => p.gender === 'male' && p.education === 'bachelor'));
  // an enum filter takes the label too
  assert.deepEqual(ids(await list(`gender=${enc('女')}`)), where((p) => p.gender === 'female'));
  // id=
  assert.deepEqual(ids(await list(`id=${all[3].id}&id=${all[5].id}`)), [all[3].id, all[5].id].sort((a, b) => a - b));
});

test('__gte, __lte and __prefix', async () => {
  assert.deepEqual(ids(await list('birth_date__gte=1980-01-01&birth_date__lte=1989-12-31')),
    where((p) => p.birth_date && p.birth_date >= '1980-01-01' && p.birth_date <= '1989-12-31'));
  assert.deepEqual(ids(await list('birth_date__gte=1990-01-01')), where((p) => p.birth_date && p.birth_date >= '1990-01-01'));
  assert.deepEqual(ids(await list('birth_date__lte=1975-05-05')), where((p) => p.birth_date && p.birth_date <= '1975-05-05'));
  assert.deepEqual(ids(await list(`name__prefix=${enc('王')}`)), where((p) => p.name.startsWith('王')));
  assert.deepEqual(ids(await list(`name__prefix=${enc('王明')}`)), where((p) => p.name.startsWith('王明')));
  assert.deepEqual(ids(await list(`name__prefix=${enc('%')}`)), [], 'a literal %, not a wildcard');
  assert.deepEqual(ids(await list('id__gte=5&id__lte=9')), where((p) => p.id >= 5 && p.id <= 9));
  assertError(await admin.get('/api/v1/persons?employees__prefix=1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?id__prefix=1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/enterprises?employees__prefix=1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/enterprises?has_union__prefix=1'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?phone__prefix=139'), 400, 'bad_request');
});

test('division=CODE narrows to a subtree, short form too', async () => {
  const town = where((p) => p.division_code.startsWith('522726111'));
  assert.deepEqual(ids(await list('division=522726111')), town);
  assert.deepEqual(ids(await list('division=522726111000')), town);
  assert.deepEqual(ids(await list('division=522726')), where((p) => p.division_code.startsWith('522726')));
  assert.deepEqual(ids(await list('division=5227')), ids(all));
  assert.deepEqual(ids(await list('division=522726111200')), where((p) => p.division_code === '522726111200'));
  assert.deepEqual(ids(await list('division=522725002')), where((p) => p.division_code === '522725002006'));
  assertError(await admin.get('/api/v1/persons?division=5227261'), 400, 'bad_request');
});

test('sort=field and sort=-field order the list, ties by id', async () => {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byName = await list('sort=name');
  assert.deepEqual(byName.map((i) => i.id), [...all].sort((a, b) => cmp(a.name, b.name) || a.id - b.id).map((i) => i.id));
  const byNameDesc = await list('sort=-name');
  assert.deepEqual(byNameDesc.map((i) => i.id), [...all].sort((a, b) => cmp(b.name, a.name) || b.id - a.id).map((i) => i.id));
  const byBirth = await list('sort=birth_date');
  const bd = (p) => p.birth_date ?? '';
  assert.deepEqual(byBirth.map((i) => i.id), [...all].sort((a, b) => cmp(bd(a), bd(b)) || a.id - b.id).map((i) => i.id));
  const byIdDesc = await list('sort=-id');
  assert.deepEqual(byIdDesc.map((i) => i.id), ids(all).reverse());
  assertError(await admin.get('/api/v1/persons?sort=nosuch'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?sort=phone'), 400, 'bad_request');
});

test('limit is 1–500 (default 50); 0, 501 and non-numbers are 400', async () => {
  for (const bad of ['0', '501', '-1', 'abc', '10x', '']) {
    assertError(await admin.get(`/api/v1/persons?limit=${bad}`), 400, 'bad_request');
  }
  const one = await admin.get('/api/v1/persons?limit=1');
  assert.equal(one.body.items.length, 1);
  assert.equal(one.body.total, SEED.length);
  assert.equal(typeof one.body.next, 'string');
  const max = await admin.get('/api/v1/persons?limit=500');
  assert.equal(max.status, 200);
  const dflt = await admin.get('/api/v1/persons');
  assert.equal(dflt.body.items.length, Math.min(50, SEED.length));
});

async function walk(query, limit) {
  const seen = [];
  let cursor = null;
  let pages = 0;
  for (;;) {
    const r = await admin.get(`/api/v1/persons?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${enc(cursor)}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    pages++;
    assert.ok(r.body.items.length <= limit);
    seen.push(...r.body.items);
    if (r.body.next === null) break;
    assert.equal(r.body.items.length, limit, 'only the last page is short');
    cursor = r.body.next;
    assert.ok(pages < 100);
  }
  return { seen, pages, total: (await admin.get(`/api/v1/persons?limit=1${query ? `&${query}` : ''}`)).body.total };
}

test('keyset pagination walks every record once, for every sort', async () => {
  for (const [query, expect] of [
    ['', ids(all)],
    ['sort=name', null],
    ['sort=-name', null],
    ['sort=birth_date', null],
    ['sort=-birth_date', null],
    ['sort=-id', null],
    ['gender=male&sort=name', where((p) => p.gender === 'male')],
    [`q=${enc('村民')}&sort=-birth_date`, where((p) => p.name.startsWith('村民'))],
  ]) {
    for (const limit of [1, 4, 7]) {
      const { seen, pages, total } = await walk(query, limit);
      const got = seen.map((i) => i.id);
      assert.equal(new Set(got).size, got.length, `${query} limit ${limit}: duplicates`);
      assert.deepEqual([...got].sort((a, b) => a - b), expect ?? ids(all), `${query} limit ${limit}: gaps`);
      assert.equal(total, got.length, `${query}: total`);
      // a full last page may be followed by one empty page, never more
      assert.ok(pages === Math.ceil(got.length / limit) || (got.length % limit === 0 && pages === got.length / limit + 1), `${pages} pages`);
      // the order of the walk is the order of one big page
      const one = await list(query);
      assert.deepEqual(got, one.map((i) => i.id), `${query} limit ${limit}: order`);
    }
  }
});

test('a bad cursor, or one from another sort, is 400', async () => {
  for (const c of ['zzz', 'not-base64!!', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
    assertError(await admin.get(`/api/v1/persons?cursor=${enc(c)}`), 400, 'bad_request');
  }
  const first = await admin.get('/api/v1/persons?limit=3&sort=name');
  assertError(await admin.get(`/api/v1/persons?limit=3&sort=-name&cursor=${enc(first.body.next)}`), 400, 'bad_request');
  assertError(await admin.get(`/api/v1/persons?limit=3&cursor=${enc(first.body.next)}`), 400, 'bad_request');
});

test('unknown filter fields and operators are 400 naming the parameter', async () => {
  let e = assertError(await admin.get('/api/v1/persons?shoe_size=42'), 400, 'bad_request');
  assert.ok(e.fields.shoe_size);
  e = assertError(await admin.get('/api/v1/persons?name__like=王'), 400, 'bad_request');
  assert.ok(e.fields.name__like);
  assertError(await admin.get('/api/v1/persons?gender=robot'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?id=abc'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/persons?birth_date__gte=yesterday'), 400, 'bad_request');
});
