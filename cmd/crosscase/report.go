package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"

	"crosscase"
)

// runReport writes the statistics of a year or period, as the statistics
// page shows them to a statistics user (small counts hidden): JSON (the
// schema of GET /api/v1/statistics/report) or CSV — one table, or every
// table in the long form table,row,column,value (README, "Statistics and
// the annual report").
func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("report")
	sf := m.addStoreFlags(fs)
	year := fs.String("year", "", "the calendar year, e.g. 2024")
	fromFlag := fs.String("from", "", "first day of the period, YYYY-MM-DD (instead of --year)")
	toFlag := fs.String("to", "", "last day of the period, YYYY-MM-DD")
	format := fs.String("format", "json", "json or csv")
	tableName := fs.String("table", "", "with --format csv: one table (headline, crime_types, third_countries, desks, country_crime, instruments, seizures, years); default all, in long form")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	var from, to crosscase.Date
	var err error
	for _, f := range []struct {
		name, s string
		d       *crosscase.Date
	}{{"--from", *fromFlag, &from}, {"--to", *toFlag, &to}} {
		if f.s != "" {
			if *f.d, err = crosscase.ParseDate(f.s); err != nil {
				return fmt.Errorf("%s: %v", f.name, err)
			}
		}
	}
	if *year == "" && from.IsZero() && to.IsZero() {
		return fmt.Errorf("give --year or --from and --to")
	}
	if from, to, err = crosscase.PeriodOf(*year, from, to); err != nil {
		return userError(err, reportFlags)
	}
	if *format != "json" && *format != "csv" {
		return fmt.Errorf("--format must be json or csv")
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	rep, err := db.Report(systemContext(ctx), from, to)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := csv.NewWriter(m.Stdout)
	defer w.Flush()
	tables := rep.Tables()
	if *tableName != "" {
		for _, t := range tables {
			if t.Name == *tableName {
				if err := w.Write(t.Columns); err != nil {
					return err
				}
				return w.WriteAll(t.CSVRows())
			}
		}
		return fmt.Errorf("no table %q in the report", *tableName)
	}
	if err := w.Write([]string{"table", "row", "column", "value"}); err != nil {
		return err
	}
	for _, t := range tables {
		for _, row := range t.CSVRows() {
			for j, v := range row[1:] {
				if err := w.Write([]string{t.Name, row[0], t.Columns[j+1], v}); err != nil {
					return err
				}
			}
		}
	}
	return w.Error()
}
