package codegen

import (
	"path/filepath"
	"testing"
)

// csharpStubs declares the .NET SDK types the generated C# uses, with the
// signatures of LaunchDarkly.CommonSdk (LdValue, Context) and the server SDK
// v8 (ILdClient). LdValue keeps each value as its JSON text, which is enough
// to print the generated map back; its string quoting escapes everything
// outside printable ASCII, so the output does not depend on the console's
// encoding.
const csharpStubs = `using System;
using System.Globalization;
using System.Text;

namespace LaunchDarkly.Sdk
{
    // The SDK declares a readonly struct (C# 7.2), which mcs does not accept.
    public struct Context : IEquatable<Context>
    {
        private readonly string _key;
        private Context(string key) { _key = key; }
        public static Context New(string key) => new Context(key);
        public string Key => _key;
        public bool Equals(Context other) => _key == other._key;
        public override bool Equals(object obj) => obj is Context && Equals((Context)obj);
        public override int GetHashCode() => _key == null ? 0 : _key.GetHashCode();
    }

    public struct LdValue : IEquatable<LdValue>
    {
        private readonly string _json;
        private LdValue(string json) { _json = json; }

        public static LdValue Null => new LdValue("null");
        public static LdValue Of(bool value) => new LdValue(value ? "true" : "false");
        public static LdValue Of(int value) => new LdValue(value.ToString(CultureInfo.InvariantCulture));
        public static LdValue Of(long value) => new LdValue(value.ToString(CultureInfo.InvariantCulture));
        public static LdValue Of(float value) => Of((double)value);
        public static LdValue Of(double value) => new LdValue(value.ToString("R", CultureInfo.InvariantCulture));
        public static LdValue Of(string value) => value == null ? Null : new LdValue(Quote(value));
        public static LdValue Parse(string jsonString) => new LdValue(jsonString);

        public string ToJsonString() => _json ?? "null";
        public bool Equals(LdValue other) => ToJsonString() == other.ToJsonString();
        public override bool Equals(object obj) => obj is LdValue && Equals((LdValue)obj);
        public override int GetHashCode() => ToJsonString().GetHashCode();
        public override string ToString() => ToJsonString();

        private static string Quote(string s)
        {
            var b = new StringBuilder("\"");
            foreach (char c in s)
            {
                if (c == '"' || c == '\\') b.Append('\\').Append(c);
                else if (c < 0x20 || c >= 0x7f) b.Append("\\u").Append(((int)c).ToString("x4"));
                else b.Append(c);
            }
            return b.Append('"').ToString();
        }
    }
}

namespace LaunchDarkly.Sdk.Server.Interfaces
{
    public interface ILdClient
    {
        LdValue JsonVariation(string key, Context context, LdValue defaultValue);
    }
}
`

const csharpMain = `using System;
using System.Linq;
using System.Text;
using Example.Flags;
using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server.Interfaces;

internal sealed class FakeClient : ILdClient
{
    public LdValue JsonVariation(string key, Context context, LdValue defaultValue) => defaultValue;
}

internal static class Program
{
    private static void Check(bool ok, string what)
    {
        if (!ok) throw new Exception("check failed: " + what);
    }

    private static int Main()
    {
        var client = new FakeClient();
        var context = Context.New("user");
        Check(Fallbacks.VariationWithFallback(client, "release-missing", context).Equals(LdValue.Of(false)), "release-* fails closed");
        Check(Fallbacks.VariationWithFallback(client, "other-missing", context).Equals(LdValue.Null), "missing key gives null");
        Check(Fallbacks.VariationWithFallback(client, "class", context).Equals(LdValue.Of("premium")), "known key gives its fallback");
        Check(Example.Plain.Fallbacks.All.SequenceEqual(Fallbacks.All), "wrapper and plain variants agree");
        var json = new StringBuilder("{");
        foreach (var kv in Fallbacks.All)
        {
            if (json.Length > 1) json.Append(',');
            json.Append(LdValue.Of(kv.Key).ToJsonString()).Append(':').Append(kv.Value.ToJsonString());
        }
        Console.Out.Write(json.Append('}').ToString());
        return 0;
    }
}
`

// TestCSharpCompiles compiles the generated class (with and without the
// wrapper) with Mono's mcs, warnings as errors, and runs it with mono against
// a fake client. mcs (C# 7 at most) is the oldest compiler it has to satisfy.
func TestCSharpCompiles(t *testing.T) {
	mcs := need(t, "mcs")
	mono := need(t, "mono")
	dir := t.TempDir()
	files := map[string][]byte{
		"Fallbacks.cs": generate(t, "csharp", Options{Package: "Example.Flags"}),
		"Plain.cs":     generate(t, "csharp", Options{Package: "Example.Plain", NoWrapper: true}),
		"Stubs.cs":     []byte(csharpStubs),
		"Program.cs":   []byte(csharpMain),
	}
	args := []string{"-warnaserror+", "-warn:4", "-nologo", "-target:exe", "-r:System.Core.dll", "-out:" + filepath.Join(dir, "gen.exe")}
	for _, name := range []string{"Fallbacks.cs", "Plain.cs", "Stubs.cs", "Program.cs"} {
		write(t, filepath.Join(dir, name), files[name])
		args = append(args, name)
	}
	run(t, dir, nil, mcs, args...)
	compareValues(t, run(t, dir, nil, mono, filepath.Join(dir, "gen.exe")))
}
