// Test harness for the API tests: starts a real `jiceng serve` on a loopback
// port with a fresh database (SQLite file, or a new PostgreSQL database on the
// cluster that scripts/with-pg.sh started) and talks HTTP to it.
//
//   const srv = await startServer();                 // backend from JICENG_TEST_BACKEND
//   const admin = await srv.login('admin', 'admin-pass-123');
//   const r = await admin.post('/api/v1/persons', { name: '张三' });  // {status, headers, body}
//   await srv.stop();
//
// Node 20 built-ins only (node:test, fetch); no npm packages.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.resolve(ROOT, process.env.JICENG_BIN || 'build/asan/jiceng');
export const BACKEND = process.env.JICENG_TEST_BACKEND || 'sqlite';
export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'admin-pass-123';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 90_000; // the server finishes in-flight requests first (up to 80 s)
const CLI_TIMEOUT_MS = 300_000; // the whole demo on PostgreSQL under the sanitizers takes minutes
const LOG_TAIL_BYTES = 64 * 1024;

// Environment for every jiceng process: a cheap password hash so that tests
// do not spend seconds in Argon2, and no key from the caller's shell.
function childEnv(extra = {}) {
  const env = { ...process.env, JICENG_FAST_PWHASH: '1', ...extra };
  delete env.JICENG_KEY;
  if (!env.UBSAN_OPTIONS) env.UBSAN_OPTIONS = 'print_stacktrace=1';
  return env;
}

// Servers started by this test file: all of them (for their logs) and those
// not yet stopped, for the exit handler below.
const allServers = [];
const live = new Set();

// When a test in this file failed (the runner sets process.exitCode), show
// what each server logged; and never leave a server or temp dir behind.
process.on('exit', () => {
  for (const s of live) s.cleanupSync();
  if (process.exitCode) {
    for (const s of allServers) {
      if (s.logText) process.stderr.write(`--- server log (${s.backend}, ${s.url}) ---\n${s.logText}\n`);
    }
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tailOf(file) {
  try {
    const buf = fs.readFileSync(file);
    return buf.subarray(Math.max(0, buf.length - LOG_TAIL_BYTES)).toString('utf8');
  } catch {
    return '';
  }
}

/**
 * Runs a program; resolves to {code, signal, stdout, stderr} (strings, or
 * Buffers with binary: true). `input` is written to its stdin.
 */
export function run(cmd, args, { input, env, binary = false, timeout = CLI_TIMEOUT_MS, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env || childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      const stderr = Buffer.concat(err);
      resolve({
        code,
        signal,
        stdout: binary ? stdout : stdout.toString('utf8'),
        stderr: binary ? stderr : stderr.toString('utf8'),
      });
    });
    child.stdin.on('error', () => {}); // the program may exit without reading
    child.stdin.end(input ?? '');
  });
}

function describe(r) {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

// ---- PostgreSQL: one database per server on the with-pg.sh cluster ----

function pgUrls() {
  const admin = process.env.JICENG_TEST_PG_ADMIN_URL;
  if (!admin) {
    throw new Error('JICENG_TEST_PG_ADMIN_URL is not set: run the PostgreSQL tests through scripts/with-pg.sh (make api-pg)');
  }
  const app = new URL(process.env.JICENG_TEST_PG_URL || admin);
  if (!process.env.JICENG_TEST_PG_URL) {
    app.username = 'app';
    app.password = 'app';
  }
  return { admin, app };
}

function adminUrlFor(db) {
  const u = new URL(pgUrls().admin);
  u.pathname = `/${db}`;
  return u.toString();
}

async function psqlAdmin(url, sql) {
  const r = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
    env: { ...process.env },
  });
  if (r.code !== 0) throw new Error(`psql: ${sql}\n${describe(r)}`);
}

async function createPgDatabase() {
  const { app } = pgUrls();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await psqlAdmin(adminUrlFor('postgres'), `CREATE DATABASE ${name} OWNER ${app.username}`);
  await psqlAdmin(adminUrlFor(name), 'CREATE EXTENSION IF NOT EXISTS pg_trgm');
  const u = new URL(app.toString());
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}

