package payload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
)

// fdv2Events wraps event JSON texts in a poll document.
func fdv2Events(events ...string) string {
	return `{"events":[` + strings.Join(events, ",") + `]}`
}

const (
	evIntentFull  = `{"event":"server-intent","data":{"payloads":[{"id":"p1","target":3,"intentCode":"xfer-full","reason":"payload-missing"}]}}`
	evTransferred = `{"event":"payload-transferred","data":{"state":"(p:p1:3)","version":3}}`
	evFlagA       = `{"event":"put-object","data":{"version":3,"kind":"flag","key":"a","object":{"key":"a","on":false,"offVariation":1,"variations":[true,false],"version":3}}}`
)

func evIntent(code string) string {
	return `{"event":"server-intent","data":{"payloads":[{"id":"p1","target":3,"intentCode":"` + code + `","reason":"r"}]}}`
}

// TestFDv2Accepts: complete full transfers, in the orders and with the
// extras the SDKs accept.
func TestFDv2Accepts(t *testing.T) {
	cases := []struct {
		name, doc string
		flags     string // sorted keys of the live flags
		deleted   string
		warning   string
	}{
		{"one flag", fdv2Events(evIntentFull, evFlagA, evTransferred), "a", "", ""},
		{"empty transfer", fdv2Events(evIntentFull, evTransferred), "", "", ""},
		{"data before event name, unknown members", fdv2Events(`{"data":{"payloads":[{"intentCode":"xfer-full"}]},"event":"server-intent","id":"x"}`,
			`{"data":{"object":{"key":"b","variations":[1]},"key":"b","kind":"flag","version":1,"extra":[1,{"x":null}]},"event":"put-object"}`, evTransferred), "b", "", ""},
		{"delete-object in a full transfer", fdv2Events(evIntentFull, evFlagA, `{"event":"delete-object","data":{"version":4,"kind":"flag","key":"a"}}`, evTransferred), "", "a", "appear"},
		{"a deleted object is a tombstone", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"flag","key":"d","object":{"key":"d","deleted":true}}}`, evTransferred), "", "d", ""},
		{"heart-beats and a goodbye after", fdv2Events(`{"event":"heart-beat","data":{}}`, evIntentFull, `{"event":"heart-beat"}`, evFlagA, evTransferred, `{"event":"goodbye","data":{"reason":"bye"}}`), "a", "", ""},
		{"a second xfer-full starts over", fdv2Events(evIntentFull, evFlagA, evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"flag","key":"c","object":{"key":"c","variations":[1]}}}`, evTransferred), "c", "", ""},
		{"unknown kinds and events ignored", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"metric","key":"m","object":{"x":1}}}`, `{"event":"future-thing","data":[1]}`, evFlagA, evTransferred), "a", "", "ignored"},
		{"segment put and delete", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"segment","key":"s","object":{"key":"s","included":["u"]}}}`, `{"event":"delete-object","data":{"version":2,"kind":"segment","key":"s"}}`, evFlagA, evTransferred), "a", "", ""},
		{"whitespace", " \n{ \"events\" : [ " + evIntentFull + " , \n" + evFlagA + "\t,\r" + evTransferred + " ] , \"x\" : { } }\n", "a", "", ""},
		{"other members first", `{"$meta":{"v":2},"events":[` + evIntentFull + "," + evFlagA + "," + evTransferred + `]}`, "a", "", ""},
		{"error before any transfer is ignored", fdv2Events(`{"event":"error","data":{"payloadId":"p0","reason":"old"}}`, evIntentFull, evFlagA, evTransferred), "a", "", "ignored"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := parseAll(t, []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if p.Shape != ShapeFDv2 {
				t.Errorf("shape %s", p.Shape)
			}
			if got := strings.Join(p.Keys(), " "); got != c.flags {
				t.Errorf("flags %q, want %q", got, c.flags)
			}
			if got := strings.Join(sortedKeys(p.Deleted), " "); got != c.deleted {
				t.Errorf("deleted %q, want %q", got, c.deleted)
			}
			w := fmt.Sprint(p.Warnings)
			if (c.warning == "") != (len(p.Warnings) == 0) || !strings.Contains(w, c.warning) {
				t.Errorf("warnings %q, want %q", w, c.warning)
			}
		})
	}
}

