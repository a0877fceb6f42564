// Command crosscase is the working system of an agency for cross-border
// judicial cooperation in criminal matters: one binary with subcommands to
// serve the web pages and API, migrate the store, manage users and tokens,
// verify the audit log, load demo data, and check or import lists of
// entities. The commands that measure the system are crosscase-bench's.
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

	"crosscase"
	"crosscase/sqldb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(m.Stderr, "crosscase:", err)
		}
		os.Exit(2)
	}
}

// Main is the program: its standard streams and, once opened, its store.
// Tests build one with their own streams and run it like the binary.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads configuration from the environment.
	Getenv func(string) string

	// OnListening, when set, is called with the server's URL once serve listens.
	OnListening func(url string)

	DB *sqldb.DB
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

const usage = `crosscase — cross-border judicial cooperation casework

Usage: crosscase <command> [flags]

Commands:
  serve          serve the web pages and JSON API (migrates first)
  migrate        apply the store's migrations
  demo           load the demo operations, and with --cases N synthetic cases
  desk add       create a desk (a member state's national desk, a liaison prosecutor's, a contact point's)
  user add       create a user
  token create   create an API token for a user
  audit verify   verify the audit log's hash chain against its signed checkpoints
  audit checkpoint  sign a checkpoint of the audit log now
  check          check a CSV file of people, companies or identifiers against every case
  import entities  load a CSV file into a case, all or nothing
  report         the statistics of a year or period, as JSON or CSV

Every command takes --data DIR (embedded SQLite in DIR/crosscase.db, the
default is ./data) or --db URL (postgres://…); CROSSCASE_DB sets the default.
Run 'crosscase <command> -h' for a command's flags.
`

// Run runs the command named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	if len(rest) > 0 && (cmd == "user" || cmd == "token" || cmd == "audit" || cmd == "import" || cmd == "desk") {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		return m.runServe(ctx, rest)
	case "migrate":
		return m.runMigrate(ctx, rest)
	case "demo":
		return m.runDemo(ctx, rest)
	case "desk add":
		return m.runDeskAdd(ctx, rest)
	case "user add":
		return m.runUserAdd(ctx, rest)
	case "token create":
		return m.runTokenCreate(ctx, rest)
	case "audit verify":
		return m.runAuditVerify(ctx, rest)
	case "audit checkpoint":
		return m.runAuditCheckpoint(ctx, rest)
	case "check":
		return m.runCheck(ctx, rest)
	case "import entities":
		return m.runImportEntities(ctx, rest)
	case "report":
		return m.runReport(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return fmt.Errorf("unknown command %q", strings.Join(args[:min(2, len(args))], " "))
}

// addStoreFlags registers the flags every command uses to find the store.
func (m *Main) addStoreFlags(fs *flag.FlagSet) *sqldb.Location {
	sf := &sqldb.Location{}
	sf.AddFlags(fs, m.Getenv)
	return sf
}

// openStore opens and migrates the store the flags name.
func (m *Main) openStore(ctx context.Context, sf *sqldb.Location) (*sqldb.DB, error) {
	db, err := sqldb.OpenMigrated(ctx, *sf)
	if err != nil {
		return nil, err
	}
	m.DB = db
	return db, nil
}

// Close releases the store.
func (m *Main) Close() error {
	if m.DB != nil {
		return m.DB.Close()
	}
	return nil
}

// parseFlags parses args with the flags anywhere among the other
// arguments ("crosscase check list.csv --map …" as well as "crosscase check
// --map … list.csv") and returns the other arguments; more than want of
// them is an error naming the first one too many, so that a mistyped flag
// is never silently ignored.
func parseFlags(fs *flag.FlagSet, args []string, want int) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		rest, args = append(rest, args[0]), args[1:]
	}
	if len(rest) > want {
		return nil, fmt.Errorf("%s: unexpected argument %q (run 'crosscase %s -h' for its flags)", fs.Name(), rest[want], fs.Name())
	}
	return rest, nil
}

func (m *Main) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	return fs
}

// systemContext returns ctx acting as the command-line operator.
func systemContext(ctx context.Context) context.Context {
	return crosscase.SystemContext(ctx)
}
