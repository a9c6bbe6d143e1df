// Command generate writes the benchmark payloads and times the stages the
// benchmark compares (bench/generate.sh drives it):
//
//	generate -n 10000 -o bench/out/flags-10k.json   realistic payload of n flags
//	generate -diamond 17 -o bench/out/diamond.json  the 34-flag shared-prerequisite diamond
//	generate -decode FILE                           typed encoding/json decode, prints seconds
//	generate -resolve FILE -o OUT                   payload.ParseLeanFile + fallback.Resolve + Config, prints seconds
//	generate -jq PROGRAM -payload FILE -timeout 60s the jq program under gojq, prints seconds or "timeout"
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/itchyny/gojq"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 0, "flags in a realistic payload")
	diamond := flag.Int("diamond", 0, "levels of a diamond payload (2 flags per level)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output file")
	decode := flag.String("decode", "", "time a typed encoding/json decode of this payload")
	resolve := flag.String("resolve", "", "time parse + resolve + config of this payload")
	jq := flag.String("jq", "", "jq program to time under gojq")
	pl := flag.String("payload", "", "payload for -jq")
	timeout := flag.Duration("timeout", 60*time.Second, "time limit for -jq")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of -resolve to this file")
	count := flag.Int("count", 1, "repeat -resolve this many times (for -cpuprofile)")
	flag.Parse()

	switch {
	case *n > 0 || *diamond > 0:
		var p *payloadgen.Payload
		if *n > 0 {
			p = payloadgen.Realistic(*n, *seed)
		} else {
			p = payloadgen.Diamond(*diamond)
		}
		return os.WriteFile(*out, p.JSON(), 0o644)
	case *decode != "":
		data, err := os.ReadFile(*decode)
		if err != nil {
			return err
		}
		start := time.Now()
		var p payloadgen.Payload
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		fmt.Printf("%.4f\n", time.Since(start).Seconds())
	case *resolve != "":
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		for range max(*count, 1) {
			if err := timeResolve(*resolve, *out); err != nil {
				return err
			}
		}
	case *jq != "":
		return runJQ(*jq, *pl, *timeout)
	default:
		flag.Usage()
		return errors.New("nothing to do")
	}
	return nil
}

// timeResolve does what the CLI does (stream the file into the lean model,
// resolve, render) and prints the seconds of each stage and the total.
func timeResolve(file, out string) error {
	start := time.Now()
	p, err := payload.ParseLeanFile(file, file)
	if err != nil {
		return err
	}
	parsed := time.Now()
	res := fallback.Resolve(p)
	resolved := time.Now()
	cfg, _ := res.Config()
	if out != "" {
		if err := os.WriteFile(out, cfg, 0o644); err != nil {
			return err
		}
	}
	end := time.Now()
	fmt.Printf("%.4f\t(parse %.4f, resolve %.4f, config+write %.4f)\n", end.Sub(start).Seconds(),
		parsed.Sub(start).Seconds(), resolved.Sub(parsed).Seconds(), end.Sub(resolved).Seconds())
	return nil
}

// runJQ times the program the way a user runs it: read the file, decode,
// run, encode the result.
func runJQ(program, file string, limit time.Duration) error {
	src, err := os.ReadFile(program)
	if err != nil {
		return err
	}
	q, err := gojq.Parse(string(src))
	if err != nil {
		return err
	}
	code, err := gojq.Compile(q, gojq.WithFunction("debug", 0, 0, func(v any, _ []any) any { return v }))
	if err != nil {
		return err
	}
	start := time.Now()
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var in any
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	v, _ := code.RunWithContext(ctx, in).Next()
	if ctx.Err() != nil {
		fmt.Println("timeout")
		return nil
	}
	if err, ok := v.(error); ok {
		return err
	}
	if _, err := json.Marshal(v); err != nil {
		return err
	}
	fmt.Printf("%.4f\n", time.Since(start).Seconds())
	return nil
}
