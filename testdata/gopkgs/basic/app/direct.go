package app

import (
	gocontext "context"
	"fmt"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldmigration"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	ld "github.com/launchdarkly/go-server-sdk/v7"

	"example.com/basic/decoy"
	"example.com/basic/flags"
)

const localKey = "local-flag"

func direct(client *ld.LDClient, goctx gocontext.Context, user ldcontext.Context, name string) {
	client.BoolVariation("show-beta", user, false)                             // want `BoolVariation key="show-beta" fallback=false type=bool span=false`
	client.BoolVariationDetail("show-beta", user, true)                        // want `BoolVariationDetail key="show-beta" fallback=true type=bool span=true`
	client.IntVariation("page-size", user, -20)                                // want `IntVariation key="page-size" fallback=-20 type=number span=-20`
	client.Float64Variation("ratio", user, flags.Ratio)                        // want `Float64Variation key="ratio" fallback=0.25 type=number span=flags/flags.go:0.25`
	client.StringVariation(flags.NewCheckout, user, "<b>off</b>")              // want `StringVariation key="new-checkout" expr=flags.NewCheckout fallback="<b>off</b>" type=string span="<b>off</b>"`
	client.StringVariation(string(flags.Banner), user, flags.DefaultBanner)    // want `StringVariation key="banner-text" expr=string(flags.Banner) fallback="welcome" type=string span=flags/flags.go:"welcome"`
	client.IntVariation(string(flags.Retries), user, flags.DefaultRetries)     // want `IntVariation key="max-retries" expr=string(flags.Retries) fallback=3 type=number span=flags/flags.go:3`
	client.BoolVariation(localKey, user, flags.AliasOn)                        // want `BoolVariation key="local-flag" expr=localKey fallback=true type=bool span=flags/flags.go:true`
	client.IntVariation("tier", user, int(flags.TierPro))                      // want `IntVariation key="tier" fallback=1 type=number`
	client.BoolVariation(fmt.Sprintf("flag-%s", name), user, !flags.DefaultOn) // want `BoolVariation key=nil expr=fmt.Sprintf("flag-%s", name) fallback=false type=bool`
	client.BoolVariation(name, user, len(name) > 3)                            // want `BoolVariation key=nil expr=name fallback=dynamic(len(name) > 3) type=bool`

	// The …Ctx variants take a Go context first.
	client.BoolVariationCtx(goctx, "ctx-flag", user, true)          // want `BoolVariationCtx key="ctx-flag" fallback=true type=bool span=true`
	client.StringVariationDetailCtx(goctx, "ctx-detail", user, "x") // want `StringVariationDetailCtx key="ctx-detail" fallback="x" type=string span="x"`
	client.MigrationVariation("migrate-db", user, ldmigration.Off)  // want `MigrationVariation key="migrate-db" fallback="off" type=string`

	// JSON fallbacks built with ldvalue.
	client.JSONVariation("j-bool", user, ldvalue.Bool(true))                                                                            // want `JSONVariation key="j-bool" fallback=true type=json span=true`
	client.JSONVariation("j-str", user, ldvalue.String("x"))                                                                            // want `JSONVariation key="j-str" fallback="x" type=json span="x"`
	client.JSONVariation("j-int", user, ldvalue.Int(3))                                                                                 // want `JSONVariation key="j-int" fallback=3 type=json span=3`
	client.JSONVariation("j-null", user, ldvalue.Null())                                                                                // want `JSONVariation key="j-null" fallback=null type=json`
	client.JSONVariation("j-zero", user, ldvalue.Value{})                                                                               // want `JSONVariation key="j-zero" fallback=null type=json`
	client.JSONVariation("j-arr", user, ldvalue.ArrayOf(ldvalue.Int(1), ldvalue.String("a")))                                           // want `JSONVariation key="j-arr" fallback=[1,"a"] type=json`
	client.JSONVariation("j-obj", user, ldvalue.ObjectBuild().SetBool("on", true).Set("n", ldvalue.Int(2)).SetString("s", "v").Build()) // want `JSONVariation key="j-obj" fallback={"n":2,"on":true,"s":"v"} type=json`
	client.JSONVariation("j-arr2", user, ldvalue.ArrayBuild().Add(ldvalue.Bool(false)).Build())                                         // want `JSONVariation key="j-arr2" fallback=[false] type=json`
	client.JSONVariation("j-parse", user, ldvalue.Parse([]byte(`{"a": [1, 2]}`)))                                                       // want `JSONVariation key="j-parse" fallback={"a":[1,2]} type=json`
	client.JSONVariation("j-copy", user, ldvalue.CopyArbitraryValue(map[string]any{"k": 1}))                                            // want `JSONVariation key="j-copy" fallback={"k":1} type=json`
	v := ldvalue.Bool(true)
	client.JSONVariation("j-dyn", user, v) // want `JSONVariation key="j-dyn" fallback=dynamic(v) type=json`

	// A call written over several lines is reported at the method name.
	client.StringVariation( // want `StringVariation key="multi-line" fallback="a" type=string span="a"`
		"multi-line",
		user,
		"a",
	)

	// Silenced calls.
	// ldfallback:ignore migrating next sprint
	client.BoolVariation("silenced", user, true)        // want `BoolVariation key="silenced" fallback=true type=bool span=true ignored:migrating next sprint`
	client.BoolVariation("silenced-inline", user, true) /* ldfallback:ignore */ // want `BoolVariation key="silenced-inline" fallback=true type=bool span=true ignored:`

	// Never calls: comments, strings, another vendor.
	// client.BoolVariation("in-comment", user, true)
	_ = `client.BoolVariation("in-raw-string", user, true)`
	_ = "client.BoolVariation(\"in-string\", user, true)"
	var other decoy.Client
	other.BoolVariation("decoy-flag", decoy.User{}, true)
	var flagsIface decoy.Flags
	_, _ = flagsIface.BoolVariation("decoy-iface", true)
}
