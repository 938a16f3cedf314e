#!/usr/bin/env bash
# crash.sh [--short] — the durability suite (docs/api.md, Idempotency-Key):
# kill -9 the server CRASH_ROUNDS times (default 20, 5 with --short) under
# write load on SQLite, then on PostgreSQL (a throwaway cluster from
# scripts/with-pg.sh), and check that nothing acknowledged was lost, nothing
# applied twice, no action half-applied; then PostgreSQL outages under the
# same load (tests/crash/pg.mjs; 10 stops and 50 terminations, 2 and 10 with
# --short); then POWER_RUNS simulated power cuts on SQLite (default 500, 5
# with --short). Ends with `crash: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

if [ "${1:-}" = --short ]; then
	export CRASH_ROUNDS=${CRASH_ROUNDS:-5}
	export POWER_RUNS=${POWER_RUNS:-5}
	export PG_STOPS=${PG_STOPS:-2} PG_TERMINATES=${PG_TERMINATES:-10}
fi
export JICENG_BIN=${JICENG_BIN:-build/asan/jiceng}

passed=0
failed=0
for backend in sqlite postgresql; do
	cmd=(node tests/crash/crash.mjs)
	[ "$backend" = postgresql ] && cmd=(scripts/with-pg.sh "${cmd[@]}")
	if JICENG_TEST_BACKEND=$backend "${cmd[@]}"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
# PostgreSQL stopped and started (PG_STOPS, default 10) and its backends
# terminated (PG_TERMINATES, default 50) under the same load
if scripts/with-pg.sh node tests/crash/pg.mjs; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi
if node tests/crash/power.mjs; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi
echo "crash: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
