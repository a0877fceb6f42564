package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestBenchReportCorpus: the report's corpus holds instruments of the
// year, some met, some missed and some running, which the measured report
// reads (README, "Statistics and the annual report", Figures).
func TestBenchReportCorpus(t *testing.T) {
	out, err := run(t, "report", "--data", t.TempDir(), "--cases", "2000", "--runs", "2", "--desk", "de")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if desk := regexp.MustCompile(`report of the DE desk of 2024 on sqlite: handled (\d+),`).FindStringSubmatch(out); desk == nil || desk[1] == "0" {
		t.Fatalf("no report of the German desk:\n%s", out)
	}
	m := regexp.MustCompile(`handled (\d+), .* instruments (\d+) \((\d+) missed, (\d+) running\); 2 runs: p50`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no report line:\n%s", out)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	handled, issued, missed, running := n(1), n(2), n(3), n(4)
	if handled < 500 || issued < handled/4 || issued > 2*handled || missed == 0 || running == 0 || missed+running >= issued {
		t.Fatalf("handled %d, instruments %d, missed %d, running %d:\n%s", handled, issued, missed, running, out)
	}
}

// TestBenchCopy: a store copied into PostgreSQL gives the same report as
// the SQLite store it was copied from, and takes new writes after it
// (its identity sequences follow the copied rows).
func TestBenchCopy(t *testing.T) {
	if _, required := sqldbtest.PostgresURL(); !required {
		t.Skip("no PostgreSQL server for tests")
	}
	dir, url := t.TempDir(), sqldbtest.NewPostgresDatabase(t)
	figures := regexp.MustCompile(`report of 2024 on \w+: (.*); 2 runs`)
	out, err := run(t, "report", "--data", dir, "--cases", "1500", "--runs", "2")
	want := figures.FindStringSubmatch(out)
	if err != nil || want == nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, err := run(t, "copy", "--data", dir, "--db", url); err != nil || !strings.Contains(out, "copied ") {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err = run(t, "report", "--db", url, "--runs", "2")
	got := figures.FindStringSubmatch(out)
	if err != nil || got == nil || got[1] != want[1] {
		t.Fatalf("PostgreSQL report %q, want the SQLite one %q (%v)\n%s", got, want[1], err, out)
	}
	ctx := context.Background()
	db, err := sqldb.OpenMigrated(ctx, sqldb.Location{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sys := crosscase.SystemContext(ctx)
	it, err := db.FindDeskByCountry(sys, "IT")
	if err != nil {
		t.Fatal(err)
	}
	c := &crosscase.Case{Title: "After the copy", OwnerDeskID: it.ID, OpenedOn: crosscase.Date{Year: 2025, Month: 1, Day: 2}, Status: crosscase.CaseOpen, CrimeTypes: []string{crosscase.CrimeTypes()[0].Code}}
	if err := db.ImportCases(sys, []*crosscase.CaseBundle{{Case: c}}); err != nil || c.ID <= 1500 {
		t.Fatalf("a case written after the copy: id %d, %v", c.ID, err)
	}
}
