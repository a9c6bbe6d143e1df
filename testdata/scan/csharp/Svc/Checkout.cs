using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;
using OpenFeature;

namespace Shop
{
    public static class FlagKeys
    {
        public const string NewCheckout = "new-checkout";
    }

    public class Checkout
    {
        private readonly LdClient _ld;
        private readonly FeatureClient _of;

        public async Task<bool> Run(Context ctx)
        {
            var a = _ld.BoolVariation(FlagKeys.NewCheckout, ctx); // want key="new-checkout" fallback=false implicit type=bool
            var b = _ld.StringVariation("banner", ctx, @"C:\path"); // want key="banner" fallback="C:\\path" type=string
            var c = _ld.IntVariation("limit", ctx, defaultValue: 10); // want key="limit" fallback=10 type=number
            var d = await _of.GetBooleanValueAsync("of-flag", true); // want key="of-flag" fallback=true type=bool
            var e = _ld?.DoubleVariation("ratio", ctx, -0.5); // want key="ratio" fallback=-0.5 type=number
            var f = _ld.StringVariation("interp", ctx, $"hi {ctx.Key}"); // want key="interp" dynamic type=string
            return a;
        }
    }
}
