namespace Demo.Shared
{
    // Not named after the types it declares: found by the tree-wide index.
    public static class PricingFlags
    {
        public const string Tier = "cs-pricing-tier";
        public const string TierDefault = "free";
    }
}
