package scanner

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"gopkg.in/yaml.v3"

	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// Keys read from node-config files. A Node application that keeps its flag
// keys in config/default.yaml and evaluates `config.toggles[name]` (the
// `config` package: github.com/node-config/node-config) names no key in its
// source; the key is the value of that entry. When the name `config` (or
// whatever the file calls it) is bound to require('config') / import … from
// 'config', such an expression is looked up in the config directory beside
// the nearest package.json: config/default.{yaml,yml,json} gives the value;
// any other file of the directory (production.yaml, local.json, …) that
// gives the entry another value, or custom-environment-variables.* mapping
// it to an environment variable, makes the key depend on the deployment:
// it stays null with a note, never a guess. A directory holding a format
// this does not read (default.js, .json5, .toml, …) gives no key at all.
// NODE_CONFIG_DIR, NODE_CONFIG and --NODE_CONFIG are not followed.
//
// The lookup may have a dynamic last part: `config.toggles[opts.name]`,
// `config.get('toggles.' + name)`. When that part is a parameter (or a
// property of a parameter object), wrapper inference exports a wrapper
// whose key is the lookup of its caller's argument (Wrapper.KeyLookup), and
// each caller's literal or constant is looked up in turn.

// ConfigLookup is the config-file lookup a wrapper applies to its key
// parameter: the caller's value v gives the key at Path + "." + v in the
// node-config directory Dir (root-relative).
type ConfigLookup struct {
	Dir  string `json:"dir"`
	Path string `json:"path,omitempty"`
	d    *configDir
}

func (l *ConfigLookup) full(tail string) string {
	if l.Path == "" {
		return tail
	}
	return l.Path + "." + tail
}

// apply sets c's key to the lookup of its current key (the caller's value)
// and forgets the lookup: the key, or null with the reason.
func (l *ConfigLookup) apply(c *Call) {
	if c.Key == nil {
		return
	}
	p := l.full(*c.Key)
	if c.KeyExpr == "" {
		c.KeyExpr = strconv.Quote(*c.Key) // the value the caller passes, which is looked up
	}
	if k, note := l.d.lookup(p); note == "" {
		c.Key = &k
		c.Note = fmt.Sprintf("key read from %s at %s", l.d.source(p), p)
	} else {
		c.Key, c.Note = nil, note
	}
	c.keyLookup = nil
}

// configRequireRe finds the names a file binds to the config package.
var configRequireRe = regexp.MustCompile(`(?:\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]config['"]\s*\)` +
	`|\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\}\s*)?from\s+['"]config['"]` +
	`|\bimport\s+\*\s+as\s+([A-Za-z_$][\w$]*)\s+from\s+['"]config['"]` +
	`|\bimport\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]config['"]\s*\))`)

// configNames returns the names src binds to the node config package.
func configNames(src []byte) []string {
	if !quotedConfig(src) {
		return nil // the expression needs the quoted module name; it reads a bundle at a few MB/s
	}
	var out []string
	for _, m := range configRequireRe.FindAllSubmatch(src, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 && !hasString(out, string(g)) {
				out = append(out, string(g))
			}
		}
	}
	return out
}

// quotedConfig reports whether src holds 'config' or "config" (either quote
// on either side), which every form configRequireRe matches contains.
func quotedConfig(src []byte) bool {
	isQuote := func(b byte) bool { return b == '\'' || b == '"' }
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte("config"))
		if k < 0 {
			return false
		}
		k += i
		if k > 0 && isQuote(src[k-1]) && k+6 < len(src) && isQuote(src[k+6]) {
			return true
		}
		i = k + 1
	}
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// configExpr parses a lookup of the config package bound to one of names:
// `c.a.b`, `c.a['b']`, `c.get('a.b')` give path a.b; a last part that is
// not a literal (`c.a[x]`, `c.get('a.' + x)`, “ c.get(`a.${x}`) “) is
// returned as tail (a name, or name.property). ok is false for anything else.
func configExpr(expr string, names []string) (head, p, tail string, ok bool) {
	s := strings.Join(strings.Fields(expr), "")
	s = strings.ReplaceAll(s, "?.", ".")
	i := 0
	for i < len(s) && identByte(s[i]) {
		i++
	}
	head, s = s[:i], s[i:]
	if head == "" || !hasString(names, head) || s == "" {
		return "", "", "", false
	}
	if arg, found := strings.CutPrefix(s, ".get("); found && strings.HasSuffix(arg, ")") {
		p, tail, ok = getArg(strings.TrimSuffix(arg, ")"))
		return head, p, tail, ok
	}
	var parts []string
	for s != "" {
		switch {
		case s[0] == '.':
			j := 1
			for j < len(s) && identByte(s[j]) {
				j++
			}
			if j == 1 {
				return "", "", "", false
			}
			parts = append(parts, s[1:j])
			s = s[j:]
		case s[0] == '[':
			j := strings.IndexByte(s, ']')
			if j < 0 {
				return "", "", "", false
			}
			inner := s[1:j]
			s = s[j+1:]
			if q, lit := quoted(inner); lit {
				parts = append(parts, q)
				continue
			}
			if s != "" || !tailName(inner) {
				return "", "", "", false // only the last part may be computed
			}
			tail = inner
		default:
			return "", "", "", false
		}
	}
	if len(parts) == 0 && tail == "" {
		return "", "", "", false
	}
	return head, strings.Join(parts, "."), tail, true
}