async function dropPgDatabase(name) {
  await psqlAdmin(adminUrlFor('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// ---- HTTP client ----

function parseSetCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const v = headers.get('set-cookie');
  return v ? v.split(/,(?=\s*[A-Za-z0-9_-]+=)/) : [];
}

/**
 * A client bound to one server. It keeps the session cookie (jiceng_session),
 * sends X-CSRF-Token on mutating requests once it has one and, as a browser
 * does, the server's Origin on mutating requests that carry a cookie, JSON-encodes plain
 * object bodies, and answers {status, headers, body} with the body parsed as
 * JSON when the content type says JSON (null when empty), else a Buffer.
 * `token` makes it send Authorization: Bearer instead.
 */
export class Client {
  constructor(baseUrl, { token, localAddress } = {}) {
    this.baseUrl = baseUrl;
    this.token = token || null;
    // A loopback source address other than 127.0.0.1 (e.g. 127.0.0.7) makes
    // the client look like another machine to the server's per-address limits.
    this.localAddress = localAddress || null;
    this.cookies = new Map();
    this.csrf = null;
    this.user = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async raw(method, p, { headers = {}, body } = {}) {
    const h = { ...headers };
    const m = method.toUpperCase();
    if (this.cookies.size && !hasHeader(h, 'cookie')) h.Cookie = this.cookieHeader();
    if (this.token && !hasHeader(h, 'authorization')) h.Authorization = `Bearer ${this.token}`;
    if (this.csrf && !['GET', 'HEAD', 'OPTIONS'].includes(m) && !hasHeader(h, 'x-csrf-token')) {
      h['X-CSRF-Token'] = this.csrf;
    }
    // a browser names the page's origin on every cross-method request
    if (hasHeader(h, 'cookie') && !['GET', 'HEAD', 'OPTIONS'].includes(m) && !hasHeader(h, 'origin')) {
      h.Origin = new URL(this.baseUrl).origin;
    }
    // a header given as undefined is left out (a test sending without it)
    for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
    let payload = body;
    if (body !== undefined && body !== null && !(typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer)) {
      payload = JSON.stringify(body);
      if (!hasHeader(h, 'content-type')) h['Content-Type'] = 'application/json';
    }
    const url = /^https?:/.test(p) ? p : this.baseUrl + p;
    const res = this.localAddress
      ? await httpFetch(url, { method: m, headers: h, body: payload, localAddress: this.localAddress })
      : await fetch(url, { method: m, headers: h, body: payload ?? undefined, redirect: 'manual' });
    for (const c of parseSetCookies(res.headers)) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) ||
        attrs.some((a) => /^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') || '';
    let parsed = buf;
    if (/[/+]json\b/i.test(type)) {
      const text = buf.toString('utf8');
      try {
        parsed = text.length ? JSON.parse(text) : null;
      } catch (e) {
        throw new Error(`${m} ${p}: ${res.status} with invalid JSON (${e.message}): ${text.slice(0, 500)}`);
      }
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(p, opts) { return this.raw('GET', p, opts); }
  post(p, body, opts = {}) { return this.raw('POST', p, { ...opts, body }); }
  patch(p, body, opts = {}) { return this.raw('PATCH', p, { ...opts, body }); }
  put(p, body, opts = {}) { return this.raw('PUT', p, { ...opts, body }); }
  del(p, opts) { return this.raw('DELETE', p, opts); }

  /** POST /api/v1/session ({totp} among `extra` for a second factor); on
   * success keeps the cookie and the CSRF token. */
  async login(username, password, extra = {}) {
    const r = await this.post('/api/v1/session', { username, password, ...extra });
    if (r.status === 200 && r.body && typeof r.body === 'object') {
      this.csrf = r.body.csrf ?? null;
      this.user = r.body.user ?? null;
    }
    return r;
  }
}

// fetch() cannot choose the source address: a minimal stand-in on node:http
// that answers the parts of a Response the Client reads.
function httpFetch(url, { method, headers, body, localAddress }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: h, arrayBuffer: async () => buf });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body === undefined || body === null ? undefined : Buffer.from(body));
  });
}

