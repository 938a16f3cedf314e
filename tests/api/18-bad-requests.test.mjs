// 18 bad requests and slow clients: every answer the server sends, its HTTP
// library's own included, is the contract's JSON error; nothing is left
// unanswered; a request is judged on its headers before its body is read;
// connections that hold partial requests are ended by their deadlines, and a
// flood from one address leaves other addresses served. Raw sockets, so that
// the requests are exactly as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { startServer, assertError, piiAdmin } from './lib.mjs';

let srv;
let admin;
let port;

before(async () => {
  // a small per-address limit; the header deadline is tested on a server of
  // its own, since a deadline of 2 s would also end this file's kept-alive
  // connections whenever a busy machine keeps a client quiet that long
  srv = await startServer({ args: ['--max-conns-per-ip', '20'] });
  admin = await srv.login();
  port = Number(new URL(srv.url).port);
});

after(async () => {
  await srv?.stop();
});

/** Sends raw bytes, reads until the server closes or `ms` pass: {status, headers, body, text, closed}. */
function rawRequest(bytes, { ms = 5000, localAddress, to = port } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    const sock = net.connect({ host: '127.0.0.1', port: to, localAddress });
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      const text = buf.toString('latin1');
      const head = text.split('\r\n\r\n')[0];
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const bodyStart = buf.indexOf('\r\n\r\n');
      const body = bodyStart >= 0 ? buf.subarray(bodyStart + 4).toString('utf8') : '';
      resolve({ status: m ? Number(m[1]) : 0, headers, body, text, closed });
    };
    const timer = setTimeout(() => finish(false), ms);
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', () => finish(true));
    sock.on('connect', () => sock.write(bytes));
  });
}

function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}\n${r.text.slice(0, 300)}`);
  assert.match(r.headers['content-type'] ?? '', /application\/json/, `${what}: content type`);
  const body = JSON.parse(r.body);
  assert.equal(typeof body.error.code, 'string', what);
  assert.match(body.error.message, /[\u4e00-\u9fff]/, `${what}: a Chinese message`);
  return body.error;
}

const get = (target, extra = '') => `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n`;

test('about 500 query arguments → 400 JSON at once, not a hang', async () => {
  const q = Array.from({ length: 500 }, (_, i) => `a${i}=1`).join('&');
  const r = await rawRequest(get(`/api/v1/persons?${q}`));
  const e = assertJsonError(r, 400, '500 arguments');
  assert.equal(e.code, 'bad_request');
  // the same through a logged-in client
  assertError(await admin.get(`/api/v1/persons?${q}`), 400, 'bad_request');
  // and thousands of empty ones
  const many = Array.from({ length: 4000 }, () => 'a').join('&');
  assertJsonError(await rawRequest(get(`/healthz?${many}`)), 400, '4000 arguments');
});

test('?%FF=1 and other bytes that are not UTF-8 → 400 with a message', async () => {
  for (const q of ['%FF=1', 'a=%FF', 'a=%C3%28', 'a=%00']) {
    const r = await rawRequest(get(`/api/v1/persons?${q}`, `Cookie: ${admin.cookieHeader()}\r\n`));
    const e = assertJsonError(r, 400, q);
    assert.equal(e.code, 'bad_request', q);
  }
  // valid UTF-8, percent-encoded, still works
  const ok = await admin.get(`/api/v1/persons?q=${encodeURIComponent('张')}`);
  assert.equal(ok.status, 200);
});

test('an empty ID number filter is refused, not a crash (found by fuzz_query)', async () => {
  // a user with the PII permission, for whom an ID number filter is allowed at all
  const pii = await piiAdmin(srv, admin);
  for (const q of ['id_number=', 'id_number', 'id_number=&name=x']) {
    const r = await pii.get(`/api/v1/persons?${q}`);
    assert.ok(r.status === 400 || r.status === 422, `${q}: ${r.status}`);
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await srv.client().get('/healthz')).status, 200, 'the server is still up');
});

test("the HTTP library's own refusals are JSON too: 414, 431, 400, 505", async () => {
  const long = 'x'.repeat(80 * 1024);
  assertJsonError(await rawRequest(get(`/healthz?a=${long}`)), 414, 'URI too long');
  assertJsonError(await rawRequest(get('/healthz', `X-Big: ${long}\r\n`)), 431, 'header too large');
  assertJsonError(await rawRequest('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'), 400, 'malformed header');
  assertJsonError(await rawRequest('GET /healthz HTTP/2.5\r\nHost: x\r\n\r\n'), 505, 'HTTP version');
});

test('a huge Content-Length is answered at once, without waiting for the body', async () => {
  const huge = (path, extra = '') => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 99999999999\r\n${extra}\r\n`;
  // unauthenticated: 401, the body is never read
  let r = await rawRequest(huge('/api/v1/persons/import?format=csv'), { ms: 3000 });
  assertJsonError(r, 401, 'anonymous upload');
  assert.ok(r.closed, 'the connection is closed, the body not waited for');
  // authenticated, over the import limit: 413
  const auth = `Cookie: ${admin.cookieHeader()}\r\nX-CSRF-Token: ${admin.csrf}\r\nOrigin: http://x\r\n`;
  r = await rawRequest(huge('/api/v1/persons/import?format=csv', auth), { ms: 3000 });
  assertJsonError(r, 413, 'upload over the limit');
  // an unknown route with a body: 404 before the body
  r = await rawRequest(huge('/api/v1/nosuch/thing', auth), { ms: 3000 });
  assertJsonError(r, 404, 'unknown route');
  // a login body beyond what a login can be
  r = await rawRequest(huge('/api/v1/session'), { ms: 3000 });
  assertJsonError(r, 413, 'login body');
});

