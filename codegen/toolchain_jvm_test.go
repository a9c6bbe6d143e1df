package codegen

// The Java and Kotlin checks compile the generated code against Java stubs of
// the SDK classes it uses, then run a small program that prints the generated
// map as JSON for compareValues.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// manyJSONFlags is above the ~4,100 JSON flags at which a Kotlin object that
// initialised each one in its static initialiser no longer compiled.
const manyJSONFlags = 4200

// javaStubs declare the SDK classes the generated Java and Kotlin code uses,
// with the signatures of the Java server SDK v7 and the Android SDK v5
// (com.launchdarkly.sdk.LDValue is shared by both). LDValue keeps each value
// as its JSON text, which is enough to print the generated map back; its
// string quoting escapes everything outside printable ASCII, so the printed
// text does not depend on the JVM's default charset.
var javaStubs = map[string]string{
	"com/launchdarkly/sdk/LDValue.java": `package com.launchdarkly.sdk;

public abstract class LDValue {
  private final String json;

  private LDValue(String json) { this.json = json; }

  private static LDValue text(String json) { return new LDValue(json) {}; }

  public static LDValue of(boolean value) { return text(Boolean.toString(value)); }
  public static LDValue of(int value) { return text(Integer.toString(value)); }
  public static LDValue of(long value) { return text(Long.toString(value)); }
  public static LDValue of(float value) { return of((double) value); }
  public static LDValue of(double value) { return text(Double.toString(value)); }
  public static LDValue of(String value) { return value == null ? ofNull() : text(quote(value)); }
  public static LDValue ofNull() { return text("null"); }
  public static LDValue parse(String json) { return text(json); }

  public String toJsonString() { return json; }

  @Override public boolean equals(Object o) { return o instanceof LDValue && ((LDValue) o).json.equals(json); }
  @Override public int hashCode() { return json.hashCode(); }
  @Override public String toString() { return json; }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
`,
	"com/launchdarkly/sdk/LDContext.java": `package com.launchdarkly.sdk;

public final class LDContext {
  private LDContext() {}
  public static LDContext create(String key) { return new LDContext(); }
}
`,
	"com/launchdarkly/sdk/server/interfaces/LDClientInterface.java": `package com.launchdarkly.sdk.server.interfaces;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.LDValue;

public interface LDClientInterface {
  LDValue jsonValueVariation(String featureKey, LDContext context, LDValue defaultValue);
}
`,
	"com/launchdarkly/sdk/android/LDClient.java": `package com.launchdarkly.sdk.android;

import androidx.annotation.NonNull;
import com.launchdarkly.sdk.LDValue;

public class LDClient {
  public LDValue jsonValueVariation(@NonNull String key, LDValue defaultValue) {
    return defaultValue == null ? LDValue.ofNull() : defaultValue;
  }
}
`,
	// Kotlin reads androidx's @NonNull as "not null", as the Android SDK's users see it.
	"androidx/annotation/NonNull.java": `package androidx.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD, ElementType.LOCAL_VARIABLE})
public @interface NonNull {}
`,
	"android/util/Log.java": `package android.util;

public final class Log {
  private Log() {}
  public static int w(String tag, String msg) { return 0; }
}
`,
}

func writeJavaStubs(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for rel, src := range javaStubs {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		write(t, p, []byte(src))
		files = append(files, p)
	}
	return files
}

// TestJavaCompiles compiles the generated class (with and without the wrapper)
// with every lint as an error, then runs it against a fake client.
func TestJavaCompiles(t *testing.T) {
	javac := need(t, "javac")
	java := need(t, "java")
	dir := t.TempDir()
	files := writeJavaStubs(t, filepath.Join(dir, "stubs"))
	gen := filepath.Join(dir, "src", "com", "example", "flags", "Fallbacks.java")
	write(t, gen, generate(t, "java", Options{Package: "com.example.flags"}))
	plain := filepath.Join(dir, "src", "Plain.java")
	write(t, plain, generate(t, "java", Options{Class: "Plain", NoWrapper: true}))
	main := filepath.Join(dir, "src", "Main.java")
	write(t, main, []byte(`import com.example.flags.Fallbacks;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.LDValue;
import com.launchdarkly.sdk.server.interfaces.LDClientInterface;
import java.util.Map;
import java.util.StringJoiner;

public class Main {
  static void check(boolean ok, String what) {
    if (!ok) throw new AssertionError(what);
  }

  public static void main(String[] args) {
    LDClientInterface client = (key, context, defaultValue) -> defaultValue;
    LDContext context = LDContext.create("user");
    check(Fallbacks.variationWithFallback(client, "release-missing", context).equals(LDValue.of(false)), "release-* fails closed");
    check(Fallbacks.variationWithFallback(client, "other-missing", context).equals(LDValue.ofNull()), "missing key gives null");
    check(Fallbacks.variationWithFallback(client, "class", context).equals(LDValue.of("premium")), "known key gives its fallback");
    check(Plain.FALLBACKS.equals(Fallbacks.FALLBACKS), "wrapper and plain variants agree");
    StringJoiner out = new StringJoiner(",", "{", "}");
    for (Map.Entry<String, LDValue> e : Fallbacks.FALLBACKS.entrySet()) {
      out.add(LDValue.of(e.getKey()).toJsonString() + ":" + e.getValue().toJsonString());
    }
    System.out.print(out);
  }
}
`))
	files = append(files, gen, plain, main)
	classes := filepath.Join(dir, "out")
	run(t, dir, nil, javac, append([]string{"-Xlint:all", "-Werror", "-encoding", "US-ASCII", "-d", classes}, files...)...)
	compareValues(t, run(t, dir, nil, java, "-cp", classes, "Main"))
}

