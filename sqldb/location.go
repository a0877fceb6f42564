package sqldb

import (
	"context"
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
}

// AddFlags registers --data and --db, the flags every command uses to
// find the store, on fs; --db defaults to getenv("CROSSCASE_DB").
func (l *Location) AddFlags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&l.Data, "data", "data", "directory of the embedded SQLite store")
	fs.StringVar(&l.URL, "db", getenv("CROSSCASE_DB"), "PostgreSQL URL (postgres://…); overrides --data")
}

// OpenMigrated opens the store at l, creating the data directory when the
// store is SQLite, and applies its migrations.
func OpenMigrated(ctx context.Context, l Location) (*DB, error) {
	dsn := l.URL
	if dsn == "" {
		if err := os.MkdirAll(l.Data, 0o700); err != nil {
			return nil, fmt.Errorf("data directory: %w", err)
		}
		dsn = filepath.Join(l.Data, "crosscase.db")
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
