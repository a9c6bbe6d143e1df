package payload

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
)

// checkFastAgrees asserts that whatever fastReader accepts, leanReader
// (jreader) accepts too, with the same lean flag. plain is whether the fast
// reader took the flag.
func checkFastAgrees(t testing.TB, raw []byte) (plain bool) {
	t.Helper()
	var fast, slow ldmodel.FeatureFlag
	fr := fastReader{data: raw}
	fr.flag(&leanReader{}, &fast)
	if fr.bad {
		return false
	}
	r := jreader.NewReader(raw)
	(&leanReader{}).readFlag(&r, &slow)
	if err := r.Error(); err != nil {
		t.Fatalf("fast reader accepted %q, jreader: %v", raw, err)
	}
	if err := r.RequireEOF(); err != nil {
		t.Fatalf("fast reader accepted %q, jreader: %v", raw, err)
	}
	enc := func(f *ldmodel.FeatureFlag) any {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if d := cmp.Diff(enc(&slow), enc(&fast)); d != "" {
		t.Fatalf("%s: fast reader differs from leanReader (-lean +fast):\n%s", raw, d)
	}
	// The marshalled form hides what only the Go values show (lengths and
	// placeholders of the lean slices, -0).
	if len(fast.Targets) != len(slow.Targets) || len(fast.Rules) != len(slow.Rules) || len(fast.Variations) != len(slow.Variations) ||
		fast.Deleted != slow.Deleted || fast.OffVariation != slow.OffVariation {
		t.Fatalf("%s: fast %+v, lean %+v", raw, fast, slow)
	}
	for i := range fast.Variations {
		// (JSONString is no help: it walks objects in map order.)
		if a, b := fast.Variations[i], slow.Variations[i]; !a.Equal(b) || math.Signbit(a.Float64Value()) != math.Signbit(b.Float64Value()) {
			t.Fatalf("%s: variation %d: fast %s, lean %s", raw, i, a.JSONString(), b.JSONString())
		}
	}
	return true
}

func TestFastReaderAgrees(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		plain bool
	}{
		{`{"key":"a","on":true,"variations":[1,-2.5e3,"x",null,true,{"a":[1]},[]],"offVariation":0,"fallthrough":{"variation":1}}`, true},
		{` { "prerequisites" : [ {"key":"b","variation":1,"x":{}} ] , "targets":null, "rules":[{"clauses":[],"variation":null,"rollout":null}] } `, true},
		{`{"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":60000.5,"untracked":true}],"bucketBy":null,"seed":3}}}`, true},
		{`{"targets":[{"values":["a"],"variation":1}],"targets":[{"values":[],"contextKind":"org"}],"variations":[1],"variations":[2]}`, true},
		{`{"variations":[-0, 0.0, 1E2, 123456789012345]}`, true},
		{`{"variations":[1234567890123456]}`, false},
		{`{"rules":[{"clauses":[{"attribute":null,"values":[1,{"x":[null,"y"]}],"negate":false}]}]}`, true},
		{`{"deleted":true}`, true},
		{`{}`, true},
		// Left to jreader: escapes, lenient syntax, nulls and types it rejects.
		{`{"key":"a\"b"}`, false},
		{`{"variations":["\u00e9"]}`, false},
		{`{"variations":[01]}`, false},
		{`{"variations":[1234567890123456789]}`, false},
		{`{"variations":[1.]}`, false},
		{`{"variations":[1,]}`, false},
		{`{"on":null}`, false},
		{`{"on":"true"}`, false},
		{`{"fallthrough":null}`, false},
		{`{"rules":[{"clauses":[{"attribute":1}]}]}`, false},
		{`{"fallthrough":{"rollout":{"variations":null}}}`, false},
		{`{"a":1}x`, false},
		{"{\"a\":\v1}", false},
		{`{"a":truex}`, false},
		{`{"a":1}` + "\x00", false},
		{`{"a" 1}`, false},
		{`{,"a":1}`, false},
		{`null`, false},
	} {
		if got := checkFastAgrees(t, []byte(tc.doc)); got != tc.plain {
			t.Errorf("%s: plain %v, want %v", tc.doc, got, tc.plain)
		}
	}
	// The generated payloads are plain throughout.
	p := payloadgen.Realistic(200, 5)
	for key, f := range p.Flags {
		raw, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFastAgrees(t, raw) {
			t.Errorf("realistic flag %s was not plain", key)
		}
	}
}

func FuzzFastReader(f *testing.F) {
	f.Add([]byte(`{"key":"a","on":true,"variations":[1,"x",{"a":[1]}],"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":1}]}}}`))
	f.Add([]byte(`{"rules":[{"clauses":[{"attribute":null,"values":[1e5]}],"variation":-0}],"targets":[{"values":["u"]}]}`))
	f.Add([]byte(`{"prerequisites":[{"key":"b","variation":1.9}],"migration":{"checkRatio":2},"debugEventsUntilDate":null}`))
	f.Add([]byte(`{"rules":[{"clauses":[{"attribute":"country","op":"in"},{"contextKind":"user","attribute":"//x","op":"in"},{"op":"segmentMatch","values":["s"]},{"attribute":"/a","contextKind":"org"}],"variation":0}]}`))
	f.Add([]byte(`{"fallthrough":{"rollout":{"bucketBy":"/a~2b","contextKind":"user","variations":[{"variation":0,"weight":-9000000000000000000}]}},"rules":[{"rollout":{"kind":"experiment","bucketBy":"/","contextKind":"user"}}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) { checkFastAgrees(t, raw) })
}
