package sqldb_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"crosscase/sqldb"
)

// TestLocation: --db defaults to CROSSCASE_DB, and an SQLite store is
// opened, migrated, in a data directory created for it.
func TestLocation(t *testing.T) {
	var l sqldb.Location
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	l.AddFlags(fs, func(k string) string {
		if k == "CROSSCASE_DB" {
			return "postgres://from-env"
		}
		return ""
	})
	if err := fs.Parse([]string{"--data", filepath.Join(t.TempDir(), "a", "b")}); err != nil {
		t.Fatal(err)
	}
	if l.URL != "postgres://from-env" {
		t.Fatalf("--db default %q", l.URL)
	}
	l.URL = ""
	// A missing store is refused unless the command creates stores, so
	// that a mistyped --data is never a new, empty store.
	if _, err := sqldb.OpenMigrated(context.Background(), l); err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Fatalf("missing store opened: %v", err)
	}
	if _, err := os.Stat(l.Data); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("refusing a missing store made its directory: %v", err)
	}
	l.Create = true
	db, err := sqldb.OpenMigrated(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(l.Data, "crosscase.db")); err != nil || db.Dialect() != sqldb.SQLite {
		t.Fatalf("store %s in %s: %v", db.Dialect(), l.Data, err)
	}
	if _, err := db.CountUsers(context.Background()); err != nil {
		t.Fatalf("not migrated: %v", err)
	}
}
