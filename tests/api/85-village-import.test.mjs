// 85 village 台账 from Excel: the collective ledger, share holdings and the
// 排队抓尾 values come in as the spreadsheets villages keep today — Chinese
// headers, enum labels, amounts in 元, divisions by name — all or nothing, with
// the rules of each ledger applied row by row; and go out again the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, assertError } from './lib.mjs';

const XINZHUANG = '522725002006';
const XINPING = '522727108203';
const PW = 'user-pass-123';

let srv;
let admin;
let village;
let town;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
  await createUser(admin, 'i_village', 'village', XINZHUANG);
  await createUser(admin, 'i_town', 'town', '522727108');
  village = await srv.login('i_village', PW);
  town = await srv.login('i_town', PW);
});

after(async () => {
  await srv?.stop();
});

const csv = (client, res, text, query = '') =>
  client.post(`/api/v1/${res}/import?format=csv${query}`, Buffer.from(`\uFEFF${text}`, 'utf8'), { headers: { 'Content-Type': 'text/csv' } });

test('the collective ledger from a spreadsheet: labels, 元 and the ledger\'s rules', async () => {
  const good = '所在村（社区）,日期,收支,类别,金额,项目,凭证号\r\n' +
    '新庄社区,2025/1/10,收入,租金收入,9000,瑜伽馆租金,记-001\r\n' +
    '522725002006,2025-02-10,收入,经营收入,25000.5,垃圾清运收益,记-002\r\n' +
    '新庄社区,2025年3月1日,支出,基础设施,20000.00,新庄组路面修复,记-003\r\n';
  let r = await csv(village, 'collective_ledger', good, '&dry_run=1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await village.get('/api/v1/collective_ledger')).body.total, 0, 'a dry run writes nothing');
  r = await csv(village, 'collective_ledger', good);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  const rows = (await village.get('/api/v1/collective_ledger?sort=entry_on')).body.items;
  assert.deepEqual(rows.map((x) => [x.entry_on, x.direction, x.category, x.amount_fen, x.status]), [
    ['2025-01-10', 'income', 'rent', 900000, 'draft'],
    ['2025-02-10', 'income', 'operations', 2500050, 'draft'],
    ['2025-03-01', 'expense', 'infrastructure', 2000000, 'draft'],
  ]);
  const events = (await village.get(`/api/v1/collective_ledger/${rows[0].id}/events`)).body.items;
  assert.deepEqual(events.map((e) => [e.action, e.on]), [['record', '2025-01-10']]);
  // a bad row spoils the sheet: nothing written, each fault at its row
  const bad = '所在村（社区）,日期,收支,类别,金额,项目\r\n' +
    '新庄社区,2025-04-01,收入,租金收入,100,四月租金\r\n' +
    '新庄社区,2025-04-02,收入,基础设施,100,错类别\r\n' +
    '新庄社区,2025-04-03,支出,环境卫生,-5,负数\r\n' +
    '新庄社区,2025-04-04,支出,环境卫生,5,联系人13912345678\r\n';
  const e = assertError(await csv(village, 'collective_ledger', bad), 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[3, 'category'], [4, 'amount_fen'], [5, 'project']]);
  assert.equal((await village.get('/api/v1/collective_ledger')).body.total, 3);
  // the export reads back as the same sheet
  const out = (await village.get('/api/v1/collective_ledger/export?format=csv&sort=entry_on')).body.toString();
  assert.match(out, /所在村（社区）,日期,收支,类别,金额/);
  assert.match(out, /2025-02-10,收入,经营收入,25000\.50,垃圾清运收益/);
});

test('share holdings and 排队抓尾 values from spreadsheets', async () => {
  const coop = await admin.post('/api/v1/coops', { division_code: XINPING, name: '新坪村股份经济合作社' });
  assert.equal(coop.status, 201);
  const shares = '合作社,持股人（户）,股数,入股方式,入股日期\r\n' +
    '新坪村股份经济合作社,韦光明户,20,资金入股,2024-03-01\r\n' +
    '新坪村股份经济合作社,韦老三户,2,脱贫户入股,2024-03-01\r\n' +
    '新坪村股份经济合作社,罗春兰户,8,土地入股,2024-03-01\r\n';
  let r = await csv(admin, 'coop_shares', shares);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  const e = assertError(await csv(admin, 'coop_shares', '合作社,持股人（户）,股数,入股方式\r\n新坪村股份经济合作社,某户,0,资金入股\r\n'), 422, 'validation');
  assert.deepEqual(e.rows.map((x) => [x.row, x.field]), [[2, 'shares']]);
  for (const year of [2025]) {
    r = await admin.post('/api/v1/village_indicators', { year, code: 'income', label: '村集体经济收入', weight: 30, direction: 'higher_better', unit: '万元' });
    assert.equal(r.status, 201);
  }
  const values = '年度,村（社区）,指标代码,数值\r\n2025,新坪村,income,19.1\r\n2025,田坝村,income,5.6\r\n2025,掌布村,income,9.40\r\n';
  r = await csv(town, 'village_scores', values);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.inserted, 3);
  const rank = await town.get('/api/v1/stats/village_ranking?year=2025');
  // every village of 掌布镇 is ranked: those without a value count 0, level with the lowest
  // value (田坝村's 5.6 normalises to 0), tied third in code order
  assert.deepEqual(rank.body.values.rows.map((x) => [x.name, x.rank]),
    [['新坪村', 1], ['掌布村', 2], ['联合村', 3], ['田坝村', 3], ['开花寨村', 3], ['卡腊村', 3]]);
  const again = assertError(await csv(town, 'village_scores', values), 422, 'validation');
  assert.equal(again.rows.length, 3);
  assert.ok(again.rows.every((x) => x.field === 'indicator_code'));
});
