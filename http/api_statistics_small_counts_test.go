package http

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIStatisticsHidesVictimsOfFewCases: the victims and financial
// damage summed over fewer than 5 cases are those cases' own, so the
// statistics user is shown them hidden — in the result totals, the
// report, its headline table and the page — while the desk's own user
// sees its figures as they are; from 5 cases on the statistics user sees
// the sums, of whole calendar years (README, "Statistics and the annual
// report").
func TestAPIStatisticsHidesVictimsOfFewCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		be := ts.apiUser("be.member", crosscase.RoleDeskMember, "BE")
		stats := ts.apiUser("agency.statistics", crosscase.RoleStatistics, "")
		addCase := func(day string, victims int, damage int64) {
			t.Helper()
			c := createCase(t, be, caseBody("Operation "+day, map[string]any{"asked_countries": []string{"NL"}, "victims": victims, "financial_damage_eur": damage, "opened_on": day[:4] + "-01-10"}))
			be.post(fmt.Sprintf("/api/v1/cases/%d/results", c.ID), map[string]any{"kind": "arrest", "country": "BE", "date": day, "count": 2}).decode(t, http.StatusCreated, &crosscase.Result{})
		}
		addCase("2025-05-13", 12, 480_000)

		const day = "from=2025-01-01&to=2025-12-31" // a calendar year: the statistics user's figures by case
		var tot crosscase.ResultTotals
		stats.get("/api/v1/statistics/results?country=BE&"+day).decode(t, http.StatusOK, &tot)
		if tot.Cases != 1 || tot.Victims != 0 || tot.FinancialDamageEUR != 0 || !tot.VictimsHidden || !tot.DamageHidden || tot.Arrests != 2 {
			t.Errorf("statistics user's totals of one case: %+v", tot)
		}

		headline := func(c *apiClient) map[string]string {
			t.Helper()
			res := c.get("/api/v1/statistics/report/headline?" + day)
			if res.Status != http.StatusOK {
				t.Fatalf("headline: %v", res)
			}
			rows, err := csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, r := range rows[1:] {
				out[r[0]] = r[1]
			}
			return out
		}
		var rep crosscase.Report
		stats.get("/api/v1/statistics/report?"+day).decode(t, http.StatusOK, &rep)
		if rep.Results.Cases != 1 || rep.Results.Victims != 0 || rep.Results.FinancialDamageEUR != 0 || !rep.Results.VictimsHidden || !rep.Results.DamageHidden {
			t.Errorf("statistics user's report of one year: %+v", rep.Results)
		}
		if h := headline(stats); h["victims"] != "< 5 cases" || h["financial_damage_eur"] != "< 5 cases" || h["arrests"] != "2" {
			t.Errorf("statistics user's headline: %v", h)
		}

		// The page says so, in the tables and the headline figures.
		page := ts.pageSignIn(stats.User).get("/statistics?" + day).wantStatus(http.StatusOK)
		if v, d := page.text("#fig-victims"), page.text("#fig-damage"); v != "< 5 cases" || d != "< 5 cases" {
			t.Errorf("statistics page: victims %q, damage %q", v, d)
		}

		// The desk's own user sees the figures of its own case.
		be.get("/api/v1/statistics/report?"+day).decode(t, http.StatusOK, &rep)
		if rep.Scope != "BE" || rep.Results.Victims != 12 || rep.Results.FinancialDamageEUR != 480_000 || rep.Results.VictimsHidden || rep.Results.DamageHidden {
			t.Errorf("desk's report of one year: %+v", rep.Results)
		}
		if h := headline(be); h["victims"] != "12" || h["financial_damage_eur"] != "480000" {
			t.Errorf("desk's headline: %v", h)
		}

		// Five cases behind the sums: shown to the statistics user.
		for _, v := range []int{1, 2, 3, 4} {
			addCase("2025-05-13", v, int64(v)*1000)
		}
		stats.get("/api/v1/statistics/results?country=BE&"+day).decode(t, http.StatusOK, &tot)
		if tot.Cases != 5 || tot.Victims != 22 || tot.FinancialDamageEUR != 490_000 || tot.VictimsHidden || tot.DamageHidden {
			t.Errorf("statistics user's totals of five cases: %+v", tot)
		}
		if h := headline(stats); h["victims"] != "22" || h["financial_damage_eur"] != "490000" {
			t.Errorf("statistics user's headline of five cases: %v", h)
		}

		// Five cases with results, of which one records victims: the sum
		// of the victims is that case's own, hidden from the statistics
		// user, while the damage recorded on all five is shown.
		addCase("2024-06-02", 9, 1000)
		for range 4 {
			addCase("2024-06-02", 0, 1000)
		}
		const june = "from=2024-01-01&to=2024-12-31"
		stats.get("/api/v1/statistics/results?country=BE&"+june).decode(t, http.StatusOK, &tot)
		if tot.Cases != 5 || tot.Victims != 0 || !tot.VictimsHidden || tot.FinancialDamageEUR != 5000 || tot.DamageHidden {
			t.Errorf("statistics user's totals of five cases, one with victims: %+v", tot)
		}
		page = ts.pageSignIn(stats.User).get("/statistics?" + june).wantStatus(http.StatusOK)
		if v, d := page.text("#fig-victims"), page.text("#fig-damage"); v != "< 5 cases" || d == "< 5 cases" {
			t.Errorf("statistics page of five cases, one with victims: victims %q, damage %q", v, d)
		}
		be.get("/api/v1/statistics/report?"+june).decode(t, http.StatusOK, &rep)
		if rep.Results.Victims != 9 || rep.Results.VictimsHidden || rep.Results.FinancialDamageEUR != 5000 || rep.Results.DamageHidden {
			t.Errorf("desk's report of five cases, one with victims: %+v", rep.Results)
		}

		// A period that is not a calendar year: the statistics user gets
		// the totals, but neither the figures by crime type and country
		// nor the victims and damage, which a second period could give
		// back by subtraction (crosscase.ShowsBreakdowns).
		const may = "from=2025-05-01&to=2025-05-31"
		stats.get("/api/v1/statistics/results?country=BE&"+may).decode(t, http.StatusOK, &tot)
		if !tot.HarmWithheld || tot.Victims != 0 || tot.FinancialDamageEUR != 0 || tot.Cases != 5 || tot.Arrests != 10 {
			t.Errorf("statistics user's totals of a month: %+v", tot)
		}
		rep = crosscase.Report{}
		stats.get("/api/v1/statistics/report?"+may).decode(t, http.StatusOK, &rep)
		if !rep.BreakdownsWithheld || len(rep.CrimeTypes)+len(rep.CountryCrime)+len(rep.Desks)+len(rep.ThirdCountries) != 0 || rep.Handled != 10 || !rep.Results.HarmWithheld {
			t.Errorf("statistics user's report of a month: withheld %v, %d crime types, %d cells, handled %d", rep.BreakdownsWithheld, len(rep.CrimeTypes), len(rep.CountryCrime), rep.Handled)
		}
		var table server.ReportTableResponse
		stats.get("/api/v1/statistics/report/crime_types?format=json&"+may).decode(t, http.StatusOK, &table)
		if !table.Withheld || len(table.Rows) != 0 {
			t.Errorf("statistics user's crime types of a month: %+v", table)
		}
		page = ts.pageSignIn(stats.User).get("/statistics?" + may).wantStatus(http.StatusOK)
		if page.first("#breakdowns-withheld") == nil || page.first("#chart-crime") != nil || page.text("#fig-victims") != "whole years only" || page.first("#table-crime_types .withheld") == nil {
			t.Errorf("statistics page of a month: %s", page.text("main"))
		}
		// The desk's own user, and a whole year, get them.
		rep = crosscase.Report{}
		be.get("/api/v1/statistics/report?"+may).decode(t, http.StatusOK, &rep)
		if rep.BreakdownsWithheld || len(rep.CrimeTypes) == 0 || rep.Results.Victims != 22 {
			t.Errorf("desk's report of a month: %+v", rep.Results)
		}
		rep = crosscase.Report{}
		stats.get("/api/v1/statistics/report?"+day).decode(t, http.StatusOK, &rep)
		if rep.BreakdownsWithheld || len(rep.CrimeTypes) == 0 {
			t.Errorf("statistics user's report of a year: withheld %v", rep.BreakdownsWithheld)
		}
	})
}
