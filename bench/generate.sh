#!/usr/bin/env bash
# Benchmarks `ldfallback generate` against its floor (a typed encoding/json
# decode of the same file) and the guide's jq program under gojq, on realistic
# payloads of 1k, 10k and 100k flags and on the 34-flag diamond.
# Usage: bench/generate.sh [runs]   (medians of `runs` runs, default 5)
# LDFALLBACK=path times that binary instead of building one (e.g. a build of
# a clean checkout while the working tree is mid-edit).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
OUT=bench/out
JQ_PROGRAM=${JQ_PROGRAM:-../shared/reference/parse-fallbacks.jq}
JQ_TIMEOUT=${JQ_TIMEOUT:-300s}
mkdir -p "$OUT"
# A module boundary: the npm tree holds Go packages of its own, which must stay out of ./... here.
[ -f "$OUT/go.mod" ] || printf 'module benchout\n' >"$OUT/go.mod"

go build -o "$OUT/gen" ./bench/generate
# The CLI when it builds; otherwise the same library path through the helper.
# gen_argv FILE sets ARGV to the command timed on FILE; it is run directly
# under /usr/bin/time (no shell in between: the wall time is the process's).
if [ -n "${LDFALLBACK:-}" ] || go build -o "$OUT/ldfallback" . 2>/dev/null; then
	BIN=${LDFALLBACK:-$OUT/ldfallback}
	gen_argv() { ARGV=("$BIN" generate --payload "$1" -o "$OUT/fallback-config.json"); }
	WHAT="ldfallback generate ($BIN)"
else
	gen_argv() { ARGV=("$OUT/gen" -resolve "$1" -o "$OUT/fallback-config.json"); }
	WHAT="payload.ParseLeanFile+Resolve+Config (CLI did not build)"
fi

for n in 1000 10000 100000; do
	[ -f "$OUT/flags-$n.json" ] || "$OUT/gen" -n "$n" -o "$OUT/flags-$n.json"
done
"$OUT/gen" -diamond 17 -o "$OUT/diamond-34.json"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# wall seconds and peak RSS (KiB) of one command, via /usr/bin/time -v
measure() {
	local log
	log=$(mktemp)
	local start end
	start=$(date +%s%N)
	/usr/bin/time -v "$@" 2>"$log" >/dev/null || true
	end=$(date +%s%N)
	local wall rss
	# time -v prints wall time in centiseconds: too coarse for the diamond
	wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", (b-a)/1e9}')
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
	rm -f "$log"
	echo "$wall $rss"
}

printf '%s\n' "generate = $WHAT; medians of $RUNS runs; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-12s %9s %10s %10s %8s %10s %9s %12s %9s %11s\n' payload MB generate_s decode_s ratio jq_s jq/gen peak_RSS_MB RSS/size decRSS/size
for f in flags-1000 flags-10000 flags-100000 diamond-34; do
	file="$OUT/$f.json"
	size=$(stat -c %s "$file")
	gw=() gr=() dw=()
	for _ in $(seq "$RUNS"); do
		gen_argv "$file"
		read -r w r < <(measure "${ARGV[@]}")
		gw+=("$w") gr+=("$r")
		dw+=("$("$OUT/gen" -decode "$file")")
	done
	g=$(printf '%s\n' "${gw[@]}" | median)
	rss=$(printf '%s\n' "${gr[@]}" | median)
	d=$(printf '%s\n' "${dw[@]}" | median)
	# peak RSS of a whole process that only reads and decodes the file, for scale
	read -r _ drss < <(measure "$OUT/gen" -decode "$file")
	jq="-"
	if [ -f "$JQ_PROGRAM" ] && [ "$f" != flags-100000 ]; then
		jq=$("$OUT/gen" -jq "$JQ_PROGRAM" -payload "$file" -timeout "$JQ_TIMEOUT")
	fi
	awk -v f="$f" -v s="$size" -v g="$g" -v d="$d" -v jq="$jq" -v rss="$rss" -v drss="$drss" 'BEGIN {
		ratio = (d > 0) ? sprintf("%.2fx", g/d) : "-"
		jr = (jq ~ /^[0-9.]+$/ && g > 0) ? sprintf("%.0fx", jq/g) : (jq == "timeout" ? ">limit" : "-")
		printf "%-12s %9.1f %10.3f %10.3f %8s %10s %9s %12.0f %9.2f %11.2f\n", f, s/1e6, g, d, ratio, jq, jr, rss/1024, rss*1024/s, drss*1024/s
	}'
done
echo "(generate wall time includes process start and file read; decode is in-process, json.Unmarshal only; jq = gojq v0.12.19 library, limit $JQ_TIMEOUT, not run at 100k)"
echo "Go benchmarks: go test ./fallback/ -run '^\$' -bench . -benchtime 3x"
