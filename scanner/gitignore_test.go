package scanner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gitignoreCases are .gitignore files (by directory) and the files beside
// them; every file holds one SDK call whose key is its path, so the keys a
// scan finds are the files it kept.
var gitignoreCases = map[string]string{
	// A BOM before the first pattern: git skips it.
	".gitignore": "\xef\xbb\xbf*.log.js\n" +
		"neg/*\n!neg/in.js\n" + // re-include a file under an ignored glob
		"/anchored.js\n" + // only at the root
		"dironly/\n" + // directories only
		"\\#hash.js\n\\!bang.js\n" + // escaped # and !
		"# a comment\n\n" +
		"trail.js   \n" + // trailing spaces are dropped
		"a/**/deep.js\n**/any.js\nstars/**\n" +
		"mid*/x.js\n[ab]class.js\n[!c-e]neg-class.js\nq?.js\n" +
		"sub/nested.js\n" + // contains a slash: anchored
		"*.tmp.js\r\n" + // CRLF line
		"redir/\n!redir/keep.js\n" + // cannot re-include inside an ignored directory
		"star/*/one.js\n" +
		"lit\\*.js\n",
	"lvl/.gitignore":       "*.js\n!keep.js\n",
	"lvl/inner/.gitignore": "!*.js\nno.js\n",
	"deep/.gitignore":      "/rooted.js\nx/\n",
}

var gitignoreFiles = []string{
	"app.log.js", "x/app.log.js", "keep.js",
	"neg/in.js", "neg/out.js",
	"anchored.js", "x/anchored.js",
	"dironly/a.js", "x/dironly.js",
	"#hash.js", "!bang.js", "hash.js", "bang.js",
	"trail.js",
	"a/deep.js", "a/b/c/deep.js", "b/deep.js",
	"any.js", "p/q/any.js",
	"stars/s.js", "stars/t/u.js", "stars.js",
	"mid1/x.js", "mid/x.js", "mi/x.js", "mid1/y/x.js",
	"aclass.js", "bclass.js", "cclass.js",
	"aneg-class.js", "dneg-class.js",
	"q1.js", "q12.js", "q/.js",
	"sub/nested.js", "x/sub/nested.js",
	"a.tmp.js",
	"redir/keep.js", "redir/other.js",
	"star/a/one.js", "star/a/b/one.js", "star/one.js",
	"lit*.js", "litx.js",
	"lvl/a.js", "lvl/keep.js", "lvl/inner/b.js", "lvl/inner/no.js", "lvl/inner/deeper/c.js",
	"deep/rooted.js", "deep/y/rooted.js", "deep/x/z.js", "x/y.js",
}

// TestGitignoreMatchesGit compares the files a scan keeps with the files git
// does not ignore (`git ls-files --others --exclude-standard`), on the cases
// above: nested files, negation, directory-only and anchored patterns, `**`,
// classes, escapes, trailing spaces, CRLF and a BOM.
func TestGitignoreMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	files := map[string]string{}
	for dir, body := range gitignoreCases {
		files[dir] = body
	}
	for _, f := range gitignoreFiles {
		files[f] = js(f)
	}
	root := writeTree(t, files)
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+root)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return string(out)
	}
	git("init", "-q")
	var want []string
	for _, f := range strings.Split(git("-c", "core.quotePath=false", "ls-files", "-z", "--others", "--exclude-standard"), "\x00") {
		if strings.HasSuffix(f, ".js") {
			want = append(want, f)
		}
	}
	sort.Strings(want)

	res, err := Scan(context.Background(), Options{Roots: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Calls {
		got = append(got, deref(c.Key))
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept files (-git +scan):\n%s", diff)
	}
	if len(want) < 20 {
		t.Errorf("git keeps only %d files: the cases test little", len(want))
	}
}

func TestWildmatch(t *testing.T) {
	for _, c := range []struct {
		glob, text string
		want       bool
	}{
		{"*.js", "a.js", true},
		{"*.js", "a/b.js", false},
		{"**/a.js", "a.js", true},
		{"**/a.js", "x/y/a.js", true},
		{"a/**", "a/b/c", true},
		{"a/**", "a", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a**b", "a/b", false},
		{"a**b", "axxb", true},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "bx", false},
		{"[[:digit:]]x", "7x", true},
		{"\\*x", "*x", true},
		{"\\*x", "ax", false},
		{"?", "/", false},
		{"[", "[", false},
	} {
		if got := wildmatch(c.glob, c.text); got != c.want {
			t.Errorf("wildmatch(%q, %q) = %v, want %v", c.glob, c.text, got, c.want)
		}
	}
}

// A .gitignore committed as a symlink to /dev/zero is read with a bound: one
// problem naming it, and the scan goes on (it used to read until out of memory).
func TestGitignoreIsBounded(t *testing.T) {
	root := writeTree(t, map[string]string{"a.js": js("kept")})
	if err := os.Symlink("/dev/zero", filepath.Join(root, ".gitignore")); err != nil {
		t.Skip(err)
	}
	res, err := Scan(context.Background(), Options{Roots: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Calls) != 1 || len(res.Problems) != 1 || res.Problems[0].File != ".gitignore" {
		t.Errorf("calls %v problems %v; want the call and one problem naming .gitignore", keysOf(res.Calls), res.Problems)
	}
}

// TestGlobShapes: the literal and "*suffix" shortcuts answer as wildmatch
// does, anchored or not, on paths with and without '/'.
func TestGlobShapes(t *testing.T) {
	globs := []string{"bin", "obj/Debug", "*.user", "*.cs", "*s", "*/x.cs", "a*", "*.[ch]", "\\*.cs", "*", "**/*.js"}
	texts := []string{"bin", "x/bin", "obj/Debug", "a.user", "dir/a.user", ".user", "user", "Program.cs",
		"src/Program.cs", "s", "x.cs", "a/x.cs", "a", "*.cs", "x.h", "lib/app.js", ""}
	kinds := map[globKind]int{}
	for _, g := range globs {
		for _, anchored := range []bool{false, true} {
			p := ignorePattern{glob: g, anchored: anchored}
			p.kind, p.lit = globShape(g)
			kinds[p.kind]++
			for _, text := range texts {
				want := p
				want.kind = globGeneral
				if got, w := p.match(text, false), want.match(text, false); got != w {
					t.Errorf("glob %q anchored=%v, %q: got %v, wildmatch %v", g, anchored, text, got, w)
				}
			}
		}
	}
	if kinds[globLiteral] == 0 || kinds[globStarSuffix] == 0 {
		t.Fatalf("shapes %v: every kind must be exercised", kinds)
	}
}
