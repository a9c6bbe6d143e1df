#!/usr/bin/env bash
# Builds ldfallback for every release target this Linux machine can build
# with cgo (linux/amd64 and linux/arm64 statically linked, windows/amd64),
# runs the linux/amd64 binary, and prints each target's build time and size.
# darwin needs a macOS runner (.github/workflows/release.yml).
#
# Needs: gcc (or musl-gcc), gcc-aarch64-linux-gnu, gcc-mingw-w64-x86-64
#   apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-mingw-w64-x86-64 musl-tools
# Usage: scripts/crossbuild.sh [OUTDIR]   (default dist/crossbuild)
# Not part of go test: it takes minutes (each target compiles the grammars' C).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/crossbuild}"
mkdir -p "$out"
version="$(git describe --tags --always --dirty 2>/dev/null || echo snapshot)-snapshot"
# The same flags as .goreleaser.yaml: no paths, no build ids, the version stamped.
ldflags="-s -w -X main.version=$version"
static="-linkmode external -extldflags -static"
export CGO_ENABLED=1

build() { # name goos goarch cc extra-ldflags
  local name=$1 goos=$2 goarch=$3 cc=$4 extra=$5 bin="$out/ldfallback-$1"
  [ "$goos" = windows ] && bin="$bin.exe"
  if ! command -v "${cc%% *}" >/dev/null 2>&1; then
    printf '%-14s skipped: no %s\n' "$name" "$cc"; return 0
  fi
  local start end
  start=$(date +%s.%N)
  GOOS=$goos GOARCH=$goarch CC=$cc go build -trimpath -tags netgo,osusergo \
    -ldflags "$ldflags $extra" -o "$bin" .
  end=$(date +%s.%N)
  printf '%-14s %6.1f s  %5.1f MB  %s\n' "$name" "$(echo "$end - $start" | bc)" \
    "$(echo "$(stat -c %s "$bin") / 1048576" | bc -l)" "$(file -b "$bin" | cut -d, -f1-2)"
}

echo "target          time     size     file"
if command -v musl-gcc >/dev/null 2>&1; then
  build linux-amd64 linux amd64 musl-gcc "$static"
else
  build linux-amd64 linux amd64 gcc "$static"
fi
build linux-arm64 linux arm64 aarch64-linux-gnu-gcc "$static"
build windows-amd64 windows amd64 x86_64-w64-mingw32-gcc ""

echo "== run linux/amd64"
"$out/ldfallback-linux-amd64" --version
"$out/ldfallback-linux-amd64" check --payload testdata/demo/flags.json --fail-on never testdata/demo | tail -1
if command -v ldd >/dev/null 2>&1; then ldd "$out/ldfallback-linux-amd64" 2>&1 | head -1 || true; fi
