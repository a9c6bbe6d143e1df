package scanner
import ("testing";"os";sitter "github.com/smacker/go-tree-sitter";"github.com/ldfallback/ldfallback/languages")
func TestDbgTree(t *testing.T){
	l:=languages.ByName(os.Getenv("L")); c,_:=l.Compile(); p:=sitter.NewParser(); p.SetLanguage(c.Lang)
	src,_:=os.ReadFile(os.Getenv("F")); tr:=p.Parse(nil,src); t.Log(tr.RootNode().String())
}
