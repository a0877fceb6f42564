// Command crosscase-bench measures the whole crosscase system — HTTP
// server, services, store, match index, evidence folder — on a loaded
// store, through real HTTP on a loopback port. It is a program of its own
// so that the crosscase binary holds only what an agency runs.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(m.Stderr, "crosscase-bench:", err)
		}
		os.Exit(2)
	}
}

// Main is the program: its standard streams and environment. Tests build
// one with their own streams and run it like the binary.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads configuration from the environment.
	Getenv func(string) string
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

const usage = `crosscase-bench — measure the whole crosscase system

Usage:
  crosscase-bench [flags]            case page and case list latency, create-case
                                     throughput through the API, and the raw
                                     driver insert rate beside it
  crosscase-bench match [flags]      single and bulk checks of the match index,
                                     and on PostgreSQL pg_trgm side by side
  crosscase-bench evidence [flags]   a streamed JIT evidence upload, and the raw
                                     disk beside it
  crosscase-bench centre [flags]     a coordination centre's live stream: clients
                                     over two server processes on PostgreSQL,
                                     delivery delay, losses, memory, catch-up
  crosscase-bench report [flags]     the statistics report of a year over a
                                     corpus it loads (--cases, default 1000000)
  crosscase-bench copy --data DIR --db URL
                                     copies a loaded SQLite store into a
                                     PostgreSQL database (its rows replaced),
                                     to measure both stores on the same rows

The first two measure a loaded store (crosscase demo --cases N) named by
--data DIR (embedded SQLite in DIR/crosscase.db, the default is ./data) or
--db URL (postgres://…); CROSSCASE_DB sets the default.
Run 'crosscase-bench match -h', 'crosscase-bench evidence -h',
'crosscase-bench centre -h' or 'crosscase-bench report -h' for their flags.
`

// Run runs the measurement named by args[0], or with no name (args empty
// or starting with a flag) the whole-system one.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "match":
			return m.runBenchMatch(ctx, args[1:])
		case "evidence":
			return m.runBenchEvidence(ctx, args[1:])
		case "report":
			return m.runBenchReport(ctx, args[1:])
		case "copy":
			return m.runBenchCopy(ctx, args[1:])
		case "centre":
			return m.runBenchCentre(ctx, args[1:])
		case "centre-serve": // the server processes of "centre"
			return m.runCentreServe(ctx, args[1:])
		case "help":
			fmt.Fprint(m.Stdout, usage)
			return nil
		}
		if !strings.HasPrefix(args[0], "-") {
			fmt.Fprint(m.Stderr, usage)
			return fmt.Errorf("unknown command %q", args[0])
		}
	}
	return m.runBench(ctx, args)
}

func (m *Main) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	return fs
}

// parse parses args with fs; no measurement takes arguments besides flags.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
