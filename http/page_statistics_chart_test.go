package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The statistics charts write a count hidden from the statistics role
// ("< 5") or withheld as the tables do, not as a bar of 0, and a chart
// with nothing to draw says so instead of an empty frame.
func TestStatisticsChartsWriteHiddenCounts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		stats := w.ts.user("stats.charts", crosscase.RoleStatistics, "")
		r := w.ts.pageSignIn(stats).get("/statistics?year=2024").wantStatus(http.StatusOK)

		// chartValues maps each bar's label to the text written beside it.
		chartValues := func(sel string) map[string]string {
			n := r.first(sel)
			if n == nil {
				t.Fatalf("no %s", sel)
			}
			texts := pageTextsIn(n, "text")
			out := map[string]string{}
			for i := 0; i+1 < len(texts); i += 2 {
				out[texts[i]] = texts[i+1]
			}
			return out
		}
		third := chartValues("#chart-third")
		hidden := 0
		for _, row := range r.all("#table-third_countries tbody tr") {
			cells := pageTextsIn(row, "td")
			name, cases := cells[len(cells)-2], cells[len(cells)-1]
			if cases == crosscase.SmallCountText {
				hidden++
			}
			if got, ok := third[name]; ok && got != cases {
				t.Errorf("third countries chart: %s reads %q, the table %q", name, got, cases)
			}
		}
		if hidden == 0 {
			t.Fatalf("no third country's count is hidden: the test proves nothing (%v)", third)
		}
		desks := chartValues("#chart-desks")
		for _, row := range r.all("#table-desks tbody tr") {
			cells := pageTextsIn(row, "td")
			name, owned, asked := cells[0], cells[1], cells[2]
			got, ok := desks[name]
			if !ok {
				t.Errorf("desks chart: no bar for %s", name)
				continue
			}
			if strings.Contains(owned+asked, "<") || strings.Contains(owned+asked, "withheld") {
				if want := owned + " + " + asked; got != want {
					t.Errorf("desks chart: %s reads %q, want %q as the table", name, got, want)
				}
			} else if got == "0" && (owned != "0" || asked != "0") {
				t.Errorf("desks chart: %s reads 0, the table %s and %s", name, owned, asked)
			}
		}
		// Every crime type's count of 2024 is under 5: no bar to draw.
		if r.first("#chart-crime") != nil || r.first("#chart-crime-empty") == nil {
			t.Errorf("crime types: want the empty chart's sentence, got chart %v, sentence %q", r.first("#chart-crime") != nil, r.text("#chart-crime-empty"))
		}
	})
}
