using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;
using LaunchDarkly.Sdk.Server.Interfaces;

namespace Shop
{
    public enum Tier { Free, Pro }

    public class Pricing
    {
        private readonly ILdClient _ld;

        public Tier For(Context ctx)
        {
            // Only BoolVariation has a default (= false): BoolVariationDetail always takes three arguments.
            var d = _ld.BoolVariationDetail("pricing-enabled", ctx, true); // want key="pricing-enabled" fallback=true type=bool
            var t = _ld.EnumVariation("tier", ctx, Tier.Free); // want key="tier" dynamic type=string method=EnumVariation
            var m = _ld.MigrationVariation("db-move", ctx, MigrationStage.Off); // want key="db-move" dynamic type=string
            var n = _ld.StringVariationDetail("label", ctx, defaultValue: "x"); // want key="label" fallback="x" type=string
            return d.Value ? t : Tier.Free;
        }
    }
}
