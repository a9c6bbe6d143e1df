package scanner

import (
	"bytes"
	"context"
	"sort"
	"strings"

	"github.com/ldfallback/ldfallback/languages"
)

// The clients stage: SDK clients recognised by how they were built, not by
// the import of the file that uses them. A Rails app builds its client once
// (`config.launch_darkly_client = LaunchDarkly::LDClient.new(…)`) and calls
// `Rails.configuration.launch_darkly_client.variation(…)` in files that never
// name the SDK; a React component gets `const client = useLDClient()` and
// hands it to a module of plain functions. Extraction records the names that
// such a construction is assigned to (languages.SDK.Clients says which
// callees build a client); this stage then parses the files of the same
// language family that the first pass left alone and that call a method
// through one of those names, with the names as receivers of that SDK.

// clientName is a name the scanned root assigns an SDK's client to.
type clientName struct {
	sdk, name string
}

// clientNames finds the names a file assigns the result of one of its
// language's client constructors to: the last identifier before the `=`
// (`||=`, `:=`) that precedes the constructor on its line, without a type
// annotation, `@`, `self.` or `this.`.
func clientNames(lang *languages.Language, src []byte) []clientName {
	var out []clientName
	for _, sdk := range lang.SDKs {
		for _, ctor := range sdk.Clients {
			c := []byte(ctor)
			for off := 0; off < len(src); {
				i := bytes.Index(src[off:], c)
				if i < 0 {
					break
				}
				i += off
				off = i + len(c)
				if i > 0 && isIdentByte(src[i-1]) || off < len(src) && isIdentByte(src[off]) {
					continue // part of a longer name
				}
				if n := assignedName(src, i); n != "" {
					out = append(out, clientName{sdk.Name, n})
				}
			}
		}
	}
	return out
}

// assignedName reads `name = [await|new] ` backwards from i on i's line.
func assignedName(src []byte, i int) string {
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	left := strings.TrimSpace(string(src[start:i]))
	for _, w := range []string{"await", "new"} {
		left = strings.TrimSpace(strings.TrimSuffix(left, w))
	}
	if !strings.HasSuffix(left, "=") {
		return ""
	}
	left = strings.TrimSuffix(left, "=")
	if strings.HasSuffix(left, "=") || strings.HasSuffix(left, "!") || strings.HasSuffix(left, "<") || strings.HasSuffix(left, ">") {
		return "" // a comparison
	}
	left = strings.TrimRight(left, "|:?&")
	if j := strings.LastIndex(left, ": "); j >= 0 {
		left = left[:j] // `const client: LDClient =`
	}
	left = strings.TrimSpace(left)
	j := len(left)
	for j > 0 && isIdentByte(left[j-1]) {
		j--
	}
	name := left[j:]
	if len(name) < 3 || !isIdent(name) {
		return ""
	}
	return name
}

// clientPass extracts, per root, the files of a language family that name a
// client built elsewhere in the root and that the first pass did not parse.
func (s *scanner) clientPass(ctx context.Context, all []result) {
	type famKey struct{ root, fam string }
	names := map[famKey]map[string][]string{} // sdk → names
	for i := range all {
		r := &all[i]
		if r.out == nil || r.job.lang == nil {
			continue
		}
		for _, c := range r.out.clients {
			k := famKey{r.job.root, family(r.job.lang)}
			if names[k] == nil {
				names[k] = map[string][]string{}
			}
			if !has(names[k][c.sdk], c.name) {
				names[k][c.sdk] = append(names[k][c.sdk], c.name)
			}
		}
	}
	if len(names) == 0 {
		return
	}
	for _, m := range names {
		for _, ns := range m {
			sort.Strings(ns)
		}
	}
	var todo []int
	for i := range all {
		r := &all[i]
		if r.job.lang == nil || r.out != nil || r.skip != "" || r.problem != "" || names[famKey{r.job.root, family(r.job.lang)}] == nil || declarationsOnly(r.job.lang, r.job.rel) {
			continue
		}
		todo = append(todo, i)
	}
	s.eachFile(ctx, todo, func(e *extractor, i int) {
		r := &all[i]
		clients := names[famKey{r.job.root, family(r.job.lang)}]
		src, err := e.read(r.job.abs, s.maxSize)
		if err != nil || !s.any.match(src) || !mentionsClient(src, clients) {
			return
		}
		e.keep()
		lang := r.job.lang
		if isMarkup(r.job.rel) {
			lang, src = s.codeSource(r.job.rel, lang, src)
		}
		m, err := s.matcher(lang)
		if err != nil {
			return
		}
		fctx, cancel := s.withBudget(ctx)
		e.clients, e.config = clients, s.configFor(r.job)
		out, err := e.extractHits(fctx, m, r.job.rel, src, nil)
		e.clients, e.config = nil, nil
		cancel()
		if err != nil || len(out.calls) == 0 && len(out.wrappers) == 0 {
			return
		}
		r.out, r.candidate = out, true // this worker alone writes result i
	})
}

// mentionsClient reports whether src calls a method through one of the
// client names: `name.`, `name?.`, `name&.`, `name->`.
func mentionsClient(src []byte, clients map[string][]string) bool {
	for _, ns := range clients {
		for _, n := range ns {
			for off := 0; off < len(src); {
				i := bytes.Index(src[off:], []byte(n))
				if i < 0 {
					break
				}
				i += off
				off = i + len(n)
				if i > 0 && isIdentByte(src[i-1]) {
					continue
				}
				rest := src[off:]
				if bytes.HasPrefix(rest, []byte(".")) || bytes.HasPrefix(rest, []byte("?.")) || bytes.HasPrefix(rest, []byte("&.")) || bytes.HasPrefix(rest, []byte("->")) {
					return true
				}
			}
		}
	}
	return false
}

// clientSDKs adds to sdks those whose client names end the call's receiver
// text (`Rails.configuration.launch_darkly_client`, `client?`).
func clientSDKs(clients map[string][]string, sdks map[string]bool, receiver []byte) map[string]bool {
	if len(clients) == 0 {
		return sdks
	}
	r := strings.TrimSpace(string(receiver))
	for _, op := range []string{"?.", "&.", "->", "::", ".", "!"} {
		r = strings.TrimSuffix(r, op)
	}
	r = strings.TrimRight(r, "?!")
	j := len(r)
	for j > 0 && isIdentByte(r[j-1]) {
		j--
	}
	last := r[j:]
	var out map[string]bool
	for sdk, ns := range clients {
		if sdks[sdk] || !has(ns, last) {
			continue
		}
		if out == nil {
			out = make(map[string]bool, len(sdks)+1)
			for k, v := range sdks {
				out[k] = v
			}
		}
		out[sdk] = true
	}
	if out == nil {
		return sdks
	}
	return out
}
