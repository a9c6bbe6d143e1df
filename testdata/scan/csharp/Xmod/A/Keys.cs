namespace Demo.A
{
    public static class Keys { public const string Shared = "cs-a"; public const string Same = "cs-same"; }
}
