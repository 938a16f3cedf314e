// power: simulated power cuts on SQLite. Each run starts the server with
// JICENG_FAULT_POWER_AT=n (src/store/fault_vfs.c: at the n-th sync every
// write not yet synced is undone and the process dies), writes with
// Idempotency-Keys until the power goes, starts it again without the fault,
// retries the unanswered request with its key, and checks that every
// acknowledged write is there exactly once and PRAGMA integrity_check is ok.
//
//   node tests/crash/power.mjs        POWER_RUNS=500 (default), POWER_MAX_SYNC=80
import { startServer } from '../api/lib.mjs';

const RUNS = Number(process.env.POWER_RUNS || 500);
const MAX_SYNC = Number(process.env.POWER_MAX_SYNC || 80);
const VILLAGE = '522726111200';
const PER_RUN_CAP = 200; // a run whose cut never comes is ended by kill -9

async function send(c, name, key) {
  try {
    return await c.post('/api/v1/persons', { name, division_code: VILLAGE }, { headers: { 'Idempotency-Key': key } });
  } catch {
    return null; // the power went
  }
}

async function main() {
  const srv = await startServer({ backend: 'sqlite' });
  const c = await srv.login();
  const acked = new Set();
  let n = 0;
  let cuts = 0;
  let atStart = 0;
  let lost = 0;
  let duplicated = 0;
  let integrity = 'ok';

  for (let run = 0; run < RUNS; run++) {
    await srv.crash();
    const at = 1 + Math.floor(Math.random() * MAX_SYNC);
    let pending = null;
    try {
      c.baseUrl = await srv.relaunch({ env: { JICENG_FAULT_POWER_AT: String(at) } });
      for (let i = 0; i < PER_RUN_CAP; i++) {
        const name = `断电${++n}`;
        const r = await send(c, name, `p-${n}`);
        if (!r || r.status >= 500) { pending = name; break; }
        if (r.status !== 201) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
        acked.add(name);
      }
    } catch (e) {
      if (!/exited|did not answer/.test(e.message)) throw e;
      atStart++; // the power went while the server was starting
    }
    await srv.crash();
    if (pending) cuts++;
    const check = (await srv.sql('PRAGMA integrity_check')).trim();
    if (check !== 'ok') integrity = `run ${run + 1}: ${check}`;
    c.baseUrl = await srv.relaunch({ env: {} });
    if (pending) {
      const key = `p-${pending.slice(2)}`;
      let r = null;
      for (let t = 0; t < 20 && !(r && r.status === 201); t++) r = await send(c, pending, key);
      if (!r || r.status !== 201) throw new Error(`retry of ${pending}: ${r && r.status}`);
      acked.add(pending);
    }
  }

  const rows = (await srv.sql("SELECT name, count(*) FROM persons WHERE name LIKE '断电%' GROUP BY name"))
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  const have = new Map(rows.map(([name, k]) => [name, Number(k)]));
  for (const name of acked) {
    const k = have.get(name) || 0;
    if (k === 0) lost++;
    if (k > 1) duplicated += k - 1;
  }
  for (const name of have.keys()) if (!acked.has(name)) duplicated++;
  await srv.stop();
  const ok = lost === 0 && duplicated === 0 && integrity === 'ok';
  console.log(`power-sqlite: ${RUNS} runs (${cuts} power cuts under writes, ${atStart} while starting), ` +
    `${acked.size} acknowledged, lost ${lost}, duplicated ${duplicated}, integrity ${integrity}`);
  console.log(`power-sqlite: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  console.log('power-sqlite: 0 passed, 1 failed');
  process.exitCode = 1;
});
