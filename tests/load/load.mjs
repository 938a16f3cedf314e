// load: the availability suite (`make load`; a short version runs in
// `make test`). Starts the release server on SQLite and measures:
//  1. slow clients: N connections from one address hold partial requests;
//     /healthz from another address keeps answering (p95, RSS);
//  2. a burst of large bodies from several addresses, and anonymous 31 MiB
//     uploads: RSS before, at the peak and after they close;
//  3. a long import: how long logins and small writes wait behind it.
// Prints the figures as JSON lines and ends with `load: N passed, N failed`.
// The short run asserts behaviour only (answers arrive, memory comes back);
// the long run also checks the targets of issue 14 (p95 ≤ 200 ms,
// RSS ≤ 64 MB, a login waits ≤ 200 ms behind a 100,000-row import).
// Traffic stays on loopback addresses, bounded in count and time.
import net from 'node:net';
import fs from 'node:fs';
import { startServer } from '../api/lib.mjs';

const SHORT = process.argv.includes('--short');
const P = SHORT
  ? { slow: 300, probes: 50, burst: 100, anon: 4, rows: 5000 }
  : { slow: 1000, probes: 300, burst: 300, anon: 20, rows: 100000 };
let passed = 0;
let failed = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(what, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'FAILED'} - ${what}${detail ? ` (${detail})` : ''}`);
}

function figure(name, values) {
  console.log(JSON.stringify({ figure: name, ...values }));
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}

function pct(list, p) {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return { r, ms: performance.now() - t };
}

const srv = await startServer({ args: ['--threads', '2'] });
const port = Number(new URL(srv.url).port);
const pid = srv.pid();
const admin = await srv.login();

try {
  // ---- 1. slow clients from one address ----
  const rss0 = rssMb(pid);
  const held = [];
  for (let i = 0; i < P.slow; i++) {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
    s.on('error', () => {});
    s.open = true;
    s.on('close', () => { s.open = false; });
    held.push(s);
  }
  // trickle a byte a second so that an idle timeout alone would not end them
  const trickle = setInterval(() => { for (const s of held) if (s.open) s.write('a'); }, 1000);
  await sleep(1500);
  const probe = srv.client({ localAddress: '127.0.0.3' });
  const lat = [];
  let answered = 0;
  for (let i = 0; i < P.probes; i++) {
    const { r, ms } = await timed(() => probe.get('/healthz'));
    if (r.status === 200) answered++;
    lat.push(ms);
  }
  const openNow = held.filter((s) => s.open).length;
  const rssSlow = rssMb(pid);
  // past the header deadline (10 s) every slow connection is gone
  await sleep(SHORT ? 0 : 11000);
  const openLater = held.filter((s) => s.open).length;
  clearInterval(trickle);
  for (const s of held) s.destroy();
  figure('slow_clients', { connections_tried: P.slow, held_by_server: openNow, held_after_deadline: SHORT ? null : openLater,
    healthz_p50_ms: +pct(lat, 50).toFixed(1), healthz_p95_ms: +pct(lat, 95).toFixed(1), rss_mb_before: rss0, rss_mb_during: rssSlow });
  check('/healthz from another address answers every time under slow clients', answered === P.probes, `${answered}/${P.probes}`);
  check('one address holds no more than its limit of connections', openNow <= 64, `${openNow}`);
  if (!SHORT) {
    check('/healthz p95 ≤ 200 ms', pct(lat, 95) <= 200, `${pct(lat, 95).toFixed(1)} ms`);
    check('RSS ≤ 64 MB under the slow clients', rssSlow <= 64, `${rssSlow} MB`);
    check('the header deadline ends slow connections', openLater === 0, `${openLater} open`);
  }

  // ---- 2. a burst of large bodies ----
  const rssB0 = rssMb(pid);
  const body = JSON.stringify({ name: '大', division_code: '522726111200', notes: 'x'.repeat(1000 * 1000) });
  const burst = [];
  for (let i = 0; i < P.burst; i++) {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${10 + (i % 6)}` });
    s.on('error', () => {});
    s.on('connect', () => {
      s.write(`POST /api/v1/persons HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cookie: ${admin.cookieHeader()}\r\nX-CSRF-Token: ${admin.csrf}\r\nOrigin: http://x\r\n\r\n`);
      s.write(body.slice(0, body.length - 1)); // all but the last byte: held
    });
    burst.push(s);
  }
  const anon = [];
  for (let i = 0; i < P.anon; i++) {
    anon.push(srv.client({ localAddress: `127.0.0.${30 + i}` })
      .post('/api/v1/persons/import?format=csv', Buffer.alloc(31 * 1024 * 1024, 0x61), { headers: { 'Content-Type': 'text/csv' } })
      .then((r) => r.status, (e) => `${e.code || e.cause?.code || e.message}`));
  }
  await sleep(3000);
  const rssPeak = rssMb(pid);
  const anonStatus = await Promise.all(anon);
  for (const s of burst) s.destroy();
  await sleep(2500);
  const rssAfter = rssMb(pid);
  figure('burst', { held_bodies: P.burst, body_bytes: Buffer.byteLength(body), anonymous_31mib_uploads: P.anon,
    rss_mb_before: rssB0, rss_mb_peak: rssPeak, rss_mb_after: rssAfter });
  check('anonymous uploads are refused with 401', anonStatus.every((s) => s === 401), anonStatus.join(','));
  check('memory returns after the burst', rssAfter <= rssB0 + 16, `${rssB0} → ${rssPeak} → ${rssAfter} MB`);

  // ---- 3. logins and small writes behind a long import ----
  let csv = '姓名,所在地区\n';
  for (let i = 0; i < P.rows; i++) csv += `导入${i},522726111200\n`;
  // addresses of their own: the burst's (127.0.0.10–15, 30–49) may still be closing
  const writer = srv.client({ localAddress: '127.0.0.61' });
  if ((await writer.login('admin', 'admin-pass-123')).status !== 200) throw new Error('the writer could not log in');
  // what a login and a small write cost alone (argon2id is most of a login): the wait behind
  // the import is what a request takes beyond that
  const alone = { logins: [], writes: [] };
  for (let i = 0; i < 10; i++) {
    alone.logins.push((await timed(() => srv.client({ localAddress: '127.0.0.60' }).login('admin', 'admin-pass-123'))).ms);
    alone.writes.push((await timed(() => writer.post('/api/v1/persons', { name: '小写', division_code: '522726111200' }))).ms);
  }
  const loginAlone = pct(alone.logins, 50);
  const writeAlone = pct(alone.writes, 50);
  const importing = timed(() => admin.post('/api/v1/persons/import?format=csv', Buffer.from(csv), { headers: { 'Content-Type': 'text/csv' } }));
  const logins = [];
  const writes = [];
  let importDone = false;
  importing.then(() => { importDone = true; });
  await sleep(50);
  while ((!importDone || !logins.length) && logins.length < 600) {
    const l = await timed(() => srv.client({ localAddress: '127.0.0.60' }).login('admin', 'admin-pass-123'));
    logins.push({ ms: l.ms, status: l.r.status });
    const w = await timed(() => writer.post('/api/v1/persons', { name: '小写', division_code: '522726111200' }));
    writes.push({ ms: w.ms, status: w.r.status });
    await sleep(100);
  }
  const imp = await importing;
  figure('import_vs_writers', { rows: P.rows, import_status: imp.r.status, import_ms: Math.round(imp.ms),
    logins: logins.length, login_max_ms: Math.round(Math.max(0, ...logins.map((x) => x.ms))),
    login_p95_ms: Math.round(pct(logins.map((x) => x.ms), 95) || 0),
    write_max_ms: Math.round(Math.max(0, ...writes.map((x) => x.ms))),
    login_alone_p50_ms: Math.round(loginAlone), write_alone_p50_ms: Math.round(writeAlone) });
  check('the import succeeds', imp.r.status === 200, JSON.stringify(imp.r.body).slice(0, 200));
  check('logins and small writes during the import succeed', logins.every((x) => x.status === 200) && writes.every((x) => x.status === 201),
    `${logins.length} logins, ${writes.length} writes`);
  if (!SHORT) {
    const loginWait = Math.max(0, ...logins.map((x) => x.ms)) - loginAlone;
    const writeWait = Math.max(0, ...writes.map((x) => x.ms)) - writeAlone;
    check('a login waits ≤ 200 ms behind the import', loginWait <= 200, `${Math.round(loginWait)} ms beyond its own ${Math.round(loginAlone)} ms`);
    check('a small write waits ≤ 200 ms behind the import', writeWait <= 200, `${Math.round(writeWait)} ms beyond its own ${Math.round(writeAlone)} ms`);
  }
} finally {
  await srv.stop();
}
console.log(`load: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
