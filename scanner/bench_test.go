package scanner

import (
	"context"
	"os/exec"
	"strings"
	"testing"
)

// BenchmarkScanGOROOT scans the Go toolchain's source tree (bench/ compares it with rg and grep).
func BenchmarkScanGOROOT(b *testing.B) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skip(err)
	}
	root := strings.TrimSpace(string(out)) + "/src"
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
