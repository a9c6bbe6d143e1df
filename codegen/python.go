package codegen

import (
	"bytes"
	"fmt"
	"strings"
)

var pyGen = generator{
	ext:      "py",
	name:     upperSnake,
	reserved: func(Options) map[string]bool { return set("FALLBACKS", "TYPE_CHECKING") },
	render:   renderPython,
}

// renderPython writes a Python 3.8+ module against the server SDK
// (ldclient.client.LDClient.variation(key, context, default)). The SDK is
// imported for type checking only, so the values load without it.
func renderPython(flags []entry, o Options) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n", Header)
	p("\"\"\"Fallback values of LaunchDarkly flags, as decided by ldfallback.\"\"\"\n\n")
	p("from __future__ import annotations\n\n")
	if !o.NoWrapper {
		p("import logging\n")
	}
	p("from types import MappingProxyType\n")
	if o.NoWrapper {
		p("from typing import Any, Final, Mapping\n")
	} else {
		p("from typing import TYPE_CHECKING, Any, Final, Mapping\n\n")
		p("if TYPE_CHECKING:\n")
		p("    from ldclient.client import LDClient\n")
		p("    from ldclient.context import Context\n")
	}
	p("\n")
	for _, f := range flags {
		p("# %s\n", describe(quotePython, f))
		v := f.Value
		switch v.Kind {
		case kindBool:
			p("%s: Final[bool] = %s\n", f.Name, pyLiteral(v))
		case kindString:
			p("%s: Final[str] = %s\n", f.Name, pyLiteral(v))
		case kindNumber:
			p("%s: Final[float] = %s\n", f.Name, pyLiteral(v))
		default:
			typ := "None"
			switch {
			case v.IsArray:
				typ = "list[Any]"
			case !v.IsNull:
				typ = "dict[str, Any]"
			}
			p("%s: Final[%s] = %s\n", f.Name, typ, pyLiteral(v))
		}
	}
	p("\n# Every flag key mapped to its fallback value (read-only).\n")
	p("FALLBACKS: Final[Mapping[str, Any]] = MappingProxyType(\n    {\n")
	for _, f := range flags {
		p("        %s: %s,\n", quotePython(f.Key), f.Name)
	}
	p("    }\n)\n")
	if !o.NoWrapper {
		p(`
_log = logging.getLogger(__name__)
_MISSING: Final = object()


def variation_with_fallback(client: LDClient, flag_key: str, context: Context) -> Any:
    """Evaluate a flag with its generated fallback as the default value.

    A key with no generated fallback is logged; release-* flags then fail
    closed (False) and other flags get None.
    """
    fallback = FALLBACKS.get(flag_key, _MISSING)
    if fallback is _MISSING:
        _log.warning("No fallback value defined for flag: %%s", flag_key)
        fallback = False if flag_key.startswith("release-") else None
    return client.variation(flag_key, context, fallback)
`)
	}
	return b.Bytes(), nil
}

func pyLiteral(v value) string {
	switch v.Kind {
	case kindBool:
		if v.Bool {
			return "True"
		}
		return "False"
	case kindString:
		return quotePython(v.Str)
	case kindNumber:
		if v.Exact != "" {
			return v.Exact // an int: the Python SDK reads the payload's integer exactly
		}
		return floatLiteral(v.Num)
	}
	if v.IsNull {
		return "None"
	}
	var parts []string
	if v.IsArray {
		for _, e := range v.Elems {
			parts = append(parts, pyLiteral(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	for _, m := range v.Members {
		parts = append(parts, quotePython(m.Name)+": "+pyLiteral(m.Value))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
