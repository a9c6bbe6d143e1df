package scanner

import (
	"os"
	"testing"
	"time"
)

// TestMain lifts the per-file budget for every test that does not set its
// own: under a heavily loaded machine a fixture file could otherwise run
// past the default 10 s and drop its calls, failing a test about something
// else. The budget's own tests pass Options.FileTimeout.
func TestMain(m *testing.M) {
	testFileTimeout = time.Hour
	os.Exit(m.Run())
}
