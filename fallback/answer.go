package fallback

import (
	"sort"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// Reason says why a flag got its fallback. The strings are part of the
// user-facing contract (explain --format json, check findings).
type Reason string

const (
	ReasonOff                 Reason = "off"
	ReasonPrerequisiteFailed  Reason = "prerequisite-failed"
	ReasonPrerequisiteMixed   Reason = "prerequisite-mixed"
	ReasonPrerequisiteMissing Reason = "prerequisite-missing"
	ReasonPrerequisiteCycle   Reason = "prerequisite-cycle"
	ReasonMultipleVariations  Reason = "multiple-variations"
	ReasonRollout             Reason = "rollout"
	ReasonSingleVariation     Reason = "single-variation"
	ReasonNoOffVariation      Reason = "no-off-variation"
	ReasonMalformed           Reason = "malformed"
	// ReasonFallbackServed: the SDK returns the code's fallback to every
	// context, not only during an outage (an off flag with no off
	// variation, a flag whose prerequisites fail for everyone and that has
	// none, a deleted flag). Changing the literal changes production.
	ReasonFallbackServed Reason = "fallback-served"
)

// PrereqStep is one link of the prerequisite path that decided an answer:
// flag Flag requires Prereq to serve variation index Variation.
type PrereqStep struct {
	Flag      string `json:"flag"`
	Prereq    string `json:"prerequisite"`
	Variation int    `json:"variation"`
	Outcome   string `json:"outcome"` // "passes", "fails", "mixed", "missing", "cycle"
}

// Answer is the resolver's verdict for one flag.
type Answer struct {
	Key string
	// Value is the safest fallback. HasValue is false when there is none
	// (no single variation and no valid off variation).
	Value    ldvalue.Value
	HasValue bool
	// Variation is the index of Value in the flag's variations, -1 when none.
	Variation int
	Reason    Reason
	// detail words the sentence Detail returns; nil for an Answer built
	// outside the resolver.
	detail func() string
	// Path is the prerequisite chain that decided the answer, outermost first.
	Path []PrereqStep
	// Warning is set for answers a user should look at (cycles, malformed data).
	Warning string
	// Deleted is set for a flag the payload marks "deleted": true and the
	// loader treats as missing (reason fallback-served).
	Deleted bool
}

// Detail is a human sentence explaining Reason ("" for an Answer not made
// by Resolve). It is worded on each call: the resolver does not spend the
// time on answers nobody reads.
func (a Answer) Detail() string {
	if a.detail == nil {
		return ""
	}
	return a.detail()
}

// Result holds every flag's answer, sorted by key.
type Result struct {
	Answers []Answer
	byKey   map[string]int
}

// NewResult sorts answers by key and indexes them for Get.
func NewResult(answers []Answer) *Result {
	// Resolve's answers come sorted (the resolver walks the sorted keys).
	if !sort.SliceIsSorted(answers, func(i, j int) bool { return answers[i].Key < answers[j].Key }) {
		sort.Slice(answers, func(i, j int) bool { return answers[i].Key < answers[j].Key })
	}
	r := &Result{Answers: answers, byKey: make(map[string]int, len(answers))}
	for i, a := range answers {
		r.byKey[a.Key] = i
	}
	return r
}

// Get returns the answer for a flag key.
func (r *Result) Get(key string) (Answer, bool) {
	i, ok := r.byKey[key]
	if !ok {
		return Answer{}, false
	}
	return r.Answers[i], true
}
