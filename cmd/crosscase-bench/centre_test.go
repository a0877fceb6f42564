package main

import (
	"context"
	"os"
	"os/signal"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for crosscase-bench when the
// centre measurement starts its server processes (centre-serve).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "centre-serve" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := NewMain().Run(ctx, os.Args[1:]); err != nil {
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBenchCentre runs the centre measurement briefly on SQLite: every
// event reaches every client, and the catch-up completes.
func TestBenchCentre(t *testing.T) {
	out, err := run(t, "centre", "--clients", "5", "--rate", "5", "--duration", "2s", "--catchup", "30")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"lost 0, duplicated 0", "latency:", "memory:", "catch-up:    30 missed events"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
