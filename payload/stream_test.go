package payload

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
)

// checkStreamAgrees asserts that ParseLeanFile gives what ParseLean gives on
// the same bytes: the same error, or the same lean model. fast reports
// whether the streaming scanner took the document itself.
func checkStreamAgrees(t testing.TB, data []byte, block int) (fast bool) {
	t.Helper()
	defer func(b int) { streamBlock = b }(streamBlock)
	streamBlock = block
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantErr := parseLeanJreader(data, "x")
	got, gotErr := ParseLeanFile(path, "x")
	if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
		t.Fatalf("ParseLeanFile error %v, ParseLean error %v", gotErr, wantErr)
	}
	if wantErr == nil {
		if d := cmp.Diff(leanJSON(t, want), leanJSON(t, got)); d != "" {
			t.Fatalf("ParseLeanFile differs from ParseLean (-ParseLean +ParseLeanFile):\n%s", d)
		}
	}
	s := &stream{r: bytes.NewReader(data), buf: make([]byte, 0, block)}
	_, fast = s.parse()
	return fast
}

func TestParseLeanFileAgrees(t *testing.T) {
	docs := map[string]string{
		"latest-all":           `{"flags":{"a":{"key":"a","on":true,"variations":[1,2]},"b":{"deleted":true}},"segments":{"s":{"key":"s"}},"x":[1,{"y":"}"}]}`,
		"flag map":             ` { "a" : { "variations" : [ "\"]}" ] } , "b":{} } ` + "\n",
		"null flags":           `{"flags":null,"flagValues":{"v":"\ud83d\ude00","v":"\ud83d\ude00!"}}`,
		"flags then values":    `{"flags":{"v":{"variations":[1]}},"flagValues":{"v":"\ud83d\ude00"},"flags":{"w":{"variations":["\uD83D\uDE00"]}}}`,
		"escaped names":        `{"fl\u0061gs":{"\u0061":{}}}`,
		"empty":                `{}`,
		"bare map named flags": `{"flags":{"key":"flags","on":true,"variations":[true]}}`,
		"syntax error":         `{"flags":{"a":{"on":tr}}}`,
		"type error":           `{"flags":{"a":{"on":"yes"}}}`,
		"truncated":            `{"flags":{"a":{"on":true}`,
		"trailing":             `{"flags":{}} x`,
		"trailing comma":       `{"flags":{"a":{}},}`,
		"not an object":        `[1]`,
		"nothing":              ``,
		"bom":                  "\ufeff{}",
		"unterminated string":  `{"a":{"variations":["x]}}`,
	}
	for name, doc := range docs {
		for _, block := range []int{1, 3, 64, 1 << 20} {
			t.Run(fmt.Sprintf("%s/%d", name, block), func(t *testing.T) { checkStreamAgrees(t, []byte(doc), block) })
		}
	}
	// The generated payloads must take the streaming path, or the memory
	// it saves is not saved.
	big := map[string][]byte{"realistic": payloadgen.Realistic(200, 5).JSON(), "diamond": payloadgen.Diamond(4).JSON()}
	for seed := uint64(0); seed < 10; seed++ {
		big[fmt.Sprint("random", seed)] = payloadgen.Random(seed, payloadgen.RandomOptions{Flags: 20}).JSON()
	}
	if demo, err := os.ReadFile("../testdata/demo/flags.json"); err == nil {
		big["demo"] = demo
	}
	for name, doc := range big {
		for _, block := range []int{5, 4096} {
			t.Run(fmt.Sprintf("%s/%d", name, block), func(t *testing.T) {
				if !checkStreamAgrees(t, doc, block) {
					t.Error("the streaming scanner gave up on a well-formed payload")
				}
			})
		}
	}
}

func TestParseLeanFileReadErrors(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]string{
		filepath.Join(dir, "missing.json"): "src: cannot read payload: no such file or directory",
		dir:                                "src: cannot read payload: is a directory",
	} {
		_, err := ParseLeanFile(path, "src")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
}

func FuzzParseLeanFile(f *testing.F) {
	f.Add([]byte(`{"flags":{"a":{"key":"a","on":true,"variations":[1,2]}},"segments":{}}`), uint8(3))
	f.Add([]byte(`{"a":{"variations":["\ud83d\ude00"]},"b":{}}`), uint8(1))
	f.Add([]byte(`{"flagValues":{"v":[1,"]"]},"flags":null}`), uint8(7))
	f.Add(payloadgen.Random(2, payloadgen.RandomOptions{Flags: 4}).JSON(), uint8(20))
	f.Fuzz(func(t *testing.T, data []byte, block uint8) {
		checkStreamAgrees(t, data, int(block)+1)
	})
}
