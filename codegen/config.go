package codegen

import (
	"bytes"
	"encoding/json"
)

// ConfigJSON renders fallback-config.json: a JSON object of flag key →
// fallback, keys sorted (nested objects too), two-space indent, no HTML escaping, trailing newline —
// the shape jq prints for the guide's program, so switching to ldfallback
// gives a clean diff.
func ConfigJSON(values map[string]json.RawMessage) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	canon := make(map[string]any, len(values))
	for k, raw := range values {
		canon[k] = canonical(raw)
	}
	if err := enc.Encode(canon); err != nil {
		// Values come from ldvalue or gojq marshalling, so they are valid JSON.
		panic("codegen: invalid fallback value: " + err.Error())
	}
	return b.Bytes()
}

// canonical decodes a value so that re-encoding sorts nested object keys
// (ldvalue objects are Go maps: their order is not stable), keeping numbers
// exactly as written.
func canonical(raw json.RawMessage) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic("codegen: invalid fallback value: " + err.Error())
	}
	return v
}
