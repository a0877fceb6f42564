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

// FlushOwed exposes flushOwed to the tests of package sqldb_test.
func (d *DB) FlushOwed() bool { return d.flushOwed.Load() }
