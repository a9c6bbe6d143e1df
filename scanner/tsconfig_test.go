package scanner

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestJSONC(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a": 1}`, `{"a":1}`},
		{"{\n  // c\n  \"a\": [1, 2,],\n}", `{"a":[1,2]}`},
		{`{/* x */"a": "// not a comment", "b": "/* nor this */",}`, `{"a":"// not a comment","b":"/* nor this */"}`},
		{`{"a": "q\"//x", /* multi
line */ "b": {"c": [],},}`, `{"a":"q\"//x","b":{"c":[]}}`},
	} {
		var got, want any
		if err := json.Unmarshal(jsonc([]byte(tc.in)), &got); err != nil {
			t.Errorf("jsonc(%q): %v (%s)", tc.in, err, jsonc([]byte(tc.in)))
			continue
		}
		_ = json.Unmarshal([]byte(tc.want), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("jsonc(%q) = %v, want %v", tc.in, got, want)
		}
	}
}

// FuzzJSONC: a tsconfig is outside input; jsonc never panics and leaves
// valid JSON meaning the same.
func FuzzJSONC(f *testing.F) {
	f.Add([]byte(`{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}`))
	f.Add([]byte("{\n// c\n\"a\": [1,],/* d */}"))
	f.Add([]byte(`"\\"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out := jsonc(data)
		var a, b any
		if json.Unmarshal(data, &a) == nil {
			if err := json.Unmarshal(out, &b); err != nil || !reflect.DeepEqual(a, b) {
				t.Fatalf("valid JSON changed: %q -> %q", data, out)
			}
		}
	})
}

func TestTSAliases(t *testing.T) {
	r := &rootResolver{tsDirs: map[string]*tsOptions{
		"web/src": {baseURL: "web/src", pathsBase: "web/src", paths: map[string][]string{
			"@app/*":       {"app/*", "legacy/*"},
			"@app/flags/*": {"flags/*"},
			"@env":         {"environments/environment"},
			"../outside/*": {"../../../x/*"},
			"@escape/*":    {"../../../*"},
		}},
		"api": {pathsBase: "api", paths: map[string][]string{"~/*": {"./*"}}},
	}}
	for _, tc := range []struct {
		dir, source string
		want        []string
	}{
		{"web/src", "@app/core/flags", []string{"web/src/app/core/flags", "web/src/legacy/core/flags", "web/src/@app/core/flags"}},
		{"web/src", "@app/flags/keys", []string{"web/src/flags/keys", "web/src/@app/flags/keys"}}, // the longest prefix wins
		{"web/src", "@env", []string{"web/src/environments/environment", "web/src/@env"}},
		{"web/src", "shared/limits", []string{"web/src/shared/limits"}},
		{"web/src", "@escape/etc/passwd", []string{"web/src/@escape/etc/passwd"}}, // outside the root: dropped
		{"api", "~/flags", []string{"api/flags"}},
		{"api", "lodash", nil},
	} {
		got := r.tsAliases(tc.dir+"/file.ts", tc.source)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("tsAliases(%s, %q) = %q, want %q", tc.dir, tc.source, got, tc.want)
		}
	}
}
