// crash: kill -9 the server again and again under the write load of
// load.mjs, then prove that nothing acknowledged was lost, nothing was applied
// twice and no action was half-applied.
//
//   node tests/crash/crash.mjs     backend from JICENG_TEST_BACKEND (PostgreSQL through
//                                  scripts/with-pg.sh; scripts/crash.sh runs both)
//   CRASH_ROUNDS=20 (default), CRASH_RATE=200, CRASH_CLIENTS=4
import { startServer, BACKEND } from '../api/lib.mjs';
import { startLoad } from './load.mjs';

const ROUNDS = Number(process.env.CRASH_ROUNDS || 20);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (lo, hi) => lo + Math.random() * (hi - lo);

async function main() {
  const srv = await startServer({ backend: BACKEND });
  const load = await startLoad(srv);
  const { stats } = load;
  let integrity = 'ok';
  let upSeconds = 0;
  for (let round = 0; round < ROUNDS && !load.failed(); round++) {
    const ms = rand(300, 1500);
    await sleep(ms);
    upSeconds += ms / 1000;
    load.down();
    await srv.crash();
    if (srv.backend === 'sqlite') {
      const check = (await srv.sql('PRAGMA integrity_check')).trim();
      if (check !== 'ok') integrity = `round ${round + 1}: ${check}`;
    }
    load.back(await srv.relaunch());
  }
  await sleep(500);
  upSeconds += 0.5;
  await load.stop();
  const { lost, duplicated, halfApplied, problems } = await load.verify();
  if (srv.backend === 'sqlite') {
    const check = (await srv.sql('PRAGMA integrity_check')).trim();
    if (check !== 'ok') integrity = check;
  }
  await srv.stop();
  console.log(`crash-${srv.backend}: ${ROUNDS} kill -9 rounds, ${stats.sent} requests sent, ` +
    `${stats.acknowledged} acknowledged (${Math.round(stats.acknowledged / upSeconds)}/s while up), ` +
    `${stats.unanswered} unanswered and retried (${stats.retried} answered on a retry, ${stats.replayed} of them replayed: applied before the crash); ` +
    `lost ${lost}, duplicated ${duplicated}, half-applied ${halfApplied}, integrity ${integrity}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  const ok = lost === 0 && duplicated === 0 && halfApplied === 0 && integrity === 'ok';
  console.log(`crash-${srv.backend}: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  console.log(`crash-${BACKEND}: 0 passed, 1 failed`);
  process.exitCode = 1;
});
