package fallback

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/payload"
)

var benchSizes = []int{1000, 10000, 100000}

// BenchmarkTypedDecode is the floor: encoding/json into plain typed structs.
func BenchmarkTypedDecode(b *testing.B) {
	for _, n := range benchSizes {
		data := payloadgen.Realistic(n, 1).JSON()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var p payloadgen.Payload
				if err := json.Unmarshal(data, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseResolve is what generate does: parse, resolve, render.
func BenchmarkParseResolve(b *testing.B) {
	for _, n := range benchSizes {
		data := payloadgen.Realistic(n, 1).JSON()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				p, err := payload.ParseLean(data, "bench")
				if err != nil {
					b.Fatal(err)
				}
				Resolve(p).Config()
			}
		})
	}
}

// BenchmarkResolve is the resolver alone on an already parsed payload.
func BenchmarkResolve(b *testing.B) {
	for _, n := range benchSizes {
		p, err := payload.ParseLean(payloadgen.Realistic(n, 1).JSON(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Resolve(p)
			}
		})
	}
}

// BenchmarkDiamond34 is the 34-flag shared-prerequisite diamond, end to end.
func BenchmarkDiamond34(b *testing.B) {
	data := payloadgen.Diamond(17).JSON()
	for b.Loop() {
		p, err := payload.ParseLean(data, "bench")
		if err != nil {
			b.Fatal(err)
		}
		Resolve(p).Config()
	}
}
