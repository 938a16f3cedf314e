// 22 static compression: the console's scripts and stylesheets are sent as Brotli or gzip
// (compressed at build time) when Accept-Encoding takes them, as they are otherwise, always
// with Vary: Accept-Encoding; the decompressed bytes are the file itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { startServer } from './lib.mjs';

let srv;

before(async () => {
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

function get(path, acceptEncoding, method = 'GET') {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = http.request(srv.url + path, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('scripts and stylesheets travel compressed as the browser accepts, identical once decompressed', async () => {
  const index = zlib.gunzipSync((await get('/', 'gzip')).body).toString('utf8'); // index.html too
  const assets = [...index.matchAll(/\/assets\/[^"]+\.(?:js|css)/g)].map((m) => m[0]);
  assert.ok(assets.length >= 2, index);
  for (const path of assets) {
    const plain = await get(path, undefined);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, path);
    if (plain.body.length < 512) continue;
    assert.match(plain.headers.vary, /Accept-Encoding/);

    const br = await get(path, 'gzip, deflate, br, zstd');
    assert.equal(br.headers['content-encoding'], 'br', path);
    assert.match(br.headers.vary, /Accept-Encoding/);
    assert.ok(br.body.length < plain.body.length * 0.9, `${path}: ${br.body.length} of ${plain.body.length}`);
    assert.deepEqual(zlib.brotliDecompressSync(br.body), plain.body);

    const gz = await get(path, 'br;q=0, gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip', path);
    assert.deepEqual(zlib.gunzipSync(gz.body), plain.body);
    assert.equal(gz.headers['cache-control'], 'public, max-age=31536000, immutable');

    const head = await get(path, 'gzip', 'HEAD');
    assert.equal(head.headers['content-encoding'], 'gzip');
    assert.equal(Number(head.headers['content-length']), gz.body.length);
  }
});

test('identity only, or a refused coding, gets the bytes as they are', async () => {
  const index = (await get('/', undefined)).body.toString('utf8');
  const js = index.match(/\/assets\/index-[^"]+\.js/)[0];
  for (const ae of ['identity', 'gzip;q=0', '*;q=0', 'compress']) {
    const r = await get(js, ae);
    assert.equal(r.headers['content-encoding'], undefined, ae);
    assert.match(r.body.toString('utf8', 0, 200), /import|function|const|var|\(/, ae);
  }
});
