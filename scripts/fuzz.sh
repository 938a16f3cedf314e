#!/usr/bin/env bash
# fuzz.sh TARGET... — run the libFuzzer targets built in build/fuzz/: first
# replay every kept input in tests/fuzz/regressions/<target>/ (each must pass),
# then fuzz each target FUZZ_SECONDS seconds (default 15: `make fuzz`; `make test` runs 5;
# FUZZ_SECONDS=3600 is the long run) from its seeds
# (tests/fuzz/seeds/<target>/, and the spreadsheets in tests/fixtures for the
# file readers) and the corpus it grew before (build/fuzz/corpus-<target>/).
# A crash is copied into tests/fuzz/regressions/<target>/ to be fixed and
# committed, so that it is replayed from then on. Ends with
# `fuzz: N passed, N failed` (one per target).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

seconds=${FUZZ_SECONDS:-15}
passed=0
failed=0
work=build/fuzz
mkdir -p "$work"

# the database the request-level targets read: the divisions and the demo
if [ ! -s "$work/seed.db" ] || [ build/jiceng -nt "$work/seed.db" ]; then
	rm -f "$work/seed.db" "$work/seed.key"
	build/jiceng init --db "sqlite:$work/seed.db" --key-file "$work/seed.key" >/dev/null 2>&1 &&
		JICENG_FAST_PWHASH=1 build/jiceng demo --db "sqlite:$work/seed.db" \
			--key-file "$work/seed.key" >/dev/null 2>&1 ||
		{ echo "fuzz: cannot make $work/seed.db" >&2; echo "fuzz: 0 passed, 1 failed"; exit 1; }
fi
export JICENG_FUZZ_DB=$work/seed.db JICENG_FUZZ_KEY=$work/seed.key JICENG_FAST_PWHASH=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

for t in "$@"; do
	bin=$work/$t
	corpus=$work/corpus-$t
	regress=tests/fuzz/regressions/$t
	crashes=$work/crashes-$t
	mkdir -p "$corpus" "$crashes"
	ok=1
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress" 2>/dev/null)" ]; then
		if ! "$bin" -runs=0 "$regress"/* >"$work/$t.replay.log" 2>&1; then
			echo "fuzz: $t: a kept regression input fails again (see $work/$t.replay.log)" >&2
			tail -n 30 "$work/$t.replay.log" >&2
			ok=0
		fi
	fi
	seeds=()
	[ -d "tests/fuzz/seeds/$t" ] && seeds+=("tests/fuzz/seeds/$t")
	case $t in fuzz_csv | fuzz_xlsx) seeds+=(tests/fixtures) ;; esac
	if [ $ok = 1 ]; then
		"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
			-print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "${seeds[@]}" \
			>"$work/$t.log" 2>&1
		rc=$?
		runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$work/$t.log" | grep -Eo '[0-9]+$' || echo '?')
		if [ $rc -ne 0 ]; then
			ok=0
			mkdir -p "$regress"
			for f in "$crashes"/*; do
				[ -f "$f" ] && cp "$f" "$regress/" && echo "fuzz: $t: kept $regress/$(basename "$f")" >&2
			done
			tail -n 40 "$work/$t.log" >&2
		fi
		echo "fuzz: $t: ${seconds}s, $runs inputs, $([ $ok = 1 ] && echo ok || echo FAILED)"
	fi
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
