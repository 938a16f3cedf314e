#!/usr/bin/env bash
# bench.sh — `make bench`: throughput of build/jiceng on generated province-scale data,
# next to a bare libmicrohttpd server on the same machine. Never part of the tests.
#
#   1. generates BENCH_ROWS persons (default 200000) over the 1,464 villages of 黔南州
#      (bench/gen-persons.mjs) and loads them with `jiceng import` (rows/s);
#   2. runs wrk (-t2 -c16, BENCH_DURATION s after a BENCH_WARMUP s warm-up) against the bare
#      server (bench/bare_mhd.c), /healthz, one person, list pages, a search, and POST of new
#      persons with synchronous=FULL and, for comparison, JICENG_SQLITE_SYNC=normal;
#   3. measures what an fsync costs on this disk (bench/fsync_probe.c);
#   4. with BENCH_PG=1, the GET/POST runs again on a throwaway PostgreSQL (scripts/with-pg.sh);
#   5. prints a table and writes it to build/bench/results.md (raw wrk output in
#      build/bench/raw/).
#
# Environment: BENCH_ROWS (200000; 20000 for a quick run), BENCH_DURATION (10), BENCH_WARMUP (2),
# BENCH_PG (unset), JICENG_BIN (build/jiceng).
# "other CPU" in the table is the CPU the rest of the machine used during the run (total busy
# minus server and wrk), in % of one core: much above 10 means the figures are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${JICENG_BIN:-build/jiceng}
rows=${BENCH_ROWS:-200000}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
wrk_threads=2
wrk_conns=16
wrk_timeout=30s # a slow list still gets latencies, not timeouts
outdir=build/bench
phase=${1:-main}

die() {
	echo "bench: $*" >&2
	exit 1
}

# ---- processes: every server started here is stopped on exit ----
pids=()
tmp=

cleanup() {
	local rc=$? p
	trap - EXIT INT TERM
	for p in "${pids[@]}"; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in "${pids[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	if [ "$phase" = main ] && [ -n "$tmp" ]; then
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 30000))
		port_busy "$p" || { echo "$p"; return 0; }
	done
	die "no free port"
}

wait_http() { # URL PID
	for _ in $(seq 1 100); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
	done
	return 1
}

stop_server() { # PID
	local p=$1 keep=() q
	kill -TERM "$p" 2>/dev/null || true
	wait "$p" 2>/dev/null || true
	for q in "${pids[@]}"; do
		[ "$q" = "$p" ] || keep+=("$q")
	done
	pids=("${keep[@]+"${keep[@]}"}")
}

# server_start DB_URL KEY_FILE [ENV=VALUE...] — sets server_pid and base_url
server_start() {
	local db=$1 key=$2 port
	shift 2
	port=$(free_port)
	env "$@" "$bin" serve --db "$db" --key-file "$key" --listen "127.0.0.1:$port" \
		--threads 2 --quiet 2>>"$tmp/server.log" &
	server_pid=$!
	pids+=("$server_pid")
	base_url="http://127.0.0.1:$port"
	wait_http "$base_url/healthz" "$server_pid" || { tail -5 "$tmp/server.log" >&2; die "server did not start"; }
}