function hasHeader(h, name) {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

// ---- the server ----

/**
 * Starts `jiceng serve` with a fresh, initialised database and an admin user
 * (admin / admin-pass-123). Options: backend ('sqlite' | 'postgresql', default
 * JICENG_TEST_BACKEND or sqlite), env (extra environment for the server),
 * args (extra arguments for serve), prepare (an async function given
 * {backend, script(sql)} that writes the empty database with sqlite3 / psql
 * before `jiceng init` runs on it: a database left by an older version).
 * Answers {url, backend, db, dir, keyFile, stop(), cli(), client(), login()}.
 */
export async function startServer({ backend = BACKEND, env: extraEnv = {}, args: extraArgs = [], prepare } = {}) {
  if (backend !== 'sqlite' && backend !== 'postgresql') {
    throw new Error(`unknown backend ${backend} (sqlite or postgresql)`);
  }
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: build it first (make build/asan/jiceng)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-api-'));
  const keyFile = path.join(dir, 'key');
  const logFile = path.join(dir, 'server.log');
  const s = {
    backend,
    dir,
    keyFile,
    logFile,
    db: null,
    pgName: null,
    url: null,
    child: null,
    exited: null, // {code, signal} once the server process has ended
    logText: '',
    stopped: false,
  };
  live.add(s);
  allServers.push(s);

  s.cleanupSync = () => {
    if (s.child && !s.exited) {
      try { s.child.kill('SIGKILL'); } catch { /* gone */ }
    }
    if (!s.logText) s.logText = tailOf(logFile);
    if (s.pgName) {
      spawnSync('psql', ['-X', '-q', '-d', adminUrlFor('postgres'), '-c', `DROP DATABASE IF EXISTS ${s.pgName} WITH (FORCE)`]);
      s.pgName = null;
    }
    if (!process.env.JICENG_TEST_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    live.delete(s);
  };

  try {
    if (backend === 'sqlite') {
      s.db = `sqlite:${path.join(dir, 'test.db')}`;
    } else {
      const pg = await createPgDatabase();
      s.pgName = pg.name;
      s.db = pg.url;
    }

    s.cli = async (args, { input, env, binary } = {}) =>
      run(BIN, [...args, '--db', s.db, '--key-file', keyFile], { input, binary, env: childEnv(env) });

    if (prepare) await prepare({ backend, script: (sql) => scriptSql(s, sql) });
    const init = await run(BIN, ['init', '--db', s.db, '--key-file', keyFile]);
    if (init.code !== 0) throw new Error(`jiceng init failed: ${describe(init)}`);
    const add = await s.cli(['user', 'add', ADMIN_USER, '--role', 'admin'], { input: `${ADMIN_PASSWORD}\n` });
    if (add.code !== 0) throw new Error(`jiceng user add failed: ${describe(add)}`);

    // The port may be taken between finding it and binding it: try a few.
    let lastError;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        await launch(s, port, extraEnv, extraArgs);
        lastError = null;
        break;
      } catch (e) {
        lastError = e;
        if (!/in use|EADDRINUSE|bind/i.test(s.logText)) break;
      }
    }
    if (lastError) throw lastError;
  } catch (e) {
    s.cleanupSync();
    throw e;
  }

  const api = {
    url: s.url,
    backend,
    db: s.db,
    dir,
    keyFile,
    logFile,
    /** The server process's id (for the load suite's memory readings). */
    pid: () => s.child?.pid,
    /** The server's output so far. */
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : s.logText),
    /** Runs `jiceng ARGS --db URL --key-file KEY` → {code, stdout, stderr}. */
    cli: s.cli,
    /** A client with no session (or with an API token: client({token})). */
    client: (opts) => new Client(s.url, opts),
    /** A client logged in as username; throws if the login is refused. */
    login: async (username = ADMIN_USER, password = ADMIN_PASSWORD) => {
      const c = new Client(s.url);
      const r = await c.login(username, password);
      if (r.status !== 200) {
        throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      }
      return c;
    },
    /** SIGTERM, wait ({timeoutMs}), drop the database. Throws if the server did not exit cleanly. */
    stop: (opts) => stop(s, opts),
    /**
     * Starts another `jiceng serve` on the same database and key file (a second
     * node of a deployment). Answers {url, client(), login(), log(), stop()};
     * stop it before the first server.
     */
    another: (opts) => startNode(s, opts),
    /** Runs SQL straight against the database (sqlite3 / psql): rows as lines, cells split by '|'. */
    sql: (query) => rawSql(s, query),
    /** kill -9 the server (a crash) and wait until it is gone. */
    crash: async () => {
      if (s.child && !s.exited) {
        s.child.kill('SIGKILL');
        await s.exitPromise;
      }
    },
    /** Starts the server again on the same database after crash() (with `env`
     * instead of startServer's extra environment, if given); answers its new URL. */
    relaunch: async ({ env } = {}) => {
      await launch(s, await freePort(), env || extraEnv, extraArgs);
      api.url = s.url;
      return s.url;
    },
  };
  return api;
}

