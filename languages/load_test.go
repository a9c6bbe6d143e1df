package languages

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The declarations are parsed in parallel; the result keeps the files' order
// and a broken file is reported as when they were parsed in turn: the first.
func TestLoadOrderAndFirstError(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		fsys["defs/"+n+".yaml"] = &fstest.MapFile{Data: []byte("name: " + n + "\n")}
	}
	ls, err := load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range ls {
		got = append(got, l.Name)
	}
	if strings.Join(got, ",") != "a,b,c,d,e" {
		t.Errorf("order = %v", got)
	}
	fsys["defs/b.yaml"] = &fstest.MapFile{Data: []byte("nonsense: 1\n")}
	fsys["defs/d.yaml"] = &fstest.MapFile{Data: []byte("name: [\n")}
	for i := 0; i < 20; i++ {
		if _, err := load(fsys); err == nil || !strings.HasPrefix(err.Error(), "languages/defs/b.yaml: ") {
			t.Fatalf("err = %v, want the first broken file's", err)
		}
	}
}
