package scanner

import (
	"os"
	"testing"
)

// FuzzNgSites feeds random templates to the Angular binding finder: it must
// not panic, and every site it reports lies in the template.
func FuzzNgSites(f *testing.F) {
	if data, err := os.ReadFile("../testdata/scan/angular-templates/src/app/home/home.component.html"); err == nil {
		f.Add(data, []byte("export class C { featureFlags = FeatureFlags; }"))
	}
	f.Add([]byte(`<a *flag="x.y" [flag]='z' flag="k">{{ 'a' | pipe }}{{ (b | pipe) }}<!--`), []byte("class C {"))
	f.Add([]byte(`{{ | pipe }}<x [flag]="`), []byte(""))
	w := &Wrapper{Name: "flag", Class: "D", File: "d.ts", Language: "typescript", KeyParam: &Param{Index: 0, Name: "k"}}
	p := &Wrapper{Name: "transform", Class: "P", File: "p.ts", Language: "typescript", KeyParam: &Param{Index: 0, Name: "k"}}
	bindings := []ngBinding{{name: "flag", w: w, re: ngBindingRe("flag", false)}, {name: "pipe", pipe: true, w: p, re: ngBindingRe("pipe", true)}}
	f.Fuzz(func(t *testing.T, tpl, comp []byte) {
		calls, pend := ngSites(ngTemplate{rel: "t.html", text: tpl, file: tpl, component: "c.ts", compSrc: comp, compClass: "C"}, bindings)
		for _, c := range calls {
			if c.Line < 1 || c.Line > len(tpl)+1 {
				t.Fatalf("line %d outside the template", c.Line)
			}
		}
		for _, p := range pend {
			if p.idx >= len(calls) || p.scope != "c.ts" {
				t.Fatalf("pending %+v", p)
			}
		}
	})
}
