package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb"
)

// run runs the program with args, returning its output.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	err := m.Run(context.Background(), args)
	return out.String(), err
}

// loadDemo loads the demo operations and n synthetic cases into the store at loc.
func loadDemo(t *testing.T, loc sqldb.Location, n int) {
	t.Helper()
	ctx := context.Background()
	loc.Create = true
	db, err := sqldb.OpenMigrated(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Load(crosscase.SystemContext(ctx), db.Services(), n, "", io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestUsage: -h and help name the measurements, and an unknown one is
// refused with the usage rather than run as the whole-system one.
func TestUsage(t *testing.T) {
	out, err := run(t, "-h")
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v", err)
	}
	for _, want := range []string{"crosscase-bench match", "crosscase-bench evidence", "-requests", "-data"} {
		if !strings.Contains(out, want) {
			t.Errorf("-h does not show %q:\n%s", want, out)
		}
	}
	if out, err := run(t, "help"); err != nil || !strings.Contains(out, "crosscase-bench match") {
		t.Errorf("help: %v\n%s", err, out)
	}
	if out, err := run(t, "match", "-h"); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out, "-trgm-every") {
		t.Errorf("match -h: %v\n%s", err, out)
	}
	out, err = run(t, "frobnicate", "--data", t.TempDir())
	if err == nil || err.Error() != `unknown command "frobnicate"` || !strings.Contains(out, "Usage:") {
		t.Errorf("unknown command: %v\n%s", err, out)
	}
	if _, err := run(t, "evidence", "--size", "1KiB", "extra"); err == nil || !strings.Contains(err.Error(), `unexpected argument "extra"`) {
		t.Errorf("stray argument: %v", err)
	}
}
