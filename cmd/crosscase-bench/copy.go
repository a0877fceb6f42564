package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"crosscase/sqldb"
)

// runBenchCopy copies a loaded embedded SQLite store into a PostgreSQL
// database, table by table with COPY, so that a corpus loaded once (for
// example by "report", which writes a million cases through the store in
// about forty minutes) is measured on both stores with the same rows
// (README, Figures).
func (m *Main) runBenchCopy(ctx context.Context, args []string) error {
	fs := m.newFlagSet("copy")
	from := fs.String("data", "data", "directory of the embedded SQLite store to copy")
	to := fs.String("db", m.Getenv("CROSSCASE_DB"), "PostgreSQL URL (postgres://…) of the database to fill; its rows are replaced")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !strings.HasPrefix(*to, "postgres") {
		return fmt.Errorf("--db: a PostgreSQL URL is needed, got %q", *to)
	}
	src, err := sqldb.OpenMigrated(ctx, sqldb.Location{Data: *from})
	if err != nil {
		return fmt.Errorf("--data: %w", err)
	}
	defer src.Close()
	dst, err := sqldb.OpenMigrated(ctx, sqldb.Location{URL: *to})
	if err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	dst.Close() // migrated: the schema is the source's
	conn, err := pgx.Connect(ctx, *to)
	if err != nil {
		return fmt.Errorf("--db: %w", err)
	}
	defer conn.Close(ctx)
	start := time.Now()
	n, err := copyTables(ctx, src.SQL(), conn, m.Stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "copied %d rows in %s\n", n, time.Since(start).Round(time.Second))
	return nil
}

// copyTables replaces the rows of every table of dst but the migrations'
// with those of src, resets the identity sequences and vacuums and analyses the
// tables. It returns the rows copied.
func copyTables(ctx context.Context, src *sql.DB, dst *pgx.Conn, progress interface{ Write([]byte) (int, error) }) (int64, error) {
	// Every table is read in one read transaction: one moment of the
	// source, even if it is written meanwhile.
	stx, err := src.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer stx.Rollback()
	rows, err := dst.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`)
	if err != nil {
		return 0, err
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, err
	}
	if _, err := dst.Exec(ctx, `TRUNCATE `+strings.Join(tables, ", ")); err != nil {
		return 0, err
	}
	// The rows are copied as they stand in a consistent store, table by
	// table in any order: the foreign keys are not checked row by row
	// (which takes a role allowed to set this).
	if _, err := dst.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		return 0, fmt.Errorf("copying without checking foreign keys needs a superuser: %w", err)
	}
	var total int64
	for _, t := range tables {
		rows, err := dst.Query(ctx, `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, t)
		if err != nil {
			return total, err
		}
		cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return total, err
		}
		in, err := stx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t)
		if err != nil {
			return total, fmt.Errorf("table %s: %w", t, err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n, err := dst.CopyFrom(ctx, pgx.Identifier{t}, cols, pgx.CopyFromFunc(func() ([]any, error) {
			if !in.Next() {
				return nil, in.Err()
			}
			if err := in.Scan(ptrs...); err != nil {
				return nil, err
			}
			return vals, nil
		}))
		in.Close()
		if err != nil {
			return total, fmt.Errorf("table %s: %w", t, err)
		}
		total += n
		fmt.Fprintf(progress, "%s: %d rows\n", t, n)
		var seq *string
		if err := dst.QueryRow(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, t).Scan(&seq); err == nil && seq != nil {
			if _, err := dst.Exec(ctx, `SELECT setval($1, COALESCE((SELECT MAX(id) FROM `+t+`), 0) + 1, false)`, *seq); err != nil {
				return total, fmt.Errorf("table %s: %w", t, err)
			}
		}
	}
	// VACUUM as well as ANALYZE: it marks the copied pages all-visible, so
	// that the index-only scans the report relies on read no table pages,
	// as on a store whose autovacuum has run since its rows were written.
	_, err = dst.Exec(ctx, `VACUUM ANALYZE`)
	return total, err
}
