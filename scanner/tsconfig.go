package scanner

import (
	"encoding/json"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// TypeScript applications import their own modules through the compiler's
// path aliases (`import { FeatureFlags } from '@app/core/flags'`, or
// `from 'shared/flags'` under a baseUrl), declared in the tsconfig.json (or
// jsconfig.json) nearest to the importing file, possibly through `extends`.
// The rules are the compiler's (https://www.typescriptlang.org/tsconfig#paths,
// #baseUrl, #extends): the longest matching `paths` prefix wins and its
// targets are tried in order, relative to baseUrl when set, else to the
// config that declares `paths`; a non-relative import with no matching
// pattern is tried under baseUrl. Only configs inside the scanned root are
// read; an `extends` naming a package is not followed.

// tsOptions are the alias rules in force for a directory; root-relative paths.
type tsOptions struct {
	baseURL   string // "" when not set
	pathsBase string // the directory `paths` targets are relative to
	paths     map[string][]string
}

// tsMaxExtends bounds an extends chain (and breaks its cycles).
const tsMaxExtends = 8

// tsConfigNames are the configs looked for in each directory, in order.
var tsConfigNames = []string{"tsconfig.json", "jsconfig.json"}

// tsAliases returns the root-relative module bases an aliased source may
// name from file rel (best first), or nil.
func (r *rootResolver) tsAliases(rel, source string) []string {
	o := r.tsOptionsFor(path.Dir(rel))
	if o == nil {
		return nil
	}
	var out []string
	best, bestLen := "", -1
	for _, pat := range sortedPatterns(o.paths) {
		pre, suf, star := strings.Cut(pat, "*")
		switch {
		case !star && pat == source && len(pat) > bestLen:
			best, bestLen = pat, len(pat)
		case star && len(source) >= len(pre)+len(suf) && strings.HasPrefix(source, pre) && strings.HasSuffix(source, suf) && len(pre) > bestLen:
			best, bestLen = pat, len(pre)
		}
	}
	if bestLen >= 0 {
		pre, suf, star := strings.Cut(best, "*")
		for _, target := range o.paths[best] {
			if star {
				target = strings.Replace(target, "*", source[len(pre):len(source)-len(suf)], 1)
			}
			out = append(out, path.Join(o.pathsBase, target))
		}
	}
	if o.baseURL != "" {
		out = append(out, path.Join(o.baseURL, source))
	}
	var kept []string
	for _, p := range out {
		if inRoot(p) {
			kept = append(kept, p)
		}
	}
	return kept
}

// tsOptionsFor returns the options of the config nearest to dir (root-relative), memoised per directory.
func (r *rootResolver) tsOptionsFor(dir string) *tsOptions {
	if r.tsDirs == nil {
		r.tsDirs = map[string]*tsOptions{}
	}
	if o, ok := r.tsDirs[dir]; ok {
		return o
	}
	var o *tsOptions
	for _, name := range tsConfigNames {
		if cfg, ok := r.readTSConfig(path.Join(dir, name), 0); ok {
			o = &tsOptions{baseURL: cfg.baseURL, pathsBase: cfg.pathsBase, paths: cfg.paths}
			if o.baseURL == "" && len(o.paths) == 0 {
				o = nil
			}
			r.tsDirs[dir] = o
			return o
		}
	}
	if dir != "." && dir != "/" && dir != "" {
		o = r.tsOptionsFor(path.Dir(dir))
	}
	r.tsDirs[dir] = o
	return o
}

// tsConfig is one config file's options after its extends chain.
type tsConfig struct {
	baseURL, pathsBase string
	paths              map[string][]string
}

// readTSConfig reads a root-relative config and what it extends; ok is false
// when the file does not exist or cannot be read as a config.
func (r *rootResolver) readTSConfig(rel string, depth int) (tsConfig, bool) {
	if depth > tsMaxExtends || !inRoot(rel) || r.rootDir == "" {
		return tsConfig{}, false
	}
	data, err := inputfile.ReadFile(filepath.Join(r.rootDir, filepath.FromSlash(rel)), inputfile.ConfigLimit)
	if err != nil {
		return tsConfig{}, false
	}
	var raw struct {
		Extends         json.RawMessage `json:"extends"`
		CompilerOptions struct {
			BaseURL *string             `json:"baseUrl"`
			Paths   map[string][]string `json:"paths"`
		} `json:"compilerOptions"`
	}
	if json.Unmarshal(jsonc(data), &raw) != nil {
		return tsConfig{}, false
	}
	dir := path.Dir(rel)
	var cfg tsConfig
	// extends: a string or (TypeScript 5) an array, later entries winning.
	var parents []string
	var one string
	if json.Unmarshal(raw.Extends, &one) == nil {
		parents = []string{one}
	} else {
		_ = json.Unmarshal(raw.Extends, &parents)
	}
	for _, p := range parents {
		if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
			continue // a package's config (@tsconfig/node20): not in the tree
		}
		pr := path.Join(dir, p)
		if !strings.HasSuffix(pr, ".json") {
			pr += ".json"
		}
		if parent, ok := r.readTSConfig(pr, depth+1); ok {
			if parent.baseURL != "" {
				cfg.baseURL = parent.baseURL
			}
			if parent.paths != nil {
				cfg.paths, cfg.pathsBase = parent.paths, parent.pathsBase
			}
		}
	}
	if b := raw.CompilerOptions.BaseURL; b != nil {
		cfg.baseURL = path.Join(dir, *b)
	}
	if raw.CompilerOptions.Paths != nil {
		cfg.paths, cfg.pathsBase = raw.CompilerOptions.Paths, dir
	}
	if cfg.baseURL != "" && cfg.paths != nil {
		cfg.pathsBase = cfg.baseURL
	}
	return cfg, true
}

// jsonc turns JSON with comments and trailing commas (what tsc accepts in a
// tsconfig) into JSON: comments become spaces, a comma before } or ] goes.
func jsonc(data []byte) []byte {
	out := make([]byte, 0, len(data))
	inStr, esc := false, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inStr:
			out = append(out, c)
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			i += 2
			for i+1 < len(data) && !(data[i] == '*' && data[i+1] == '/') {
				i++
			}
			i++
			out = append(out, ' ')
		case c == '}' || c == ']':
			// Drop a trailing comma: the last non-space byte written.
			j := len(out) - 1
			for j >= 0 && (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r') {
				j--
			}
			if j >= 0 && out[j] == ',' {
				out[j] = ' '
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// sortedPatterns orders the patterns, so that ties between equally long
// prefixes are broken the same way on every run.
func sortedPatterns(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
