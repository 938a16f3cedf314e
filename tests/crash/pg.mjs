// pg: PostgreSQL going away under the write load of load.mjs — the server
// stopped (`pg_ctl stop -m fast`) and started again, and the jiceng server's
// backends terminated (`pg_terminate_backend`). Requests caught in it must get
// 503 with the contract's JSON (never 2xx for a write that was not
// committed); the server must serve again within 5 s of PostgreSQL being back;
// afterwards nothing acknowledged may be lost or applied twice.
//
//   scripts/with-pg.sh node tests/crash/pg.mjs     PG_STOPS=10 PG_TERMINATES=50 (defaults)
import { spawnSync } from 'node:child_process';
import { startServer } from '../api/lib.mjs';
import { startLoad } from './load.mjs';

const STOPS = Number(process.env.PG_STOPS ?? 10);
const TERMINATES = Number(process.env.PG_TERMINATES ?? 50);
const RECONNECT_LIMIT_MS = 5000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (lo, hi) => lo + Math.random() * (hi - lo);

function pgCtl(...args) {
  const bin = `${process.env.JICENG_TEST_PG_BIN || '/usr/lib/postgresql/15/bin'}/pg_ctl`;
  const cmd = process.getuid && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd[0], cmd[1], { encoding: 'utf8', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
  if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

// How long until the jiceng server answers a read again, in ms.
async function recovery(c) {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await c.get('/api/v1/persons?limit=1');
      if (r.status === 200) return Date.now() - t0;
    } catch { /* keep asking */ }
    if (Date.now() - t0 > 30_000) return Infinity;
    await sleep(50);
  }
}

async function main() {
  const data = process.env.JICENG_TEST_PG_DATA;
  if (!data) throw new Error('run through scripts/with-pg.sh (JICENG_TEST_PG_DATA is not set)');
  const srv = await startServer({ backend: 'postgresql' });
  const probe = await srv.login();
  const load = await startLoad(srv);
  const { stats } = load;
  let slowest = 0;
  let terminated = 0;

  for (let i = 0; i < STOPS && !load.failed(); i++) {
    await sleep(rand(300, 1000));
    pgCtl('-D', data, '-m', 'fast', '-w', '-t', '60', 'stop');
    await sleep(rand(200, 1000));
    pgCtl('-D', data, '-l', `${data}/../server.log`, '-w', '-t', '60', '-o', process.env.JICENG_TEST_PG_OPTS, 'start');
    slowest = Math.max(slowest, await recovery(probe));
  }
  for (let i = 0; i < TERMINATES && !load.failed(); i++) {
    await sleep(rand(100, 400));
    const out = await srv.sql('SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity' +
      ' WHERE datname = current_database() AND pid <> pg_backend_pid()');
    terminated += Number(out.trim()) || 0;
    slowest = Math.max(slowest, await recovery(probe));
  }
  await sleep(500);
  await load.stop();
  const { lost, duplicated, halfApplied, problems } = await load.verify();
  await srv.stop();

  const other5xx = Object.entries(stats.status5xx).filter(([s]) => s !== '503');
  console.log(`pg-outages: ${STOPS} stop/start, ${TERMINATES} terminations (${terminated} backends), ` +
    `${stats.sent} requests sent, ${stats.acknowledged} acknowledged, ` +
    `5xx answers ${JSON.stringify(stats.status5xx)} (${stats.not_json} not JSON), ` +
    `${stats.replayed} retries replayed, slowest recovery ${slowest} ms; ` +
    `lost ${lost}, duplicated ${duplicated}, half-applied ${halfApplied}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  const ok = lost === 0 && duplicated === 0 && halfApplied === 0 && stats.not_json === 0 &&
    other5xx.length === 0 && slowest <= RECONNECT_LIMIT_MS;
  console.log(`pg-outages: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  console.log('pg-outages: 0 passed, 1 failed');
  process.exitCode = 1;
});
