#!/bin/sh
# Builds the web console (web/) into build/web with Vite. Runs `npm ci` first when
# web/node_modules is missing or older than web/package-lock.json.
set -eu
cd "$(dirname "$0")/../web"

stamp=node_modules/.package-lock.json   # npm writes this on every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
	echo "build-web: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
fi

echo "build-web: vite build → build/web"
npx --no-install vite build --logLevel warn
test -f ../build/web/index.html
