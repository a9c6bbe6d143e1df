package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// LoadFallbackConfig reads a fallback-config.json: a JSON object from flag key
// to fallback value. It returns the values and, for each key, the 1-based line
// where the key is written (findings about a stale value point there).
// Errors are *config.Error naming the file (exit code 2).
func LoadFallbackConfig(path string) (map[string]json.RawMessage, map[string]int, error) {
	data, err := inputfile.ReadFile(path, inputfile.DataLimit)
	if err != nil {
		return nil, nil, &config.Error{File: path, Msg: pathErrMsg(err), Err: err}
	}
	values, lines, err := ParseFallbackConfig(data)
	if err != nil {
		return nil, nil, &config.Error{File: path, Msg: err.Error()}
	}
	return values, lines, nil
}

// ParseFallbackConfig is LoadFallbackConfig on bytes already read.
func ParseFallbackConfig(data []byte) (map[string]json.RawMessage, map[string]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, fmt.Errorf("not JSON: %v", syntaxMsg(err, data))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errors.New("not a JSON object of flag key to fallback value")
	}
	values := map[string]json.RawMessage{}
	lines := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("not JSON: %v", syntaxMsg(err, data))
		}
		key, ok := tok.(string)
		if !ok {
			return nil, nil, errors.New("not a JSON object of flag key to fallback value")
		}
		// InputOffset is just past the key: its line is the key's line.
		line := 1 + bytes.Count(data[:dec.InputOffset()], []byte{'\n'})
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, fmt.Errorf("value of %q: %v", key, syntaxMsg(err, data))
		}
		if _, dup := values[key]; dup {
			return nil, nil, fmt.Errorf("line %d: key %q appears twice", line, key)
		}
		values[key] = raw
		lines[key] = line
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, fmt.Errorf("not JSON: %v", syntaxMsg(err, data))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("data after the JSON object")
	}
	return values, lines, nil
}

// syntaxMsg adds the line to a JSON syntax error, which only knows the offset.
func syntaxMsg(err error, data []byte) string {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset <= int64(len(data)) {
		return fmt.Sprintf("line %d: %v", 1+bytes.Count(data[:se.Offset], []byte{'\n'}), err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of file"
	}
	return err.Error()
}

// pathErrMsg is an os error without the path it names: config.Error puts the
// file first already ("fallback-config.json: open fallback-config.json: …" otherwise).
func pathErrMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
