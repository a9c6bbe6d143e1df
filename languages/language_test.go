package languages

import (
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

// TestDeclarations loads every built-in declaration and compiles its queries:
// a typo in a node type or field name fails here, not silently in a scan.
func TestDeclarations(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no languages")
	}
	exts := map[string]string{}
	for _, l := range all {
		c, err := l.Compile()
		if err != nil {
			t.Error(err)
			continue
		}
		if _, err := c.Constants(); err != nil {
			t.Errorf("%s: %v", l.Name, err)
		}
		if _, err := c.Modules(); err != nil {
			t.Errorf("%s: %v", l.Name, err)
		}
		if q, err := c.Constructions(); err != nil {
			t.Errorf("%s: %v", l.Name, err)
		} else if q != nil {
			caps := map[string]bool{}
			for i := uint32(0); i < q.CaptureCount(); i++ {
				caps[q.CaptureNameForId(i)] = true
			}
			if !caps["method"] || !caps["args"] || !caps["call"] {
				t.Errorf("%s: constructions query must capture @method, @args and @call", l.Name)
			}
		}
		// The node types of constructors and field writes exist in the grammar.
		cons := l.Functions.Constructions
		var nodes []string
		for _, r := range cons.Constructors {
			nodes = append(nodes, r.Node)
		}
		for _, r := range cons.Assignments {
			nodes = append(nodes, r.Node)
		}
		for _, n := range nodes {
			if _, err := sitter.NewQuery([]byte("("+n+")"), c.Lang); err != nil {
				t.Errorf("%s: constructions: node type %q: %v", l.Name, n, err)
			}
		}
		if len(l.Extensions) == 0 {
			t.Errorf("%s: no extensions", l.Name)
		}
		for _, e := range l.Extensions {
			if other, dup := exts[e]; dup {
				t.Errorf("extension %s claimed by %s and %s", e, other, l.Name)
			}
			exts[e] = l.Name
		}
		if len(l.Comments) == 0 {
			t.Errorf("%s: no comment syntax", l.Name)
		}
		if ByName(l.Name) != l {
			t.Errorf("ByName(%q) does not return it", l.Name)
		}
	}
	for _, name := range []string{"go", "javascript", "typescript", "tsx"} {
		if ByName(name) == nil {
			t.Errorf("missing language %s", name)
		}
	}
	if ByExtension("a/b.TSX") == nil || ByExtension("Makefile") != nil {
		t.Error("ByExtension")
	}
}

func TestParseRejectsUnknownFields(t *testing.T) {
	if _, err := Parse([]byte("name: x\nshapez: []\n")); err == nil {
		t.Error("unknown field accepted")
	}
}
