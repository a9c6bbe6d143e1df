package main

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInterspersed(t *testing.T) {
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	for _, tc := range []struct{ in, want string }{
		{"ldfallback check src --format sarif", "ldfallback check --format sarif src"},
		{"ldfallback check --payload - src --fix --diff", "ldfallback check --payload - --fix --diff src"},
		{"ldfallback check a --format=json b", "ldfallback check --format=json a b"},
		{"ldfallback check a -- --format", "ldfallback check a -- --format"},
		{"ldfallback explain flag-a -f json flag-b", "ldfallback explain -f json flag-a flag-b"},
		{"ldfallback nosuch a --x", "ldfallback nosuch a --x"},
		{"ldfallback scan", "ldfallback scan"},
	} {
		got := strings.Join(interspersed(app, strings.Fields(tc.in)), " ")
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.in, diff)
		}
	}
}
