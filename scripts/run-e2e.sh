#!/bin/sh
# Browser tests (tests/e2e, node:test + playwright-core + Debian's chromium) against a real
# `jiceng serve` on SQLite, on a free loopback port, with a temporary database holding the
# divisions, the demo data and two users. Ends with "e2e: N passed, N failed".
# Arguments name test files to run instead of the whole folder.
set -u
cd "$(dirname "$0")/.."
BIN=${JICENG_BIN:-build/jiceng}
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
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export JICENG_FAST_PWHASH=1
db="sqlite:$tmp/jiceng.db"
opts="--db $db --key-file $tmp/key"
export E2E_ADMIN_USER=e2eadmin E2E_ADMIN_PASS=e2e-admin-pass-1
export E2E_VILLAGE_USER=e2ecun E2E_VILLAGE_PASS=e2e-village-pass-1
export E2E_SCREENSHOTS="$PWD/build/screenshots"
{
	"$BIN" init $opts &&
	"$BIN" demo $opts &&
	printf '%s\n' "$E2E_ADMIN_PASS" | "$BIN" user add "$E2E_ADMIN_USER" --role admin --pii --name 测试管理员 $opts &&
	printf '%s\n' "$E2E_VILLAGE_PASS" | "$BIN" user add "$E2E_VILLAGE_USER" --role village --division 522726111200 --name 下司村管理员 $opts
} >"$tmp/setup.log" 2>&1 || { cat "$tmp/setup.log" >&2; fail "database setup failed"; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$BIN" serve $opts --listen "127.0.0.1:$port" --quiet >"$tmp/serve.log" 2>&1 &
pid=$!
export JICENG_URL="http://127.0.0.1:$port"
i=0
until curl -sf "$JICENG_URL/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		cat "$tmp/serve.log" >&2
		fail "server did not start"
	fi
	sleep 0.1
done

rm -rf build/screenshots && mkdir -p build/screenshots
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=tap --test-reporter-destination="$tmp/tap" "${@:-tests/e2e/}"
status=$?
if ! kill -0 "$pid" 2>/dev/null; then
	echo "e2e: the server exited during the tests; its last output:" >&2
	tail -n 20 "$tmp/serve.log" >&2
	pid=
fi
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tmp/tap")
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tmp/tap")
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
	failed=1
fi
echo "e2e: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ]
