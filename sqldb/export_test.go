package sqldb

import (
	"context"

	"crosscase"
)

// NotifyCountries exposes notifyCountries to the tests of package sqldb_test.
func (d *DB) NotifyCountries(ctx context.Context, countries []string, n crosscase.Notification) error {
	return d.withTx(ctx, func(tx *Tx) error { return tx.notifyCountries(ctx, countries, n) })
}

// ReportAsIs is Report with every count as it is, for the tests of the
// figures themselves.
func (d *DB) ReportAsIs(ctx context.Context, from, to crosscase.Date) (*crosscase.Report, error) {
	return d.report(ctx, from, to, false)
}

// Statements is how many statements the store's transactions have run.
func (d *DB) Statements() int64 { return d.statements.Load() }

// FlushOwed exposes flushOwed to the tests of package sqldb_test.
func (d *DB) FlushOwed() bool { return d.flushOwed.Load() }

// FoldSearchTexts runs migration 0038's step again, in a transaction of
// its own, for the tests of its rewrite.
func (d *DB) FoldSearchTexts(ctx context.Context) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := foldSearchTexts(ctx, tx, d); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
