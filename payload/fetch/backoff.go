package fetch

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// parseRetryAfter reads a Retry-After header value: delay-seconds or an
// HTTP date (RFC 9110 §10.2.3). ok is false when the value is absent or
// unreadable; a date in the past is a zero wait. The result is never
// negative and never more than max, so a hostile or buggy server cannot park
// the CLI for a day.
func parseRetryAfter(v string, now time.Time, max time.Duration) (wait time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		var secs int64
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			secs = secs*10 + int64(c-'0')
			if time.Duration(secs) > max/time.Second {
				// Stop before overflowing; the cap is the answer anyway.
				return max, true
			}
		}
		return clamp(time.Duration(secs)*time.Second, max), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return clamp(t.Sub(now), max), true
}

// rateLimitWait is how long a 429 (or 5xx) answer asks the client to wait:
// Retry-After (seconds or a date), or X-Ratelimit-Reset, the epoch
// milliseconds at which LaunchDarkly's REST API rate-limit window resets
// (its "Rate limiting" documentation); with both, the later. Capped at max.
func rateLimitWait(h http.Header, now time.Time, max time.Duration) (wait time.Duration, ok bool) {
	wait, ok = parseRetryAfter(h.Get("Retry-After"), now, max)
	if reset, rok := parseRatelimitReset(h.Get("X-Ratelimit-Reset"), now, max); rok && (!ok || reset > wait) {
		wait, ok = reset, true
	}
	return wait, ok
}

// parseRatelimitReset reads X-Ratelimit-Reset: epoch milliseconds. A time
// in the past is a zero wait; anything unreadable is ignored.
func parseRatelimitReset(v string, now time.Time, max time.Duration) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 18 {
		return 0, false
	}
	var ms int64
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		ms = ms*10 + int64(c-'0')
	}
	return clamp(time.UnixMilli(ms).Sub(now), max), true
}

func clamp(d, max time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	if d > max {
		return max
	}
	return d
}

// backoff is the wait before retry number n (0 = the first retry):
// exponential from min, capped at max, with "equal jitter" (half fixed, half
// random) so that many CI jobs hit by the same outage do not retry in step.
func backoff(n int, min, max time.Duration) time.Duration {
	d := min
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(d-half+1)
}
