package app

import (
	"context"

	"github.com/open-feature/go-sdk/openfeature"
)

func of(ctx context.Context, ec openfeature.EvaluationContext) {
	c := openfeature.NewClient("app")
	c.BooleanValue(ctx, "of-bool", false, ec)                            // want `BooleanValue key="of-bool" fallback=false type=bool span=false`
	c.StringValueDetails(ctx, "of-str", "s", ec)                         // want `StringValueDetails key="of-str" fallback="s" type=string span="s"`
	c.FloatValue(ctx, "of-float", 1.5, ec)                               // want `FloatValue key="of-float" fallback=1.5 type=number span=1.5`
	c.IntValue(ctx, "of-int", 10, ec, nil)                               // want `IntValue key="of-int" fallback=10 type=number span=10`
	c.ObjectValue(ctx, "of-obj", map[string]any{"a": []any{1, "b"}}, ec) // want `ObjectValue key="of-obj" fallback={"a":[1,"b"]} type=json`
	c.ObjectValue(ctx, "of-nil", nil, ec)                                // want `ObjectValue key="of-nil" fallback=null type=json span=nil`
	c.Boolean(ctx, "of-short", true, ec)                                 // want `Boolean key="of-short" fallback=true type=bool span=true`
	var ic openfeature.IClient = c
	ic.BooleanValue(ctx, "of-iface", true, ec) // want `BooleanValue key="of-iface" fallback=true type=bool span=true`
}
