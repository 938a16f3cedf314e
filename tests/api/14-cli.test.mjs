// 14 cli: the same binary as a command-line tool — init (idempotent, 1,587
// divisions of 黔南州), migrate, serve refusing an unmigrated database, user
// add/passwd/lock/unlock/list, import/export, backup, --version, help, exit codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startServer, emptyDatabase, run, BIN, assertError, idNumber } from './lib.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await srv.login();
});

after(async () => {
  await srv?.stop();
});

const count = async (db, table, where = '') => Number((await db.sql(`SELECT COUNT(*) FROM ${table} ${where}`)).trim());

test('init creates, migrates and loads 1,587 divisions; run twice it changes nothing', async () => {
  const db = await emptyDatabase();
  try {
    const first = await db.cli(['init']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(await count(db, 'divisions'), 1587);
    assert.equal(await count(db, 'divisions', "WHERE code = '520000000000'"), 1, 'the province row');
    assert.equal(await count(db, 'divisions', "WHERE code = '522700000000'"), 1, 'the prefecture row');
    assert.equal(await count(db, 'divisions', 'WHERE level = 3'), 12, '12 counties');
    assert.equal(await count(db, 'divisions', 'WHERE level = 4'), 109, '109 towns');
    assert.equal(await count(db, 'divisions', 'WHERE level = 5'), 1464, '1,464 villages and communities');
    assert.equal((await db.sql("SELECT short_name FROM divisions WHERE code = '522726111200'")).trim(), '下司村');
    const key = fs.readFileSync(db.keyFile);
    const second = await db.cli(['init']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(await count(db, 'divisions'), 1587);
    assert.deepEqual(fs.readFileSync(db.keyFile), key, 'the key is not replaced');
    const mig = await db.cli(['migrate']);
    assert.equal(mig.code, 0, mig.stderr);
    assert.match(mig.stderr, /最新/);
  } finally {
    await db.drop();
  }
});

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test('serve refuses an unmigrated database with a clear message and a non-zero exit', async () => {
  const db = await emptyDatabase();
  try {
    fs.writeFileSync(db.keyFile, fs.readFileSync(srv.keyFile), { mode: 0o600 });
    const r = await db.cli(['serve', '--listen', `127.0.0.1:${await freePort()}`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /migrate|迁移|init/);
    const user = await db.cli(['user', 'list']);
    assert.notEqual(user.code, 0, 'other commands refuse it too');
  } finally {
    await db.drop();
  }
});

test('user add / list / passwd / lock / unlock', async () => {
  let r = await srv.cli(['user', 'add', 'clerk', '--role', 'village', '--division', '522726111200', '--name', '王文书', '--pii'], { input: 'clerk-pass-123\n' });
  assert.equal(r.code, 0, r.stderr);
  const c = await srv.login('clerk', 'clerk-pass-123');
  assert.equal(c.user.scope_division, '522726111200');
  assert.equal(c.user.pii_access, true);
  assert.equal(c.user.display_name, '王文书');

  r = await srv.cli(['user', 'add', 'clerk', '--role', 'village', '--division', '522726111200'], { input: 'clerk-pass-123\n' });
  assert.notEqual(r.code, 0, 'a username is unique');
  r = await srv.cli(['user', 'add', 'weak', '--role', 'county', '--division', '522726'], { input: 'short\n' });
  assert.notEqual(r.code, 0, 'the password policy applies');
  r = await srv.cli(['user', 'add', 'nodiv', '--role', 'town'], { input: 'long-enough-1\n' });
  assert.notEqual(r.code, 0, 'a town user needs a division');
  r = await srv.cli(['user', 'add', 'bad', '--role', 'emperor'], { input: 'long-enough-1\n' });
  assert.notEqual(r.code, 0);
  r = await srv.cli(['user', 'add', 'x'], { input: 'long-enough-1\n' });
  assert.equal(r.code, 2, 'usage error');

  r = await srv.cli(['user', 'list']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3, r.stdout);
  assert.match(lines.find((l) => l.includes('clerk')), /village.*522726111200.*active/);
  assert.equal(r.stdout.includes('weak') || r.stdout.includes('nodiv'), false);

  r = await srv.cli(['user', 'passwd', 'clerk'], { input: 'clerk-pass-456\n' });
  assert.equal(r.code, 0, r.stderr);
  assertError(await c.get('/api/v1/session'), 401, 'unauthenticated');
  assertError(await srv.client().login('clerk', 'clerk-pass-123'), 401, 'unauthenticated');
  await srv.login('clerk', 'clerk-pass-456');
  r = await srv.cli(['user', 'passwd', 'clerk'], { input: 'short\n' });
  assert.notEqual(r.code, 0);
  r = await srv.cli(['user', 'passwd', 'nobody'], { input: 'clerk-pass-789\n' });
  assert.notEqual(r.code, 0);

  r = await srv.cli(['user', 'lock', 'clerk']);
  assert.equal(r.code, 0, r.stderr);
  assert.match((await srv.cli(['user', 'list'])).stdout, /clerk.*locked/);
  assertError(await srv.client().login('clerk', 'clerk-pass-456'), 401, 'unauthenticated');
  r = await srv.cli(['user', 'unlock', 'clerk']);
  assert.equal(r.code, 0, r.stderr);
  await srv.login('clerk', 'clerk-pass-456');
  assert.notEqual((await srv.cli(['user', 'lock', 'nobody'])).code, 0);
  assert.equal((await srv.cli(['user', 'frobnicate'])).code, 2);
  const audit = (await admin.get('/api/v1/audit?entity=users&limit=50')).body.items.map((x) => x.action);
  assert.ok(audit.includes('action:lock') && audit.includes('action:unlock') && audit.includes('password') && audit.includes('create'));
});

test('import and export from the command line, with --dry-run', async () => {
  const dir = fs.mkdtempSync(path.join(srv.dir, 'cli-'));
  const file = path.join(dir, 'in.csv');
  fs.writeFileSync(file, `姓名,身份证号,所在地区\n命令行甲,${idNumber('522726', '19900101', '123')},522726111200\n命令行乙,,下司村\n`);
  const total = async () => (await admin.get('/api/v1/persons?limit=1')).body.total;
  const before = await total();
  let r = await srv.cli(['import', 'persons', file, '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /新增 2 条/);
  assert.equal(await total(), before);
  r = await srv.cli(['import', 'persons', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await total(), before + 2);
  fs.writeFileSync(path.join(dir, 'bad.csv'), '姓名,所在地区\n好,522726111200\n,522726111200\n');
  r = await srv.cli(['import', 'persons', path.join(dir, 'bad.csv')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /第 3 行/);
  assert.equal(await total(), before + 2);
  assert.equal((await srv.cli(['import', 'persons'])).code, 2);
  assert.notEqual((await srv.cli(['import', 'nosuch', file])).code, 0);
  assert.notEqual((await srv.cli(['import', 'persons', path.join(dir, 'missing.csv')])).code, 0);

  r = await srv.cli(['export', 'persons', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith('\uFEFFID,姓名'));
  assert.ok(r.stdout.includes('命令行甲'));
  assert.equal(r.stdout.includes(idNumber('522726', '19900101', '123')), false, 'masked by default');
  const out = path.join(dir, 'out.xlsx');
  r = await srv.cli(['export', 'persons', '--format', 'xlsx', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const back = await admin.post('/api/v1/persons/import?format=xlsx&dry_run=1', fs.readFileSync(out));
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.inserted, 0);
  assert.equal((await srv.cli(['export', 'persons', '--format', 'pdf'])).code, 2);
});

test('backup: SQLite writes a database that opens and has the rows; PostgreSQL points to pg_dump', async () => {
  await admin.post('/api/v1/persons', { name: '备份里的人', division_code: '522726111200' });
  const file = path.join(srv.dir, 'backup.db');
  const r = await srv.cli(['backup', file]);
  if (srv.backend === 'sqlite') {
    assert.equal(r.code, 0, r.stderr);
    const q = await run('sqlite3', [file, "SELECT COUNT(*) FROM persons WHERE name = '备份里的人'; SELECT COUNT(*) FROM divisions;"], { env: { ...process.env } });
    assert.equal(q.code, 0, q.stderr);
    assert.deepEqual(q.stdout.trim().split('\n'), ['1', '1587']);
  } else {
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pg_dump/);
    assert.equal(fs.existsSync(file), false);
  }
  assert.equal((await srv.cli(['backup'])).code, 2);
});

test('--version, help, unknown command', async () => {
  let r = await run(BIN, ['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^jiceng \d+\.\d+\.\d+/);
  r = await run(BIN, ['help']);
  assert.equal(r.code, 0);
  for (const c of ['init', 'migrate', 'serve', 'user', 'token', 'import', 'export', 'backup']) assert.match(r.stdout, new RegExp(`jiceng ${c}`));
  r = await run(BIN, ['--help']);
  assert.equal(r.code, 0);
  r = await run(BIN, []);
  assert.equal(r.code, 2);
  r = await run(BIN, ['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /frobnicate/);
  r = await srv.cli(['serve', '--no-such-flag']);
  assert.equal(r.code, 2);
});
