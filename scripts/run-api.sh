#!/usr/bin/env bash
# run-api.sh sqlite|postgresql — run the API tests (tests/api/*.test.mjs, Node's
# built-in runner, one file at a time) against build/asan/jiceng or $JICENG_BIN
# on the given backend; the PostgreSQL run gets its own server from
# scripts/with-pg.sh. Files run API_CONCURRENCY at a time (default 3): each starts its own
# server on its own database, so they share nothing. Ends with `api-<backend>: N passed, N failed` and exits
# non-zero on any failure. Extra arguments name test files to run instead of all.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

backend=${1:-}
case $backend in
sqlite | postgresql) shift ;;
*) echo "usage: $0 sqlite|postgresql [TEST_FILE...]" >&2; exit 2 ;;
esac

export JICENG_TEST_BACKEND=$backend
export JICENG_BIN=${JICENG_BIN:-build/asan/jiceng}

if [ $# -gt 0 ]; then
	files=("$@")
else
	# Node 20's --test does not expand directories the way later versions
	# do: name the files, in byte order (00-smoke first).
	shopt -s nullglob
	LC_COLLATE=C
	files=(tests/api/*.test.mjs)
fi
if [ ${#files[@]} -eq 0 ]; then
	echo "api-$backend: no tests in tests/api"
	echo "api-$backend: 0 passed, 1 failed"
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

runner=(node --test --test-concurrency=${API_CONCURRENCY:-3} --test-reporter=tap "${files[@]}")
if [ "$backend" = postgresql ]; then
	runner=(scripts/with-pg.sh "${runner[@]}")
fi
"${runner[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# The runner's closing lines: "# pass N" and "# fail N" (the last ones, in
# case a test printed something similar).
passed=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
cancelled=$(sed -n 's/^# cancelled \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
passed=${passed:-0}
failed=$((${failed:-0} + ${cancelled:-0}))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	# the runner or the PostgreSQL wrapper failed outside any test
	failed=1
fi
echo "api-$backend: $passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
