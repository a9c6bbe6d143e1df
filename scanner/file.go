package scanner

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ldfallback/ldfallback/languages"
)

// maxLine is the line length above which a candidate file counts as minified.
const maxLine = 4096

// process reads, filters and extracts one file.
func (s *scanner) process(ctx context.Context, e *extractor, j job) result {
	r := result{job: j}
	src, err := e.read(j.abs, s.maxSize)
	switch {
	case err == errHuge:
		r.skip = SkipHuge
		return r
	case err != nil:
		r.problem, r.unreadable = err.Error(), true
		return r
	}
	r.bytes = int64(len(src))
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	switch {
	case bytes.IndexByte(head, 0) >= 0:
		r.skip = SkipBinary
		return r
	case isGenerated(head):
		r.skip = SkipGenerated
		return r
	}
	if !s.any.match(src) {
		return r
	}
	if strings.Contains(path.Base(j.rel), ".min.") || hasLongLine(src) {
		r.skip = SkipMinified
		return r
	}
	// The name test first: it spares a .d.ts (@types/node's fs.watch) the
	// marker automata's passes over the whole file.
	if declarationsOnly(j.lang, j.rel) {
		return r // no call in a .d.ts (its constants stay readable by resolveRefs)
	}
	if !s.markers[j.lang].get().in(src) {
		return r // a method name alone (a comment saying "variation") yields no call
	}
	// The file is parsed: it keeps the read buffer, and the extractor tells
	// tree-sitter's queries where the pre-filter's strings are.
	spans := s.any.spans(src)
	if spans == nil {
		return r // cannot happen: both automata search the same strings
	}
	e.keep()
	lang := j.lang
	if isMarkup(j.rel) {
		lang, src = s.codeSource(j.rel, lang, src)
	}
	r.candidate = true
	if j.lang.Name == "go" {
		r.goTyped = s.goTyped(src)
	}
	// A pathological input can make a grammar or the extraction crawl: the
	// file's budget bounds both, so one file becomes a Problem instead of
	// stalling the scan.
	m, err := s.matcher(lang)
	if err != nil {
		return r // Scan reports it
	}
	fctx, cancel := s.withBudget(ctx) // after the matcher: compiling it is the scan's cost
	defer cancel()
	e.config = s.configFor(j)
	out, err := e.extractHits(fctx, m, j.rel, src, spans)
	e.config = nil
	switch {
	case outOfBudget(ctx, fctx):
		r.problem = s.budgetMsg("parsing and extraction", "file skipped")
		return r
	case err != nil:
		r.problem = "parse: " + err.Error()
		return r
	}
	r.out = out
	return r
}

// errHuge is returned by extractor.read for files over the size limit.
var errHuge = errors.New("file too large")

// read reads a file into the worker's buffer, which the next read reuses
// unless keep was called: most files are read, searched and dropped, and a
// fresh buffer for each would make the garbage collector a large part of a
// scan. The file is opened with openRead (read_unix.go: plain system calls,
// not an *os.File, whose poller registration and flag checks were 6 of the
// 10 system calls per file).
func (e *extractor) read(name string, maxSize int64) ([]byte, error) {
	f, size, err := openRead(name)
	if err != nil {
		// An unreadable file over the limit was skipped as huge before it was opened.
		if fi, serr := os.Stat(name); serr == nil && fi.Size() > maxSize {
			return nil, errHuge
		}
		return nil, err
	}
	defer f.close()
	if size > maxSize {
		return nil, errHuge
	}
	// One byte more than the size, so that reaching EOF needs no second buffer.
	need := int(size) + 1
	if cap(e.buf) < need {
		e.buf = make([]byte, 0, max(need, 64<<10))
	}
	buf := e.buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew
		}
		n, err := f.read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF || n == 0 && err == nil || size > 0 && int64(len(buf)) == size && err == nil {
			// Stopping at the size fstat gave saves the read that would
			// return EOF: a file growing under the scan is read as it was.
			// (Size 0 may be a file that does not report its size: read to EOF.)
			break
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
		}
	}
	e.buf = buf
	return buf, nil
}

