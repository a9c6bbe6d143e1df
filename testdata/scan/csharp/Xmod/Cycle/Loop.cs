namespace Demo.Cycle
{
    public static class Ping { public const string Key = Pong.Key; }
    public static class Pong { public const string Key = Ping.Key; }
}
