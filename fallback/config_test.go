package fallback

import (
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
