#!/usr/bin/env bash
# with-pg.sh CMD... — run CMD against a throwaway PostgreSQL 15 server.
# Starts a fresh cluster in a temporary directory on a free loopback port, with
# role app / database app (pg_trgm installed) and exports
#   JICENG_TEST_PG_URL=postgresql://app:app@127.0.0.1:PORT/app
#   JICENG_TEST_PG_ADMIN_URL=postgresql://postgres@127.0.0.1:PORT/postgres  (superuser)
# and libpq's PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE for database app, and
# JICENG_TEST_PG_DATA/_OPTS/_BIN (data directory, server options, binaries),
# then runs CMD, always stops the server and removes the directory, and exits
# with CMD's status. Works as root (initdb runs as user postgres) and as an
# ordinary user.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 CMD [ARG...]" >&2
	exit 2
fi

# runuser lives in /usr/sbin, which a non-login PATH may lack
PATH=$PATH:/usr/sbin:/sbin
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "with-pg: $PGBIN/initdb not found (scripts/deps.sh installs postgresql-15)" >&2; exit 1; }

pgdir=$(mktemp -d "${TMPDIR:-/tmp}/jiceng-pg.XXXXXX")
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
	chown postgres:postgres "$pgdir"
	as_pg=(runuser -u postgres --)
fi
started=

# shellcheck disable=SC2317  # called by the trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$started" ]; then
		"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
			"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$pgdir"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Is something listening on 127.0.0.1:port?
port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

"${as_pg[@]}" "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 \
	--locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
	{ cat "$pgdir/initdb.log" >&2; echo "with-pg: initdb failed" >&2; exit 1; }

# Try ports from a random base; another process may take one between the check
# and the start, so a failed start moves on to the next port.
base=$((20000 + RANDOM % 30000))
port=
for i in $(seq 0 49); do
	p=$((base + i))
	port_busy "$p" && continue
	opts="-c listen_addresses=127.0.0.1 -p $p -k $pgdir -c fsync=off -c full_page_writes=off"
	if "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 30 \
		-o "$opts" start >/dev/null 2>&1; then
		port=$p
		started=1
		break
	fi
	# a start that failed may have left a half-started postmaster behind
	"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
done
if [ -z "$port" ]; then
	cat "$pgdir/server.log" >&2 2>/dev/null || true
	echo "with-pg: could not start PostgreSQL" >&2
	exit 1
fi

psql_admin() {
	"$PGBIN/psql" -X -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"
}
psql_admin -d postgres -c "CREATE ROLE app LOGIN PASSWORD 'app'" -c "CREATE DATABASE app OWNER app"
psql_admin -d app -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"

export JICENG_TEST_PG_URL="postgresql://app:app@127.0.0.1:$port/app"
export JICENG_TEST_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$port/postgres"
# libpq's defaults too, so that a bare `psql` (or an empty conninfo) reaches database app
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=app PGPASSWORD=app PGDATABASE=app
# what the durability suite needs to stop and start this server under load
export JICENG_TEST_PG_DATA="$pgdir/data" JICENG_TEST_PG_OPTS="$opts" JICENG_TEST_PG_BIN="$PGBIN"

# CMD runs in the background so that a TERM or INT sent to this script is
# passed on to it at once (bash would otherwise hold the signal until CMD ends);
# the explicit <&0 keeps our stdin, which a background job would not get.
set +e
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' INT TERM
wait "$child"
rc=$?
while kill -0 "$child" 2>/dev/null; do
	wait "$child"
	rc=$?
done
exit "$rc"
