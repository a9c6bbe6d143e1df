package excludes

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	gitignore "github.com/sabhiram/go-gitignore"
)

// TestAgreesWithGitignore: the indexed matcher gives go-gitignore's answer
// on generated pattern lists and paths, negations and globs included.
func TestAgreesWithGitignore(t *testing.T) {
	parts := []string{"a", "b", "gen", "vendor", "x.py", "*.py", "**", "*", "src", "a?c", "[ab]", "file.go", ""}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return parts[r.IntN(len(parts))] }
	for round := 0; round < 300; round++ {
		var lines []string
		for range 1 + r.IntN(6) {
			var segs []string
			for range 1 + r.IntN(3) {
				segs = append(segs, pick())
			}
			l := strings.Join(segs, "/")
			switch r.IntN(5) {
			case 0:
				l = "!" + l
			case 1:
				l = "/" + l
			case 2:
				l += "/"
			}
			lines = append(lines, l)
		}
		want := gitignore.CompileIgnoreLines(lines...)
		got := Compile(lines)
		for range 30 {
			var segs []string
			for range 1 + r.IntN(4) {
				s := pick()
				if s == "" || strings.ContainsAny(s, "*?[") {
					s = "file.go"
				}
				segs = append(segs, s)
			}
			p := strings.Join(segs, "/")
			if got.MatchesPath(p) != want.MatchesPath(p) {
				t.Fatalf("lines %q, path %q: got %v, go-gitignore %v", lines, p, got.MatchesPath(p), want.MatchesPath(p))
			}
		}
	}
}

func TestEscapedLinesFallBack(t *testing.T) {
	lines := []string{`\#notacomment`, "!\\!x", "keep"}
	want := gitignore.CompileIgnoreLines(lines...)
	got := Compile(lines)
	for _, p := range []string{"#notacomment", "!x", "keep", "other"} {
		if got.MatchesPath(p) != want.MatchesPath(p) {
			t.Errorf("%q: got %v, want %v", p, got.MatchesPath(p), want.MatchesPath(p))
		}
	}
}

// manyPatterns is 10,000 exclude patterns, which go-gitignore alone takes
// minutes to match 1,000 paths against.
func manyPatterns() *Matcher {
	var lines []string
	for i := range 10000 {
		lines = append(lines, fmt.Sprintf("gen/dir%d/**/file%d.py", i, i))
	}
	return Compile(lines)
}

// TestManyPatterns: the index keeps the answers of 10,000 patterns right.
// How fast it is is BenchmarkManyPatterns' (a timed test fails on a loaded CI).
func TestManyPatterns(t *testing.T) {
	m := manyPatterns()
	for i := range 1000 {
		if m.MatchesPath(fmt.Sprintf("src/pkg%d/file.py", i)) {
			t.Fatal("matched")
		}
	}
	if !m.MatchesPath("gen/dir7/x/y/file7.py") || m.MatchesPath("gen/dir7/x/file8.py") {
		t.Error("wrong answers")
	}
}

func BenchmarkManyPatterns(b *testing.B) {
	m := manyPatterns()
	for i := 0; b.Loop(); i++ {
		m.MatchesPath(fmt.Sprintf("src/pkg%d/file.py", i%1000))
	}
}
