package http

import (
	"encoding/csv"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIReportTableFormats: a table of the report is CSV by default and
// with ?format=csv, JSON with ?format=json or an Accept header asking for
// application/json; both carry the same cells, a count under 5 of the
// country × crime type table reading "< 5" to the statistics user and as
// it is to the desk's own user (README, "Statistics and the annual
// report").
func TestAPIReportTableFormats(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		desk := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		stats := ts.apiUser("agency.statistics", crosscase.RoleStatistics, "")
		for i, crime := range []string{"drug_trafficking", "drug_trafficking", "money_laundering", "money_laundering", "money_laundering", "money_laundering", "money_laundering"} {
			ts.pageNewCase(desk.User, &crosscase.Case{Title: "Case " + crime, CrimeTypes: []string{crime}, OpenedOn: crosscase.Date{Year: 2024, Month: 3, Day: 1 + i}})
		}
		const path = "/api/v1/statistics/report/country_crime?year=2024"
		readCSV := func(res *apiResponse) [][]string {
			t.Helper()
			if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
				t.Fatalf("%v: Content-Type %q, want CSV", res, res.Header.Get("Content-Type"))
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, `-2024-01-01-2024-12-31.csv"`) {
				t.Fatalf("%v: Content-Disposition %q", res, cd)
			}
			rows, err := csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
			if err != nil {
				t.Fatalf("%v: %v", res, err)
			}
			return rows
		}
		readJSON := func(res *apiResponse, name string) server.ReportTableResponse {
			t.Helper()
			var tb server.ReportTableResponse
			res.decode(t, http.StatusOK, &tb)
			if cd := res.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, `-2024-01-01-2024-12-31.json"`) {
				t.Fatalf("%v: Content-Disposition %q", res, cd)
			}
			if tb.Name != name || tb.From.String() != "2024-01-01" || tb.To.String() != "2024-12-31" {
				t.Fatalf("%v: table %q from %s to %s", res, tb.Name, tb.From, tb.To)
			}
			return tb
		}
		cell := func(rows [][]string, country, crime string) string {
			for _, r := range rows {
				if r[0] == country && r[1] == crime {
					return r[2]
				}
			}
			t.Fatalf("no row %s %s in %v", country, crime, rows)
			return ""
		}

		// The statistics user: the two drug trafficking cases are hidden,
		// the five of money laundering shown, in both formats alike.
		csvRows := readCSV(stats.get(path))
		if got := readCSV(stats.do("GET", path+"&format=csv", nil, "Accept: application/json")); !reflect.DeepEqual(got, csvRows) {
			t.Fatalf("?format=csv: %v, want %v", got, csvRows)
		}
		if got := readCSV(stats.do("GET", path, nil, "Accept: text/csv, application/json")); !reflect.DeepEqual(got, csvRows) {
			t.Fatalf("Accept: text/csv, application/json: %v, want %v", got, csvRows)
		}
		if !reflect.DeepEqual(csvRows[0], []string{"country", "crime_type", "cases"}) {
			t.Fatalf("CSV header %v", csvRows[0])
		}
		if c, m := cell(csvRows[1:], "IT", "drug_trafficking"), cell(csvRows[1:], "IT", "money_laundering"); c != "< 5" || m != "5" {
			t.Fatalf("statistics user's CSV: drug trafficking %q, money laundering %q", c, m)
		}
		// Every crime type of Italy is listed, the empty ones hidden too.
		if n := len(csvRows) - 1; n != len(crosscase.CrimeTypes()) {
			t.Fatalf("statistics user's CSV has %d rows, want every crime type of Italy: %v", n, csvRows)
		}
		for _, res := range []*apiResponse{stats.get(path + "&format=json"), stats.do("GET", path, nil, "Accept: application/json")} {
			tb := readJSON(res, "country_crime")
			if tb.Scope != "agency" || !tb.SmallCountsHidden || !reflect.DeepEqual(tb.Columns, csvRows[0]) || !reflect.DeepEqual(tb.Rows, csvRows[1:]) {
				t.Fatalf("%v: JSON is not the CSV's table: %+v, CSV %v", res, tb, csvRows)
			}
		}

		// The desk's own user sees its counts as they are.
		own := readCSV(desk.get(path))
		if c := cell(own[1:], "IT", "drug_trafficking"); c != "2" {
			t.Fatalf("desk's CSV: drug trafficking %q, want 2", c)
		}
		tb := readJSON(desk.get(path+"&format=json"), "country_crime")
		if tb.Scope != "IT" || tb.SmallCountsHidden || !reflect.DeepEqual(tb.Rows, own[1:]) || cell(tb.Rows, "IT", "drug_trafficking") != "2" {
			t.Fatalf("desk's JSON: %+v, CSV %v", tb, own)
		}

		// A table without rows is an empty list; a format other than csv
		// and json, and a format on the whole report, are refused.
		empty := stats.get("/api/v1/statistics/report/seizures?year=2024&format=json")
		if tb := readJSON(empty, "seizures"); len(tb.Rows) != 0 || !strings.Contains(string(empty.Body), `"rows":[]`) {
			t.Fatalf("empty table: %s", empty.Body)
		}
		stats.get(path+"&format=xml").wantProblem(t, http.StatusBadRequest, "format")
		stats.get("/api/v1/statistics/report?year=2024&format=json").wantProblem(t, http.StatusBadRequest, "format")
		stats.get("/api/v1/statistics/report/no_such_table?year=2024&format=json").wantProblem(t, http.StatusNotFound, "")
	})
}
