#!/usr/bin/env bash
# test-all.sh — the whole suite, in order: unit tests (ASan+UBSan), the API tests
# on SQLite and on PostgreSQL, the short access-control matrix and the leak
# scan, the short load and crash suites, the fuzzers (5 s each, after
# replaying their kept regressions), then the short browser suite
# (tests/e2e/SHORT; `make e2e` runs every file). Goes on after a failing part and ends with one line
# `N passed, N failed` adding up every part's own summary line (after the time
# each part took); a part that ends without one (a build error, a crash)
# counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

total_passed=0
total_failed=0
times=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

part() {
	local name=$1 rc p f line t0
	shift
	echo "==== $name"
	t0=$SECONDS
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	times+=("$name $((SECONDS - t0))s")
	# the part's own closing line: "[word: ]N passed, N failed[, …]"
	line=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		p=$(printf '%s\n' "$line" | sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed.*$/\2/')
		f=$(printf '%s\n' "$line" | sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed.*$/\3/')
	else
		p=0
		f=0
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: failed (exit $rc) without counting a failed test" >&2
		f=1
	fi
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

# the unit tests that talk to PostgreSQL (test_db) get a server too
part unit scripts/with-pg.sh make --no-print-directory -j"$(nproc)" unit
part api-sqlite make --no-print-directory api-sqlite
part api-pg make --no-print-directory api-pg
# the access-control matrix, short (make authz runs the whole one), and the
# leak scan of what an API run leaves on disk
part authz env AUTHZ_SHORT=1 JICENG_BIN=build/jiceng node tests/authz/matrix.mjs
part leak-scan scripts/leak-scan.sh
# the availability suite and the fuzzers, short (make load / make fuzz / FUZZ_SECONDS=3600 make fuzz run long)
part load env JICENG_BIN=build/jiceng node tests/load/load.mjs --short
# kill -9 under write load, 5 rounds per backend (make crash runs 20)
part crash scripts/crash.sh --short
part fuzz env FUZZ_SECONDS=5 make --no-print-directory -j"$(nproc)" fuzz
part e2e scripts/run-e2e.sh --short

echo "time per part: ${times[*]}; total $((SECONDS))s"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