test('the body of a refused request is not kept: an anonymous 31 MiB upload gets 401', async () => {
  const c = srv.client();
  const r = await c.post('/api/v1/persons/import?format=csv', Buffer.alloc(31 * 1024 * 1024, 0x61), { headers: { 'Content-Type': 'text/csv' } });
  assertError(r, 401, 'unauthenticated');
  // a JSON body to a route that does not exist
  assertError(await admin.post('/api/v1/nosuch', { a: 'x'.repeat(100000) }), 404, 'not_found');
});

test('a connection that never finishes its headers is closed by the header deadline', async () => {
  const short = await startServer({ args: ['--header-timeout', '2'] });
  try {
    const started = Date.now();
    const r = await rawRequest('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a',
      { ms: 15000, to: Number(new URL(short.url).port) });
    assert.ok(r.closed, 'closed by the server');
    assert.equal(r.status, 0, 'no answer to a request that never arrived');
    assert.ok(Date.now() - started < 14000, 'well before the test gave up');
  } finally {
    await short.stop();
  }
});

test('one address holding many connections leaves other addresses served', async () => {
  const held = [];
  for (let i = 0; i < 60; i++) {
    held.push(net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.50' }, function () { this.write('GET /healthz HTTP/1.1\r\n'); }));
    held[i].on('error', () => {});
  }
  await new Promise((r) => setTimeout(r, 300));
  try {
    // beyond the per-address limit the server refuses at once
    const refused = await rawRequest(get('/healthz'), { localAddress: '127.0.0.50', ms: 3000 });
    assert.equal(refused.status, 0, 'over the limit: closed without a request being read');
    // another address gets /healthz
    const other = srv.client({ localAddress: '127.0.0.51' });
    const r = await other.get('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { ok: true, db: srv.backend });
  } finally {
    for (const s of held) s.destroy();
  }
});

test('an access log line cannot be forged by what a client sends', async () => {
  const evil = 'mallory"}\n{"level":"info","msg":"request","user":"admin';
  await srv.client().login(evil, 'wrong-pass-00');
  await srv.client().get(`/api/v1/persons?x=${encodeURIComponent('"\n{"forged":1}')}`);
  await new Promise((r) => setTimeout(r, 200));
  const log = fs.readFileSync(srv.logFile, 'utf8');
  for (const line of log.split('\n').filter(Boolean)) {
    const o = JSON.parse(line); // every line is one JSON object
    assert.equal(o.forged, undefined, line);
  }
  assert.ok(log.split('\n').some((l) => l.includes('mallory') && JSON.parse(l).user === evil), 'the name is logged, escaped');
});
