package scanner

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

func goroot(b *testing.B) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skip(err)
	}
	return strings.TrimSpace(string(out))
}

// BenchmarkScanGOROOT scans the Go toolchain's source tree (bench/ compares it with rg and grep).
func BenchmarkScanGOROOT(b *testing.B) {
	root := goroot(b) + "/src"
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			var bytes int64
			for i := 0; i < b.N; i++ {
				res, err := Scan(context.Background(), Options{Roots: []string{root}, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				bytes = res.Stats.Bytes
				b.ReportMetric(float64(res.Stats.Candidates), "candidates")
			}
			b.SetBytes(bytes)
		})
	}
}

type benchFile struct {
	m   *matcher
	src []byte
}

// benchCorpus reads the source files under dir that a scan would parse if
// they passed the pre-filter (known language, not minified, at most 2 MiB),
// up to limit bytes in all.
func benchCorpus(b *testing.B, dir string, limit int) []benchFile {
	var out []benchFile
	total := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || total >= limit {
			return err
		}
		l := languages.ByExtension(p)
		if l == nil {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil || len(src) > defaultMaxFileSize || hasLongLine(src) || isGenerated(src[:min(len(src), 8000)]) {
			return nil
		}
		m, err := newMatcher(l, nil)
		if err != nil {
			return err
		}
		out = append(out, benchFile{m, src})
		total += len(src)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(out) == 0 {
		b.Skipf("no source files under %s", dir)
	}
	return out
}

// BenchmarkExtract measures tree-sitter parse and extraction throughput on one
// core, every file forced through the parser (no pre-filter decides):
//
//	parse   parsing only
//	scan    what a scan does with a candidate: parse, then the calls and
//	        imports queries around the pre-filter's hits, constants when a call names one
//	whole   the calls query over the whole tree instead
//	eager   whole, plus the imports and constants queries over the whole tree
//	        for every file (the extraction before it was made lazy)
//
// Corpora: the Go standard library's net/http, the fixtures of every language,
// and (when BENCH_JS_DIR names a directory, as bench/scan.sh does) up to 4 MB
// of real JS/TS.
func BenchmarkExtract(b *testing.B) {
	corpora := [][2]string{
		{"go-net-http", filepath.Join(goroot(b), "src", "net", "http")},
		{"fixtures", "../testdata/scan"},
	}
	if dir := os.Getenv("BENCH_JS_DIR"); dir != "" {
		corpora = append(corpora, [2]string{"js-ts", dir})
	}
	s := testScanner(b)
	for _, c := range corpora {
		files := benchCorpus(b, c[1], 4<<20)
		size := 0
		hits := make([][]span, len(files))
		for i, f := range files {
			size += len(f.src)
			hits[i] = append([]span{}, hitsOf(s, f.src)...)
		}
		for _, mode := range []string{"parse", "scan", "whole", "eager"} {
			b.Run(c[0]+"/"+mode, func(b *testing.B) {
				e := newExtractor()
				defer e.close()
				e.eager = mode == "eager"
				ctx := context.Background()
				b.SetBytes(int64(size))
				for i := 0; i < b.N; i++ {
					for j, f := range files {
						var err error
						switch mode {
						case "parse":
							var tree *sitter.Tree
							if tree, err = e.parse(ctx, f.m, f.src); err == nil {
								tree.Close()
							}
						case "scan":
							_, err = e.extractHits(ctx, f.m, "f", f.src, hits[j])
						default:
							_, err = e.extractHits(ctx, f.m, "f", f.src, nil)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
