// Command scan is bench/scan.sh's helper: it prints the scanner's pre-filter
// patterns (so ripgrep and grep search for exactly the same strings), makes a
// deterministic list of flag keys, drives scanner.Scan with Options.ExtraKeys
// (the CLI has no flag for them), and measures which share of a tree's bytes
// is in candidate files.
//
//	scan patterns [-keys FILE]             pre-filter patterns, one per line
//	scan keys [-n 1000]                    synthetic flag keys, one per line
//	scan run [-keys FILE] [-workers N] [-cpuprofile F] ROOT   scanner.Scan (tree-sitter only), stats on stdout
//	scan share -patterns FILE ROOT         bytes of the tree, and of the source files containing a pattern
//	scan report [-out DIR]                 Markdown table of bench/scan.sh's results under DIR
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/scanner"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "scan:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: scan patterns|keys|run|share|report [flags] [ROOT]")
	}
	fl := flag.NewFlagSet(args[0], flag.ContinueOnError)
	keysFile := fl.String("keys", "", "file of extra flag keys, one per line")
	n := fl.Int("n", 1000, "number of keys")
	workers := fl.Int("workers", 0, "scanner workers (0 = GOMAXPROCS)")
	patsFile := fl.String("patterns", "", "file of patterns, one per line")
	outDir := fl.String("out", "bench/out", "report: directory of bench/scan.sh's results")
	threads := fl.Int("threads", 2, "report: thread count used")
	runs := fl.Int("runs", 5, "report: runs per command")
	cpuprofile := fl.String("cpuprofile", "", "run: write a CPU profile to this file")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	var keys []string
	if *keysFile != "" {
		var err error
		if keys, err = readLines(*keysFile); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	switch args[0] {
	case "patterns":
		for _, p := range scanner.FilterPatterns(nil, nil, keys) {
			fmt.Fprintln(w, p)
		}
	case "keys":
		for _, k := range flagKeys(*n) {
			fmt.Fprintln(w, k)
		}
	case "run":
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		res, err := scanner.Scan(context.Background(), scanner.Options{Roots: fl.Args(), Workers: *workers, ExtraKeys: keys})
		if err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(struct {
			Calls int           `json:"calls"`
			Stats scanner.Stats `json:"stats"`
		}{len(res.Calls), res.Stats})
	case "share":
		pats, err := readLines(*patsFile)
		if err != nil {
			return err
		}
		if fl.NArg() != 1 {
			return fmt.Errorf("share: one ROOT")
		}
		total, cand, err := share(fl.Arg(0), pats)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%d %d %.3f\n", total, cand, 100*float64(cand)/float64(max(total, 1)))
	case "report":
		return report(w, *outDir, *threads, *runs)
	default:
		return fmt.Errorf("unknown command %q", args[0])
	}
	return nil
}

// flagKeys returns n distinct keys in the kebab-case style of real flag keys.
func flagKeys(n int) []string {
	areas := []string{"checkout", "search", "billing", "onboarding", "profile", "cart", "payments", "notifications", "dashboard", "reports"}
	verbs := []string{"enable", "release", "kill-switch", "experiment", "rollout", "beta", "migrate", "show"}
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		out = append(out, fmt.Sprintf("%s-%s-%04d", verbs[i%len(verbs)], areas[(i/len(verbs))%len(areas)], i))
	}
	return out
}

// share sums the bytes of every regular file under root (what ripgrep and grep
// read; .git and vendored directories pruned as the scanner does), and of the
// files the scanner parses: in a scanned language, not skipped, containing one of pats.
func share(root string, pats []string) (total, cand int64, err error) {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{DFA: true})
	ac := b.Build(pats)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "vendor", "third_party", "bower_components":
				if p != root {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		total += int64(len(data))
		if languages.ByExtension(p) != nil && len(data) <= 2<<20 && !skipped(data) && ac.IterByte(data).Next() != nil {
			cand += int64(len(data))
		}
		return nil
	})
	return total, cand, err
}

// skipped mirrors the scanner's skips of binary, generated and minified files
// (scanner.process), so that the share counts the bytes the scanner parses.
func skipped(data []byte) bool {
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 || bytes.Contains(head, []byte("@generated")) {
		return true
	}
	if i := bytes.Index(head, []byte("Code generated")); i >= 0 && bytes.Contains(head[i:], []byte("DO NOT EDIT")) {
		return true
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > 4096 {
			return true
		}
	}
	return false
}

func readLines(name string) ([]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}