// getArg reads config.get's argument: 'a.b', 'a.' + x, `a.${x}`, or x.
func getArg(arg string) (p, tail string, ok bool) {
	if q, lit := quoted(arg); lit {
		return q, "", q != ""
	}
	if strings.HasPrefix(arg, "`") && strings.HasSuffix(arg, "}`") {
		inner := arg[1 : len(arg)-2]
		pre, t, found := strings.Cut(inner, "${")
		if !found || strings.ContainsAny(pre, "`$") || !tailName(t) || (pre != "" && !strings.HasSuffix(pre, ".")) {
			return "", "", false
		}
		return strings.TrimSuffix(pre, "."), t, true
	}
	if l, r, found := strings.Cut(arg, "+"); found {
		q, lit := quoted(l)
		if !lit || !strings.HasSuffix(q, ".") || !tailName(r) {
			return "", "", false
		}
		return strings.TrimSuffix(q, "."), r, true
	}
	if tailName(arg) {
		return "", arg, true
	}
	return "", "", false
}

func quoted(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] && !strings.ContainsAny(s[1:len(s)-1], "'\"\\") {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// tailName accepts a name or name.property (a parameter object's property).
func tailName(s string) bool {
	a, b, two := strings.Cut(s, ".")
	return isIdent(a) && (!two || isIdent(b))
}

// configKey follows a key argument through the locals of the functions
// around it to a lookup of the config package: the lookup's path and its
// computed tail ("" when the path is the whole key). ok is false when the
// key is not such a lookup, or the name is rebound (a parameter `config`).
func configKey(m *matcher, names []string, at, keyN *sitter.Node, src []byte) (p, tail string, ok bool) {
	if keyN == nil || len(names) == 0 {
		return "", "", false
	}
	expr := keyN.Content(src)
	for hop := 0; hop < maxScopeHops; hop++ {
		if head, p, tail, ok := configExpr(expr, names); ok {
			if kind, _ := bindingOf(m, at, head, src); kind != scopeOuter {
				return "", "", false
			}
			return p, tail, true
		}
		name := strings.TrimSpace(expr)
		if !isIdent(name) {
			return "", "", false
		}
		kind, value := bindingOf(m, at, name, src)
		if kind != scopeLocal || value == nil {
			return "", "", false
		}
		expr, at = value.Content(src), value
	}
	return "", "", false
}

// configFormats are the extensions of files node-config loads; the ones
// read here are YAML and JSON.
var configFormats = map[string]bool{
	".yaml": true, ".yml": true, ".json": true,
	".json5": false, ".hjson": false, ".toml": false, ".js": false, ".cjs": false, ".mjs": false,
	".ts": false, ".coffee": false, ".cson": false, ".properties": false, ".xml": false, ".iced": false,
}

// maxConfigFiles bounds the files of one config directory that are read.
const maxConfigFiles = 64

// configDir is one node-config directory, read once.
type configDir struct {
	rel string // root-relative, for notes
	// values are default.*'s leaves: dotted path → value (strings quoted
	// as JSON so "3" and 3 differ); from says which default file.
	values map[string]configLeaf
	// others are the other files' leaves (and maps, as configMap), by file.
	others []configFile
	// env is custom-environment-variables.*: paths set from the environment.
	env     map[string]string
	envFile string
	// unread names why no key can be taken from this directory.
	unread string
}

type configLeaf struct {
	str  string // the string value
	ok   bool   // a string
	text string // the value, for comparison
	file string
}

type configFile struct {
	name   string
	leaves map[string]configLeaf
}

const configMap = "\x00map"

// lookup returns the key at p, or note saying why there is none.
func (d *configDir) lookup(p string) (key, note string) {
	if d.unread != "" {
		return "", d.unread
	}
	v, ok := d.values[p]
	if !ok {
		return "", fmt.Sprintf("%s has no string entry %s in its default files", d.rel, p)
	}
	if !v.ok {
		return "", fmt.Sprintf("%s: %s is not a string", v.file, p)
	}
	if name, ok := d.env[p]; ok {
		return "", fmt.Sprintf("%s is set from the environment variable %s (%s) when it is defined: the key is not known", p, name, d.envFile)
	}
	for _, f := range d.others {
		if o, ok := f.leaves[p]; ok && o.text != v.text {
			return "", fmt.Sprintf("%s gives %s another value than %s: the key depends on the deployment", f.name, p, v.file)
		}
		for q := p; strings.Contains(q, "."); {
			q = q[:strings.LastIndexByte(q, '.')]
			if o, ok := f.leaves[q]; ok && o.text != configMap {
				return "", fmt.Sprintf("%s replaces %s: the key depends on the deployment", f.name, q)
			}
		}
	}
	return v.str, ""
}

func (d *configDir) source(p string) string { return d.values[p].file }

// nodeConfigs reads each config directory once per scan and keeps the
// warnings about files it could not read.
type nodeConfigs struct {
	mu       sync.Mutex
	dirs     map[string]*configDir // absolute config dir → read
	near     map[string]string     // absolute source dir → its config dir ("" none)
	problems []rootProblem
}

type rootProblem struct {
	root string
	p    Problem
}

// configFor returns the lookup of job j's config directory, for the extractor.
func (s *scanner) configFor(j job) func() *configDir {
	return func() *configDir { return s.nodeConfigs.forFile(j.root, j.abs) }
}

// take returns the warnings about config files, with paths as shown.
func (nc *nodeConfigs) take(s *scanner) []Problem {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	var out []Problem
	for _, rp := range nc.problems {
		p := rp.p
		p.File = path.Join(s.displayPrefix(rp.root), p.File)
		out = append(out, p)
	}
	nc.problems = nil
	return out
}

func newNodeConfigs() *nodeConfigs {
	return &nodeConfigs{dirs: map[string]*configDir{}, near: map[string]string{}}
}

// forFile returns the config directory of the source file abs under root:
// config/ beside the nearest package.json, not above root; nil when none.
func (nc *nodeConfigs) forFile(root, abs string) *configDir {
	if nc == nil || root == "" || abs == "" {
		return nil
	}
	nc.mu.Lock()
	defer nc.mu.Unlock()
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	absFile, err := filepath.Abs(abs)
	if err != nil {
		return nil
	}
	dir := filepath.Dir(absFile)
	start := dir
	cdir, known := nc.near[start]
	for !known {
		if fi, err := os.Stat(filepath.Join(dir, "package.json")); err == nil && fi.Mode().IsRegular() {
			cdir = filepath.Join(dir, "config")
			break
		}
		if dir == rootAbs || !strings.HasPrefix(dir, rootAbs+string(filepath.Separator)) {
			break
		}
		dir = filepath.Dir(dir)
	}
	nc.near[start] = cdir
	if cdir == "" {
		return nil
	}
	if d, ok := nc.dirs[cdir]; ok {
		return d
	}
	rel, err := filepath.Rel(rootAbs, cdir)
	if err != nil {
		rel = "config"
	}
	d, probs := readConfigDir(cdir, filepath.ToSlash(rel))
	nc.dirs[cdir] = d
	for _, p := range probs {
		nc.problems = append(nc.problems, rootProblem{root, p})
	}
	return d
}

// readConfigDir reads a node-config directory: nil when it does not exist.
func readConfigDir(abs, rel string) (*configDir, []Problem) {
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		// A link may lead out of the tree (a CI runner's credentials
		// file): its values would be printed as keys.
		return &configDir{rel: rel, unread: fmt.Sprintf("%s is a symbolic link: no key is taken from it", rel)}, nil
	}
	ents, err := os.ReadDir(abs)
	if err != nil {
		return &configDir{rel: rel, unread: fmt.Sprintf("%s could not be read", rel)}, nil
	}
	d := &configDir{rel: rel, values: map[string]configLeaf{}, env: map[string]string{}}
	var probs []Problem
	n := 0
	for _, e := range ents {
		ext := strings.ToLower(path.Ext(e.Name()))
		readable, loaded := configFormats[ext]
		if !loaded || e.IsDir() {
			continue
		}
		name := path.Join(rel, e.Name())
		if !readable {
			d.unread = fmt.Sprintf("%s is not read (only YAML and JSON config files are): no key is taken from %s", name, rel)
			continue
		}
		if !e.Type().IsRegular() {
			d.unread = fmt.Sprintf("%s is not a regular file (a link, a device): no key is taken from %s", name, rel)
			continue
		}
		if n++; n > maxConfigFiles {
			d.unread = fmt.Sprintf("%s holds more than %d config files: no key is taken from it", rel, maxConfigFiles)
			break
		}
		data, err := inputfile.ReadFile(filepath.Join(abs, e.Name()), inputfile.ConfigLimit)
		if err != nil {
			d.unread = fmt.Sprintf("%s could not be read: no key is taken from %s", name, rel)
			probs = append(probs, Problem{File: name, Msg: "node-config file not read: " + oneLine(err.Error())})
			continue
		}
		leaves, err := parseConfigFile(data, name)
		if err != nil {
			d.unread = fmt.Sprintf("%s is not valid YAML/JSON: no key is taken from %s", name, rel)
			probs = append(probs, Problem{File: name, Msg: "node-config file not read, the keys looked up in it stay null: " + oneLine(err.Error())})
			continue
		}
		base := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		switch base {
		case "default":
			for k, v := range leaves {
				if old, dup := d.values[k]; dup && old.text != v.text {
					v = configLeaf{text: "\x00conflict", file: old.file + " and " + name}
				}
				d.values[k] = v
			}
		case "custom-environment-variables":
			d.envFile = name
			for k, v := range leaves {
				if v.text == configMap {
					continue
				}
				k = strings.TrimSuffix(k, ".__name")
				d.env[k] = v.str
			}
		default:
			d.others = append(d.others, configFile{name: name, leaves: leaves})
		}
	}
	sort.Slice(d.others, func(i, j int) bool { return d.others[i].name < d.others[j].name })
	return d, probs
}

