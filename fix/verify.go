package fix

import (
	"context"
	"fmt"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/scanner"
)

// errorCount parses src and counts ERROR and MISSING nodes.
func errorCount(lang string, src []byte) (int, error) {
	if lang == "vue" {
		lang = "javascript"
		if l := scanner.ScriptLang(src); l != "" {
			lang = l
		}
		src = scanner.ScriptBlocks(src)
	}
	if lang == "razor" {
		lang, src = "csharp", scanner.RazorCode(src)
	}
	// Vue, Svelte and HTML files are checked through their <script> blocks (scanner.ScriptBlocks).
	var g func() *sitter.Language
	if l := languages.ByName(lang); l != nil {
		g = languages.Grammars[l.Grammar]
	}
	if g == nil {
		return 0, fmt.Errorf("no grammar for %s", lang)
	}
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(g())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return 0, err
	}
	defer tree.Close()
	root := tree.RootNode()
	if !root.HasError() {
		return 0, nil
	}
	n := 0
	cur := sitter.NewTreeCursor(root)
	defer cur.Close()
	for {
		node := cur.CurrentNode()
		if node.IsError() || node.IsMissing() {
			n++
		}
		if node.HasError() && cur.GoToFirstChild() {
			continue
		}
		for !cur.GoToNextSibling() {
			if !cur.GoToParent() {
				return n, nil
			}
		}
	}
}

// checkParses accepts a rewrite when the new file parses without errors, or,
// for a file the grammar already could not parse fully, with no more errors
// than before (a grammar gap is not ours to fix).
func checkParses(lang string, before, after []byte) error {
	nb, err := errorCount(lang, before)
	if err != nil {
		return err
	}
	na, err := errorCount(lang, after)
	if err != nil {
		return err
	}
	if na > nb {
		return fmt.Errorf("the rewritten file does not parse as %s (%d syntax errors, %d before)", lang, na, nb)
	}
	return nil
}
