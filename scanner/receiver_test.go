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
