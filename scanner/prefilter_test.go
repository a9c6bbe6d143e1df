package scanner

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/ldfallback/ldfallback/languages"
)

func containsAny(src []byte, patterns []string) bool {
	for _, p := range patterns {
		if bytes.Contains(src, []byte(p)) {
			return true
		}
	}
	return false
}

// TestAnyMatcher compares the DFA with bytes.Contains on random patterns and
// texts over a small alphabet (many overlaps, shared prefixes and suffixes).
func TestAnyMatcher(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcab\x00\xff"[rng.Intn(7)]
		}
		return string(b)
	}
	for i := 0; i < 3000; i++ {
		var pats []string
		for j := rng.Intn(6) + 1; j > 0; j-- {
			pats = append(pats, word(rng.Intn(5)+1))
		}
		a := newAnyMatcher(pats)
		for j := 0; j < 20; j++ {
			src := []byte(word(rng.Intn(40)))
			if got, want := a.match(src), containsAny(src, pats); got != want {
				t.Fatalf("patterns %q, text %q: got %v, want %v", pats, src, got, want)
			}
		}
	}
	if !newAnyMatcher([]string{"x", ""}).match(nil) {
		t.Error("an empty pattern matches everything")
	}
	if newAnyMatcher(nil).match([]byte("abc")) {
		t.Error("no pattern matched")
	}
}

// TestAnyMatcherEveryPosition plants one pattern at every offset of texts long
// enough to be cut in four parts: a match across a cut must still be found.
func TestAnyMatcherEveryPosition(t *testing.T) {
	pats := []string{"variation", "useFlag", "qx", "enable-checkout-0001-long-key"}
	a := newAnyMatcher(pats)
	for _, n := range []int{300, 301, 1000, 1027} {
		filler := bytes.Repeat([]byte{'z'}, n)
		if a.match(filler) {
			t.Fatalf("n=%d: match without pattern", n)
		}
		for _, p := range pats {
			for off := 0; off+len(p) <= n; off++ {
				src := append([]byte(nil), filler...)
				copy(src[off:], p)
				if !a.match(src) {
					t.Fatalf("n=%d: %q at %d not found", n, p, off)
				}
				// One byte less of the pattern: no match.
				src[off+len(p)-1] = 'z'
				if a.match(src) {
					t.Fatalf("n=%d: truncated %q at %d found", n, p, off)
				}
			}
		}
	}
}

// TestAnyMatcherRealPatterns: the built-in pre-filter strings plus keys, on
// real files, agree with bytes.Contains.
func TestAnyMatcherRealPatterns(t *testing.T) {
	pats := FilterPatterns(languages.All(), nil, []string{"new-checkout", "a-b", "enable-dark-mode"})
	a := newAnyMatcher(pats)
	files, _ := filepath.Glob("../testdata/scan/*/*/*")
	own, _ := filepath.Glob("*.go")
	n := 0
	for _, p := range append(files, own...) {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		want := containsAny(src, pats)
		if a.match(src) != want {
			t.Errorf("%s: got %v, want %v", p, !want, want)
		}
		if want {
			n++
		}
		// Cut every file just before each match's end: the prefix must agree too.
		for _, k := range []int{len(src) / 3, len(src) / 2} {
			if a.match(src[:k]) != containsAny(src[:k], pats) {
				t.Errorf("%s[:%d] disagrees", p, k)
			}
		}
	}
	if n == 0 {
		t.Fatal("no file matched")
	}
}

// libraryFilter is the Aho-Corasick library's automaton over pats, standard
// match kind: the reference spans must agree with (the scan used it before).
func libraryFilter(pats []string) ahocorasick.AhoCorasick {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
	return b.Build(pats)
}

func librarySpans(ac ahocorasick.AhoCorasick, src []byte) []span {
	var out []span
	it := ac.IterByte(src)
	for m := it.Next(); m != nil; m = it.Next() {
		out = append(out, span{m.Start(), m.End()})
	}
	return out
}

// TestSpansMatchLibrary: the DFA's spans are the library's standard matches
// (the longest pattern ending first, no overlap), on random patterns and
// texts with many overlaps and on the fixtures with the real patterns.
func TestSpansMatchLibrary(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcab"[rng.Intn(5)]
		}
		return string(b)
	}
	for i := 0; i < 3000; i++ {
		var pats []string
		for j := rng.Intn(6) + 1; j > 0; j-- {
			pats = append(pats, word(rng.Intn(5)+1))
		}
		a, ac := newAnyMatcher(pats), libraryFilter(pats)
		for j := 0; j < 20; j++ {
			src := []byte(word(rng.Intn(40)))
			if got, want := a.spans(src), librarySpans(ac, src); !slices.Equal(got, want) {
				t.Fatalf("patterns %q, text %q: got %v, want %v", pats, src, got, want)
			}
		}
	}
	pats := FilterPatterns(languages.All(), nil, []string{"new-checkout", "a-b"})
	a, ac := newAnyMatcher(pats), libraryFilter(pats)
	files, _ := filepath.Glob("../testdata/scan/*/*/*")
	n := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		got, want := a.spans(src), librarySpans(ac, src)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", p, got, want)
		}
		n += len(want)
	}
	if n == 0 {
		t.Fatal("no span in the fixtures")
	}
}

