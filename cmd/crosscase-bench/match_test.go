package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestBenchMatch runs the side-by-side benchmark on a small demo store:
// on SQLite crosscase's index alone, on PostgreSQL also pg_trgm with
// exact identifier joins, and checks that both report a plausible recall.
func TestBenchMatch(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a demo store")
	}
	dir := t.TempDir()
	stores := map[string]sqldb.Location{"sqlite": {Data: dir}}
	if _, required := sqldbtest.PostgresURL(); required || os.Getenv("CROSSCASE_TEST_POSTGRES") != "" {
		stores["postgres"] = sqldb.Location{URL: sqldbtest.NewPostgresDatabase(t)}
	}
	recall := func(t *testing.T, out, line string) float64 {
		t.Helper()
		m := regexp.MustCompile(regexp.QuoteMeta(line) + `.*recall (\d\.\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no %q line with a recall in\n%s", line, out)
		}
		r, _ := strconv.ParseFloat(m[1], 64)
		return r
	}
	for name, loc := range stores {
		t.Run(name, func(t *testing.T) {
			loadDemo(t, loc, 200)
			store := []string{"--data", loc.Data}
			if loc.URL != "" {
				store = []string{"--db", loc.URL}
			}
			out, err := run(t, append([]string{"match", "--records", "300"}, store...)...)
			if err != nil {
				t.Fatalf("match: %v\n%s", err, out)
			}
			t.Logf("%s", out)
			if r := recall(t, out, "crosscase index:"); r < 0.9 {
				t.Errorf("crosscase recall %.3f on lightly changed copies of store entities\n%s", r, out)
			}
			if name != "postgres" {
				return
			}
			if r := recall(t, out, "pg_trgm + exact identifier joins:"); r <= 0 || r > 1 {
				t.Errorf("pg_trgm recall %.3f\n%s", r, out)
			}
			if !regexp.MustCompile(`crosscase is \d+\.\d× faster \(\d+ against \d+\.\d records/s\)`).MatchString(out) {
				t.Errorf("no comparison line\n%s", out)
			}
			// A sample of every third query: its own recall, and the time
			// all would take at its rate.
			out, err = run(t, append([]string{"match", "--records", "300", "--trgm-every", "3"}, store...)...)
			if err != nil {
				t.Fatalf("match --trgm-every 3: %v\n%s", err, out)
			}
			t.Logf("%s", out)
			if !regexp.MustCompile(`pg_trgm \+ exact identifier joins: .* 100 queries \(1 in 3\)`).MatchString(out) ||
				!regexp.MustCompile(`all 300 queries at that rate: \d`).MatchString(out) {
				t.Errorf("no sampled pg_trgm figures\n%s", out)
			}
			if r := recall(t, out, "pg_trgm + exact identifier joins:"); r <= 0 || r > 1 {
				t.Errorf("pg_trgm recall on the sample %.3f\n%s", r, out)
			}
		})
	}
}
