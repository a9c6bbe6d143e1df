package scanner

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/ldfallback/ldfallback/languages"
)

// TestSerialParse: parses of a grammar marked serialParse (Lua: its
// external scanner keeps global state) running in several workers at once
// give the same tree as a parse alone. Without the lock about half of
// the trees came out wrong, and calls went missing at random.
func TestSerialParse(t *testing.T) {
	l := languages.ByExtension("x.lua")
	if l == nil || !l.SerialParse {
		t.Fatal("lua is not marked serialParse")
	}
	m, err := newMatcher(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, errA := os.ReadFile("../testdata/scan/wrap-lua/app/handler.lua")
	b, errB := os.ReadFile("../testdata/scan/wrap-lua/app/flags.lua")
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	e := newExtractor()
	tree, err := e.parse(context.Background(), m, a)
	if err != nil {
		t.Fatal(err)
	}
	want := tree.RootNode().String()
	tree.Close()
	e.close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	bad := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			e := newExtractor()
			defer e.close()
			src := a
			if g%2 == 1 {
				src = b
			}
			for i := 0; i < 100; i++ {
				tr, err := e.parse(context.Background(), m, src)
				if err != nil {
					continue
				}
				if g%2 == 0 && tr.RootNode().String() != want {
					mu.Lock()
					bad++
					mu.Unlock()
				}
				tr.Close()
			}
		}(g)
	}
	wg.Wait()
	if bad > 0 {
		t.Errorf("%d of 200 concurrent parses gave another tree", bad)
	}
}
