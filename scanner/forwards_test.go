package scanner

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestForwardsNamesTheWrapper: the SDK call inside an inferred wrapper, whose
// key is the wrapper's parameter, says which wrapper it is the body of, so
// check does not report it as an unknown key (its callers are the sites).
func TestForwardsNamesTheWrapper(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"flags.js": "const ld = require('@launchdarkly/node-server-sdk');\nconst client = ld.init('x');\nfunction isOn(key, d = false) {\n  return client.variation(key, {key: 'u'}, d);\n}\nfunction other(k) { return client.variation('fixed', {key: k}, false); }\nmodule.exports = { isOn, other };\n",
		"use.js":   "const { isOn } = require('./flags');\nisOn('new-checkout');\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), Options{Roots: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	var body, fixed, site bool
	for _, c := range res.Calls {
		switch {
		case c.File == "flags.js" && c.Line == 4:
			body = true
			if c.Key != nil || c.Forwards == nil || c.Forwards.Name != "isOn" || c.Forwards.File != "flags.js" {
				t.Errorf("the wrapper's body call: key %v, forwards %+v", c.Key, c.Forwards)
			}
		case c.File == "flags.js" && c.Line == 6:
			fixed = true
			if c.Forwards != nil {
				t.Errorf("a call with a fixed key forwards nothing: %+v", c.Forwards)
			}
		case c.File == "use.js":
			site = true
			if c.Key == nil || *c.Key != "new-checkout" || c.Via == nil || c.Via.Name != "isOn" {
				t.Errorf("the caller: key %v via %+v", c.Key, c.Via)
			}
		}
	}
	if !body || !fixed || !site {
		t.Errorf("calls missing (body %v, fixed %v, site %v): %+v", body, fixed, site, res.Calls)
	}
}
