package sqldb

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Location is where a store is: a PostgreSQL database, or else the
// embedded SQLite file crosscase.db in a data directory.
type Location struct {
	Data string // directory of the embedded SQLite store
	URL  string // postgres://…; overrides Data
	// Create makes the SQLite store when there is none at Data. Without
	// it a missing store is an error, so that a mistyped --data is not
	// taken for a new, empty store.
	Create bool
}

// AddFlags registers --data and --db, the flags every command uses to
// find the store, on fs; --db defaults to getenv("CROSSCASE_DB").
func (l *Location) AddFlags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&l.Data, "data", "data", "directory of the embedded SQLite store")
	fs.StringVar(&l.URL, "db", getenv("CROSSCASE_DB"), "PostgreSQL URL (postgres://…); overrides --data")
}

// OpenMigrated opens the store at l and applies its migrations. A SQLite
// store that does not exist is created, with its directory, only when
// l.Create is set.
func OpenMigrated(ctx context.Context, l Location) (*DB, error) {
	dsn := l.URL
	if dsn == "" {
		dsn = filepath.Join(l.Data, "crosscase.db")
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) && !l.Create {
			return nil, fmt.Errorf("no store at %s: check --data, or create one with 'crosscase migrate --data %s' or 'crosscase serve'", dsn, l.Data)
		}
		if err := os.MkdirAll(l.Data, 0o700); err != nil {
			return nil, fmt.Errorf("data directory: %w", err)
		}
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate store: %w", err)
	}
	return db, nil
}
