package codegen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/internal/golden"
)

// goldenCases are the generated files checked in under testdata/codegen/golden.
var goldenCases = []struct {
	lang, file string
	opts       Options
}{
	{"go", "awkward.go.golden", Options{Package: "flags"}},
	{"go", "awkward-nowrapper.go.golden", Options{NoWrapper: true}},
	{"typescript", "awkward.ts.golden", Options{}},
	{"python", "awkward.py.golden", Options{}},
	{"java", "Fallbacks.java.golden", Options{Package: "com.example.flags"}},
	{"kotlin", "Fallbacks.kt.golden", Options{Package: "com.example.flags"}},
	{"csharp", "Fallbacks.cs.golden", Options{Package: "Example.Flags"}},
}

func loadAwkward(t testing.TB) map[string]json.RawMessage {
	t.Helper()
	data, err := os.ReadFile("../testdata/codegen/awkward.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGolden(t *testing.T) {
	values := loadAwkward(t)
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			got, err := Generate(tc.lang, values, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("../testdata/codegen/golden", tc.file), got)
		})
	}
}

// TestOutputProperties checks what every language's output must satisfy,
// independent of the golden text.
func TestOutputProperties(t *testing.T) {
	values := loadAwkward(t)
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			a, err := Generate(lang, values, Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := Generate(lang, values, Options{})
			if !bytes.Equal(a, b) {
				t.Error("two runs gave different output")
			}
			first, _, _ := strings.Cut(string(a), "\n")
			if !strings.Contains(string(a[:min(len(a), 200)]), Header) {
				t.Errorf("no %q near the top; first line %q", Header, first)
			}
			for i, c := range a {
				if c >= 0x80 {
					t.Fatalf("non-ASCII byte %#x at offset %d", c, i)
				}
			}
			// Every key appears, escaped, in the map, in sorted order.
			mapStart := bytes.LastIndex(a, []byte(map[string]string{
				"go": "var Fallbacks", "typescript": "export const FALLBACKS", "python": "FALLBACKS: Final",
				"java": "private static void fill0", "kotlin": "private fun fill0", "csharp": "IReadOnlyDictionary<string, LdValue> All",
			}[lang]))
			if mapStart < 0 {
				t.Fatal("map of fallbacks not found")
			}
			pos := mapStart
			for _, k := range sortedKeys(values) {
				q := quoteFor(lang, k)
				i := bytes.Index(a[pos:], []byte(q))
				if i < 0 {
					t.Fatalf("key %q (%s) not found in the map in sorted order", k, q)
				}
				pos += i + len(q)
			}
			nw, err := Generate(lang, values, Options{NoWrapper: true})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(bytes.ToLower(nw), []byte("variationwithfallback")) || bytes.Contains(nw, []byte("variation_with_fallback")) {
				t.Error("NoWrapper output still has the wrapper")
			}
		})
	}
}

func sortedKeys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func quoteFor(lang, s string) string {
	switch lang {
	case "go":
		return goQuote(s)
	case "typescript":
		return quoteJS(s)
	case "python":
		return quotePython(s)
	case "java":
		return quoteJava(s)
	case "kotlin":
		return quoteKotlin(s)
	}
	return quoteCSharp(s)
}

