package scanner

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// DefaultFileTimeout is the time one file may take, by default, to be parsed
// and have its calls extracted, and again to have the constants its calls
// name resolved across files (Options.FileTimeout).
//
// The budget is a context deadline: tree-sitter's parser watches it through
// its cancellation flag, and extraction and resolution check it between
// query matches and between stages, so a file that runs out stops within one
// linear step. A file out of budget keeps none of its partial results (a
// half-extracted file could lose the call that matters without a word): it
// becomes one Problem naming it, and the rest of the scan goes on.
const DefaultFileTimeout = 10 * time.Second

// DefaultGoTimeout bounds the typed Go analysis of one root (Options.GoTimeout).
// go/packages compiles the dependencies' export data, and with a cold module
// or build cache that alone can take minutes: past the bound the analysis is
// cancelled, one warning says so, and tree-sitter's results for the Go files
// stand (they were extracted anyway).
const DefaultGoTimeout = time.Minute

func (s *scanner) goTimeout() time.Duration {
	if s.opts.GoTimeout > 0 {
		return s.opts.GoTimeout
	}
	return DefaultGoTimeout
}

// afterParseHook, when set (tests), runs after every parse of a file for
// extraction or resolution: a test makes it sleep past a short budget to
// check that the stages after the parse honour the deadline.
var afterParseHook func(src []byte)

// testFileTimeout, when set (the package's tests), replaces
// DefaultFileTimeout: a test comparing what scans find must not depend on how
// loaded the machine is. Tests of the budget itself set Options.FileTimeout.
var testFileTimeout time.Duration

func (s *scanner) fileTimeout() time.Duration {
	if s.opts.FileTimeout > 0 {
		return s.opts.FileTimeout
	}
	if testFileTimeout > 0 {
		return testFileTimeout
	}
	return DefaultFileTimeout
}

// withBudget derives one file's budget from the scan's context.
func (s *scanner) withBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.fileTimeout())
}

// outOfBudget reports whether fctx, a file's budget derived from the scan's
// ctx, ran out (the scan itself was not cancelled).
func outOfBudget(ctx, fctx context.Context) bool {
	return ctx.Err() == nil && errors.Is(fctx.Err(), context.DeadlineExceeded)
}

// budgetMsg is the Problem of a file that ran out of its budget in stage.
func (s *scanner) budgetMsg(stage, consequence string) string {
	return fmt.Sprintf("%s took longer than the per-file budget of %s (--file-timeout): %s", stage, s.fileTimeout(), consequence)
}