// TestFoldMatcher: receiver markers match whatever their ASCII case, and
// only as bytes.Contains over the lower-cased text would.
func TestFoldMatcher(t *testing.T) {
	a := newFoldMatcher([]string{"ldClient", "_LD"})
	for src, want := range map[string]bool{
		"x = LDCLIENT.variation": true, "self._ld.x": true, "ldclien t": false,
		"oldClient": true, "ld_client": false, "": false, "_Ld": true,
	} {
		if got := a.match([]byte(src)); got != want {
			t.Errorf("%q: got %v, want %v", src, got, want)
		}
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.Intn(30))
		for j := range b {
			b[j] = "lLdDcC_xX"[rng.Intn(9)]
		}
		pats := []string{"ldc", "Dx_", "XX"}
		want := containsAny(bytes.ToLower(b), []string{"ldc", "dx_", "xx"})
		if got := newFoldMatcher(pats).match(b); got != want {
			t.Fatalf("%q: got %v, want %v", b, got, want)
		}
	}
}

func FuzzAnyMatcher(f *testing.F) {
	f.Add("variation|boolVariation|useFlag", []byte("x.boolVariatio n useFla useFlag"))
	f.Add("ab|b|abc", []byte("aab"))
	f.Fuzz(func(t *testing.T, pats string, src []byte) {
		list := strings.Split(pats, "|")
		if len(list) > 50 {
			return
		}
		if got, want := newAnyMatcher(list).match(src), containsAny(src, list); got != want {
			t.Fatalf("patterns %q, text %q: got %v, want %v", list, src, got, want)
		}
	})
}

func BenchmarkPrefilter(b *testing.B) {
	root := goroot(b) + "/src/net/http"
	files, _ := filepath.Glob(root + "/*.go")
	var src []byte
	for _, f := range files {
		data, _ := os.ReadFile(f)
		src = append(src, data...)
	}
	for _, keys := range []int{0, 1000} {
		var extra []string
		for i := 0; i < keys; i++ {
			extra = append(extra, "enable-checkout-"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+"-flag")
		}
		pats := FilterPatterns(languages.All(), nil, extra)
		// A text without any pattern: the whole text is read, as for most files.
		clean := append([]byte(nil), src...)
		for _, p := range pats {
			clean = bytes.ReplaceAll(clean, []byte(p), bytes.Repeat([]byte{'_'}, len(p)))
		}
		a := newAnyMatcher(pats)
		ac := libraryFilter(pats)
		name := map[int]string{0: "builtin", 1000: "keys=1000"}[keys]
		b.Run(name+"/dfa", func(b *testing.B) {
			b.SetBytes(int64(len(clean)))
			for i := 0; i < b.N; i++ {
				if a.match(clean) {
					b.Fatal("match")
				}
			}
		})
		b.Run(name+"/ahocorasick", func(b *testing.B) {
			b.SetBytes(int64(len(clean)))
			for i := 0; i < b.N; i++ {
				if ac.IterByte(clean).Next() != nil {
					b.Fatal("match")
				}
			}
		})
	}
}

// TestNameMatcher: class names are found as norm compares a receiver with a
// class (ASCII case and '_' aside), also across the cuts of a long text.
func TestNameMatcher(t *testing.T) {
	a := newNameMatcher([]string{"FeatureService", "IFlags"})
	long := strings.Repeat("x", 500)
	for src, want := range map[string]bool{
		"private readonly IFeatureService _svc;": true,
		"self.feature_service.is_on('x')":        true,
		"_FEATURE__SERVICE":                      true,
		"iflags":                                 true,
		"feature service":                        false,
		"FeatureServ":                            false,
		long + "feature_" + long + "service":     false,
		long + "feature_service" + long:          true,
	} {
		if got := a.match([]byte(src)); got != want {
			t.Errorf("%.40q: got %v, want %v", src, got, want)
		}
	}
	if !newNameMatcher([]string{"Größe"}).match([]byte("anything")) {
		t.Error("a name outside ASCII must match everything (it cannot be folded)")
	}
}