// TestKotlinCompiles compiles the generated object (with and without the
// wrapper) with warnings as errors, in one kotlinc run (it is slow to start),
// then runs it against the Android SDK stubs. Kotlin 1.3 (Debian's kotlinc)
// is the oldest compiler it has to satisfy.
func TestKotlinCompiles(t *testing.T) {
	kotlinc := need(t, "kotlinc")
	javac := need(t, "javac")
	java := need(t, "java")
	dir := t.TempDir()
	stubs := writeJavaStubs(t, filepath.Join(dir, "stubs"))
	classes := filepath.Join(dir, "classes")
	// Java 8 class files, like the Android SDK's.
	run(t, dir, nil, javac, append([]string{"--release", "8", "-Xlint:all", "-Werror", "-d", classes}, stubs...)...)
	gen := filepath.Join(dir, "src", "Fallbacks.kt")
	write(t, gen, generate(t, "kotlin", Options{Package: "com.example.flags"}))
	plain := filepath.Join(dir, "src", "Plain.kt")
	write(t, plain, generate(t, "kotlin", Options{Class: "Plain", NoWrapper: true}))
	// Past ~4,000 JSON flags, initialising each in the object's static
	// initialiser overflowed its 64 KiB cap. Compiling that many takes ~20 s:
	// -short keeps the object but not its size.
	n := manyJSONFlags
	if testing.Short() {
		n = 3
	}
	values := make(map[string]json.RawMessage, n)
	for i := range n {
		values[fmt.Sprintf("flag-%04d", i)] = json.RawMessage(fmt.Sprintf(`{"i":%d,"s":"x"}`, i))
	}
	many := filepath.Join(dir, "src", "Many.kt")
	out, err := Generate("kotlin", values, Options{Class: "Many", NoWrapper: true})
	if err != nil {
		t.Fatal(err)
	}
	write(t, many, out)
	main := filepath.Join(dir, "src", "Main.kt")
	write(t, main, []byte(`import com.example.flags.Fallbacks
import com.launchdarkly.sdk.LDValue
import com.launchdarkly.sdk.android.LDClient

fun main(args: Array<String>) {
    val client = LDClient()
    check(Fallbacks.variationWithFallback(client, "release-missing") == LDValue.of(false)) { "release-* fails closed" }
    check(Fallbacks.variationWithFallback(client, "other-missing") == LDValue.ofNull()) { "missing key gives null" }
    check(Fallbacks.variationWithFallback(client, "class") == LDValue.of("premium")) { "known key gives its fallback" }
    check(Plain.FALLBACKS == Fallbacks.FALLBACKS) { "wrapper and plain variants agree" }
    check(Fallbacks.NESTED === Fallbacks.FALLBACKS["nested"]) { "JSON constant is the map's value" }
    val n = args[0].toInt()
    check(Many.FALLBACKS.size == n) { "many: size" }
    check(Many.FLAG_0000.toJsonString() == "{\"i\":0,\"s\":\"x\"}") { "many: first" }
    check(Many.FALLBACKS.getValue("flag-%04d".format(n - 1)).toJsonString() == "{\"i\":${n - 1},\"s\":\"x\"}") { "many: last" }
    print(Fallbacks.FALLBACKS.entries.joinToString(",", "{", "}") { (k, v) -> LDValue.of(k).toJsonString() + ":" + v.toJsonString() })
}
`))
	jar := filepath.Join(dir, "app.jar")
	run(t, dir, nil, kotlinc, "-Werror", "-cp", classes, "-include-runtime", "-d", jar, gen, plain, many, main)
	compareValues(t, run(t, dir, nil, java, "-cp", jar+string(os.PathListSeparator)+classes, "MainKt", strconv.Itoa(n)))
}
