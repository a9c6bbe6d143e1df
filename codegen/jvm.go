package codegen

import (
	"bytes"
	"fmt"
)

// chunk is how many map entries one JVM method fills: a method's bytecode
// is capped at 64 KiB, which one initializer for thousands of flags exceeds.
const chunk = 500

var javaGen = generator{
	ext:      "java",
	name:     upperSnake,
	reserved: func(Options) map[string]bool { return set("FALLBACKS") },
	render:   renderJava,
}

// renderJava writes a Java class against the server SDK
// (LDClientInterface.jsonValueVariation(String, LDContext, LDValue)).
func renderJava(flags []entry, o Options) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// %s\n\n", Header)
	if o.Package != "" {
		p("package %s;\n\n", o.Package)
	}
	if !o.NoWrapper {
		p("import com.launchdarkly.sdk.LDContext;\n")
	}
	p("import com.launchdarkly.sdk.LDValue;\n")
	if !o.NoWrapper {
		p("import com.launchdarkly.sdk.server.interfaces.LDClientInterface;\n")
	}
	p("import java.util.Collections;\nimport java.util.Map;\nimport java.util.TreeMap;\n")
	if !o.NoWrapper {
		p("import java.util.logging.Logger;\n")
	}
	p("\n/** Fallback values of LaunchDarkly flags, as decided by ldfallback. */\n")
	p("public final class %s {\n", o.Class)
	p("    private %s() {}\n\n", o.Class)
	for _, f := range flags {
		p("    // %s\n", describe(quoteJava, f))
		v := f.Value
		switch v.Kind {
		case kindBool:
			p("    public static final boolean %s = %t;\n\n", f.Name, v.Bool)
		case kindString:
			p("    public static final String %s = %s;\n\n", f.Name, quoteJava(v.Str))
		case kindNumber:
			p("    public static final double %s = %s;\n\n", f.Name, numberLiteral(v))
		default:
			if v.IsNull {
				p("    public static final LDValue %s = LDValue.ofNull();\n\n", f.Name)
			} else {
				p("    public static final LDValue %s = LDValue.parse(%s);\n\n", f.Name, quoteJava(canonicalJSON(v)))
			}
		}
	}
	p("    /** Every flag key mapped to its fallback value (unmodifiable, sorted by key). */\n")
	p("    public static final Map<String, LDValue> FALLBACKS;\n\n")
	p("    static {\n        Map<String, LDValue> m = new TreeMap<>();\n")
	for i := 0; i < len(flags); i += chunk {
		p("        fill%d(m);\n", i/chunk)
	}
	p("        FALLBACKS = Collections.unmodifiableMap(m);\n    }\n")
	for i := 0; i < len(flags); i += chunk {
		p("\n    private static void fill%d(Map<String, LDValue> m) {\n", i/chunk)
		for _, f := range flags[i:min(i+chunk, len(flags))] {
			p("        m.put(%s, %s);\n", quoteJava(f.Key), jvmValueExpr(f))
		}
		p("    }\n")
	}
	if !o.NoWrapper {
		p(`
    private static final Logger logger = Logger.getLogger(%s.class.getName());

    /**
     * Evaluates a flag with its generated fallback as the default value. A key
     * with no generated fallback is logged; release-* flags then fail closed.
     */
    public static LDValue variationWithFallback(LDClientInterface client, String flagKey, LDContext context) {
        LDValue fallback = FALLBACKS.get(flagKey);
        if (fallback == null) {
            logger.warning("No fallback value defined for flag: " + flagKey);
            fallback = flagKey.startsWith("release-") ? LDValue.of(false) : LDValue.ofNull();
        }
        return client.jsonValueVariation(flagKey, context, fallback);
    }
`, o.Class)
	}
	p("}\n")
	return b.Bytes(), nil
}

// jvmValueExpr wraps a flag's constant in an LDValue (Java and Kotlin share
// the com.launchdarkly.sdk.LDValue API).
func jvmValueExpr(f entry) string {
	switch f.Value.Kind {
	case kindBool, kindString, kindNumber:
		return "LDValue.of(" + f.Name + ")"
	}
	return f.Name
}

