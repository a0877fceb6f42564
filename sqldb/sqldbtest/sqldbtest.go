// Package sqldbtest opens fresh, migrated stores for tests: an SQLite file
// in the test's temporary directory and a new PostgreSQL database per test.
//
// PostgreSQL is found through CROSSCASE_TEST_POSTGRES (a URL whose user may
// create databases), falling back to a local server with the role
// crosscase/crosscase. Without a reachable server the PostgreSQL half of a
// test is skipped, except when CI is set: CI must run both.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"crosscase/sqldb"
)

// DefaultPostgres is used when CROSSCASE_TEST_POSTGRES is unset.
const DefaultPostgres = "postgres://crosscase:crosscase@localhost:5432/postgres?sslmode=disable"

// NewSQLite returns a migrated store in a new SQLite file, closed when the
// test ends.
func NewSQLite(t testing.TB) *sqldb.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(t.TempDir(), "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// PostgresURL returns the URL of the PostgreSQL server for tests, and
// whether tests must not skip it.
func PostgresURL() (string, bool) {
	required := os.Getenv("CI") != ""
	if u := os.Getenv("CROSSCASE_TEST_POSTGRES"); u != "" {
		return u, true
	}
	return DefaultPostgres, required
}

// NewPostgres returns a migrated store in a new PostgreSQL database,
// dropped when the test ends.
func NewPostgres(t testing.TB) *sqldb.DB {
	t.Helper()
	dsn := NewPostgresDatabase(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// NewPostgresDatabase creates an empty database for the test and returns
// its URL; it is dropped when the test ends.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	admin, required := PostgresURL()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := sql.Open("pgx", admin)
	if err == nil {
		err = conn.PingContext(ctx)
	}
	if err != nil {
		if required {
			t.Fatalf("PostgreSQL at %s: %v", redact(admin), err)
		}
		t.Skipf("PostgreSQL not reachable (%v); set CROSSCASE_TEST_POSTGRES to run against it", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "crosscase_test_" + hex.EncodeToString(b)
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		conn.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		conn.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Each runs fn as two subtests, on SQLite and on PostgreSQL, each with a
// fresh store.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, NewSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, NewPostgres(t)) })
}
