package codegen

import (
	"bytes"
	"fmt"
	"go/format"
	"strconv"
)

var goGen = generator{
	ext:  "go",
	name: pascal,
	reserved: func(Options) map[string]bool {
		return set("Fallbacks", "VariationWithFallback")
	},
	render: renderGo,
}

// renderGo writes a Go file against the server SDK v7
// (ld.LDClient.JSONVariation(key, ldcontext.Context, ldvalue.Value)) and
// formats it with go/format.
func renderGo(flags []entry, o Options) ([]byte, error) {
	pkg := o.Package
	if pkg == "" {
		pkg = "fallbacks"
	}
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// %s\n\n", Header)
	p("// Package %s holds the fallback value of every LaunchDarkly flag, as\n", pkg)
	p("// decided by ldfallback, so that code reads them instead of repeating literals.\n")
	p("package %s\n\n", pkg)
	p("import (\n")
	if !o.NoWrapper {
		p("\t\"log\"\n\t\"strings\"\n\n")
		p("\t\"github.com/launchdarkly/go-sdk-common/v3/ldcontext\"\n")
	}
	p("\t\"github.com/launchdarkly/go-sdk-common/v3/ldvalue\"\n")
	if !o.NoWrapper {
		p("\tld \"github.com/launchdarkly/go-server-sdk/v7\"\n")
	}
	p(")\n\n")
	for _, f := range flags {
		p("// %s is the %s.\n", f.Name, describe(strconv.QuoteToASCII, f))
		v := f.Value
		switch v.Kind {
		case kindBool:
			p("const %s = %t\n\n", f.Name, v.Bool)
		case kindString:
			p("const %s = %s\n\n", f.Name, strconv.QuoteToASCII(v.Str))
		case kindNumber:
			p("const %s float64 = %s\n\n", f.Name, numberLiteral(v))
		case kindJSON:
			if v.IsNull {
				p("var %s = ldvalue.Null()\n\n", f.Name)
			} else {
				p("var %s = ldvalue.Parse([]byte(%s))\n\n", f.Name, strconv.QuoteToASCII(canonicalJSON(v)))
			}
		}
	}
	p("// Fallbacks maps every flag key to its fallback value. Treat it as read-only.\n")
	p("var Fallbacks = map[string]ldvalue.Value{\n")
	for _, f := range flags {
		var expr string
		switch f.Value.Kind {
		case kindBool:
			expr = "ldvalue.Bool(" + f.Name + ")"
		case kindString:
			expr = "ldvalue.String(" + f.Name + ")"
		case kindNumber:
			expr = "ldvalue.Float64(" + f.Name + ")"
		default:
			expr = f.Name
		}
		p("\t%s: %s,\n", strconv.QuoteToASCII(f.Key), expr)
	}
	p("}\n")
	if !o.NoWrapper {
		p(`
// VariationWithFallback evaluates a flag with its generated fallback as the
// default value. A key with no generated fallback is logged, since it means
// the code uses a flag the fallback file does not know; release-* flags then
// fail closed (false) and other flags get null.
func VariationWithFallback(client *ld.LDClient, flagKey string, context ldcontext.Context) (ldvalue.Value, error) {
	fallback, ok := Fallbacks[flagKey]
	if !ok {
		log.Printf("ldfallback: no fallback value defined for flag %%q", flagKey)
		if strings.HasPrefix(flagKey, "release-") {
			fallback = ldvalue.Bool(false)
		}
	}
	return client.JSONVariation(flagKey, context, fallback)
}
`)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("codegen go: formatting generated code: %v", err)
	}
	return out, nil
}
