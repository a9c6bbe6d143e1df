package fallback

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// ValueJSON is the one spelling of a value in every output: object keys
// sorted whatever order the Go map inside ldvalue iterates in.
func TestValueJSONIsStable(t *testing.T) {
	b := ldvalue.ObjectBuild()
	for _, k := range []string{"zeta", "alpha", "mid", "beta", "omega", "gamma", "delta", "kappa"} {
		b.Set(k, ldvalue.ArrayOf(ldvalue.Int(1), ldvalue.ObjectBuild().Set("y", ldvalue.Bool(true)).Set("x", ldvalue.Null()).Build()))
	}
	v := b.Build()
	want := `{"alpha":[1,{"x":null,"y":true}],"beta":[1,{"x":null,"y":true}],"delta":[1,{"x":null,"y":true}],"gamma":[1,{"x":null,"y":true}],"kappa":[1,{"x":null,"y":true}],"mid":[1,{"x":null,"y":true}],"omega":[1,{"x":null,"y":true}],"zeta":[1,{"x":null,"y":true}]}`
	for i := 0; i < 20; i++ {
		if got := string(ValueJSON(v)); got != want {
			t.Fatalf("ValueJSON = %s\nwant %s", got, want)
		}
	}
}

// TestConfigIndentsLikeJSONIndent: Config's own indenter prints what
// json.Indent printed before (json.Indent panicked the generate command on
// a value nested past its 10,000-level limit — issue 10 §5; the payload
// limit, payload.MaxDepth, now refuses such a document first).
func TestConfigIndentsLikeJSONIndent(t *testing.T) {
	vals := []ldvalue.Value{
		ldvalue.ArrayOf(), ldvalue.ObjectBuild().Build(), ldvalue.String("a\"<b>"),
		ldvalue.ArrayOf(ldvalue.Int(1), ldvalue.ArrayOf(), ldvalue.ObjectBuild().Set("z", ldvalue.ArrayOf(ldvalue.Null())).Set("a", ldvalue.ObjectBuild().Build()).Build()),
	}
	for i, v := range vals {
		r := NewResult([]Answer{{Key: "k", Value: v, HasValue: true}})
		got, _ := r.Config()
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(`{"k":`+string(ValueJSON(v))+`}`), "", "  "); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if string(got) != want.String() {
			t.Errorf("value %d: Config\n%s\njson.Indent\n%s", i, got, want.String())
		}
	}
}