// keep hands the last read buffer over to its caller: extraction results
// may point into the source.
func (e *extractor) keep() { e.buf = nil }

// declarationsOnly reports whether the file holds declarations only, by its
// language's data (languages.Language.Declarations).
func declarationsOnly(l *languages.Language, rel string) bool {
	for _, suf := range l.Declarations {
		if strings.HasSuffix(rel, suf) {
			return true
		}
	}
	return false
}

func isGenerated(head []byte) bool {
	if i := bytes.Index(head, []byte("Code generated")); i >= 0 && bytes.Contains(head[i:], []byte("DO NOT EDIT")) {
		return true
	}
	return bytes.Contains(head, []byte("@generated"))
}

func hasLongLine(src []byte) bool {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if i > maxLine {
			return true
		}
		if i == len(src) {
			break
		}
		src = src[i+1:]
	}
	return false
}

// extractFiles runs the first stages over every file of the roots, in
// parallel: the walk hands files to workers that read, pre-filter, parse and
// extract them; one collector counts them into res.Stats and res.Problems
// and returns every walked file's result (candidates carry their calls).
func (s *scanner) extractFiles(ctx context.Context, roots []string, res *Result) ([]result, error) {
	workers := s.workers()
	// Files go to the workers, and their results to the collector, in
	// batches (walk.go, jobBatch): a channel operation per file cost a
	// goroutine wake-up per file.
	jobs := make(chan []job, 16)
	results := make(chan []result, 16)
	var walkSkips sync.Map
	var walkErr error
	var walked atomic.Int64
	go func() {
		defer close(jobs)
		for _, root := range roots {
			w := &walker{s: s, root: root, jobs: jobs, ctx: ctx, skipped: map[string]int{}, walked: &walked, parallel: workers}
			if err := w.walk(); err != nil && walkErr == nil {
				walkErr = err
			}
			for k, v := range w.skipped {
				old, _ := walkSkips.LoadOrStore(k, new(int))
				*old.(*int) += v
			}
			for _, p := range w.problems {
				results <- []result{{job: job{root: root, rel: p.File}, problem: p.Msg, unreadable: p.Unreadable}}
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newExtractor()
			defer e.close()
			for batch := range jobs {
				out := make([]result, 0, len(batch))
				for _, j := range batch {
					if ctx.Err() != nil {
						break
					}
					out = append(out, s.process(ctx, e, j))
				}
				results <- out
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	prog := newProgress(s.opts.Progress)
	var all []result
	for r := range each(results) {
		prog.tick(&res.Stats)
		if r.problem != "" {
			res.Problems = append(res.Problems, Problem{File: path.Join(s.displayPrefix(r.job.root), r.job.rel), Msg: r.problem, Unreadable: r.unreadable})
			if r.unreadable {
				res.Stats.Unreadable++
			}
		}
		if r.job.lang == nil {
			continue
		}
		res.Stats.Files++
		res.Stats.Bytes += r.bytes
		if r.skip != "" {
			res.Stats.Skipped[r.skip]++
		}
		if r.candidate {
			res.Stats.Candidates++
		}
		all = append(all, r)
	}
	prog.done()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if walkErr != nil {
		return nil, walkErr
	}
	if err := s.matcherErr(); err != nil {
		return nil, err
	}
	walkSkips.Range(func(k, v any) bool { res.Stats.Skipped[k.(string)] += *v.(*int); return true })

	return all, nil
}

// each ranges over the results of every batch received.
func each(batches <-chan []result) func(yield func(result) bool) {
	return func(yield func(result) bool) {
		for batch := range batches {
			for _, r := range batch {
				if !yield(r) {
					return
				}
			}
		}
	}
}
