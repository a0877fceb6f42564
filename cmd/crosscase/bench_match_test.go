package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// TestBenchMatch runs the side-by-side benchmark on a small demo store:
// on SQLite crosscase's index alone, on PostgreSQL also pg_trgm with
// exact identifier joins, and checks that both report a plausible recall.
func TestBenchMatch(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a demo store")
	}
	stores := map[string][]string{"sqlite": {"--data", t.TempDir()}}
	if _, required := sqldbtest.PostgresURL(); required || os.Getenv("CROSSCASE_TEST_POSTGRES") != "" {
		stores["postgres"] = []string{"--db", sqldbtest.NewPostgresDatabase(t)}
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
	for name, store := range stores {
		t.Run(name, func(t *testing.T) {
			if _, err := run(t, "", append([]string{"demo", "--cases", "200"}, store...)...); err != nil {
				t.Fatal(err)
			}
			out, err := run(t, "", append([]string{"bench", "match", "--records", "300"}, store...)...)
			if err != nil {
				t.Fatalf("bench match: %v\n%s", err, out)
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
			if !regexp.MustCompile(`crosscase is \d+\.\d× faster`).MatchString(out) {
				t.Errorf("no comparison line\n%s", out)
			}
		})
	}
}
