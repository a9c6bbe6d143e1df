package payload

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
)

// BenchmarkLeanMemory reports what ParseLean keeps of a realistic payload:
// the lean model's live heap after a GC, per byte of JSON
// (live-B/payload-B), next to what it allocates (-benchmem). The process's
// peak is about this plus the payload bytes (stdin, a fetched body) plus the
// garbage collector's headroom (GOGC=100 lets the heap grow to twice the
// live data). The timings include two forced GCs per run: read the metric,
// not ns/op.
//
//	go test ./payload -run '^$' -bench LeanMemory -benchmem -count 5
func BenchmarkLeanMemory(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		data := payloadgen.Realistic(n, 1).JSON()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var live uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				p, err := ParseLean(data, "bench")
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				live = after.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(p)
			}
			b.ReportMetric(float64(live)/float64(len(data)), "live-B/payload-B")
		})
	}
}

// TestSegmentClauseListsShared: equal clause lists holding segment matches
// are one slice in the lean model (they were a tenth of it on a realistic
// payload), and a rule whose repeated "clauses" member extends a shared list
// gets a copy: the other flags' lists stay as read.
func TestSegmentClauseListsShared(t *testing.T) {
	rule := `{"clauses":[{"op":"segmentMatch","values":["s1"]}],"variation":0}`
	doc := `{"flags":{
		"a":{"key":"a","on":true,"rules":[` + rule + `],"fallthrough":{"variation":0},"variations":[true]},
		"b":{"key":"b","on":true,"rules":[{"clauses":[{"op":"segmentMatch","values":["s1"]}],"clauses":[{"attribute":"x","op":"in","values":["y"]}],"variation":0}],"fallthrough":{"variation":0},"variations":[true]},
		"c":{"key":"c","on":true,"rules":[` + rule + `],"fallthrough":{"variation":0},"variations":[true]}}}`
	checkLeanAgrees(t, []byte(doc))
	p, err := ParseLean([]byte(doc), "t")
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := p.Flags["a"].Rules[0].Clauses, p.Flags["b"].Rules[0].Clauses, p.Flags["c"].Rules[0].Clauses
	if len(a) != 1 || len(b) != 2 || len(c) != 1 || a[0].Values[0].StringValue() != "s1" {
		t.Fatalf("clauses a %v b %v c %v", a, b, c)
	}
	if &a[0] != &c[0] {
		t.Errorf("a and c hold equal lists in two slices")
	}
}