// TestFDv2Refuses: anything but a complete full transfer is refused with
// one line naming the source and the event, by every entry point.
func TestFDv2Refuses(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"xfer-changes", fdv2Events(evIntent("xfer-changes"), evFlagA, evTransferred), `x: events[0] (server-intent): intent "xfer-changes": the server sent changes to a basis`},
		{"none", fdv2Events(evIntent("none")), `x: events[0] (server-intent): intent "none": the server answered that the SDK's basis is up to date`},
		{"unknown intent", fdv2Events(evIntent("xfer-\u202e"), evTransferred), `events[0] (server-intent): unknown intent "xfer-\u202e": not a full transfer`},
		{"no payload-transferred", fdv2Events(evIntentFull, evFlagA), `x: the FDv2 transfer is incomplete: no payload-transferred event after the server-intent at events[0] (1 object received): refused rather than resolved from part of the flags`},
		{"no server-intent", fdv2Events(), `x: an FDv2 document (an "events" array) with no server-intent event`},
		{"put before intent", fdv2Events(evFlagA, evIntentFull, evTransferred), `events[0] (put-object): an object before any server-intent`},
		{"transferred before intent", fdv2Events(evTransferred, evIntentFull), `events[0] (payload-transferred): payload-transferred before any server-intent`},
		{"error during transfer", fdv2Events(evIntentFull, evFlagA, `{"event":"error","data":{"payloadId":"p1","reason":"boom\n::error::x"}}`, evTransferred), `events[2] (error): the server reported an error during the transfer (reason "boom\n::error::x"): the transfer is incomplete`},
		{"goodbye during transfer", fdv2Events(evIntentFull, `{"event":"goodbye","data":{"reason":"shutdown"}}`, evFlagA, evTransferred), `events[1] (goodbye): the server ended the connection (goodbye, reason "shutdown") before payload-transferred`},
		{"event after transfer", fdv2Events(evIntentFull, evTransferred, evFlagA), `events[2] (put-object): an event after the transfer was complete (payload-transferred at events[1])`},
		{"no payloads", fdv2Events(`{"event":"server-intent","data":{"payloads":[]}}`), `events[0] (server-intent): no payload in the server-intent`},
		{"no intentCode", fdv2Events(`{"event":"server-intent","data":{"payloads":[{"id":"p"}]}}`), `events[0] (server-intent): the server-intent's payload has no intentCode`},
		{"put without version", fdv2Events(evIntentFull, `{"event":"put-object","data":{"kind":"flag","key":"a","object":{}}}`, evTransferred), `events[1] (put-object): no "version" member`},
		{"put without object", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"flag","key":"a"}}`, evTransferred), `events[1] (put-object): no "object" member`},
		{"no data", fdv2Events(evIntentFull, `{"event":"put-object"}`, evTransferred), `events[1] (put-object): no "data" member`},
		{"selector missing", fdv2Events(evIntentFull, `{"event":"payload-transferred","data":{"state":"s"}}`), `events[1] (payload-transferred): no "state" and "version"`},
		{"double-encoded selector", fdv2Events(evIntentFull, `{"event":"payload-transferred","data":"{\"state\":\"s\",\"version\":1}"}`), `the data is a JSON string, not an object (a Relay Proxy before ld-relay pull request 525`},
		{"bad flag", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"flag","key":"k\u001b[31m","object":{"on":"yes"}}}`, evTransferred), `x: events[1] (put-object) flag "k\x1b[31m": expected boolean, got string at byte 225`},
		{"bad version type", fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":"1","kind":"flag","key":"a","object":{}}}`, evTransferred), `events[1] (put-object): expected number, got string at byte`},
		{"event not an object", fdv2Events(evIntentFull, `[1]`, evTransferred), `events[1]: expected object, got array at byte 134`},
		{"events not an array (the last events member counts)", `{"events":[],"x":1 ,"events":3}`, `x: events: expected array, got number at byte 29`},
		{"syntax error between events", `{"events":[` + evIntentFull + ` ` + evTransferred + `]}`, `x: invalid JSON at byte`},
		{"truncated", `{"events":[` + evIntentFull + `,{"event":"put-obj`, `x: invalid JSON`},
		{"long hostile name", fdv2Events(evIntentFull, `{"event":"`+strings.Repeat("\u202e", 100)+`","data":{}}`, `{"event":"put-object","data":{"kind":"flag"}}`), `events[2] (put-object): no "version" or "key" or "object" member`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseAll(t, []byte(c.doc))
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, c.want)
			}
			if strings.ContainsAny(msg, "\n\x1b\u202e") {
				t.Errorf("unescaped text from the document in %q", msg)
			}
			if _, ok := err.(*InputError); !ok {
				t.Errorf("error type %T", err)
			}
		})
	}
}

