package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestReportFigures builds a small known set of cases, meetings, JITs and
// results and checks every figure of the 2024 report exactly, on both
// stores (so the two agree), with the scopes and the small-count rule
// (README, "Statistics and the annual report").
func TestReportFigures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
		it, de, al := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "al.desk_member")
		mk := func(ctx context.Context, title string, asked []string, crimes []string, opened, closed string, victims int, damage int64) *crosscase.Case {
			t.Helper()
			c := &crosscase.Case{Title: title, AskedCountries: asked, CrimeTypes: crimes, OpenedOn: mustDate(t, opened), Victims: victims, FinancialDamageEUR: damage}
			if closed != "" {
				c.Status, c.ClosedOn = crosscase.CaseClosed, mustDate(t, closed)
			}
			if err := db.CreateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c1 := mk(it, "c1", []string{"AL"}, []string{"drug_trafficking", "money_laundering"}, "2024-03-01", "", 10, 1000)
		c2 := mk(it, "c2", []string{"DE"}, []string{"drug_trafficking"}, "2023-05-01", "2024-02-01", 4, 0)
		c3 := mk(de, "c3", nil, []string{"cybercrime"}, "2023-01-10", "2023-12-31", 0, 0)
		mk(al, "c4", []string{"IT"}, []string{"swindling_fraud"}, "2024-11-11", "", 0, 0)
		c5 := mk(de, "c5", nil, []string{"cybercrime"}, "2025-01-05", "", 0, 0)
		for _, m := range []struct {
			ctx  context.Context
			c    *crosscase.Case
			when string
		}{{it, c1, "2024-06-01T10:00:00Z"}, {de, c3, "2023-03-03T09:00:00Z"}, {it, c1, "2025-09-01T09:00:00Z"}} {
			at, _ := time.Parse(time.RFC3339, m.when)
			if err := db.CreateMeeting(m.ctx, &crosscase.Meeting{CaseID: m.c.ID, StartsAt: at, Agenda: "Coordination"}); err != nil {
				t.Fatal(err)
			}
		}
		j1 := &crosscase.JIT{Name: "JIT One", SignedOn: mustDate(t, "2023-06-01"), DurationMonths: 24, Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
		j2 := &crosscase.JIT{Name: "JIT Two", SignedOn: mustDate(t, "2024-09-01"), DurationMonths: 24, Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "AL", AuthorityIDs: []int64{f.auth["AL"].ID}}}}
		for _, j := range []*crosscase.JIT{j1, j2} {
			if err := db.CreateJIT(it, j); err != nil {
				t.Fatal(err)
			}
		}
		fu := &crosscase.JITFunding{Label: "Call 2024-3", AppliedEUR: 60000, AppliedOn: mustDate(t, "2024-09-10")}
		if err := db.AddJITFunding(it, j2.ID, fu); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateJITFunding(it, j2.ID, fu.ID, crosscase.JITFundingUpdate{Status: crosscase.FundingGranted, GrantedEUR: 50000, DecidedOn: mustDate(t, "2024-10-01")}); err != nil {
			t.Fatal(err)
		}
		for _, r := range []crosscase.Result{
			{CaseID: c1.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: mustDate(t, "2024-06-02"), Count: 3},
			{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2024-06-02"), SeizureType: "drugs", Substance: "cocaine", Quantity: 12.5, Unit: "kg", Measure: "seized", ValueEUR: 500000},
			{CaseID: c2.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: mustDate(t, "2023-08-01"), Count: 2},
		} {
			r := r
			if err := db.CreateResult(it, &r); err != nil {
				t.Fatal(err)
			}
		}

		// A coordination centre held on an action day of 2024, one of 2025.
		if err := db.ImportActivity(f.sys, &crosscase.ActivityBundle{Centres: []*crosscase.Centre{
			{CaseID: c1.ID, Name: "Action day", ActionDate: mustDate(t, "2024-05-13"), Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}}},
			{CaseID: c1.ID, Name: "Second action day", ActionDate: mustDate(t, "2025-02-03")},
		}}); err != nil {
			t.Fatal(err)
		}
		from, to := mustDate(t, "2024-01-01"), mustDate(t, "2024-12-31")
		r, err := db.ReportAsIs(f.as(t, "it.statistics"), from, to)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(r)
		check := func(name string, got, want any) {
			t.Helper()
			if g, w := jsonOf(got), jsonOf(want); g != w {
				t.Errorf("%s = %s, want %s", name, g, w)
			}
		}
		check("scope", r.Scope, "agency")
		check("previous period", []string{r.PreviousFrom.String(), r.PreviousTo.String()}, []string{"2023-01-01", "2023-12-31"})
		check("cases", []int{r.Handled, r.New, r.PreviousHandled, r.PreviousNew, r.ThirdCountryNew, r.ThirdCountryOwned}, []int{3, 2, 2, 2, 2, 1})
		crimes := map[string][]any{}
		for _, ct := range r.CrimeTypes {
			if ct.Handled+ct.PreviousHandled > 0 {
				crimes[ct.Code] = []any{ct.Handled, ct.New, ct.PreviousHandled, ct.ChangePercent}
			}
		}
		check("crime types", crimes, map[string][]any{
			"drug_trafficking": {2, 1, 1, 100}, "money_laundering": {1, 1, 0, nil}, "swindling_fraud": {1, 1, 0, nil}, "cybercrime": {0, 0, 1, -100},
		})
		if len(r.CrimeTypes) != len(crosscase.CrimeTypes()) || r.CrimeTypes[0].Code != "drug_trafficking" {
			t.Errorf("crime types not all listed, most handled first: %+v", r.CrimeTypes[:2])
		}
		check("third countries", r.ThirdCountries, []crosscase.CountryFigure{{Code: "AL", Name: "Albania", Cases: 2}})
		check("desks", r.Desks, []crosscase.DeskFigure{{Code: "IT", Name: "Italy", Owned: 2, AskedIn: 1}, {Code: "DE", Name: "Germany", AskedIn: 1}})
		check("country × crime type", r.CountryCrime, []crosscase.CountryCrimeCell{
			{Country: "AL", CrimeType: "swindling_fraud", Cases: 1}, {Country: "IT", CrimeType: "drug_trafficking", Cases: 2}, {Country: "IT", CrimeType: "money_laundering", Cases: 1}})
		check("meetings, centres", []int{r.Meetings, r.PreviousMeetings, r.Centres}, []int{1, 1, 1})
		check("JITs", []any{r.JITsSupported, r.PreviousJITsSupported, r.JITsSigned, r.JITsFunded, r.FundingGrantedEUR}, []any{2, 1, 1, 1, 50000})
		check("results", []any{r.Results.Arrests, r.Results.Searches, r.Results.SeizedEUR, r.Results.Victims, r.Results.FinancialDamageEUR, len(r.Results.Seizures)}, []any{3, 0, 500000, 10, 1000, 1})
		check("previous results", []any{r.PreviousResults.Searches, r.PreviousResults.Victims}, []any{2, 4})
		years := map[int][]any{}
		for _, y := range r.Years {
			years[y.Year] = []any{y.Handled, y.New, y.Meetings, y.JITsSupported, y.Arrests}
		}
		check("years", years, map[int][]any{2020: {0, 0, 0, 0, 0}, 2021: {0, 0, 0, 0, 0}, 2022: {0, 0, 0, 0, 0}, 2023: {2, 2, 1, 1, 0}, 2024: {3, 2, 1, 2, 3}})
		if t.Failed() {
			t.Logf("report: %s", got)
		}

		// The statistics user sees every count under 5 as "< 5": the cells,
		// every crime type of a country that owns a case (so that a hidden
		// cell does not say the pair exists), and the totals from which a
		// hidden cell could be worked out.
		hidden, err := db.Report(f.as(t, "it.statistics"), from, to)
		if err != nil {
			t.Fatal(err)
		}
		if !hidden.SmallCountsHidden || len(hidden.CountryCrime) != 2*len(crosscase.CrimeTypes()) {
			t.Errorf("hidden cells: %d, want every crime type of AL and IT", len(hidden.CountryCrime))
		}
		for _, c := range hidden.CountryCrime {
			if c.Cases != 0 || !c.Hidden {
				t.Errorf("cell shown: %+v", c)
			}
		}
		for _, ct := range hidden.CrimeTypes {
			if ct.Handled != 0 || ct.New != 0 || ct.PreviousHandled != 0 || ct.ChangePercent != nil || !ct.Hidden {
				t.Errorf("crime type shown: %+v", ct)
			}
		}
		if d := hidden.Desks[0]; d.Owned != 0 || !d.Hidden || hidden.ThirdCountries[0].Cases != 0 || !hidden.ThirdCountries[0].Hidden {
			t.Errorf("totals shown: %+v %+v", hidden.Desks, hidden.ThirdCountries)
		}
		for _, tb := range hidden.Tables() {
			if tb.Name == "desks" && tb.Rows[0][2] != "< 5" {
				t.Errorf("desks table %v", tb.Rows)
			}
		}

		// A desk's own figures, counts shown as they are; the German
		// desk's cases only; no report for a JIT-only account.
		own, err := db.Report(it, from, to)
		if err != nil {
			t.Fatal(err)
		}
		check("Italian desk", []any{own.Scope, own.Handled, own.SmallCountsHidden, len(own.CountryCrime), own.CountryCrime[1].Cases, own.JITsSupported}, []any{"IT", 3, false, 3, 2, 2})
		deOwn, err := db.Report(f.as(t, "de.analyst"), from, to)
		if err != nil {
			t.Fatal(err)
		}
		check("German desk", []any{deOwn.Scope, deOwn.Handled, deOwn.PreviousHandled, deOwn.Results.Arrests, deOwn.JITsSupported, deOwn.Years[4].Arrests, deOwn.Years[3].Meetings}, []any{"DE", 1, 2, 0, 1, 0, 1})
		check("Italian desk's years", []any{own.Years[4].Arrests, own.Years[4].Meetings, own.Years[3].Handled}, []any{3, 1, 1})
		admin, err := db.Report(f.as(t, "it.administrator"), from, to)
		if err != nil || admin.Scope != "IT" || !admin.SmallCountsHidden {
			t.Errorf("administrator: %+v %v", admin, err)
		}
		_, err = db.Report(f.as(t, "it.jit_member"), from, to)
		wantCode(t, err, crosscase.EFORBIDDEN)
		_, err = db.Report(it, to, from)
		if crosscase.ErrorField(err) != "to" {
			t.Errorf("reversed period: %v", err)
		}
		// Periods that do not end on a month's last day count their last
		// partial months from the cases themselves: a case closed on 1
		// February is handled from the 1st, not from the 2nd.
		for _, p := range []struct {
			from, to     string
			handled, new int
		}{{"2024-02-01", "2024-11-10", 2, 1}, {"2024-02-02", "2024-11-10", 1, 1}, {"2024-02-02", "2024-11-11", 2, 2}, {"2023-05-01", "2023-05-01", 2, 1}} {
			got, err := db.Report(f.as(t, "it.statistics"), mustDate(t, p.from), mustDate(t, p.to))
			if err != nil {
				t.Fatal(err)
			}
			check(p.from+" to "+p.to, []int{got.Handled, got.New}, []int{p.handled, p.new})
		}
		// A case's new opening date moves it into 2024, its crime type too.
		earlier := mustDate(t, "2024-06-01")
		if _, err := db.UpdateCase(de, c5.ID, crosscase.CaseUpdate{Version: c5.Version, OpenedOn: &earlier}); err != nil {
			t.Fatal(err)
		}
		moved, err := db.ReportAsIs(f.as(t, "it.statistics"), from, to)
		if err != nil {
			t.Fatal(err)
		}
		cyber := 0
		for _, ct := range moved.CrimeTypes {
			if ct.Code == "cybercrime" {
				cyber = ct.Handled
			}
		}
		check("after a new opening date", []int{moved.Handled, moved.New, cyber, len(moved.Desks)}, []int{4, 3, 1, 2})
	})
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
