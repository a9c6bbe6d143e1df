namespace Shop
{
    public static class FeatureKeys
    {
        public const string NewCheckout = "new-checkout";
        public const string Theme = "site-theme";
    }
}