var kotlinGen = generator{
	ext:      "kt",
	name:     upperSnake,
	reserved: func(Options) map[string]bool { return set("FALLBACKS") },
	render:   renderKotlin,
}

// renderKotlin writes a Kotlin object against the Android client SDK
// (LDClient.jsonValueVariation(flagKey, LDValue): the context is the
// client's own, set by identify).
func renderKotlin(flags []entry, o Options) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// %s\n\n", Header)
	if o.Package != "" {
		p("package %s\n\n", o.Package)
	}
	if !o.NoWrapper {
		p("import android.util.Log\n")
	}
	p("import com.launchdarkly.sdk.LDValue\n")
	if !o.NoWrapper {
		p("import com.launchdarkly.sdk.android.LDClient\n")
	}
	p("import java.util.Collections\nimport java.util.TreeMap\n")
	p("\n/** Fallback values of LaunchDarkly flags, as decided by ldfallback. */\n")
	p("object %s {\n", o.Class)
	for _, f := range flags {
		p("    // %s\n", describe(quoteKotlin, f))
		v := f.Value
		switch v.Kind {
		case kindBool:
			p("    const val %s: Boolean = %t\n\n", f.Name, v.Bool)
		case kindString:
			p("    const val %s: String = %s\n\n", f.Name, quoteKotlin(v.Str))
		case kindNumber:
			p("    const val %s: Double = %s\n\n", f.Name, numberLiteral(v))
		default:
			// Read from the map rather than initialised here: each
			// initialiser would add ~16 bytes to the object's static
			// initialiser, whose 64 KiB cap ~4,000 JSON flags exceeded.
			p("    val %s: LDValue\n        get() = FALLBACKS.getValue(%s)\n\n", f.Name, quoteKotlin(f.Key))
		}
	}
	p("    /** Every flag key mapped to its fallback value (unmodifiable, sorted by key). */\n")
	p("    val FALLBACKS: Map<String, LDValue> = Collections.unmodifiableMap(\n        TreeMap<String, LDValue>().also { m ->\n")
	for i := 0; i < len(flags); i += chunk {
		p("            fill%d(m)\n", i/chunk)
	}
	// No trailing comma after the last argument: Kotlin before 1.4 rejects it.
	p("        }\n    )\n")
	for i := 0; i < len(flags); i += chunk {
		p("\n    private fun fill%d(m: MutableMap<String, LDValue>) {\n", i/chunk)
		for _, f := range flags[i:min(i+chunk, len(flags))] {
			p("        m[%s] = %s\n", quoteKotlin(f.Key), kotlinValueExpr(f))
		}
		p("    }\n")
	}
	if !o.NoWrapper {
		p(`
    private const val logTag = "ldfallback"

    /**
     * Evaluates a flag with its generated fallback as the default value. A key
     * with no generated fallback is logged; release-* flags then fail closed.
     */
    fun variationWithFallback(client: LDClient, flagKey: String): LDValue {
        var fallback = FALLBACKS[flagKey]
        if (fallback == null) {
            Log.w(logTag, "No fallback value defined for flag: $flagKey")
            fallback = if (flagKey.startsWith("release-")) LDValue.of(false) else LDValue.ofNull()
        }
        return client.jsonValueVariation(flagKey, fallback)
    }
`)
	}
	p("}\n")
	return b.Bytes(), nil
}

// kotlinValueExpr is the LDValue a Kotlin fill function stores for f: the
// constant wrapped, or the JSON value itself (see renderKotlin).
func kotlinValueExpr(f entry) string {
	switch {
	case f.Value.Kind != kindJSON:
		return jvmValueExpr(f)
	case f.Value.IsNull:
		return "LDValue.ofNull()"
	}
	return "LDValue.parse(" + quoteKotlin(canonicalJSON(f.Value)) + ")"
}
