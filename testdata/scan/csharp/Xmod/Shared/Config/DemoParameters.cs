namespace Demo.Shared.Config
{
    public static class DemoParameters
    {
        public const string FeatureFlagKey = "cs-demo-flag";
        public const bool DefaultOn = false;
    }
}
