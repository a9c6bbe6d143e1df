package codegen

import (
	"bytes"
	"fmt"
	"strings"
)

var tsGen = generator{
	ext:      "ts",
	name:     upperSnake,
	reserved: func(Options) map[string]bool { return set("FALLBACKS") },
	render:   renderTS,
}

// renderTS writes a TypeScript module against the Node server SDK
// (LDClient.variation(key, context, defaultValue): Promise<LDFlagValue>).
// The map is a Map, not an object literal: "__proto__" or "constructor" as a
// flag key must not reach Object.prototype.
func renderTS(flags []entry, o Options) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// %s\n\n", Header)
	if o.NoWrapper {
		p("type LDFlagValue = any; // eslint-disable-line @typescript-eslint/no-explicit-any\n\n")
	} else {
		p("import type { LDClient, LDContext, LDFlagValue } from '@launchdarkly/node-server-sdk';\n\n")
	}
	for _, f := range flags {
		p("// %s\n", describe(quoteJS, f))
		v := f.Value
		switch v.Kind {
		case kindBool:
			p("export const %s: boolean = %t;\n\n", f.Name, v.Bool)
		case kindString:
			p("export const %s: string = %s;\n\n", f.Name, quoteJS(v.Str))
		case kindNumber:
			p("export const %s: number = %s;\n\n", f.Name, numberLiteral(v))
		case kindJSON:
			if v.IsNull {
				p("export const %s: null = null;\n\n", f.Name)
			} else {
				p("export const %s = %s as const;\n\n", f.Name, tsLiteral(v))
			}
		}
	}
	p("/** Every flag key mapped to its fallback value. */\n")
	p("export const FALLBACKS: ReadonlyMap<string, LDFlagValue> = new Map<string, LDFlagValue>([\n")
	for _, f := range flags {
		p("  [%s, %s],\n", quoteJS(f.Key), f.Name)
	}
	p("]);\n")
	if !o.NoWrapper {
		p(`
/**
 * Evaluates a flag with its generated fallback as the default value. A key
 * with no generated fallback is logged; release-* flags then fail closed.
 */
export function variationWithFallback(
  client: LDClient,
  flagKey: string,
  context: LDContext,
): Promise<LDFlagValue> {
  let fallback: LDFlagValue = FALLBACKS.get(flagKey);
  if (!FALLBACKS.has(flagKey)) {
    // You may want this to be an error in pre-production to catch missing fallbacks early.
    console.warn(` + "`No fallback value defined for flag: ${flagKey}`" + `);
    if (flagKey.startsWith('release-')) {
      fallback = false;
    }
  }
  return client.variation(flagKey, context, fallback);
}
`)
	}
	return b.Bytes(), nil
}

// tsLiteral renders a JSON value as a TypeScript expression. Object keys are
// computed (["k"]) so that "__proto__" becomes an own property, as JSON.parse
// would make it, rather than setting the prototype.
func tsLiteral(v value) string {
	switch v.Kind {
	case kindBool:
		return fmt.Sprint(v.Bool)
	case kindString:
		return quoteJS(v.Str)
	case kindNumber:
		return numberText(v)
	}
	if v.IsNull {
		return "null"
	}
	var parts []string
	if v.IsArray {
		for _, e := range v.Elems {
			parts = append(parts, tsLiteral(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	for _, m := range v.Members {
		parts = append(parts, "["+quoteJS(m.Name)+"]: "+tsLiteral(m.Value))
	}
	if len(parts) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}