# ---- CPU accounting: ticks of USER_HZ ----
hz=$(getconf CLK_TCK)
busy_ticks() {
	awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
}
proc_ticks() {
	awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# A request wrk gave up on is still answered by the server: wait until it is idle (no CPU tick
# for 0.5 s, at most 120 s) so that one run's backlog does not count against the next.
quiesce() { # PID
	local a b
	b=$(proc_ticks "$1")
	for _ in $(seq 1 240); do
		sleep 0.5
		a=$b
		b=$(proc_ticks "$1")
		[ "$a" != "$b" ] || return 0
	done
	echo "bench: server $1 still busy after 120 s" >&2
}

# ---- one measured run ----
# run LABEL PID URL MODE [VAR=VALUE...]: warm-up, then the measured wrk run; appends a line to
# $results: label rps p50 p99 requests non2xx sockerr cpu_us_per_req other_pct
run() {
	local label=$1 pid=$2 url=$3 mode=$4 line b0 b1 s0 s1 t0 t1 wcpu cpu other
	shift 4
	quiesce "$pid"
	env BENCH_MODE="$mode" "$@" BENCH_WARMUP_RUN=1 wrk -t"$wrk_threads" -c"$wrk_conns" -d"${warmup}s" \
		--timeout "$wrk_timeout" -s bench/wrk.lua "$url" >/dev/null
	quiesce "$pid"
	b0=$(busy_ticks)
	s0=$(proc_ticks "$pid")
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%U %S' -o "$tmp/wrk.time" env BENCH_MODE="$mode" "$@" \
		wrk -t"$wrk_threads" -c"$wrk_conns" -d"${duration}s" --latency \
		--timeout "$wrk_timeout" -s bench/wrk.lua "$url" \
		>"$outdir/raw/$label.txt" 2>&1 || true
	t1=$EPOCHREALTIME
	s1=$(proc_ticks "$pid")
	b1=$(busy_ticks)
	line=$(sed -n 's/^BENCH_RESULT //p' "$outdir/raw/$label.txt")
	[ -n "$line" ] || { cat "$outdir/raw/$label.txt" >&2; die "wrk failed for $label"; }
	wcpu=$(awk '{print $1 + $2}' "$tmp/wrk.time")
	read -r cpu other < <(awk -v b0="$b0" -v b1="$b1" -v s0="$s0" -v s1="$s1" -v hz="$hz" \
		-v t0="$t0" -v t1="$t1" -v w="$wcpu" -v l="$line" 'BEGIN {
			split(l, f, " "); el = t1 - t0; srv = (s1 - s0) / hz
			o = ((b1 - b0) / hz - srv - w) / el * 100; if (o < 0) o = 0
			printf "%.0f %.0f\n", f[4] ? srv * 1e6 / f[4] : 0, o }')
	echo "$label $line $cpu $other" >>"$results"
	printf '  %-28s %10s req/s  p50 %6s µs  p99 %7s µs  non-2xx %s  other CPU %s%%\n' \
		"$label" "$(cut -d' ' -f1 <<<"$line")" "$(cut -d' ' -f2 <<<"$line")" \
		"$(cut -d' ' -f3 <<<"$line")" "$(cut -d' ' -f5 <<<"$line")" "$other" >&2
}

expect_200() { # URL TOKEN
	local code
	code=$(curl -s -o "$tmp/check.json" -w '%{http_code}' -H "Authorization: Bearer $2" "$1")
	[ "$code" = 200 ] || { head -c 300 "$tmp/check.json" >&2; die "GET $1 answered $code"; }
}

# load DB_URL KEY — init, import the CSV, admin user, token; sets token, import_* figures
load_data() {
	local db=$1 key=$2 t0 t1
	"$bin" init --db "$db" --key-file "$key" >/dev/null 2>"$tmp/init.log" ||
		{ cat "$tmp/init.log" >&2; die "init failed"; }
	echo "bench: importing $rows persons into $db" >&2
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%M' -o "$tmp/import.rss" \
		"$bin" import persons "$tmp/persons.csv" --db "$db" --key-file "$key" \
		2>"$tmp/import.log" || { tr '\r' '\n' <"$tmp/import.log" | tail -5 >&2; die "import failed"; }
	t1=$EPOCHREALTIME
	import_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')
	import_rate=$(awk -v a="$t0" -v b="$t1" -v n="$rows" 'BEGIN{printf "%.0f", n / (b - a)}')
	import_rss_mb=$(awk '{printf "%.0f", $1 / 1024}' "$tmp/import.rss")
	echo "bench: import $import_s s, $import_rate rows/s, peak RSS $import_rss_mb MB" >&2
	printf 'bench-password-%s\n' "$RANDOM$RANDOM" |
		JICENG_FAST_PWHASH=1 "$bin" user add admin --role admin --db "$db" --key-file "$key" \
		>/dev/null 2>"$tmp/user.log" || { cat "$tmp/user.log" >&2; die "user add failed"; }
	token=$("$bin" token add bench --db "$db" --key-file "$key" 2>/dev/null)
	[ -n "$token" ] || die "token add failed"
}

# the record runs shared by both backends; label prefix $1, database $2, key $3
api_runs() {
	local pfx=$1 db=$2 key=$3 q
	q=$(printf '王芳' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
	server_start "$db" "$key"
	expect_200 "$base_url/api/v1/persons/1" "$token"
	expect_200 "$base_url/api/v1/persons?limit=50" "$token"
	run "${pfx}get-person" "$server_pid" "$base_url" get-person BENCH_TOKEN="$token" BENCH_ROWS="$rows"
	run "${pfx}list-first-page" "$server_pid" "$base_url/api/v1/persons?limit=50" fixed BENCH_TOKEN="$token"
	run "${pfx}list-division" "$server_pid" "$base_url/api/v1/persons?division=522726111&limit=50" fixed BENCH_TOKEN="$token"
	run "${pfx}search-2-chars" "$server_pid" "$base_url/api/v1/persons?q=$q&limit=50" fixed BENCH_TOKEN="$token"
	run "${pfx}post-person" "$server_pid" "$base_url" post-person BENCH_TOKEN="$token" \
		BENCH_VILLAGES="$tmp/villages.txt" BENCH_ID_BASE=0
	rss_kb=$(ps -o rss= -p "$server_pid" | tr -d ' ')
	echo "${pfx}server $rss_kb" >>"$rss_file"
	stop_server "$server_pid"
}

# ---------------------------------------------------------------- PostgreSQL phase
# (runs under scripts/with-pg.sh; the main phase passes tmp and the result files)
if [ "$phase" = --pg ]; then
	tmp=$BENCH_TMP
	results=$BENCH_RESULTS
	rss_file=$BENCH_RSS
	[ -n "${JICENG_TEST_PG_URL:-}" ] || die "JICENG_TEST_PG_URL is not set"
	load_data "$JICENG_TEST_PG_URL" "$tmp/pg.key"
	echo "pg-import $import_s $import_rate $import_rss_mb" >"$tmp/pg-import.txt"
	echo "bench: PostgreSQL runs" >&2
	api_runs pg- "$JICENG_TEST_PG_URL" "$tmp/pg.key"
	exit 0
fi

# ---------------------------------------------------------------- main phase
for t in wrk node cc curl; do
	command -v "$t" >/dev/null || die "$t is missing (apt-get install wrk nodejs gcc curl)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
[ -x "$bin" ] || die "$bin is missing; run make first"
if ! [[ $rows =~ ^[0-9]+$ ]] || [ "$rows" -lt 100 ]; then
	die "BENCH_ROWS must be a number ≥ 100"
fi

mkdir -p "$outdir/raw"
rm -f "$outdir"/raw/*.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-bench.XXXXXX")
results=$tmp/results.txt
rss_file=$tmp/rss.txt
: >"$results"
: >"$rss_file"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench_t0=$EPOCHREALTIME

cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$outdir/bare_mhd" bench/bare_mhd.c -lmicrohttpd -lpthread
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$outdir/fsync_probe" bench/fsync_probe.c -lsqlite3

echo "bench: generating $rows persons" >&2
node bench/gen-persons.mjs "$rows" data/divisions-522700.csv >"$tmp/persons.csv"
awk -F, '$4 == 5 {print $1}' data/divisions-522700.csv >"$tmp/villages.txt"

db="sqlite:$tmp/bench.db"
key=$tmp/bench.key
load_data "$db" "$key"
sq_import="$import_s $import_rate $import_rss_mb"
db_mb=$(du -m "$tmp/bench.db" | cut -f1)

echo "bench: fsync cost on this disk" >&2
build/bench/fsync_probe "$tmp" 2 >"$tmp/fsync.txt"
sed 's/^FSYNC_RESULT /  /' "$tmp/fsync.txt" >&2

echo "bench: runs (wrk -t$wrk_threads -c$wrk_conns -d${duration}s after ${warmup}s warm-up)" >&2
port=$(free_port)
"$outdir/bare_mhd" "$port" 2 &
bare_pid=$!
pids+=("$bare_pid")
wait_http "http://127.0.0.1:$port/" "$bare_pid" || die "bare server did not start"
run bare-mhd "$bare_pid" "http://127.0.0.1:$port/" fixed
echo "bare-mhd $(ps -o rss= -p "$bare_pid" | tr -d ' ')" >>"$rss_file"
stop_server "$bare_pid"

server_start "$db" "$key"
run healthz "$server_pid" "$base_url/healthz" fixed
stop_server "$server_pid"

api_runs "" "$db" "$key"

server_start "$db" "$key" JICENG_SQLITE_SYNC=normal
run post-person-sync-normal "$server_pid" "$base_url" post-person BENCH_TOKEN="$token" \
	BENCH_VILLAGES="$tmp/villages.txt" BENCH_ID_BASE=4000000
echo "server-sync-normal $(ps -o rss= -p "$server_pid" | tr -d ' ')" >>"$rss_file"
stop_server "$server_pid"

pg_note=
if [ "${BENCH_PG:-}" = 1 ]; then
	echo "bench: PostgreSQL (scripts/with-pg.sh)" >&2
	BENCH_TMP=$tmp BENCH_RESULTS=$results BENCH_RSS=$rss_file \
		scripts/with-pg.sh scripts/bench.sh --pg || die "PostgreSQL phase failed"
	pg_note=1
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
total_s=$(awk -v a="$bench_t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.0f", b - a}')

# ---------------------------------------------------------------- report
bare_rps=$(awk '$1 == "bare-mhd" {print $2}' "$results")
get_rps=$(awk '$1 == "get-person" {print $2}' "$results")
verdict=$(awk -v b="$bare_rps" -v g="$get_rps" 'BEGIN {
	r = g / b * 100; printf "%.1f%% of the bare server: %s", r, (r >= 40 ? "meets the bar (≥ 40%)" : "BELOW the bar (≥ 40%)") }')
{
	echo "# jiceng benchmark"
	echo
	echo "- Date: $started; whole run ${total_s} s"
	echo "- Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)," \
		"$(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo)," \
		"kernel $(uname -r); database on $(df -T "$tmp" | awk 'NR == 2 {print $2 " (" $1 ")"}')"
	echo "- Versions: libmicrohttpd $(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')," \
		"SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
	echo "- Load average at start $load_start, at end $load_end"
	echo "- Data: N = $rows persons over $(wc -l <"$tmp/villages.txt") villages; SQLite file ${db_mb} MB"
	read -r s r m <<<"$sq_import"
	echo "- Import (\`jiceng import persons\`, SQLite): $s s, **$r rows/s**, peak RSS $m MB"
	if [ -f "$tmp/pg-import.txt" ]; then
		read -r _ s r m <"$tmp/pg-import.txt"
		echo "- Import (PostgreSQL): $s s, **$r rows/s**, peak RSS $m MB"
	fi
	awk '{ printf "- fsync probe %s: %.0f ops/s, p50 %d µs, p99 %d µs\n", $2, $3, $4, $5 }' "$tmp/fsync.txt"
	echo
	echo "wrk -t$wrk_threads -c$wrk_conns -d${duration}s --latency after a ${warmup}s warm-up; server --threads 2 --quiet."
	echo "server CPU = the server's CPU time per request; other CPU = the rest of the machine"
	echo "during the run, in % of one core (noise)."
	echo
	echo "| run | req/s | p50 ms | p99 ms | vs bare | non-2xx | socket err | server CPU µs/req | other CPU |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	awk -v b="$bare_rps" '{
		printf "| %s | %s | %.2f | %.2f | %.1f%% | %d | %d | %d | %d%% |\n",
			$1, sprintf($2 < 100 ? "%.1f" : "%.0f", $2), $3 / 1000, $4 / 1000,
			$2 / b * 100, $6, $7, $8, $9 }' "$results"
	echo
	echo "- GET one record: $verdict"
	awk '{ printf "- RSS after the runs, %s: %.1f MB\n", $1, $2 / 1024 }' "$rss_file"
	if [ -n "$pg_note" ]; then
		echo "- PostgreSQL runs use scripts/with-pg.sh's throwaway server (fsync=off): its POST"
		echo "  figures are not durable writes; server CPU there excludes the PostgreSQL backends"
		echo "  (they count as other CPU)."
	fi
	echo "- GET runs read with a Bearer token (one token lookup per request); POST is one audited"
	echo "  insert per request (sync=FULL unless noted)."
} >"$outdir/results.md"
echo >&2
cat "$outdir/results.md"