async function startNode(parent, { env: extraEnv = {}, args: extraArgs = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-node-'));
  const n = {
    backend: parent.backend, dir, keyFile: parent.keyFile, logFile: path.join(dir, 'server.log'),
    db: parent.db, pgName: null, url: null, child: null, exited: null, logText: '', stopped: false,
  };
  n.cleanupSync = () => {
    if (n.child && !n.exited) {
      try { n.child.kill('SIGKILL'); } catch { /* gone */ }
    }
    if (!n.logText) n.logText = tailOf(n.logFile);
    if (!process.env.JICENG_TEST_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    live.delete(n);
  };
  live.add(n);
  allServers.push(n);
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await launch(n, await freePort(), extraEnv, extraArgs);
      lastError = null;
      break;
    } catch (e) {
      lastError = e;
      if (!/in use|EADDRINUSE|bind/i.test(n.logText)) break;
    }
  }
  if (lastError) {
    n.cleanupSync();
    throw lastError;
  }
  return {
    url: n.url,
    log: () => (fs.existsSync(n.logFile) ? fs.readFileSync(n.logFile, 'utf8') : n.logText),
    client: (opts) => new Client(n.url, opts),
    login: async (username = ADMIN_USER, password = ADMIN_PASSWORD) => {
      const c = new Client(n.url);
      const r = await c.login(username, password);
      if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    stop: () => stop(n),
  };
}

async function rawSql(s, query) {
  let r;
  if (s.backend === 'sqlite') {
    r = await run('sqlite3', ['-batch', '-noheader', '-cmd', '.timeout 5000', s.db.slice('sqlite:'.length), query], {
      env: { ...process.env },
    });
  } else {
    r = await run('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', adminUrlFor(s.pgName), '-c', query], {
      env: { ...process.env },
    });
  }
  if (r.code !== 0) throw new Error(`sql: ${query}\n${describe(r)}`);
  return r.stdout;
}

// A whole script (many statements, any length) through sqlite3 / psql's standard input.
async function scriptSql(s, sql) {
  const r = s.backend === 'sqlite'
    ? await run('sqlite3', ['-batch', '-bail', s.db.slice('sqlite:'.length)], { input: sql, env: { ...process.env } })
    : await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-d', s.db], { input: sql, env: { ...process.env } });
  if (r.code !== 0) throw new Error(`sql script:\n${describe(r)}`);
  return r.stdout;
}

/**
 * A new, empty database on the backend (nothing migrated, no key file yet):
 * {db, keyFile, dir, cli(args, opts), sql(query), drop()}.
 */
