// Command vulndb builds a Go vulnerability database, in the layout that
// govulncheck reads with -db file:///DIR, from the OSV records of the
// golang.org/x/vulndb module at a pinned version, fetched through the
// module proxy. .ci/run checks the code against it:
//
//	go run ./tools/vulndb -module golang.org/x/vulndb@VERSION -out DIR
//	go run golang.org/x/vuln/cmd/govulncheck@VERSION -db file://DIR ./...
//
// With -osv DIR -modified TIME instead of -module, it builds the database
// from a folder of OSV records (<ID>.json) already on disk.
//
// It is a tool of the project's checks, not part of the crosscase binary,
// and uses the standard library alone.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "vulndb:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("vulndb", flag.ContinueOnError)
	module := fs.String("module", "", "build from the OSV records (data/osv) of this module at this version, `path@version`, fetched with go mod download")
	osvDir := fs.String("osv", "", "build from the OSV records in this `folder` instead")
	modifiedFlag := fs.String("modified", "", "with -osv: the modified `time` (RFC 3339) of records that carry none")
	out := fs.String("out", "", "write the database into this `folder`, which must be empty or not exist")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || (*module == "") == (*osvDir == "") || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("give -out and one of -module or -osv")
	}

	var modified time.Time
	src := *osvDir
	if *module != "" {
		if *modifiedFlag != "" {
			return errors.New("-modified goes with -osv; with -module the module's commit time is used")
		}
		dir, t, err := download(*module)
		if err != nil {
			return err
		}
		src, modified = filepath.Join(dir, "data", "osv"), t
	} else if *modifiedFlag != "" {
		t, err := time.Parse(time.RFC3339, *modifiedFlag)
		if err != nil {
			return fmt.Errorf("-modified: %w", err)
		}
		modified = t
	}

	d, err := build(os.DirFS(src), modified)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if err := d.write(*out); err != nil {
		return err
	}
	fmt.Printf("vulndb: %d records on %d modules, modified %s, from %s, in %s\n",
		len(d.entries), len(d.modules), d.db.Modified.UTC().Format(time.RFC3339), src, *out)
	return nil
}

// download fetches a module version into the module cache through the
// go command and returns its folder and the time of its commit.
func download(module string) (dir string, commit time.Time, err error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("go", "mod", "download", "-json", module)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var m struct {
		Dir, Info, Error string
	}
	if err := json.Unmarshal(stdout.Bytes(), &m); err != nil || m.Error != "" || runErr != nil {
		return "", time.Time{}, fmt.Errorf("go mod download %s: %v %s %s", module, runErr, m.Error, stderr.Bytes())
	}
	b, err := os.ReadFile(m.Info)
	if err != nil {
		return "", time.Time{}, err
	}
	var info struct{ Time time.Time }
	if err := json.Unmarshal(b, &info); err != nil {
		return "", time.Time{}, fmt.Errorf("%s: %w", m.Info, err)
	}
	if info.Time.IsZero() {
		return "", time.Time{}, fmt.Errorf("%s: no commit time", m.Info)
	}
	return m.Dir, info.Time, nil
}
