package config

import (
	"context"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	ld "github.com/launchdarkly/go-server-sdk/v7"
	"github.com/open-feature/go-sdk/openfeature"
)

type limits struct{ Max int }

// JSON defaults written as Go composite literals, read without go/packages.
func load(ctx context.Context, ldc *ld.LDClient, of *openfeature.Client, user ldcontext.Context) {
	_, _ = of.ObjectValue(ctx, "allowed-regions", []any{}, openfeature.EvaluationContext{})                                                            // want key="allowed-regions" fallback=[] type=json
	_, _ = of.ObjectValue(ctx, "region-weights", map[string]any{"eu": 1, "us": 2.5}, openfeature.EvaluationContext{})                                  // want key="region-weights" fallback={"eu":1,"us":2.5} type=json
	_, _ = of.ObjectValue(ctx, "nested", map[string]interface{}{"on": true, "tags": []string{"a", "b"}, "none": nil}, openfeature.EvaluationContext{}) // want key="nested" fallback={"on":true,"tags":["a","b"],"none":null} type=json
	_, _ = of.ObjectValue(ctx, "struct-default", limits{Max: 3}, openfeature.EvaluationContext{})                                                      // want key="struct-default" dynamic type=json
	_, _ = of.ObjectValue(ctx, "computed", map[string]any{"max": len("abc")}, openfeature.EvaluationContext{})                                         // want key="computed" dynamic type=json
	_, _ = ldc.JSONVariation("ld-regions", user, ldvalue.CopyArbitraryValue([]any{"eu", "us"}))                                                        // want key="ld-regions" fallback=["eu","us"] type=json
	_, _ = ldc.JSONVariation("ld-flag-on", user, ldvalue.Bool(true))                                                                                   // want key="ld-flag-on" fallback=true
}
