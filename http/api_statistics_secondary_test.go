package http

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIStatisticsWithholdsWhatGivesBack: with no third country owning a
// case, the cases handled less every other desk's cases owned would give
// back a desk's hidden "< 5"; the statistics user is shown the other
// desk's cases owned withheld, in the report, its CSV table and the page,
// while the desk's own user sees its counts as they are (README,
// "Statistics and the annual report").
func TestAPIStatisticsWithholdsWhatGivesBack(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		be := ts.apiUser("be.member", crosscase.RoleDeskMember, "BE")
		nl := ts.apiUser("nl.member", crosscase.RoleDeskMember, "NL")
		stats := ts.apiUser("agency.statistics", crosscase.RoleStatistics, "")
		for range 5 {
			createCase(t, be, caseBody("Operation Tulip", map[string]any{"asked_countries": []string{"FR"}, "crime_types": []string{"drug_trafficking"}, "opened_on": "2025-03-10"}))
		}
		createCase(t, nl, caseBody("Operation Dyke", map[string]any{"asked_countries": []string{"FR"}, "crime_types": []string{"cybercrime"}, "opened_on": "2025-04-10"}))

		const year = "from=2025-01-01&to=2025-12-31"
		var rep crosscase.Report
		stats.get("/api/v1/statistics/report?"+year).decode(t, http.StatusOK, &rep)
		desks := map[string]crosscase.DeskFigure{}
		for _, d := range rep.Desks {
			desks[d.Code] = d
		}
		if rep.Handled != 6 || !desks["NL"].Hidden || desks["NL"].Owned != 0 || !desks["BE"].OwnedWithheld || desks["BE"].Owned != 0 {
			t.Errorf("statistics user's desks: handled %d, %+v", rep.Handled, rep.Desks)
		}
		res := stats.get("/api/v1/statistics/report/desks?" + year)
		rows, err := csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
		if res.Status != http.StatusOK || err != nil {
			t.Fatalf("desks table: %v %v", res, err)
		}
		owned := map[string]string{}
		for _, r := range rows[1:] {
			owned[r[0]] = r[2]
		}
		if owned["BE"] != "withheld" || owned["NL"] != "< 5" {
			t.Errorf("statistics user's desks table: %v", rows)
		}
		page := ts.pageSignIn(stats.User).get("/statistics?" + year).wantStatus(http.StatusOK)
		if text := page.text("#table-desks"); !strings.Contains(text, "Belgium withheld") || !strings.Contains(text, "Netherlands < 5") {
			t.Errorf("statistics page's desks: %q", text)
		}

		// The desk's own user sees its cases owned.
		rep = crosscase.Report{}
		be.get("/api/v1/statistics/report?"+year).decode(t, http.StatusOK, &rep)
		for _, d := range rep.Desks {
			if d.Code == "BE" && (d.Owned != 5 || d.OwnedWithheld || d.Hidden) {
				t.Errorf("desk's own figures: %+v", d)
			}
		}
	})
}
