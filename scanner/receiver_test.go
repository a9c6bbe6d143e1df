package scanner

import "testing"

func TestContainsWordStart(t *testing.T) {
	for _, tc := range []struct {
		s, marker string
		want      bool
	}{
		{"ldclient.", "ldclient", true},
		{"current_app.ldclient.", "ldclient", true},
		{"self._ldclient.", "ldclient", true},
		{"await ldclient?.", "ldclient", true},
		{"oldclient.", "ldclient", false},
		{"oldclient.ldclient.", "ldclient", true}, // second occurrence starts a word
		{"old_client.", "ld_client", false},
		{"client.", "ldclient", false},
		{"", "ldclient", false},
	} {
		if got := containsWordStart([]byte(tc.s), []byte(tc.marker)); got != tc.want {
			t.Errorf("containsWordStart(%q, %q) = %v, want %v", tc.s, tc.marker, got, tc.want)
		}
	}
}

func TestImportsAs(t *testing.T) {
	for _, tc := range []struct {
		src, module, alias string
		want               bool
	}{
		{`local flags = require("app.flags")`, "flags", "flags", true},
		{`local f = require("app.flags")`, "flags", "f", true},
		// app is a directory on the way to another module: it is not bound.
		{`local prefs = require("app.prefs")`, "app", "prefs", false},
		{`import app.prefs as p`, "app", "p", false},
		{`import app.flags as f`, "flags", "f", true},
		{`import * as f from './flags'`, "flags", "f", true},
		{`import * as f from './flags.js'`, "flags", "f", true},
		{`import * as f from './flags/index'`, "flags", "f", false},
		{`const f = require('./flags')`, "flags", "f", true},
		{`const f = require('./flagsmith')`, "flags", "f", false},
	} {
		if got := importsAs([]byte(tc.src), tc.module, tc.alias); got != tc.want {
			t.Errorf("importsAs(%q, %q, %q) = %v, want %v", tc.src, tc.module, tc.alias, got, tc.want)
		}
	}
}

func TestDeclaredTypeReference(t *testing.T) {
	for _, tc := range []struct{ src, name, want string }{
		{"fn f(flags: &Preferences) {}", "flags", "Preferences"},
		{"fn f(flags: &mut Preferences) {}", "flags", "Preferences"},
		{"fn f(flags: &dyn FlagSource) {}", "flags", "FlagSource"},
		{"val flags: FeatureFlags", "flags", "FeatureFlags"},
	} {
		if got := declaredType([]byte(tc.src), tc.name); got != tc.want {
			t.Errorf("declaredType(%q, %q) = %q, want %q", tc.src, tc.name, got, tc.want)
		}
	}
}