export async function emptyDatabase(backend = BACKEND) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-empty-'));
  const e = { backend, dir, keyFile: path.join(dir, 'key'), db: null, pgName: null };
  if (backend === 'sqlite') {
    e.db = `sqlite:${path.join(dir, 'empty.db')}`;
  } else {
    const pg = await createPgDatabase();
    e.pgName = pg.name;
    e.db = pg.url;
  }
  const cleanup = { cleanupSync: () => {
    if (e.pgName) spawnSync('psql', ['-X', '-q', '-d', adminUrlFor('postgres'), '-c', `DROP DATABASE IF EXISTS ${e.pgName} WITH (FORCE)`]);
    e.pgName = null;
    fs.rmSync(dir, { recursive: true, force: true });
    live.delete(cleanup);
  } };
  live.add(cleanup);
  return {
    db: e.db,
    keyFile: e.keyFile,
    dir,
    cli: (args, { input, env } = {}) => run(BIN, [...args, '--db', e.db, '--key-file', e.keyFile], { input, env: childEnv(env) }),
    sql: (query) => rawSql(e, query),
    drop: async () => {
      if (e.pgName) await dropPgDatabase(e.pgName);
      e.pgName = null;
      cleanup.cleanupSync();
    },
  };
}

// ---- helpers for writing tests ----

/**
 * A valid 18-digit ID number (GB 11643 check digit): region (6 digits),
 * birth date (YYYYMMDD), sequence (3 digits; odd last digit = male).
 */
