#!/usr/bin/env bash
# run-unit.sh BIN... — run cmocka unit-test binaries from the repository root,
# add up their results and end with the line `unit: N passed, N failed`.
# A binary that crashes, exits non-zero or prints no cmocka summary counts as
# one failure even if its own summary says otherwise. Exits non-zero on any failure.
set -uo pipefail

bins=()
for bin in "$@"; do
	case $bin in
	/*) bins+=("$bin") ;;
	*) bins+=("$PWD/$bin") ;;
	esac
done
cd "$(dirname "$0")/.." || exit 1

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for bin in "${bins[@]}"; do
	echo "== ${bin#"$PWD"/}"
	"$bin" >"$log" 2>&1
	rc=$?
	cat "$log"
	# cmocka: "[  PASSED  ] 9 test(s)." and "[  FAILED  ] 2 test(s), listed below:"
	p=$(sed -n 's/^.*\[  PASSED  \] \([0-9][0-9]*\) test(s).*$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^.*\[  FAILED  \] \([0-9][0-9]*\) test(s).*$/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$bin: exited with status $rc" >&2
		f=1
	elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "$bin: no cmocka summary" >&2
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
