#!/usr/bin/env bash
# run.sh — `make run`: on first use create var/jiceng.db (SQLite) with its key
# var/jiceng.key, the divisions of 黔南州 and the demo data, and an admin user
# whose generated password is printed once; then serve the console on
# ${JICENG_LISTEN:-127.0.0.1:8080}.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/jiceng
db=sqlite:var/jiceng.db
[ -x "$bin" ] || { echo "run: $bin is missing; run make first" >&2; exit 1; }

if [ ! -e var/jiceng.db ]; then
	mkdir -p var
	# A half-made database is worse than none: remove it if any step fails
	# (and the key, if this run made it).
	new_key=
	[ -e var/jiceng.key ] || new_key=1
	# shellcheck disable=SC2016  # expanded when the trap runs
	trap 'rm -f var/jiceng.db var/jiceng.db-wal var/jiceng.db-shm; [ -z "$new_key" ] || rm -f var/jiceng.key; echo "run: setup failed; var/jiceng.db removed" >&2' ERR
	"$bin" init --db "$db"
	"$bin" demo --db "$db"
	# 16 characters from the kernel's generator, with a digit and letters of
	# both cases so that any password rule is met.
	password=
	until [[ $password =~ [0-9] && $password =~ [a-z] && $password =~ [A-Z] && ${#password} -ge 12 ]]; do
		password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
	done
	printf '%s\n' "$password" | "$bin" user add admin --role admin --pii --db "$db" >/dev/null
	trap - ERR
	echo
	echo "  管理员账号 admin，初始密码 $password（只显示这一次）"
	echo
fi

exec "$bin" serve --listen "${JICENG_LISTEN:-127.0.0.1:8080}" --db "$db"
