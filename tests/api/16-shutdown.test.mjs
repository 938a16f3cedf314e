// 16 shutdown: SIGTERM while an import is in flight — the server stops
// taking new connections, completes the import, answers it, and exits 0.
// The import is in flight by construction (the signal goes when the server
// has said "100 Continue" and before the body leaves), whatever its size and
// however slowly it runs: the server waits for it (--shutdown-grace, 80 s by
// default) rather than for a fixed few seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './lib.mjs';

test('SIGTERM during an import: the request completes and the server exits 0', async () => {
  const srv = await startServer();
  let stopped = null;
  try {
    const admin = await srv.login();
    const rows = 500;
    let csv = '姓名,性别,所在地区,备注\n';
    for (let i = 0; i < rows; i++) csv += `停机${i},${i % 2 ? '女' : '男'},522726111200,第${i}行\n`;
    const body = Buffer.from(csv);
    const { port } = new URL(srv.url);
    const answer = new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port, method: 'POST', path: '/api/v1/persons/import?format=csv', agent: false,
        headers: {
          Cookie: admin.cookieHeader(), 'X-CSRF-Token': admin.csrf, Origin: srv.url, 'Content-Type': 'text/csv',
          'Content-Length': body.length, Expect: '100-continue',
        },
      }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
      // "100 Continue" means the server has taken the request in: only then
      // stop it, and only then send the body.
      req.on('continue', () => {
        stopped = srv.stop({ timeoutMs: 120_000 });
        stopped.catch(() => {});
        setImmediate(() => req.end(body));
      });
      req.flushHeaders();
    });
    const r = await answer;
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.inserted, rows);
    await stopped; // throws unless the exit was clean (code 0, no sanitizer report)
    stopped = 'done';
  } finally {
    if (stopped !== 'done') await (stopped ?? srv.stop()).catch(() => {});
  }
});