func TestIdentifiers(t *testing.T) {
	long := strings.Repeat("a", 150)
	for _, tc := range []struct{ key, pascal, upper string }{
		{"new-checkout-flow", "NewCheckoutFlow", "NEW_CHECKOUT_FLOW"},
		{"3d-view", "Flag3dView", "FLAG_3D_VIEW"},
		{"class", "Class", "CLASS"},
		{"camelCaseKey", "CamelCaseKey", "CAMEL_CASE_KEY"},
		{"HTTPServer.timeout_ms", "HTTPServerTimeoutMs", "HTTP_SERVER_TIMEOUT_MS"},
		{"v2Beta", "V2Beta", "V2_BETA"},
		{"ñandú-ütf", "NanduUtf", "NANDU_UTF"},
		{"日本-flag", "U65E5U672CFlag", "U65E5_U672C_FLAG"},
		{"--", "Flag", "FLAG"},
		{"", "Flag", "FLAG"},
		{"a.b c/d", "ABCD", "A_B_C_D"},
		{long, "", ""}, // checked by shape below: the suffix is a hash
	} {
		if tc.key == long {
			// The hash suffix is whatever sha256 says; check shape and length.
			p, u := pascal(tc.key), upperSnake(tc.key)
			if len(p) != maxIdent || len(u) != maxIdent || !identRE.MatchString(p) || !identRE.MatchString(u) {
				t.Errorf("long key: pascal %q (%d), upper %q (%d)", p, len(p), u, len(u))
			}
			if pascal(long+"b") == p {
				t.Error("two long keys with one prefix got the same name")
			}
			continue
		}
		if got := pascal(tc.key); got != tc.pascal {
			t.Errorf("pascal(%q) = %q, want %q", tc.key, got, tc.pascal)
		}
		if got := upperSnake(tc.key); got != tc.upper {
			t.Errorf("upperSnake(%q) = %q, want %q", tc.key, got, tc.upper)
		}
	}
}

