package scanner

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/languages"
)

// FuzzFlagObjects feeds the React fixtures, mutated, to the flags-object
// extraction and resolution: no panic, every read placed inside the file,
// every fallback span inside it, and a key only when the read has a name.
func FuzzFlagObjects(f *testing.F) {
	_ = filepath.WalkDir("../testdata/scan/react", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add([]byte("import { useFlags as u } from 'launchdarkly-react-client-sdk'; const { [x]: y, ...r } = u(); r.a; u()[b]"))
	var ms []*matcher
	for _, name := range []string{"javascript", "tsx"} {
		m, err := newMatcher(languages.ByName(name), nil)
		if err != nil {
			f.Fatal(err)
		}
		ms = append(ms, m)
	}
	facts := newFoFacts(&ms[0].lang.FlagObjects[0], []string{"src/hooks/useShopFlags.ts", "src/types.ts", "src/f.tsx"})
	facts.hooks = []inferredHook{{file: "src/hooks/useShopFlags.ts", name: "useShopFlags", fo: &ms[0].lang.FlagObjects[0]}}
	facts.types["src/types.ts"] = map[string]string{"FlagSet": "type", "WithFlags": "props"}
	facts.params[fnRef{"src/f.tsx", "helper"}] = map[int]bool{1: true}
	facts.candidates["helper"] = true
	facts.keyHooks[fnRef{"src/f.tsx", "useFeature"}] = keyHook{name: "useFeature", index: 0}
	facts.routerCtx = true
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, m := range ms {
			e := newExtractor()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			tree, err := e.parse(ctx, m, src)
			cancel()
			if err != nil {
				e.close()
				continue
			}
			out := extractFlagObjectsWith(m, tree.RootNode(), src, "src/f.tsx", facts)
			tree.Close()
			e.close()
			if out == nil {
				continue
			}
			var provs []*flagProvider
			for i := range out.providers {
				provs = append(provs, &out.providers[i])
			}
			for _, rd := range out.reads {
				c := rd.call
				p, found := pickProvider(provs, c.File)
				resolveRead(&c, rd.hasDefault, rd.exactKey, out.fo, p, found)
				if c.Line < 1 || c.Column < 1 {
					t.Fatalf("bad position %+v", c)
				}
				if c.FallbackSpan.End > len(src) || c.FallbackSpan.Start > c.FallbackSpan.End {
					t.Fatalf("bad span %+v", c.FallbackSpan)
				}
				if c.Key != nil && c.Name == "" {
					t.Fatalf("a key for a read with no name: %+v", c)
				}
			}
		}
	})
}

func TestTestFile(t *testing.T) {
	for p, want := range map[string]bool{
		"src/App.tsx": false, "src/App.test.tsx": true, "cypress/support/setup.tsx": true,
		"src/utilities/testHelpers.tsx": true, "src/__tests__/a.js": true, "src/contest/Page.tsx": false,
	} {
		if got := testFile(p); got != want {
			t.Errorf("testFile(%q) = %v", p, got)
		}
	}
}
