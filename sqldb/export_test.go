package sqldb

import (
	"context"
	"fmt"
	"sort"

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

// DeskInstrumentDrift lists the rows of stat_desk_flows' dimension
// "instrument" that differ from a count of the instruments themselves, by
// their case's countries, issue date and outcome ("desk key month:
// summary≠count"), for the tests of the summary.
func (d *DB) DeskInstrumentDrift(ctx context.Context) ([]string, error) {
	got := map[string]int64{}
	want := map[string]int64{}
	err := d.withTx(ctx, func(tx *Tx) error {
		for q, m := range map[string]map[string]int64{
			`SELECT desk, k, month, opened FROM stat_desk_flows WHERE dim = 'instrument' AND opened <> 0`: got,
			`SELECT sc.country_code, i.type || '|' || i.limit_outcome, SUBSTR(i.issued_on, 1, 7), COUNT(*) FROM instruments i JOIN case_countries sc ON sc.case_id = i.case_id
				WHERE i.issued_on <> '' GROUP BY sc.country_code, i.type, i.limit_outcome, SUBSTR(i.issued_on, 1, 7)`: want,
		} {
			rows, err := tx.query(ctx, q)
			if err != nil {
				return err
			}
			for rows.Next() {
				var desk, key, month string
				var n int64
				if err := rows.Scan(&desk, &key, &month, &n); err != nil {
					rows.Close()
					return err
				}
				m[desk+" "+key+" "+month] = n
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	var out []string
	for k := range merged(got, want) {
		if got[k] != want[k] {
			out = append(out, fmt.Sprintf("%s: %d≠%d", k, got[k], want[k]))
		}
	}
	sort.Strings(out)
	return out, err
}

func merged(a, b map[string]int64) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// RefillDeskSummaries empties stat_desk_flows' dimension "instrument",
// drops desk_results and stat_desk_flows_read and runs migration 0043
// again, for the tests of its backfill.
func (d *DB) RefillDeskSummaries(ctx context.Context) error {
	ms, err := Migrations(d.dialect)
	if err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		for _, q := range []string{`DELETE FROM stat_desk_flows WHERE dim = 'instrument'`, `DROP TABLE desk_results`, `DROP INDEX stat_desk_flows_read`} {
			if _, err := tx.exec(ctx, q); err != nil {
				return err
			}
		}
		for _, m := range ms {
			if m.Version == 43 {
				_, err := tx.exec(ctx, m.SQL)
				return err
			}
		}
		return fmt.Errorf("no migration 0043")
	})
}

// DeskResultDrift counts the rows of desk_results that differ from the
// results of the cases by their countries (either way), for the tests of
// syncDeskResults.
func (d *DB) DeskResultDrift(ctx context.Context) (int, error) {
	var n int
	copied := `SELECT country_code, case_id, result_id, ` + deskResultColumns + ` FROM desk_results`
	want := `SELECT sc.country_code, r.case_id, r.id, ` + prefixed("r.", deskResultColumns) + ` FROM case_results r JOIN case_countries sc ON sc.case_id = r.case_id`
	err := d.withTx(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM (`+copied+` EXCEPT `+want+`) a) + (SELECT COUNT(*) FROM (`+want+` EXCEPT `+copied+`) b)`).Scan(&n)
	})
	return n, err
}
