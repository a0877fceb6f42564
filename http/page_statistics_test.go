package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestStatisticsPageCSVLinks: every table has a CSV and a JSON link,
// each carrying the period as a query the server reads, for the default
// year, a chosen year and a period, and answering its format.
func TestStatisticsPageCSVLinks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		stats := ts.pageSignIn(ts.user("agency.statistics", crosscase.RoleStatistics, ""))
		for _, path := range []string{"/statistics", "/statistics?year=2024", "/statistics?from=2025-01-01&to=2025-12-31"} {
			res := stats.get(path).wantStatus(http.StatusOK)
			links := res.all(`a[download]`)
			if len(links) == 0 {
				t.Fatalf("%s: no CSV link", path)
			}
			formats := map[string]int{}
			for _, a := range links {
				href := pageAttr(a, "href")
				u, err := url.Parse(href)
				if err != nil || !strings.HasPrefix(u.Path, "/statistics/tables/") || u.Query().Get("from") == "" || u.Query().Get("to") == "" {
					t.Fatalf("%s: download link %q", path, href)
				}
				format, want := u.Query().Get("format"), "text/csv"
				if format == "json" {
					want = "application/json"
				}
				formats[format]++
				got := stats.get(href).wantStatus(http.StatusOK)
				if !strings.HasPrefix(got.Header.Get("Content-Type"), want) {
					t.Fatalf("%s: %s answers %s, want %s", path, href, got.Header.Get("Content-Type"), want)
				}
			}
			if formats[""] == 0 || formats["json"] != formats[""] || len(formats) != 2 {
				t.Fatalf("%s: links per format %v, want a CSV and a JSON link for each table", path, formats)
			}
		}
		if href := pageAttr(stats.get("/statistics?year=2024").first(`a[download]`), "href"); !strings.HasSuffix(href, "?from=2024-01-01&to=2024-12-31") {
			t.Fatalf("the CSV link of 2024 is %q", href)
		}
	})
}

// TestStatisticsPagePeriodWinsOverYear: the year box always holds a
// year, so a period filled in on the form is shown, with the year box
// emptied; the API still refuses both.
func TestStatisticsPagePeriodWinsOverYear(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		stats := ts.pageSignIn(ts.user("agency.statistics", crosscase.RoleStatistics, ""))
		res := stats.get("/statistics").wantStatus(http.StatusOK)
		year := pageAttr(res.one(`#period-form #f-year option[selected]`), "value")
		if year == "" {
			t.Fatal("the year box is not preselected")
		}
		// The form as a browser sends it (method get): the year as it was.
		q := url.Values{"year": {year}, "from": {"2025-03-01"}, "to": {"2025-05-31"}}
		res = stats.get("/statistics?" + q.Encode()).wantStatus(http.StatusOK)
		if href := pageAttr(res.first(`a[download]`), "href"); !strings.HasSuffix(href, "from=2025-03-01&to=2025-05-31") {
			t.Fatalf("the period shown is not the one filled in: CSV link %q", href)
		}
		if n := res.first(`#period-form #f-year option[selected]`); n != nil && pageAttr(n, "value") != "" {
			t.Fatalf("the year box still holds %q", pageAttr(n, "value"))
		}
		ts.apiUser("api.statistics", crosscase.RoleStatistics, "").get("/api/v1/statistics/report?year=2025&from=2025-03-01&to=2025-05-31").wantProblem(t, http.StatusUnprocessableEntity, "year")
	})
}

// TestStatisticsTablePageDefaultYear: a table of the statistics pages
// opened without a period is the last calendar year's, as the
// statistics page is, and the same table as that year's link gives it;
// the API still asks for the period.
func TestStatisticsTablePageDefaultYear(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		stats := ts.pageSignIn(ts.user("agency.statistics", crosscase.RoleStatistics, ""))
		last := strconv.Itoa(time.Now().UTC().Year() - 1)
		res := stats.get("/statistics/tables/headline").wantStatus(http.StatusOK)
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "-"+last+"-01-01-"+last+"-12-31.csv") {
			t.Fatalf("the table without a period: %q, want the year %s", cd, last)
		}
		if got, want := res.Body, stats.get("/statistics/tables/headline?year="+last).wantStatus(http.StatusOK).Body; got != want {
			t.Fatalf("default %q, the year %s %q", got, last, want)
		}
		ts.apiUser("api.statistics", crosscase.RoleStatistics, "").get("/api/v1/statistics/report/headline").wantProblem(t, http.StatusUnprocessableEntity, "from")
	})
}

// TestStatisticsPageDateOutOfRange: a date of the period form outside
// the years a date may have is refused on the page in the reader's
// language, naming the field by its label and marking it, not in the
// API's words for a query parameter.
func TestStatisticsPageDateOutOfRange(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	stats := ts.pageSignIn(ts.user("agency.statistics", crosscase.RoleStatistics, ""))
	stats.acceptLanguage = "de"
	res := stats.get("/statistics?" + url.Values{"from": {"1800-01-01"}, "to": {"2025-05-31"}}.Encode()).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text(`#period-form [role="alert"]`); strings.Contains(got, "Query parameter") || !strings.Contains(got, "1900") || got == "" {
		t.Errorf("the refusal: %q", got)
	}
	if res.first(`#f-from[aria-invalid="true"]`) == nil {
		t.Error("the date is not marked")
	}
	if got := pageAttr(res.one("#f-to"), "value"); got != "2025-05-31" {
		t.Errorf("the other date typed is lost: %q", got)
	}
}

// TestStatisticsPageYearBoxShowsYearShown: a year the period rule takes
// but older than the last ten (1990) is shown with its figures and
// chosen in the year box, not another year beside 1990's figures.
func TestStatisticsPageYearBoxShowsYearShown(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	stats := ts.pageSignIn(ts.user("agency.statistics", crosscase.RoleStatistics, ""))
	for _, year := range []string{"1990", strconv.Itoa(time.Now().UTC().Year() - 1)} {
		res := stats.get("/statistics?year=" + year).wantStatus(http.StatusOK)
		chosen := res.all(`#f-year option[selected]`)
		if len(chosen) != 1 || pageAttr(chosen[0], "value") != year {
			t.Errorf("year=%s: the year box chooses %d options, %q", year, len(chosen), res.texts(`#f-year option[selected]`))
		}
		if got := res.texts("#f-year option"); got[1] < got[len(got)-1] {
			t.Errorf("year=%s: the years are not latest first: %q", year, got)
		}
	}
}