func TestCollision(t *testing.T) {
	values := map[string]json.RawMessage{"a-b": []byte("true"), "a_b": []byte("false"), "c": []byte("1")}
	for _, lang := range Languages() {
		_, err := Generate(lang, values, Options{})
		if err == nil {
			t.Errorf("%s: no error for colliding keys", lang)
			continue
		}
		if !strings.Contains(err.Error(), `"a-b"`) || !strings.Contains(err.Error(), `"a_b"`) {
			t.Errorf("%s: error does not name both keys: %v", lang, err)
		}
	}
	// A reserved name gets a suffix; a key that spells the suffixed name collides.
	_, err := Generate("go", map[string]json.RawMessage{"fallbacks": []byte("1"), "fallbacks_": []byte("2")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "Fallbacks_") {
		t.Errorf("reserved-name collision: %v", err)
	}
}

func TestErrors(t *testing.T) {
	ok := map[string]json.RawMessage{"a": []byte("true")}
	for _, tc := range []struct {
		name   string
		lang   string
		values map[string]json.RawMessage
		opts   Options
		want   string
	}{
		{"unknown language", "cobol", ok, Options{}, `unknown language "cobol"`},
		{"bad json", "go", map[string]json.RawMessage{"a": []byte("{")}, Options{}, `flag "a": invalid fallback value`},
		{"trailing json", "go", map[string]json.RawMessage{"a": []byte("1 2")}, Options{}, `flag "a": invalid fallback value`},
		{"huge number", "java", map[string]json.RawMessage{"a": []byte("1e400")}, Options{}, "does not fit"},
		{"integer beyond int64 in Go", "go", map[string]json.RawMessage{"a": []byte("12345678901234567890")}, Options{}, `flag "a": fallback 12345678901234567890 is an integer beyond int64, which the Go server SDK reads as -6101065172474983424`},
		{"go package", "go", ok, Options{Package: "my-pkg"}, `package "my-pkg"`},
		{"go keyword package", "go", ok, Options{Package: "func"}, `package "func"`},
		{"java package", "java", ok, Options{Package: "com.class.x"}, `package "com.class.x"`},
		{"java class", "java", ok, Options{Class: "1X"}, `class "1X"`},
		{"kotlin class", "kotlin", ok, Options{Class: "object"}, `class "object"`},
		{"csharp namespace", "csharp", ok, Options{Package: "A..B"}, `namespace "A..B"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Generate(tc.lang, tc.values, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestAliasesAndExtensions(t *testing.T) {
	for alias, lang := range aliases {
		a, err1 := Generate(alias, map[string]json.RawMessage{"x": []byte("1")}, Options{})
		b, err2 := Generate(lang, map[string]json.RawMessage{"x": []byte("1")}, Options{})
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("alias %s != %s: %v %v", alias, lang, err1, err2)
		}
	}
	want := map[string]string{"go": "go", "typescript": "ts", "python": "py", "java": "java", "kotlin": "kt", "csharp": "cs"}
	for _, l := range Languages() {
		if ext, _ := Extension(l); ext != want[l] {
			t.Errorf("Extension(%s) = %q, want %q", l, ext, want[l])
		}
	}
}

func TestQuote(t *testing.T) {
	s := "a\"b\\c\n\x01\x7f$é😀\u2028"
	for _, tc := range []struct{ name, got, want string }{
		{"js", quoteJS(s), `"a\"b\\c\n\u0001\u007f$\u00e9\ud83d\ude00\u2028"`},
		{"python", quotePython(s), `"a\"b\\c\n\u0001\u007f$\u00e9\U0001f600\u2028"`},
		{"java", quoteJava(s), `"a\"b\\c\n\001\177$\u00e9\ud83d\ude00\u2028"`},
		{"kotlin", quoteKotlin(s), `"a\"b\\c\n\u0001\u007f\$\u00e9\ud83d\ude00\u2028"`},
		{"csharp", quoteCSharp(s), `"a\"b\\c\n\u0001\u007f$\u00e9\ud83d\ude00\u2028"`},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, tc.got, tc.want)
		}
	}
}

var asciiIdent = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)

func FuzzIdentifiers(f *testing.F) {
	for k := range loadAwkward(f) {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, key string) {
		for _, name := range []string{pascal(key), upperSnake(key)} {
			if !asciiIdent.MatchString(name) || len(name) > maxIdent {
				t.Fatalf("key %q gave identifier %q", key, name)
			}
		}
	})
}

func FuzzGenerate(f *testing.F) {
	for k, v := range loadAwkward(f) {
		f.Add(k, string(v))
	}
	f.Fuzz(func(t *testing.T, key, raw string) {
		values := map[string]json.RawMessage{key: json.RawMessage(raw), "other-flag": []byte("true")}
		for _, lang := range Languages() {
			out, err := Generate(lang, values, Options{})
			if err != nil {
				if !strings.Contains(err.Error(), "invalid fallback value") && !strings.Contains(err.Error(), "both become identifier") {
					t.Fatalf("%s: unexpected error %v", lang, err)
				}
				continue
			}
			for _, c := range out {
				if c >= 0x80 {
					t.Fatalf("%s: non-ASCII output for key %q value %q", lang, key, raw)
				}
			}
		}
	})
}

func goQuote(s string) string { return strconv.QuoteToASCII(s) }

// TestInexactIntegers: an integer the Go SDK cannot hold exactly keeps its
// digits in every output (each compiler then rounds it as its SDK rounds the
// payload's text; Python keeps an int, as its SDK does), and Go, whose
// float64 constant cannot hold what the Go SDK serves beyond int64, refuses
// it (TestErrors) but writes one within int64 (both round to nearest even).
func TestInexactIntegers(t *testing.T) {
	values := map[string]json.RawMessage{
		"big":    []byte("-12345678901234567890"),
		"odd":    []byte("9007199254740993"),
		"nested": []byte(`{"n":[12345678901234567890,1,-0]}`),
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"typescript", []string{`BIG: number = -12345678901234567890.0;`, `ODD: number = 9007199254740993.0;`, `[12345678901234567890, 1, -0]`}},
		{"python", []string{`BIG: Final[float] = -12345678901234567890`, `ODD: Final[float] = 9007199254740993`, `[12345678901234567890, 1.0, -0.0]`}},
		{"java", []string{`double BIG = -12345678901234567890.0;`, `double ODD = 9007199254740993.0;`, `[12345678901234567890,1,-0]`}},
		{"kotlin", []string{`BIG: Double = -12345678901234567890.0`, `ODD: Double = 9007199254740993.0`, `[12345678901234567890,1,-0]`}},
		{"csharp", []string{`double Big = -12345678901234567890.0;`, `double Odd = 9007199254740993.0;`, `[12345678901234567890,1,-0]`}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			out, err := Generate(tc.lang, values, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("missing %s in\n%s", w, out)
				}
			}
		})
	}
	delete(values, "big")
	out, err := Generate("go", values, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`const Odd float64 = 9007199254740993.0`, `[12345678901234567890,1,-0]`} {
		if !strings.Contains(string(out), w) {
			t.Errorf("go: missing %s in\n%s", w, out)
		}
	}
}
