namespace Portal
{
    public static class Flags
    {
        public const string NewNav = "new-nav";
        public const string Discounts = "discounts";
        public const string Reports = "reports-v2";
    }
}