func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// parseConfigFile reads a YAML or JSON config file into its leaves by
// dotted path (maps are recorded too, as configMap).
func parseConfigFile(data []byte, name string) (map[string]configLeaf, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	out := map[string]configLeaf{}
	flattenConfig(out, "", v, name, 0)
	return out, nil
}

// maxConfigDepth bounds the nesting read (and YAML aliases' expansion).
const maxConfigDepth = 32

// maxConfigLeaves bounds the entries kept from one file.
const maxConfigLeaves = 100000

func flattenConfig(out map[string]configLeaf, prefix string, v any, file string, depth int) {
	if depth > maxConfigDepth || len(out) >= maxConfigLeaves {
		return
	}
	put := func(k string, x any) {
		if k == "" {
			return
		}
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		flattenConfig(out, p, x, file, depth+1)
	}
	switch x := v.(type) {
	case map[string]any:
		if prefix != "" {
			out[prefix] = configLeaf{text: configMap, file: file}
		}
		for k, e := range x {
			put(k, e)
		}
	case map[any]any:
		if prefix != "" {
			out[prefix] = configLeaf{text: configMap, file: file}
		}
		for k, e := range x {
			put(fmt.Sprint(k), e)
		}
	default:
		if prefix == "" {
			return
		}
		if s, ok := x.(string); ok {
			out[prefix] = configLeaf{str: s, ok: true, text: "s" + s, file: file}
		} else {
			out[prefix] = configLeaf{text: fmt.Sprintf("%T:%v", x, x), file: file}
		}
	}
}

// configCall reads a call's key argument as a node-config lookup: a whole
// path gives the key (or null with the reason); a computed last part is left
// on the call for wrapper inference (keyTail). It returns the name still to
// resolve for the key.
func (e *extractor) configCall(m *matcher, names []string, c *Call, callN, keyN *sitter.Node, src []byte, keyRef string) string {
	if len(names) == 0 {
		return keyRef
	}
	p, tail, ok := configKey(m, names, callN, keyN, src)
	if !ok {
		return keyRef
	}
	d := e.config()
	if d == nil {
		c.Note = "the key is read from the config package, but no config directory is beside the nearest package.json"
		return ""
	}
	if tail != "" {
		c.keyLookup, c.keyTail = &ConfigLookup{Dir: d.rel, Path: p, d: d}, tail
		return keyRef
	}
	l := &ConfigLookup{Dir: d.rel, d: d}
	c.Key = &p
	l.apply(c)
	return ""
}
