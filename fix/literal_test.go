package fix

import (
	"encoding/json"
	"testing"
)

func TestRender(t *testing.T) {
	tests := []struct {
		lang, old, value, want, skip string
	}{
		{lang: "python", old: "True", value: "false", want: "False"},
		{lang: "python", old: "None", value: "true", want: "True"},
		{lang: "python", old: `'a'`, value: `"it's"`, want: `'it\'s'`},
		{lang: "python", old: `"a"`, value: `null`, want: `None`},
		{lang: "python", old: `{}`, value: `{"b":[1,true],"a":null}`, want: `{"a": None, "b": [1, True]}`},
		{lang: "go", old: "true", value: "false", want: "false"},
		{lang: "go", old: `"x"`, value: `"a\"b\\c\n"`, want: `"a\"b\\c\n"`},
		{lang: "go", old: "`raw`", value: `"new"`, want: `"new"`},
		{lang: "go", old: "10", value: "25", want: "25"},
		{lang: "go", old: "10", value: "2.5", skip: "not an integer"},
		{lang: "go", old: "1.5", value: "2", want: "2.0"},
		{lang: "go", old: "nil", value: "null", skip: "no plain null"},
		{lang: "go", old: "x", value: `{"a":1}`, skip: "JSON objects"},
		{lang: "go", old: `"x"`, value: `"\u0001"`, want: `"\x01"`},
		{lang: "javascript", old: `'x'`, value: `"O'Neil"`, want: `'O\'Neil'`},
		{lang: "javascript", old: "`x`", value: `"${a}"`, want: "`\\${a}`"},
		{lang: "javascript", old: "{a: 1}", value: `{"a":2}`, want: `{"a":2}`},
		{lang: "javascript", old: "10", value: "2.5", want: "2.5"},
		{lang: "typescript", old: "null", value: `"x"`, want: `'x'`},
		{lang: "java", old: "10L", value: "25", want: "25L"},
		{lang: "java", old: "1.5f", value: "2", want: "2.0f"},
		{lang: "java", old: `"x"`, value: `"a\u0001"`, want: `"a\001"`},
		{lang: "kotlin", old: `"x"`, value: `"$5 off"`, want: `"\$5 off"`},
		{lang: "kotlin", old: "1.0", value: "3", want: "3.0"},
		{lang: "csharp", old: "false", value: "true", want: "true"},
		{lang: "ruby", old: "nil", value: "true", want: "true"},
		{lang: "ruby", old: `'x'`, value: `"a'b\\"`, want: `'a\'b\\'`},
		{lang: "ruby", old: `'x'`, value: `"line\n"`, want: `"line\n"`},
		{lang: "ruby", old: `"x"`, value: `"#{x}"`, want: `"\#{x}"`},
		{lang: "php", old: `'x'`, value: `"$x"`, want: `'$x'`},
		{lang: "php", old: `"x"`, value: `"$x"`, want: `"\$x"`},
		{lang: "swift", old: `"x"`, value: `"\u0001"`, want: `"\u{1}"`},
		{lang: "rust", old: "1.0_f64", value: "2", want: "2.0_f64"},
		{lang: "lua", old: "nil", value: `"a\u0007"`, want: `"a\007"`},
		{lang: "elixir", old: "nil", value: `"#{y}"`, want: `"\#{y}"`},
		{lang: "cpp", old: "false", value: "true", want: "true"},
		{lang: "vue", old: `"x"`, value: `"y"`, want: `"y"`},
		{lang: "cobol", old: "x", value: "true", skip: "does not know"},
	}
	for _, tt := range tests {
		got, reason := render(tt.lang, tt.old, json.RawMessage(tt.value))
		if tt.skip != "" {
			if reason == "" || !contains(reason, tt.skip) {
				t.Errorf("%s render(%s, %s) = %q, %q; want a skip about %q", tt.lang, tt.old, tt.value, got, reason, tt.skip)
			}
			continue
		}
		if reason != "" || got != tt.want {
			t.Errorf("%s render(%s, %s) = %q, %q; want %q", tt.lang, tt.old, tt.value, got, reason, tt.want)
			continue
		}
		// What fix writes, fix reads back as the same value.
		if isScalar([]byte(tt.value)) {
			back, ok := decode(tt.lang, got)
			if !ok || !sameValue(back, []byte(tt.value)) {
				t.Errorf("%s decode(%s) = %s, %v; want %s", tt.lang, got, back, ok, tt.value)
			}
		}
	}
}

func contains(s, sub string) bool { return len(sub) == 0 || indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestDecode(t *testing.T) {
	tests := []struct {
		lang, text, want string // want "" = not a literal fix reads
	}{
		{"python", "True", "true"},
		{"python", "None", "null"},
		{"python", "true", ""},
		{"go", "1_000", "1000"},
		{"java", "10L", "10"},
		{"rust", "2.5f64", "2.5"},
		{"javascript", "`a${b}`", ""},
		{"ruby", `"#{x}"`, ""},
		{"ruby", `'#{x}'`, `"#{x}"`},
		{"ruby", `'a\nb'`, `"a\\nb"`},
		{"kotlin", `"$name"`, ""},
		{"go", `"\x41\u00e9"`, `"Aé"`},
		{"swift", `"\u{1F600}"`, `"😀"`},
		{"lua", `"\065"`, `"A"`},
		{"cpp", `"\101"`, `"A"`},
		{"go", `"unterminated`, ""},
		{"go", `someConst`, ""},
		{"go", `0x10`, ""},
	}
	for _, tt := range tests {
		got, ok := decode(tt.lang, tt.text)
		if tt.want == "" {
			if ok {
				t.Errorf("%s decode(%s) = %s, want not a literal", tt.lang, tt.text, got)
			}
			continue
		}
		if !ok || !sameValue(got, []byte(tt.want)) {
			t.Errorf("%s decode(%s) = %s, %v; want %s", tt.lang, tt.text, got, ok, tt.want)
		}
	}
}

func FuzzDecodeRender(f *testing.F) {
	f.Add("go", `"a\n"`, `"b"`)
	f.Add("ruby", `'x'`, `"it's #{x}"`)
	f.Add("python", "True", `{"a":[1,null]}`)
	f.Add("lua", `"\0651"`, `"\u0007x"`)
	f.Fuzz(func(t *testing.T, lang, old, value string) {
		decode(lang, old)
		if !json.Valid([]byte(value)) || !isScalar([]byte(value)) {
			return
		}
		got, reason := render(lang, old, json.RawMessage(value))
		if reason != "" {
			return
		}
		back, ok := decode(lang, got)
		if !ok || !sameValue(back, []byte(value)) {
			t.Fatalf("%s: render(%q, %s) = %q reads back as %s, %v", lang, old, value, got, back, ok)
		}
	})
}
