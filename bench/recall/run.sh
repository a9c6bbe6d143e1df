#!/bin/sh
# bench/recall/run.sh [BINARY] — the zero-config recall measurement (README of this directory).
# Extracts each application of apps.tsv from its fetched mirror into $APPS (default /tmp/recall-apps;
# nothing is written into this repository), runs `scan --format json` with no config and no payload,
# and compares the calls with the sites apps.tsv lists (measure.py). Needs git, ripgrep, jq, python3.
# ONLY="name name" measures just those applications (names as in apps.tsv's first column).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/ldfallback
	(cd "$here/../.." && go build -o "$bin" .)
fi
MIRRORS=${MIRRORS:-/work/.mirror}
APPS=${APPS:-/tmp/recall-apps}
OUT=${OUT:-$APPS/results}
mkdir -p "$APPS" "$OUT"
printf '| application | languages | sites | right key | named (key at check) | key null | unverified | missed | wrong key | extra (review) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
grep -v -e "^#" -e "^$" "$here/apps.tsv" | while IFS='	' read -r name mirror rev langs sites notsites; do
	case " ${ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
	git=$MIRRORS/$mirror/repo
	[ -d "$git" ] || git=$MIRRORS/$mirror
	if [ ! -d "$git" ]; then
		echo "| $name | $langs | (no mirror: fetch github:$(echo "$mirror" | tr + /)) | | | | | | | |"
		continue
	fi
	dir=$APPS/$name
	if [ ! -d "$dir" ]; then
		mkdir -p "$dir"
		python3 "$here/extract.py" "$git" "$rev" "$dir"
	fi
	(cd "$dir" && "$bin" scan --format json . >"$OUT/$name.json" 2>"$OUT/$name.err" || true)
	python3 "$here/measure.py" "$dir" "$OUT/$name.json" "$sites" "$notsites" >"$OUT/$name.measure.json"
	jq -r --arg n "$name" --arg l "$langs" '"| \($n) | \($l) | \(.sites) | \(.right) | \(.named) | \(.null) | \(.unverified) | \(.missed) | \(.wrong) | \(.extra) |"' "$OUT/$name.measure.json"
done
