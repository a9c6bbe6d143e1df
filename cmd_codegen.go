package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/codegen"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
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
			&cli.StringFlag{Name: "package", Usage: "package or namespace `NAME` of the generated code (default per language)"},
			&cli.StringFlag{Name: "class", Usage: "class `NAME` for Java, Kotlin and C# (default: from the -o file name for Java, else Fallbacks)"},
			&cli.BoolFlag{Name: "no-wrapper", Usage: "write the constants only, without the variationWithFallback wrapper (no SDK import)"},
		),
		Action: runCodegen,
	}
}

func runCodegen(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("codegen takes no arguments (got %q)", c.Args().First())
	}
	lang := c.String("lang")
	ext, err := codegen.Extension(lang)
	if err != nil {
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
		_, res, err := resolve(c, false)
		if err != nil {
			return err
		}
		warnAnswers(c.App.ErrWriter, res, "")
		values = safeValues(res)
	}
	out := c.String("output")
	class := c.String("class")
	if class == "" && out != "-" && ext == "java" {
		// javac wants a public class in a file of the same name.
		class = strings.TrimSuffix(filepath.Base(out), ".java")
	}
	src, err := codegen.Generate(lang, values, codegen.Options{Package: c.String("package"), Class: class, NoWrapper: c.Bool("no-wrapper")})
	if err != nil {
		return err
	}
	// Generated code is pure ASCII, and "##[" can only come from a flag key or
	// value inside a quoted literal or a comment: written "##\u005b" (the same
	// character in every target's string literals), the runner, which finds
	// its old "##[cmd]" syntax anywhere on a line, sees no command.
	src = bytes.ReplaceAll(src, []byte("##["), []byte(`##\u005b`))
	if out == "-" {
		_, err := c.App.Writer.Write(src)
		return err
	}
	if err := atomicfile.Write(out, src, 0o644); err != nil {
		return usagef("%s: cannot write: %v", out, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote %d flags to %s\n", len(values), escape.Terminal(out))
	return nil
}
