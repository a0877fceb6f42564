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

// TestReportFigures builds a small known set of cases, meetings, JITs,
// instruments and results and checks every figure of the 2024 report
// exactly, on both stores (so the two agree), with the scopes and the
// small-count rule (README, "Statistics and the annual report").
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
			{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2024-06-03"), SeizureType: "drugs", Substance: "cocaine", Quantity: 2.5, Unit: "kg", Measure: "seized", ValueEUR: 100000},
			{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2024-06-02"), SeizureType: "cash", Quantity: 70000, Unit: "EUR", Measure: "seized", ValueEUR: 70000},
			{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2024-07-10"), SeizureType: "real_estate", Quantity: 2, Unit: "items", Measure: "frozen", ValueEUR: 200000},
			{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2024-07-11"), SeizureType: "vehicles", Quantity: 1, Unit: "items", Measure: "confiscated", ValueEUR: 40000},
			{CaseID: c1.ID, Kind: crosscase.ResultSurrender, Country: "IT", Date: mustDate(t, "2024-07-01"), Count: 1},
			{CaseID: c1.ID, Kind: crosscase.ResultAssetReturn, Country: "IT", Date: mustDate(t, "2024-08-01"), ValueEUR: 30000},
			{CaseID: c1.ID, Kind: crosscase.ResultAssetReturn, Country: "IT", Date: mustDate(t, "2025-02-01"), ValueEUR: 9000},
			{CaseID: c2.ID, Kind: crosscase.ResultSearch, Country: "IT", Date: mustDate(t, "2023-08-01"), Count: 2},
			{CaseID: c2.ID, Kind: crosscase.ResultSurrender, Country: "IT", Date: mustDate(t, "2023-09-01"), Count: 2},
			{CaseID: c2.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: mustDate(t, "2023-09-02"), SeizureType: "drugs", Substance: "cannabis", Quantity: 40, Unit: "kg", Measure: "frozen", ValueEUR: 8000},
		} {
			r := r
			if err := db.CreateResult(it, &r); err != nil {
				t.Fatal(err)
			}
		}

		// Instruments (dates of the report's clock, 1 June 2025): of 2024
		// an arrest warrant whose decision limit (60 days from the arrest)
		// was missed, one surrendered in time, one whose missed limit is
		// voided when its decision on time is recorded; an EIO received
		// (its limits running), one not yet received (none started); a
		// request for mutual legal assistance (no limit). An arrest warrant
		// of 2023 with a missed limit and an extradition of 2025 are
		// outside the period.
		d := func(s string) crosscase.Date { return mustDate(t, s) }
		eaw := func(ref, issued, arrest string) *crosscase.Instrument {
			return &crosscase.Instrument{CaseID: c2.ID, Type: crosscase.InstrumentEAW, Reference: ref, IssuingCountry: "IT", ExecutingCountry: "DE",
				IssuedOn: d(issued), ReceivedOn: d(issued).AddDays(1), ArrestOn: d(arrest), Status: crosscase.StatusArrested}
		}
		missedEAW, voidedEAW, metEAW := eaw("EAW-2", "2024-01-05", "2024-01-10"), eaw("EAW-3", "2024-01-02", "2024-01-03"), eaw("EAW-4", "2024-01-08", "2024-01-09")
		metEAW.DecisionOn, metEAW.SurrenderOn, metEAW.Status = d("2024-01-20"), d("2024-01-25"), crosscase.StatusSurrendered
		if err := db.ImportInstruments(f.sys, []*crosscase.Instrument{
			eaw("EAW-1", "2023-09-01", "2023-09-05"), missedEAW, voidedEAW, metEAW,
			{CaseID: c2.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: d("2024-01-15"), ReceivedOn: d("2024-01-16"), Status: crosscase.StatusReceived},
			{CaseID: c2.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-2", IssuingCountry: "DE", ExecutingCountry: "IT", IssuedOn: d("2024-01-20"), Status: crosscase.StatusIssued},
			{CaseID: c1.ID, Type: crosscase.InstrumentMLA, Reference: "MLA-1", IssuingCountry: "IT", ExecutingCountry: "AL", IssuedOn: d("2024-04-01"), Status: crosscase.StatusIssued},
			{CaseID: c1.ID, Type: crosscase.InstrumentExtradition, Reference: "EXT-1", IssuingCountry: "IT", ExecutingCountry: "AL", IssuedOn: d("2025-01-10"), Status: crosscase.StatusIssued},
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 3 {
			t.Fatalf("missed limits recorded: %d, %v; want those of EAW-1, EAW-2 and EAW-3", n, err)
		}
		list, err := db.FindInstruments(de, c2.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range list {
			if in.ID == voidedEAW.ID {
				refused := crosscase.StatusRefused
				if _, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: in.Version, DecisionOn: ptr(d("2024-02-01")), Status: &refused}); err != nil {
					t.Fatal(err)
				}
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
		instruments := map[crosscase.InstrumentType][]int{}
		for _, in := range r.Instruments {
			if in.Label != in.Type.Label() {
				t.Errorf("instrument figure %+v: label %q", in, in.Label)
			}
			if in.Issued > 0 {
				instruments[in.Type] = []int{in.Issued, in.Met, in.Missed, in.Running}
			}
		}
		if len(r.Instruments) != len(crosscase.InstrumentTypes()) {
			t.Errorf("instrument types listed: %d, want every one", len(r.Instruments))
		}
		// issued, met, missed, running
		check("instruments", instruments, map[crosscase.InstrumentType][]int{
			crosscase.InstrumentEAW: {3, 2, 1, 0}, crosscase.InstrumentEIO: {2, 1, 0, 1}, crosscase.InstrumentMLA: {1, 1, 0, 0}})
		res, prev := r.Results, r.PreviousResults
		check("results", []any{res.Cases, res.Arrests, res.Surrenders, res.Searches, res.Interrogations, res.SeizedEUR, res.FrozenEUR, res.ConfiscatedEUR, res.DrugsEUR, res.AssetsEUR(), res.ReturnedEUR, res.Victims, res.FinancialDamageEUR},
			[]any{1, 3, 1, 0, 0, 670000, 200000, 40000, 600000, 270000, 30000, 10, 1000})
		check("seizures", res.Seizures, []crosscase.SeizureTotal{
			{SeizureType: "cash", Measure: "seized", Unit: "EUR", Quantity: 70000, ValueEUR: 70000, Entries: 1},
			{SeizureType: "drugs", Measure: "seized", Substance: "cocaine", Unit: "kg", Quantity: 15, ValueEUR: 600000, Entries: 2},
			{SeizureType: "real_estate", Measure: "frozen", Unit: "items", Quantity: 2, ValueEUR: 200000, Entries: 1},
			{SeizureType: "vehicles", Measure: "confiscated", Unit: "items", Quantity: 1, ValueEUR: 40000, Entries: 1}})
		check("previous results", []any{prev.Cases, prev.Arrests, prev.Surrenders, prev.Searches, prev.SeizedEUR, prev.FrozenEUR, prev.DrugsEUR, prev.AssetsEUR(), prev.ReturnedEUR, prev.Victims, prev.FinancialDamageEUR},
			[]any{1, 0, 2, 2, 0, 8000, 8000, 0, 0, 4, 0})
		check("previous seizures", prev.Seizures, []crosscase.SeizureTotal{{SeizureType: "drugs", Measure: "frozen", Substance: "cannabis", Unit: "kg", Quantity: 40, ValueEUR: 8000, Entries: 1}})
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
		// A desk's instruments and results are those of its cases: the
		// German desk is asked in c2 (the arrest warrants and EIOs), not
		// in c1 (the request to Albania and the 2024 results).
		check("Italian desk's instruments and results", []any{jsonOf(own.Instruments) == jsonOf(r.Instruments), jsonOf(own.Results) == jsonOf(r.Results)}, []any{true, true})
		deInstruments := map[crosscase.InstrumentType][]int{}
		for _, in := range deOwn.Instruments {
			if in.Issued > 0 {
				deInstruments[in.Type] = []int{in.Issued, in.Met, in.Missed, in.Running}
			}
		}
		check("German desk's instruments", deInstruments, map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {3, 2, 1, 0}, crosscase.InstrumentEIO: {2, 1, 0, 1}})
		check("German desk's results", []any{deOwn.Results.Surrenders, deOwn.Results.SeizedEUR, deOwn.Results.ReturnedEUR, len(deOwn.Results.Seizures), deOwn.PreviousResults.Surrenders, deOwn.PreviousResults.DrugsEUR},
			[]any{0, 0, 0, 0, 2, 8000})
		// The small-count rule hides no instrument or result figure: they
		// count records, not cases of a country and crime type. The
		// victims and damage of the period's one case with results are
		// that case's own, and hidden; the previous period's, of one case
		// too, as well.
		shown := *r.Results
		shown.Victims, shown.FinancialDamageEUR, shown.VictimsHidden, shown.DamageHidden = 0, 0, true, true
		check("statistics user's instruments and results", []any{jsonOf(hidden.Instruments) == jsonOf(r.Instruments), jsonOf(hidden.Results) == jsonOf(&shown)}, []any{true, true})
		check("statistics user's victims and damage", []any{r.Results.Cases, r.Results.Victims > 0, hidden.PreviousResults.Cases, hidden.PreviousResults.Victims, hidden.PreviousResults.VictimsHidden && hidden.PreviousResults.DamageHidden},
			[]any{int64(1), true, int64(1), int64(0), true})
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
		// Whoever is shown "< 5" asks whole months that are over, so that
		// no two of their periods differ by a day (README, "Statistics and
		// the annual report"); the desk's own users ask any period.
		for _, p := range [][2]string{{"2024-02-02", "2024-11-30"}, {"2024-02-01", "2024-11-10"}, {"2024-02-01", "2099-12-31"}} {
			for _, who := range []string{"it.statistics", "it.administrator"} {
				_, err := db.Report(f.as(t, who), mustDate(t, p[0]), mustDate(t, p[1]))
				wantCode(t, err, crosscase.EINVALID)
			}
			_, err = db.ResultTotals(f.as(t, "it.statistics"), mustDate(t, p[0]), mustDate(t, p[1]), "")
			wantCode(t, err, crosscase.EINVALID)
			_, err = db.CountMeetings(f.as(t, "it.statistics"), mustDate(t, p[0]), mustDate(t, p[1]), "")
			wantCode(t, err, crosscase.EINVALID)
		}
		if _, err := db.ResultTotals(f.as(t, "it.statistics"), crosscase.Date{}, crosscase.Date{}, ""); crosscase.ErrorField(err) != "from" {
			t.Errorf("an open period for the statistics user: %v", err)
		}
		if _, err := db.Report(it, mustDate(t, "2024-02-02"), mustDate(t, "2024-11-10")); err != nil {
			t.Errorf("a desk's own figures of any period: %v", err)
		}
		// Periods that do not end on a month's last day count their last
		// partial months from the cases themselves: a case closed on 1
		// February is handled from the 1st, not from the 2nd.
		for _, p := range []struct {
			from, to     string
			handled, new int
		}{{"2024-02-01", "2024-11-10", 2, 1}, {"2024-02-02", "2024-11-10", 1, 1}, {"2024-02-02", "2024-11-11", 2, 2}, {"2023-05-01", "2023-05-01", 2, 1}} {
			got, err := db.Report(f.sys, mustDate(t, p.from), mustDate(t, p.to))
			if err != nil {
				t.Fatal(err)
			}
			check(p.from+" to "+p.to, []int{got.Handled, got.New}, []int{p.handled, p.new})
		}
		// The agency's instruments come from the summary, a desk's from
		// the instruments themselves; they agree on a partial month, and
		// a new issue date moves an instrument out of the year.
		instrumentsOf := func(ctx context.Context, from, to string) map[crosscase.InstrumentType][]int {
			t.Helper()
			got, err := db.ReportAsIs(ctx, mustDate(t, from), mustDate(t, to))
			if err != nil {
				t.Fatal(err)
			}
			out := map[crosscase.InstrumentType][]int{}
			for _, in := range got.Instruments {
				if in.Issued > 0 {
					out[in.Type] = []int{in.Issued, in.Met, in.Missed, in.Running}
				}
			}
			return out
		}
		early := map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {3, 2, 1, 0}}
		check("agency's instruments, 1-10 January", instrumentsOf(f.sys, "2024-01-01", "2024-01-10"), early)
		check("Italian desk's instruments, 1-10 January", instrumentsOf(it, "2024-01-01", "2024-01-10"), early)
		check("agency's instruments, 3-15 January", instrumentsOf(f.sys, "2024-01-03", "2024-01-15"),
			map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {2, 1, 1, 0}, crosscase.InstrumentEIO: {1, 0, 0, 1}})
		if list, err = db.FindInstruments(it, c2.ID); err != nil {
			t.Fatal(err)
		}
		for _, in := range list {
			if in.Reference == "EIO-2" {
				if _, err := db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: in.Version, IssuedOn: ptr(d("2025-01-05"))}); err != nil {
					t.Fatal(err)
				}
			}
		}
		moved2024 := map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {3, 2, 1, 0}, crosscase.InstrumentEIO: {1, 0, 0, 1}, crosscase.InstrumentMLA: {1, 1, 0, 0}}
		check("agency's instruments after a new issue date", instrumentsOf(f.sys, "2024-01-01", "2024-12-31"), moved2024)
		check("Italian desk's instruments after a new issue date", instrumentsOf(it, "2024-01-01", "2024-12-31"), moved2024)
		check("agency's instruments of 2025", instrumentsOf(f.sys, "2025-01-01", "2025-12-31"),
			map[crosscase.InstrumentType][]int{crosscase.InstrumentEIO: {1, 1, 0, 0}, crosscase.InstrumentExtradition: {1, 1, 0, 0}})

		// New victims and damage of a case with results count at once.
		cur, err := db.FindCaseByID(it, c1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCase(it, c1.ID, crosscase.CaseUpdate{Version: cur.Version, Victims: ptr(25), FinancialDamageEUR: ptr(int64(5000))}); err != nil {
			t.Fatal(err)
		}
		harmed, err := db.ReportAsIs(f.as(t, "it.statistics"), from, to)
		if err != nil {
			t.Fatal(err)
		}
		check("victims and damage after a change", []any{harmed.Results.Cases, harmed.Results.Victims, harmed.Results.FinancialDamageEUR}, []any{1, 25, 5000})

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
