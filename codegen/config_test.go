package codegen

import (
	"encoding/json"
	"testing"
)

func TestConfigJSONShape(t *testing.T) {
	got := string(ConfigJSON(map[string]json.RawMessage{
		"new-checkout-flow":     json.RawMessage(`false`),
		"cache-optimization-v2": json.RawMessage(`true`),
		"theme":                 json.RawMessage(`{"b":1,"a":"<x>","n":1.50,"big":12345678901234567890}`),
	}))
	want := `{
  "cache-optimization-v2": true,
  "new-checkout-flow": false,
  "theme": {
    "a": "<x>",
    "b": 1,
    "big": 12345678901234567890,
    "n": 1.50
  }
}
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if got := string(ConfigJSON(nil)); got != "{}\n" {
		t.Fatalf("empty config = %q", got)
	}
}