export function idNumber(region = '522726', birth = '19900101', seq = '123') {
  const body = `${region}${birth}${seq}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`idNumber: bad parts ${body}`);
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** The masked form of an 18-character ID number: first 4, 13 '*', the check character. */
export function maskId(id) {
  return `${id.slice(0, 4)}${'*'.repeat(13)}${id.slice(17)}`;
}

/** mulberry32: a seeded generator of numbers in [0, 1), so that a random fixture is the same
 * on every run and backend. */
export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid 统一社会信用代码 (GB 32100 check character) from its first 17 characters. */
export function creditCode(first17 = '91522726MA6DJ1234') {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((acc, c, i) => acc + chars.indexOf(c) * w[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

/** Asserts an error answer of API.md's shape: status, code, a Chinese message. */
export function assertError(r, status, code) {
  const what = `${status} ${code} expected, got ${r.status} ${JSON.stringify(r.body)}`;
  if (r.status !== status) throw new Error(what);
  if (!r.body || typeof r.body !== 'object' || !r.body.error) throw new Error(`no error object: ${what}`);
  if (r.body.error.code !== code) throw new Error(what);
  if (typeof r.body.error.message !== 'string' || !/[\u4e00-\u9fff]/.test(r.body.error.message)) {
    throw new Error(`error.message is not a Chinese sentence: ${what}`);
  }
  const extra = Object.keys(r.body.error).filter((k) => !['code', 'message', 'fields', 'rows'].includes(k));
  if (extra.length) throw new Error(`unexpected keys ${extra} in ${JSON.stringify(r.body)}`);
  return r.body.error;
}

/** Creates a user through the API as `admin` (a logged-in admin Client); answers the record. */
export async function createUser(admin, username, role, division, { pii = false, password = 'user-pass-123' } = {}) {
  const body = { username, role, password, pii_access: pii };
  if (division) body.scope_division = division;
  const r = await admin.post('/api/v1/users', body);
  if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A signed-in admin with the PII permission (created once per server): finding
 * records by a full ID number or phone needs it. */
export async function piiAdmin(srv, admin) {
  if (!srv.piiAdminMade) {
    await createUser(admin, 'pii-admin', 'admin', null, { pii: true });
    srv.piiAdminMade = true;
  }
  return srv.login('pii-admin', 'user-pass-123');
}

// The RFC 6238 code of a secret, as an authenticator app shows it (tests/totp.mjs).
export { totpCode } from '../totp.mjs';

/** UTF-8 text → GB18030 bytes, by iconv(1). */
export async function toGbk(text) {
  const r = await run('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text, binary: true, env: { ...process.env } });
  if (r.code !== 0) throw new Error(`iconv: ${r.stderr}`);
  return r.stdout;
}

/** Whether LibreOffice (soffice) is installed. */
export function haveSoffice() {
  return spawnSync('sh', ['-c', 'command -v soffice']).status === 0;
}

/**
 * Converts UTF-8 CSV files to .xlsx with LibreOffice in one call; `columnTypes`
 * is the CSV filter's column list ('1/2/3/5' = column 1 text, 3 date; '' = let
 * LibreOffice guess, which turns long numbers into floats). Answers the paths
 * of the .xlsx files, in the order given.
 */
export async function libreofficeXlsx(csvFiles, outDir, columnTypes = '') {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-soffice-'));
  try {
    const filter = `CSV:44,34,76,1,${columnTypes}`;
    const r = await run('soffice', ['--headless', `-env:UserInstallation=file://${home}/profile`,
      `--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', outDir, ...csvFiles],
    { env: { ...process.env, HOME: home }, timeout: 180_000 });
    const out = csvFiles.map((f) => path.join(outDir, path.basename(f).replace(/\.csv$/, '.xlsx')));
    const missing = out.filter((f) => !fs.existsSync(f));
    if (r.code !== 0 || missing.length) throw new Error(`soffice did not write ${missing}: ${describe(r)}`);
    return out;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Unzips one member of a zip file (bytes) by unzip(1); answers its text. */
export async function unzipMember(bytes, member) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-zip-'));
  try {
    const f = path.join(dir, 'f.zip');
    fs.writeFileSync(f, bytes);
    const r = await run('unzip', ['-p', f, member], { env: { ...process.env } });
    if (r.code !== 0) throw new Error(`unzip ${member}: ${describe(r)}`);
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function launch(s, port, extraEnv, extraArgs) {
  const fd = fs.openSync(s.logFile, 'a');
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--db', s.db, '--key-file', s.keyFile, ...extraArgs];
  s.exited = null;
  const child = spawn(BIN, args, { cwd: ROOT, env: childEnv(extraEnv), stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  s.child = child;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      s.exited = { code, signal };
      resolve(s.exited);
    });
    child.on('error', (e) => {
      s.exited = { code: -1, signal: null, error: e };
      resolve(s.exited);
    });
  });
  s.exitPromise = exited;
  s.url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (s.exited) {
      s.logText = tailOf(s.logFile);
      throw new Error(`jiceng serve exited (${JSON.stringify(s.exited)}) before answering /healthz:\n${s.logText}`);
    }
    try {
      const r = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      s.logText = tailOf(s.logFile);
      throw new Error(`jiceng serve did not answer /healthz within ${READY_TIMEOUT_MS / 1000} s:\n${s.logText}`);
    }
    await sleep(100);
  }
}

// `timeoutMs`: how long the server may take to exit after SIGTERM (it first
// finishes the requests in flight) before it is killed and the test fails.
async function stop(s, { timeoutMs = STOP_TIMEOUT_MS } = {}) {
  if (s.stopped) return;
  s.stopped = true;
  let problem = null;
  if (s.child) {
    if (!s.exited) {
      s.child.kill('SIGTERM');
      const timer = setTimeout(() => s.child.kill('SIGKILL'), timeoutMs);
      await s.exitPromise;
      clearTimeout(timer);
      if (s.exited.signal === 'SIGKILL') problem = `did not stop within ${timeoutMs / 1000} s of SIGTERM`;
    } else {
      problem = `had already exited (${JSON.stringify(s.exited)}) before stop()`;
    }
    // A clean stop is exit 0 (or death by the SIGTERM itself); anything else,
    // such as a sanitizer report at exit, fails the test.
    const { code, signal } = s.exited;
    if (!problem && !(code === 0 || signal === 'SIGTERM')) problem = `exited with ${JSON.stringify(s.exited)} after SIGTERM`;
  }
  s.logText = tailOf(s.logFile);
  if (s.pgName) {
    await dropPgDatabase(s.pgName);
    s.pgName = null;
  }
  if (!process.env.JICENG_TEST_KEEP) fs.rmSync(s.dir, { recursive: true, force: true });
  live.delete(s);
  if (problem) throw new Error(`jiceng serve ${problem}:\n${s.logText}`);
}
