package policy

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ldfallback/ldfallback/payload"
)

// Due is an entry to review: its review date has come, or the flag's
// targeting changed (its payload version is not the one recorded).
type Due struct {
	// Key is the flag of a per-flag entry ("" for a rule).
	Key string
	// Label and Line name the entry in the config file.
	Label string
	Line  int
	// Strategy and Rationale are the entry's, for the message.
	Strategy  Strategy
	Rationale string
	// Review is the entry's review date when it is due by date (zero otherwise).
	Review time.Time
	// Recorded and Current are the recorded and the payload's version when
	// due by version (Recorded < 0 otherwise).
	Recorded, Current int
	// Message says what is due, in words.
	Message string
	// Environment is the environment whose payload version differs, set by
	// a caller that compares several ("" otherwise).
	Environment string
}

// Today is the date of now in UTC (review dates are dates, compared in UTC).
func Today(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Due lists the entries to review on the day of now: a review date on or
// before that day, and per-flag entries whose recorded version differs from
// the flag's version in p (nil p: versions are not compared). Rules first,
// in order, then flags by key; an entry due for both reasons is listed twice.
func (pol *Policy) Due(now time.Time, p *payload.Payload) []Due {
	if pol == nil {
		return nil
	}
	today := Today(now)
	var out []Due
	byDate := func(key string, e *Entry) {
		if e.Review.IsZero() || today.Before(e.Review) {
			return
		}
		out = append(out, Due{Key: key, Label: e.Label, Line: e.Line, Strategy: e.Strategy, Rationale: e.Rationale,
			Review: e.Review, Recorded: -1,
			Message: fmt.Sprintf("The review date %s of %s (%s%s) has come: review the fallback and set a new date.",
				e.Review.Format(DateLayout), e.Label, e.Strategy, quoted(e.Rationale))})
	}
	for i := range pol.Rules {
		byDate("", &pol.Rules[i].Entry)
	}
	for _, k := range pol.FlagKeys() {
		e := pol.Flags[k]
		byDate(k, e)
		if e.Version == nil || p == nil {
			continue
		}
		f := p.Flags[k]
		if f == nil || f.Version == *e.Version {
			continue
		}
		out = append(out, Due{Key: k, Label: e.Label, Line: e.Line, Strategy: e.Strategy, Rationale: e.Rationale,
			Recorded: *e.Version, Current: f.Version,
			Message: fmt.Sprintf("The targeting of `%s` changed since the intent was written: %s records version %d, the payload has version %d; review the fallback (%s%s) and record the new version.",
				k, e.Label, *e.Version, f.Version, e.Strategy, quoted(e.Rationale))})
	}
	return out
}

// quoted is ": rationale" in quotes, or nothing for none.
func quoted(rationale string) string {
	if rationale == "" {
		return ""
	}
	return ": " + strconv.Quote(rationale)
}
