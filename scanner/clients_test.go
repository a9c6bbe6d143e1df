package scanner

import "testing"

func TestAssignedName(t *testing.T) {
	for _, tc := range []struct{ line, ctor, want string }{
		{"  config.launch_darkly_client = LaunchDarkly::LDClient.new(key)", "LaunchDarkly::LDClient.new", "launch_darkly_client"},
		{"    @client ||= LaunchDarkly::LDClient.new", "LaunchDarkly::LDClient.new", "client"},
		{"  const client: LDClient = useLDClient();", "useLDClient", "client"},
		{"const ldc = await LaunchDarkly.init(key)", "LaunchDarkly.init", "ldc"},
		{"        self.client = LDClient(", "LDClient", "client"},
		{"client := ld.MakeClient(key, 5)", "ld.MakeClient", "client"},
		{"if client == LDClient(", "LDClient", ""},
		{"return useLDClient()", "useLDClient", ""},
		{"x = useLDClient()", "useLDClient", ""}, // names under 3 letters are not client names
	} {
		src := []byte(tc.line)
		i := len(src) - len(tc.ctor)
		for j := 0; j+len(tc.ctor) <= len(src); j++ {
			if string(src[j:j+len(tc.ctor)]) == tc.ctor {
				i = j
				break
			}
		}
		got := assignedName(src, i)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestDeclaresType(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"public static class FeatureFlagKeys\n{", true},
		{"enum  Flags { A }", true},
		{"module FlagKeys\n", true},
		{"if (f.IsEnabled(FeatureFlagKeys.X))", false},
		{"subclass FeatureFlagKeys", false},
		{"class FeatureFlagKeysTests", false},
	} {
		word := "FeatureFlagKeys"
		if tc.src[:4] == "enum" {
			word = "Flags"
		} else if tc.src[:6] == "module" {
			word = "FlagKeys"
		}
		if got := declaresType([]byte(tc.src), word); got != tc.want {
			t.Errorf("%q: got %v", tc.src, got)
		}
	}
}
