package scanner

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRazorCode checks what of a Razor view is kept as C#: the code parts,
// rewritten directives, and nothing of the markup (words only; offsets are
// checked by FuzzRazorCode and the fixtures' lines).
func TestRazorCode(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"code block", "<p>x</p>\n@{ var a = F.On(K.X); }\n<p>y</p>", "{ var a = F.On(K.X); }"},
		{"inject", "@inject Bit.Core.IFeatureService Features\n<p/>", "Bit.Core.IFeatureService Features;"},
		{"inject generic", "@inject SignInManager<IdentityUser> SignIn", "SignInManager<IdentityUser> SignIn;"},
		{"using first", "@using Bit.Core\n@using A = B.C;\n@{ }", "using Bit.Core; using A = B.C; { }"},
		{"using after a statement", "@{ }\n@using Late", "{ }"},
		{"byte order mark", "\xef\xbb\xbf@model M\n@inject IF F\n", "IF F;"},
		{"model and page", "@page \"/x\"\n@model Foo.Bar\n@layout Main", ""},
		{"implicit", "<p>@Model.Name.Trim()[0] and more.</p>", "Model.Name.Trim()[0];"},
		{"implicit ends at a sentence's dot", "<p>@user.Name.</p>", "user.Name;"},
		{"await", "<div>@await Html.PartialAsync(\"x\")</div>", "await Html.PartialAsync(\"x\");"},
		{"explicit", "<b>@(a ? \"x)\" : b)</b>", "(a ? \"x)\" : b);"},
		{"email", "<p>mail me@F.On(\"x\") now</p>", ""},
		{"escaped at", "<p>@@F.On(\"x\")</p>", ""},
		{"razor comment", "@* @F.On(\"x\") *@<p/>", ""},
		{"html comment", "<!-- F.On(\"x\") --><p/>", ""},
		{"markup text", "<p>Call F.On(\"x\") here.</p>", ""},
		{"if else", "@if (a) {\n<li>@b</li>\n} else if (c) { <i>x</i> } else { }", "if (a) { b; } else if (c) { } else { }"},
		{"redundant @ in code", "@if (a) {\n  @if (b) { <p/> }\n}", "if (a) { if (b) { } }"},
		{"foreach with text", "@foreach (var i in xs) { <text>@i</text> }", "foreach (var i in xs) { i; }"},
		{"line markup", "@{\n  @:Hello @name, a@b.c\n  var z = 1;\n}", "{ name; var z = 1; }"},
		{"less-than in code", "@{ var ok = a < b; List<int> l = new(); }", "{ var ok = a < b; List<int> l = new(); }"},
		{"strings with braces", "@{ var s = \"}\"; var v = @\"a\"\"}\"; var i = $\"{x}\"; }", "{ var s = \"}\"; var v = @\"a\"\"}\"; var i = $\"{x}\"; }"},
		{"attribute", "<a class=\"@(on ? \"x\" : \"y\")\" href=\"@Url\">", "(on ? \"x\" : \"y\"); Url;"},
		{"section", "@section Scripts {\n<script>var a = @Json.Serialize(F.On(\"k\"));</script>\n}\n<p>@x</p>", "Json.Serialize(F.On(\"k\")); x;"},
		{"code members", "<nav>menu</nav>\n@code {\n  private bool a = F.On(K.X);\n}", "class C____ { private bool a = F.On(K.X); }"},
		{"functions members", "<nav>menu</nav>\n@functions { int n; }", "class C_________ { int n; }"},
		{"code without room is skipped", "@code { private bool a = F.On(K.X); }", ""},
		{"unclosed block", "@{ var a = F.On(K.X);\n<p>x</p>", ""},
		{"unclosed expression", "<p>@(F.On(\"x\"</p>", ""},
		{"unclosed string", "@{ var s = \"abc\n }", ""},
		{"if without block", "<p>@if it rains</p>", ""},
		{"do while", "@do { <p/> } while (a);", "do { } while (a);"},
		{"try", "@try { A(); } catch (Exception e) { <p/> } finally { B(); }", "try { A(); } catch (Exception e) { } finally { B(); }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := RazorCode([]byte(tt.src))
			if len(out) != len(tt.src) {
				t.Fatalf("length %d, want %d", len(out), len(tt.src))
			}
			if got := strings.Join(strings.Fields(string(out)), " "); got != tt.want {
				t.Errorf("RazorCode(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// FuzzRazorCode: any input keeps its length and its newlines where they
// were, and never panics or hangs.
func FuzzRazorCode(f *testing.F) {
	files, _ := filepath.Glob("../testdata/scan/razor/*/*/*.cshtml")
	more, _ := filepath.Glob("../testdata/scan/razor/*/*.razor")
	for _, p := range append(files, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("@{ @{ @{ <p>@(((</p> }"))
	f.Add([]byte(`@code{@functions{@if(@foreach("\"))}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		out := RazorCode(src)
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range src {
			if (src[i] == '\n') != (out[i] == '\n') {
				t.Fatalf("newline moved at %d", i)
			}
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatal("lines changed")
		}
	})
}

// TestRazorCodeLinear feeds inputs that make a naive scanner rescan to the
// end from every byte: the budget keeps them linear (a quadratic scan of
// these would outlast the test's timeout).
func TestRazorCodeLinear(t *testing.T) {
	for _, unit := range []string{"@(", "@{ ", "@a(", "@{ /*", "@{ \"", "@if (a) {", "<p>@x[", "@code {", "@{ <p>@{ ", "<a b='"} {
		src := bytes.Repeat([]byte(unit), (1<<20)/len(unit))
		if out := RazorCode(src); len(out) != len(src) {
			t.Fatalf("%q: length changed", unit)
		}
	}
}
