#!/usr/bin/env bash
# leak-scan.sh [DIR] — looks for plaintext ID numbers and phones where none
# should be. Without DIR it first runs the API tests that handle personal
# data (08-pii, 10-import, 12-export, 25-phones, 41-talent-import, 50-tickets)
# on SQLite, keeping
# what each server left (log, database, WAL, exported files) in a fresh
# directory; then tests/leak/scan.mjs reads every file there. Ends with
# `leak-scan: N passed, N failed`; exits non-zero on a leak.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

dir=${1:-}
if [ -z "$dir" ]; then
	dir=$(mktemp -d /tmp/jiceng-leak-XXXXXX)
	trap 'rm -rf "$dir"' EXIT
	TMPDIR=$dir JICENG_TEST_KEEP=1 JICENG_BIN=${JICENG_BIN:-build/asan/jiceng} \
		scripts/run-api.sh sqlite tests/api/08-pii.test.mjs tests/api/10-import-csv-gbk.test.mjs \
		tests/api/12-export-roundtrip.test.mjs tests/api/25-phones.test.mjs \
		tests/api/41-talent-import.test.mjs tests/api/50-tickets.test.mjs >"$dir/api.log" 2>&1 ||
		{ tail -n 30 "$dir/api.log"; echo "leak-scan: the API tests it runs failed"; echo "leak-scan: 0 passed, 1 failed"; exit 1; }
fi
node tests/leak/scan.mjs "$dir"
