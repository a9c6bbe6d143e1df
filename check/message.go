package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/ldfallback/ldfallback/fallback"
)

// Messages are written for a reviewer who has not read the docs: what the
// environment does, what the code does, and what to change.

// compact prints a JSON value on one line, as written (numbers keep their form).
func compact(raw []byte) string {
	if len(raw) == 0 {
		return "null"
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return oneLine(string(raw))
	}
	return buf.String()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// why explains, from the resolver's answer, why rec is the safest fallback.
func why(key string, a fallback.Answer, rec []byte) string {
	v := compact(rec)
	prereq := ""
	if n := len(a.Path); n > 0 {
		prereq = a.Path[n-1].Prereq
	}
	switch a.Reason {
	case fallback.ReasonOff:
		return fmt.Sprintf("`%s` is off in this environment, so every context gets the off variation `%s`", key, v)
	case fallback.ReasonSingleVariation:
		return fmt.Sprintf("`%s` serves `%s` to every context (every target, rule and the default rule)", key, v)
	case fallback.ReasonMultipleVariations:
		return fmt.Sprintf("`%s` serves different variations to different contexts, so the safest fallback is its off variation `%s`", key, v)
	case fallback.ReasonRollout:
		return fmt.Sprintf("`%s` is rolled out over several variations, so the safest fallback is its off variation `%s`", key, v)
	case fallback.ReasonPrerequisiteFailed:
		if prereq != "" {
			return fmt.Sprintf("prerequisite `%s` of `%s` fails for every context, so every context gets the off variation `%s`", prereq, key, v)
		}
		return fmt.Sprintf("a prerequisite of `%s` fails for every context, so every context gets the off variation `%s`", key, v)
	case fallback.ReasonPrerequisiteMissing:
		if prereq != "" {
			return fmt.Sprintf("`%s` requires flag `%s`, which does not exist, so every context gets the off variation `%s`", key, prereq, v)
		}
		return fmt.Sprintf("`%s` requires a flag that does not exist, so every context gets the off variation `%s`", key, v)
	case fallback.ReasonPrerequisiteMixed:
		return fmt.Sprintf("a prerequisite of `%s` passes for some contexts only, so the safest fallback is its off variation `%s`", key, v)
	case fallback.ReasonPrerequisiteCycle:
		return fmt.Sprintf("`%s` is in a prerequisite cycle, so the SDK returns the code's fallback (MALFORMED_FLAG); the safest fallback is its off variation `%s`", key, v)
	case fallback.ReasonMalformed:
		return fmt.Sprintf("`%s` has malformed targeting data, so the SDK returns the code's fallback; the safest fallback is its off variation `%s`", key, v)
	}
	if d := a.Detail(); d != "" {
		return fmt.Sprintf("%s (safest fallback `%s`)", strings.TrimSuffix(d, "."), v)
	}
	return fmt.Sprintf("the safest fallback of `%s` is `%s`", key, v)
}

func capitalize(s string) string {
	if s == "" || s[0] == '`' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// staleMessage explains a stale value; source is "" for code, else the
// file the value is read from.
func staleMessage(key string, a fallback.Answer, rec, got []byte, implicit bool, source string) string {
	code := fmt.Sprintf("the code falls back to `%s`", compact(got))
	if source != "" {
		code = fmt.Sprintf("%s has `%s`", source, compact(got))
	}
	if implicit {
		code = fmt.Sprintf("the call passes no fallback, so the SDK's default `%s` applies", compact(got))
	}
	return capitalize(fmt.Sprintf("%s; %s.", why(key, a, rec), code))
}

func dynamicMessage(key, text string, a fallback.Answer, rec []byte) string {
	msg := fmt.Sprintf("The fallback of `%s` is computed at run time (`%s`), so it was not compared.", key, oneLine(text))
	if a.HasValue {
		msg += " " + capitalize(why(key, a, rec)) + "."
	}
	return msg
}

func unknownMessage(key, suggestion string) string {
	msg := fmt.Sprintf("`%s` is not a flag in this environment (a typo, or a deleted flag), so every evaluation returns the fallback.", key)
	if suggestion != "" {
		msg += fmt.Sprintf(" Did you mean `%s`?", suggestion)
	}
	return msg
}

func article(t string) string {
	switch t {
	case "bool":
		return "a bool"
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "json":
		return "a JSON object or array"
	case "null":
		return "null"
	}
	return t
}

var plural = map[string]string{"bool": "bools", "string": "strings", "number": "numbers", "json": "JSON values"}

func typeList(set map[string]bool) string {
	var ts []string
	for t := range set {
		ts = append(ts, plural[t])
	}
	sort.Strings(ts)
	return strings.Join(ts, " and ")
}

func methodName(m string) string {
	if m == "" {
		return "the call"
	}
	return m
}

// typedMethod guesses from the name whether a method checks the variation
// type (BoolVariation, getBooleanValue, string_variation...) rather than
// returning any value (variation).
func typedMethod(m string) bool {
	l := strings.ToLower(m)
	for _, t := range []string{"bool", "string", "int", "float", "double", "number", "json", "object"} {
		if strings.Contains(l, t) {
			return true
		}
	}
	return false
}
