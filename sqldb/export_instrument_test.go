package sqldb

import "context"

// ExecForTest runs one statement, for tests that corrupt stored rows.
func ExecForTest(d *DB, q string, args ...any) error {
	_, err := d.db.ExecContext(context.Background(), d.rebind(q), args...)
	return err
}
