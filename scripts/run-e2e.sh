#!/bin/sh
# Browser tests (tests/e2e, node:test + playwright-core + Debian's chromium) against real
# `jiceng serve`s on SQLite, on free loopback ports. The files run on E2E_WORKERS workers
# (default 2), each with its own server and its own copy of one database holding the
# divisions, the demo data and two users, so no worker sees another's writes; a worker
# takes the next file when it finishes one. Ends with "e2e: N passed, N failed".
# Arguments name test files to run instead of the whole folder; --short runs the files
# tests/e2e/SHORT lists (the part `make test` runs; `make e2e` runs them all).
set -u
cd "$(dirname "$0")/.."
BIN=${JICENG_BIN:-build/jiceng}
WORKERS=${E2E_WORKERS:-2}
fail() {
	echo "e2e: $*" >&2
	echo "e2e: 0 passed, 1 failed"
	exit 1
}
[ -x "$BIN" ] || fail "$BIN is missing (make build/jiceng)"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing (apt-get install chromium fonts-noto-cjk)"
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
fi

tmp=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export JICENG_FAST_PWHASH=1
export E2E_ADMIN_USER=e2eadmin E2E_ADMIN_PASS=e2e-admin-pass-1
export E2E_VILLAGE_USER=e2ecun E2E_VILLAGE_PASS=e2e-village-pass-1
export E2E_SCREENSHOTS="$PWD/build/screenshots"
opts="--db sqlite:$tmp/seed.db --key-file $tmp/key"
{
	"$BIN" init $opts &&
	"$BIN" demo $opts &&
	printf '%s\n' "$E2E_ADMIN_PASS" | "$BIN" user add "$E2E_ADMIN_USER" --role admin --pii --name 测试管理员 $opts &&
	printf '%s\n' "$E2E_VILLAGE_PASS" | "$BIN" user add "$E2E_VILLAGE_USER" --role village --division 522726111200 --name 下司村管理员 $opts
} >"$tmp/setup.log" 2>&1 || { cat "$tmp/setup.log" >&2; fail "database setup failed"; }

# the files, in byte order, one per line in the queue
if [ "${1:-}" = --short ]; then
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's|^|tests/e2e/|' tests/e2e/SHORT >"$tmp/queue"
elif [ $# -gt 0 ]; then
	printf '%s\n' "$@" >"$tmp/queue"
else
	LC_ALL=C ls tests/e2e/*.test.mjs >"$tmp/queue"
fi
: >"$tmp/taken"
: >"$tmp/passed"
: >"$tmp/failed"
[ "$(wc -l <"$tmp/queue")" -lt "$WORKERS" ] && WORKERS=$(wc -l <"$tmp/queue")
rm -rf build/screenshots && mkdir -p build/screenshots

# start_server N: worker N's server on its own copy of the seed database; prints its URL
start_server() {
	cp "$tmp/seed.db" "$tmp/w$1.db"
	port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	"$BIN" serve --db "sqlite:$tmp/w$1.db" --key-file "$tmp/key" --listen "127.0.0.1:$port" --quiet >"$tmp/serve$1.log" 2>&1 &
	echo "$!" >"$tmp/pid$1"
	i=0
	until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$(cat "$tmp/pid$1")" 2>/dev/null; then
			cat "$tmp/serve$1.log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "http://127.0.0.1:$port"
}

# next_file: the first file no worker has taken yet (empty when none is left)
next_file() {
	flock "$tmp/taken" sh -c '
		f=$(grep -vxF -f "$1" "$2" | head -n 1)
		[ -n "$f" ] && echo "$f" >>"$1"
		echo "$f"' sh "$tmp/taken" "$tmp/queue"
}

# worker N: runs files until the queue is empty; each file's report is printed whole
worker() {
	n=$1
	while f=$(next_file) && [ -n "$f" ]; do
		JICENG_URL=$url node --test --test-reporter=spec --test-reporter-destination="$tmp/spec$n" \
			--test-reporter=tap --test-reporter-destination="$tmp/tap$n" "$f"
		echo $? >"$tmp/status$n"
		sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tmp/tap$n" >>"$tmp/passed"
		sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tmp/tap$n" >>"$tmp/failed"
		if [ "$(cat "$tmp/status$n")" -ne 0 ] && ! grep -q '^# fail [1-9]' "$tmp/tap$n"; then
			echo 1 >>"$tmp/failed" # the file failed outside any test
		fi
		flock "$tmp/taken" sh -c 'echo "▶ $1"; cat "$2"' sh "$f" "$tmp/spec$n"
	done
}

n=1
while [ "$n" -le "$WORKERS" ]; do
	url=$(start_server "$n") || fail "server $n did not start"
	pids="$pids $(cat "$tmp/pid$n")"
	worker "$n" &
	n=$((n + 1))
done
# the servers were started in command substitutions, so the jobs are the workers alone
wait $(jobs -p) 2>/dev/null
status=0
n=1
while [ "$n" -le "$WORKERS" ]; do
	if ! kill -0 "$(cat "$tmp/pid$n")" 2>/dev/null; then
		echo "e2e: server $n exited during the tests; its last output:" >&2
		tail -n 20 "$tmp/serve$n.log" >&2
		echo 1 >>"$tmp/failed"
	fi
	n=$((n + 1))
done
passed=$(awk '{s += $1} END {print s + 0}' "$tmp/passed")
failed=$(awk '{s += $1} END {print s + 0}' "$tmp/failed")
[ "$failed" -eq 0 ] || status=1
echo "e2e: $passed passed, $failed failed"
exit $status
