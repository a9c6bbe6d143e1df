package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// hyperfine's --export-json, the fields read here.
type hfResult struct {
	Command string    `json:"command"`
	Median  float64   `json:"median"`
	Stddev  *float64  `json:"stddev"`
	User    float64   `json:"user"`
	Times   []float64 `json:"times"`
}

// shareLine is one line of shares.txt: tree, pattern set, total bytes, candidate bytes, percent.
type shareLine struct {
	total, cand int64
	pct         float64
}

// report renders bench/scan.sh's results (hf-<tree>.json, shares.txt,
// extract.txt under dir) as Markdown.
func report(w io.Writer, dir string, threads, runs int) error {
	trees := []struct{ id, name string }{{"goroot", "`$(go env GOROOT)/src`"}, {"js", "npm JS/TS tree"}}
	results := map[string]map[string]hfResult{}
	for _, t := range trees {
		data, err := os.ReadFile(filepath.Join(dir, "hf-"+t.id+".json"))
		if err != nil {
			return err
		}
		var hf struct{ Results []hfResult }
		if err := json.Unmarshal(data, &hf); err != nil {
			return err
		}
		results[t.id] = map[string]hfResult{}
		for _, r := range hf.Results {
			results[t.id][r.Command] = r
		}
	}
	shares, err := readShares(filepath.Join(dir, "shares.txt"))
	if err != nil {
		return err
	}
	mbs, err := readBench(filepath.Join(dir, "extract.txt"))
	if err != nil {
		return err
	}

	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "### Scan benchmark (%s)\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "%d cores, %d threads for every tool (grep: 1), median of %d runs after a warm-up (hyperfine). "+
		"Load average after the run: %s. %s; %s; %s.\n\n",
		runtime.NumCPU(), threads, runs, strings.Join(strings.Fields(string(load))[:3], " "),
		firstLine("rg", "--version"), firstLine("grep", "--version"), firstLine("go", "version"))

	fmt.Fprintln(w, "| tree | bytes | in candidate files: default / +1,000 keys |")
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, t := range trees {
		d, k := shares[t.id+" default"], shares[t.id+" keys"]
		fmt.Fprintf(w, "| %s | %.1f MB | %.2f%% / %.2f%% |\n", t.name, float64(d.total)/1e6, d.pct, k.pct)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "| search | tree | ldfallback | `rg -l` | `grep -rl` | ldfallback / rg |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|")
	rows := []struct{ label, ld, rg, grep string }{
		{"pre-filter strings, `scan --no-go-types`", "scan", "rg", "grep"},
		{"same, `--workers 1`", "scan-w1", "rg", "grep"},
		{"+ 1,000 flag keys (Aho-Corasick)", "keys-scan", "keys-rg", "keys-grep"},
		{"default `scan` (Go type-checked)", "scan-default", "rg", "grep"},
	}
	for _, row := range rows {
		for _, t := range trees {
			r := results[t.id]
			ld, ok := r[row.ld]
			if !ok {
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", row.label, t.name, secs(ld), secs(r[row.rg]), secs(r[row.grep]), ratio(ld.Median, r[row.rg].Median))
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "| parse+extract, one core (BenchmarkExtract, median MB/s) | parse | scan | whole tree | eager |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	var corpora []string
	for name := range mbs {
		if c, _, ok := strings.Cut(name, "/"); ok && !contains(corpora, c) {
			corpora = append(corpora, c)
		}
	}
	sort.Strings(corpora)
	for _, c := range corpora {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c, mb(mbs, c+"/parse"), mb(mbs, c+"/scan"), mb(mbs, c+"/whole"), mb(mbs, c+"/eager"))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "| target | measured | met |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, t := range trees {
		r := results[t.id]
		x := r["scan"].Median / r["rg"].Median
		cond := ""
		if shares[t.id+" default"].pct > 1 {
			cond = fmt.Sprintf(" (tree has %.2f%% of bytes in candidates, the target assumes ≤1%%)", shares[t.id+" default"].pct)
		}
		fmt.Fprintf(w, "| scan ≤ 2x rg, %s | %.2fx%s | %s |\n", t.name, x, cond, yes(x <= 2))
		k := r["keys-scan"].Median / r["keys-rg"].Median
		fmt.Fprintf(w, "| 1,000 keys ≤ 3x rg, %s | %.2fx | %s |\n", t.name, k, yes(k <= 3))
		s := r["scan-w1"].Median / r["scan"].Median
		fmt.Fprintf(w, "| 2 workers ≥ 1.7x 1 worker, %s | %.2fx (control, same run: rg -j1 → -j2 %.2fx) | %s |\n",
			t.name, s, r["rg-w1"].Median/r["rg"].Median, yes(s >= 1.7))
	}
	for _, c := range corpora {
		v := median(mbs[c+"/scan"])
		fmt.Fprintf(w, "| parse+extract ≥ 5 MB/s per core, %s | %.1f MB/s | %s |\n", c, v, yes(v >= 5))
	}
	return nil
}

func secs(r hfResult) string {
	if r.Command == "" {
		return "–"
	}
	sd := 0.0
	if r.Stddev != nil {
		sd = *r.Stddev
	}
	return fmt.Sprintf("%.3f s ±%.3f", r.Median, sd)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func mb(m map[string][]float64, k string) string {
	if len(m[k]) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", median(m[k]))
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func firstLine(cmd string, args ...string) string {
	out, err := exec.Command(cmd, args...).Output()
	if err != nil {
		return cmd + " ?"
	}
	l, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(l)
}

func readShares(name string) (map[string]shareLine, error) {
	lines, err := readLines(name)
	if err != nil {
		return nil, err
	}
	out := map[string]shareLine{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 5 {
			return nil, fmt.Errorf("%s: bad line %q", name, l)
		}
		var s shareLine
		s.total, _ = strconv.ParseInt(f[2], 10, 64)
		s.cand, _ = strconv.ParseInt(f[3], 10, 64)
		s.pct, _ = strconv.ParseFloat(f[4], 64)
		out[f[0]+" "+f[1]] = s
	}
	return out, nil
}

// readBench collects the MB/s of each `go test -bench` result line by sub-benchmark name.
func readBench(name string) (map[string][]float64, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "BenchmarkExtract/") {
			continue
		}
		key := strings.TrimPrefix(fields[0], "BenchmarkExtract/")
		if i := strings.LastIndex(key, "-"); i > 0 {
			key = key[:i] // the -GOMAXPROCS suffix
		}
		for i := 1; i+1 < len(fields); i++ {
			if fields[i+1] == "MB/s" {
				v, _ := strconv.ParseFloat(fields[i], 64)
				out[key] = append(out[key], v)
			}
		}
	}
	return out, sc.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
