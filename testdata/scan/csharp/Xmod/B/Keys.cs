namespace Demo.B
{
    public static class Keys { public const string Shared = "cs-b"; public const string Same = "cs-same"; }
}
