#!/usr/bin/env bash
# bench/scan.sh: ldfallback scan against ripgrep and grep, side by side in one
# run, on the Go toolchain's source tree and on a JavaScript/TypeScript tree
# from the npm registry; plus parse+extract MB/s per core and the 1 -> 2
# workers speed-up. Writes bench/out/scan.md (and the raw hyperfine JSON).
#
#   bench/scan.sh                 # RUNS=5 THREADS=2 by default
#   RUNS=10 THREADS=2 bench/scan.sh
#   GO_TYPES=0 bench/scan.sh      # skip the default (type-checked Go) scan of GOROOT: slow
#
# Every tool gets the same thread count (rg -j, ldfallback --workers; grep has
# one thread) and searches for the same strings: the scanner's own pre-filter
# patterns (SDK import markers, method names), printed by bench/scan, and for
# the key search those plus 1,000 flag keys (Options.ExtraKeys, driven from
# bench/scan since the CLI has no flag for them).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
GO_TYPES=${GO_TYPES:-1}
OUT=bench/out
mkdir -p "$OUT"
# A module boundary: the npm tree holds Go packages of its own, which must stay out of ./... here.
[ -f "$OUT/go.mod" ] || printf 'module benchout\n' >"$OUT/go.mod"

# Tools: hyperfine and ripgrep from Debian's packages.
if ! command -v hyperfine >/dev/null || ! command -v rg >/dev/null; then
	apt-get install -y hyperfine ripgrep >/dev/null
fi

echo "== build" >&2
go build -o "$OUT/ldfallback" .
go build -o "$OUT/scanbench" ./bench/scan

# Trees.
GOSRC=$(go env GOROOT)/src
JSTREE=$OUT/jstree
if [ ! -d "$JSTREE" ]; then
	echo "== npm tree" >&2
	npm install --prefix "$OUT/npm" --no-audit --no-fund --loglevel=error \
		typescript@5 rxjs @angular/core @angular/compiler lodash webpack eslint @types/node three \
		@launchdarkly/node-server-sdk @openfeature/server-sdk >/dev/null
	# A plain copy: no .bin symlinks, no nested node_modules (the scanner skips
	# vendored directories, ripgrep and grep would not), no dot-files at the top.
	mkdir -p "$JSTREE.tmp"
	cp -r "$OUT"/npm/node_modules/* "$JSTREE.tmp/"
	find "$JSTREE.tmp" -mindepth 2 -name node_modules -type d -prune -exec rm -rf {} +
	mv "$JSTREE.tmp" "$JSTREE"
fi

# Search strings.
"$OUT/scanbench" keys -n 1000 >"$OUT/keys.txt"
"$OUT/scanbench" patterns >"$OUT/pats.txt"
"$OUT/scanbench" patterns -keys "$OUT/keys.txt" >"$OUT/pats-keys.txt"

LD="$OUT/ldfallback scan --format json"
SB="$OUT/scanbench run"
: >"$OUT/shares.txt"
for tree in goroot js; do
	case $tree in goroot) dir=$GOSRC ;; js) dir=$JSTREE ;; esac
	echo "== $tree: $dir" >&2
	echo "$tree default $("$OUT/scanbench" share -patterns "$OUT/pats.txt" "$dir")" >>"$OUT/shares.txt"
	echo "$tree keys $("$OUT/scanbench" share -patterns "$OUT/pats-keys.txt" "$dir")" >>"$OUT/shares.txt"
	cmds=(
		-n rg "rg -l -j$THREADS -F -f $OUT/pats.txt $dir"
		-n rg-w1 "rg -l -j1 -F -f $OUT/pats.txt $dir"
		-n grep "grep -rlF -f $OUT/pats.txt $dir"
		-n scan "$LD --no-go-types --workers $THREADS $dir"
		-n scan-w1 "$LD --no-go-types --workers 1 $dir"
		-n keys-rg "rg -l -j$THREADS -F -f $OUT/pats-keys.txt $dir"
		-n keys-grep "grep -rlF -f $OUT/pats-keys.txt $dir"
		-n keys-scan "$SB -workers $THREADS -keys $OUT/keys.txt $dir"
	)
	if [ "$tree" = js ] || [ "$GO_TYPES" = 1 ]; then
		cmds+=(-n scan-default "$LD --workers $THREADS $dir")
	fi
	# -i: rg and grep exit 1 when nothing matches. -N: no shell in between.
	hyperfine -N -i -w 1 -r "$RUNS" --export-json "$OUT/hf-$tree.json" --style basic "${cmds[@]}" >&2
done

echo "== parse+extract MB/s per core" >&2
BENCH_JS_DIR="$PWD/$JSTREE" go test -run '^$' -bench 'BenchmarkExtract' -benchtime 1x -count "$RUNS" ./scanner/ | tee "$OUT/extract.txt" >&2

"$OUT/scanbench" report -out "$OUT" -threads "$THREADS" -runs "$RUNS" | tee "$OUT/scan.md"