// fdv2Of is the FDv2 document of a latest-all one (fdv2doc's shape, built
// here because fdv2doc's tests import this package).
func fdv2Of(t testing.TB, latestAll []byte) []byte {
	t.Helper()
	p, err := Parse(latestAll, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	var ev []string
	ev = append(ev, evIntentFull)
	for _, k := range p.Keys() {
		raw := rawFlag(t, latestAll, k)
		ev = append(ev, `{"event":"put-object","data":{"version":1,"kind":"flag","key":`+fmt.Sprintf("%q", k)+`,"object":`+raw+`}}`)
	}
	ev = append(ev, evTransferred)
	return []byte(fdv2Events(ev...))
}

func rawFlag(t testing.TB, latestAll []byte, key string) string {
	var out string
	eachMember(latestAll, func(name string, v json.RawMessage) {
		if name == "flags" {
			eachMember(v, func(k string, f json.RawMessage) {
				if k == key {
					out = string(f)
				}
			})
		}
	})
	if out == "" {
		t.Fatalf("no flag %q", key)
	}
	return out
}

// TestFDv2Streams: a file in the FDv2 shape is read a window at a time (the
// streaming scanner takes it, whatever the block size), with the result
// ParseLean gives.
func TestFDv2Streams(t *testing.T) {
	docs := map[string][]byte{
		"random":    fdv2Of(t, payloadgen.Random(3, payloadgen.RandomOptions{Flags: 20}).JSON()),
		"realistic": fdv2Of(t, payloadgen.Realistic(100, 2).JSON()),
		"extras":    []byte(fdv2Events(`{"event":"heart-beat"}`, evIntentFull, `{"data":{"object":{"key":"b","variations":["\ud83d\ude00"]},"key":"b","kind":"flag","version":1},"event":"put-object"}`, evFlagA, evTransferred)),
	}
	for name, doc := range docs {
		for _, block := range []int{1, 7, 4096} {
			t.Run(fmt.Sprintf("%s/%d", name, block), func(t *testing.T) {
				if !checkStreamAgrees(t, doc, block) {
					t.Error("the streaming scanner gave up on a well-formed FDv2 document")
				}
			})
		}
	}
	// Refused documents give ParseLean's error.
	for _, doc := range []string{fdv2Events(evIntent("xfer-changes"), evTransferred), fdv2Events(evIntentFull, evFlagA), fdv2Events(evIntentFull, `{"event":"put-object","data":{"version":1,"kind":"flag","key":"a","object":{"on":1}}}`, evTransferred)} {
		checkStreamAgrees(t, []byte(doc), 5)
	}
}

// FuzzParseFDv2 mutates FDv2 documents: every entry point must agree
// (Parse, ParseLean, ParseLeanFile at any block size: the same error or the
// same flags), an error must be an InputError naming the source, and a
// document that is accepted must hold a complete transfer.
func FuzzParseFDv2(f *testing.F) {
	f.Add([]byte(fdv2Events(evIntentFull, evFlagA, evTransferred)), uint8(3))
	f.Add([]byte(fdv2Events(evIntentFull, `{"event":"delete-object","data":{"version":4,"kind":"flag","key":"a"}}`, evTransferred, `{"event":"goodbye","data":{"reason":"x"}}`)), uint8(1))
	f.Add([]byte(fdv2Events(evIntent("xfer-changes"), evFlagA, evTransferred)), uint8(9))
	f.Add([]byte(`{"x":[],"events":[`+evIntentFull+`,{"data":{"object":{"key":"s"},"key":"s","kind":"segment","version":1},"event":"put-object"},`+evTransferred+`]}`), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, block uint8) {
		p, err := Parse(data, "fuzz")
		lean, errLean := ParseLean(data, "fuzz")
		if fmt.Sprint(err) != fmt.Sprint(errLean) {
			t.Fatalf("Parse %v, ParseLean %v", err, errLean)
		}
		// The streaming scanner, from a reader a block at a time (as
		// ParseLeanFile reads; no file: a temporary directory per input
		// stalls the fuzzing workers).
		defer func(b int) { streamBlock = b }(streamBlock)
		streamBlock = int(block) + 1
		s := &stream{r: bytes.NewReader(data), buf: make([]byte, 0, streamBlock)}
		if streamed, ok := s.parse(); ok {
			if errLean != nil {
				t.Fatalf("the streaming scanner accepted what ParseLean refuses: %v", errLean)
			}
			if d := cmp.Diff(leanJSON(t, lean), leanJSON(t, streamed)); d != "" || fmt.Sprint(lean.Warnings) != fmt.Sprint(streamed.Warnings) {
				t.Fatalf("the streaming scanner differs from ParseLean:\n%s", d)
			}
		}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), "fuzz: ") || strings.ContainsAny(err.Error(), "\n\r\x1b") {
				t.Fatalf("error %T %q is not one InputError line naming the source", err, err)
			}
			return
		}
		if d := cmp.Diff(leanJSON(t, trimPayload(p)), leanJSON(t, lean)); d != "" {
			t.Fatalf("ParseLean differs from Parse:\n%s", d)
		}
		if p.Shape == ShapeFDv2 && !bytes.Contains(data, []byte("payload-transferred")) {
			t.Fatalf("accepted an FDv2 document with no payload-transferred")
		}
	})
}
