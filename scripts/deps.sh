#!/usr/bin/env bash
# deps.sh — install what building and testing jiceng needs on Debian 12, and
# the console's npm packages. Idempotent and quick when everything is there:
# apt is touched only when a package is missing, npm only when a lockfile is
# newer than its node_modules. Prints one line per thing it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

# build and unit tests
pkgs=(build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
	libpq-dev libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev libcmocka-dev
	libxml2-dev liboath-dev
	sqlite3 unzip)
# PostgreSQL tests (postgresql-15 carries contrib: pg_trgm)
pkgs+=(postgresql-15)
# browser tests, spreadsheets for import tests, fuzz builds
pkgs+=(chromium fonts-noto-cjk libreoffice-calc-nogui clang)

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "deps: need root to install: ${missing[*]}" >&2; exit 1; }
		sudo=sudo
	fi
	for p in "${missing[@]}"; do echo "deps: installing $p"; done
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

# Node 20 comes with the machine; Debian's nodejs is older and must not replace it.
if ! command -v node >/dev/null; then
	echo "deps: node is not installed; jiceng needs Node.js 20 or newer (with npm) for the console and the tests" >&2
	exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
	echo "deps: node $(node --version) is too old; jiceng needs Node.js 20 or newer" >&2
	exit 1
fi
command -v npm >/dev/null || { echo "deps: npm is not installed (it comes with Node.js 20)" >&2; exit 1; }

# npm ci where a lockfile exists and node_modules is missing or older than it.
for dir in web .; do
	[ -f "$dir/package-lock.json" ] || continue
	if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
		if [ "$dir" = . ]; then echo "deps: installing npm packages (repository root)"; else echo "deps: installing npm packages in $dir/"; fi
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
		touch "$dir/node_modules"
	fi
done
