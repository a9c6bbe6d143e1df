package fetch

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	max := 30 * time.Second
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 5 ", 5 * time.Second, true},
		{"30", 30 * time.Second, true},
		{"31", max, true},
		{"99999999999999999999999999", max, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"5s", 0, false},
		{"soon", 0, false},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(time.Hour).Format(http.TimeFormat), max, true},
		{"Sunday, 02-Mar-25 12:00:00 GMT", max, true},       // RFC 850
		{"Sat Mar  1 12:00:07 2025", 7 * time.Second, true}, // asctime
		{"Sat, 01 Mar 2025 12:00:07", 0, false},
	} {
		got, ok := parseRetryAfter(tc.in, now, max)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "99999999999999999999", "Sat, 01 Mar 2025 12:00:07 GMT", "-3", " 7", "Sun Nov  6 08:49:37 1994"} {
		f.Add(s, int64(30*time.Second))
	}
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, max int64) {
		if max < 0 {
			max = -max
		}
		if max < 0 { // math.MinInt64
			max = 0
		}
		d, ok := parseRetryAfter(s, now, time.Duration(max))
		if d < 0 || d > time.Duration(max) {
			t.Fatalf("parseRetryAfter(%q, %d) = %v outside [0, max]", s, max, d)
		}
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v with ok false", s, d)
		}
		d2, ok2 := parseRetryAfter(s, now, time.Duration(max))
		if d != d2 || ok != ok2 {
			t.Fatalf("not deterministic on %q", s)
		}
	})
}

func TestBackoffBounds(t *testing.T) {
	lo, hi := 100*time.Millisecond, time.Second
	for n := 0; n < 70; n++ {
		d := lo << min(n, 20)
		if d > hi || d <= 0 {
			d = hi
		}
		for i := 0; i < 50; i++ {
			got := backoff(n, lo, hi)
			if got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, got, d/2, d)
			}
		}
	}
}

func TestRateLimitWait(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_000)
	max := 30 * time.Second
	for _, tc := range []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{}, 0, false},
		{http.Header{"X-Ratelimit-Reset": {"1700000002500"}}, 2500 * time.Millisecond, true},
		{http.Header{"X-Ratelimit-Reset": {"1699999999000"}}, 0, true},                                     // in the past
		{http.Header{"X-Ratelimit-Reset": {"1800000000000"}}, max, true},                                   // capped
		{http.Header{"X-Ratelimit-Reset": {"soon"}}, 0, false},                                             // unreadable
		{http.Header{"Retry-After": {"4"}, "X-Ratelimit-Reset": {"1700000002000"}}, 4 * time.Second, true}, // the later
		{http.Header{"Retry-After": {"1"}, "X-Ratelimit-Reset": {"1700000002000"}}, 2 * time.Second, true},
		{http.Header{"X-Ratelimit-Reset": {"99999999999999999999999"}}, 0, false},
	} {
		got, ok := rateLimitWait(tc.h, now, max)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%v: got %s %v, want %s %v", tc.h, got, ok, tc.want, tc.ok)
		}
	}
}
