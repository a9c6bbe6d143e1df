package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/codegen"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
)

func codegenCommand() *cli.Command {
	return &cli.Command{
		Name:      "codegen",
		Usage:     "write typed fallback code (constants and a variationWithFallback wrapper) for a language",
		ArgsUsage: " ",
		Flags: append(payloadFlags(),
			&cli.StringFlag{Name: "lang", Aliases: []string{"l"}, Usage: "target language: " + strings.Join(codegen.Languages(), ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "-", Usage: "write to `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "from-config", Usage: "read fallbacks from this fallback-config.json `FILE` instead of the payload"},
			&cli.StringFlag{Name: "package", Usage: "package, module, namespace or class `NAME` of the generated code (default per language)"},
		),
		Action: runCodegen,
	}
}

func runCodegen(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("codegen takes no arguments (got %q)", c.Args().First())
	}
	lang := c.String("lang")
	if !slices.Contains(codegen.Languages(), lang) {
		return usagef("--lang %q: want one of %s", lang, strings.Join(codegen.Languages(), ", "))
	}
	var values map[string]json.RawMessage
	if f := c.String("from-config"); f != "" {
		v, _, err := check.LoadFallbackConfig(f)
		if err != nil {
			return err
		}
		values = v
	} else {
		_, res, err := resolve(c)
		if err != nil {
			return err
		}
		warnAnswers(c.App.ErrWriter, res)
		values = safeValues(res)
	}
	src, err := codegen.Generate(lang, values, codegen.Options{Package: c.String("package")})
	if err != nil {
		return err
	}
	out := c.String("output")
	if out == "-" {
		_, err := c.App.Writer.Write(src)
		return err
	}
	if err := atomicfile.Write(out, src, 0o644); err != nil {
		return usagef("%s: cannot write: %v", out, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote %d flags to %s\n", len(values), out)
	return nil
}
