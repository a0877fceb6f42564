package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
)

// TestStatistics runs `crosscase serve --demo` through Main and reads the
// statistics as the demo's statistics user (the agency's figures, small
// counts hidden), as a desk (its own figures) and as a JIT-only account
// (refused), through the API, the page with its charts, a CSV table and
// `crosscase report` (README, "Statistics and the annual report").
func TestStatistics(t *testing.T) {
	data := t.TempDir()
	storeArgs := []string{"--data", data}
	base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
	logins := demoLogins(t, out.String())
	p := &program{t: t, base: base, storeArgs: storeArgs}
	stats, it, jit := p.client("stats.jansen"), p.client("it.rossi"), p.client("jit.kovacs")

	var agency, own crosscase.Report
	stats.call("GET", "/api/v1/statistics/report?year=2025", nil, 200, &agency)
	if agency.Scope != "agency" || agency.Handled < 7 || !agency.SmallCountsHidden || len(agency.CountryCrime) == 0 || agency.Meetings == 0 {
		t.Fatalf("the agency's 2025: %+v", agency)
	}
	for _, c := range agency.CountryCrime {
		if !c.Hidden || c.Cases != 0 {
			t.Fatalf("a demo cell under 5 shown to the statistics user: %+v", c)
		}
	}
	it.call("GET", "/api/v1/statistics/report?year=2025", nil, 200, &own)
	if own.Scope != "IT" || own.Handled >= agency.Handled || own.SmallCountsHidden || own.CountryCrime[0].Cases == 0 {
		t.Fatalf("the Italian desk's 2025: %+v", own)
	}
	jit.call("GET", "/api/v1/statistics/report?year=2025", nil, 403, nil)
	stats.call("GET", "/api/v1/statistics/report?year=2025&from=2025-01-01", nil, 422, nil)
	stats.call("GET", "/api/v1/statistics/report?from=2025-03-01&to=2025-01-01", nil, 422, nil)
	stats.call("GET", "/api/v1/statistics/report?year=20x5", nil, 422, nil)
	// The statistics user's periods are whole months that are over, so
	// that no two differ by a day; the desk's own users ask any period.
	stats.call("GET", "/api/v1/statistics/report?from=2025-03-02&to=2025-03-31", nil, 422, nil)
	stats.call("GET", "/api/v1/statistics/report/headline?from=2025-03-01&to=2025-03-30", nil, 422, nil)
	stats.call("GET", "/api/v1/statistics/results?from=2025-03-01", nil, 422, nil)
	it.call("GET", "/api/v1/statistics/report?from=2025-03-02&to=2025-03-30", nil, 200, nil)
	if now := time.Now().UTC(); now.Month() != time.January {
		var thisYear crosscase.Report
		stats.call("GET", "/api/v1/statistics/report?year="+strconv.Itoa(now.Year()), nil, 200, &thisYear)
		if thisYear.To.Month != now.Month()-1 || thisYear.To.AddDays(1).Day != 1 {
			t.Fatalf("the year under way for the statistics user ends %s", thisYear.To)
		}
	}

	page := p.signIn("stats.jansen", logins["stats.jansen"])
	status, body := page.get("/statistics")
	// The demo's crime types of the year are each under 5 for the
	// statistics user: the crime chart says it has no bar to draw, and
	// the third countries' chart writes "< 5" beside each.
	if status != 200 || !strings.Contains(body, `id="chart-crime-empty"`) || !strings.Contains(body, `<svg class="chart" id="chart-third"`) || !strings.Contains(body, "<title id=\"chart-third-title\">") ||
		!strings.Contains(body, "&lt; 5") || !strings.Contains(body, `id="table-crime_types"`) || !strings.Contains(body, "Statistics") {
		t.Fatalf("statistics page: %d\n%s", status, body)
	}
	for _, secret := range []string{"IT/2020/", "Albanian", "Kolaj"} {
		if strings.Contains(body, secret) {
			t.Fatalf("the statistics page shows %q", secret)
		}
	}
	res, err := page.client.Get(base + "/statistics/tables/crime_types?year=2025")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV table: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var head [64]byte
	n, _ := res.Body.Read(head[:])
	if !strings.HasPrefix(string(head[:n]), "crime_type,name,handled,new,previous_handled,change_percent\n") {
		t.Fatalf("CSV head: %q", head[:n])
	}
	if s, _ := page.get("/statistics/tables/no_such_table?year=2025"); s != http.StatusNotFound {
		t.Fatalf("unknown table: %d", s)
	}

	// The command line prints the same report.
	got, err := run(t, "", append([]string{"report", "--year", "2025"}, storeArgs...)...)
	if err != nil {
		t.Fatalf("crosscase report: %v\n%s", err, got)
	}
	var cli crosscase.Report
	if err := json.Unmarshal([]byte(got), &cli); err != nil || cli.Handled != agency.Handled || cli.Meetings != agency.Meetings {
		t.Fatalf("crosscase report: %v\n%s", err, got)
	}
	csvOut, err := run(t, "", append([]string{"report", "--year", "2025", "--format", "csv", "--table", "headline"}, storeArgs...)...)
	if err != nil || !strings.HasPrefix(csvOut, "figure,period,previous_period\ncases_handled,") {
		t.Fatalf("crosscase report --format csv: %v\n%s", err, csvOut)
	}
}
