package sqldb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestDeskReportFromSummary checks a desk's own case figures, read from
// its summary (stat_desk_flows), against a count of the cases themselves:
// cases of random dates, countries and crime types, then changed (asked
// countries, crime types, opening and closing dates), reported for every
// desk over a calendar year and periods that start and end inside a month
// (README, "Statistics and the annual report").
func TestDeskReportFromSummary(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		today := crosscase.Date{Year: 2025, Month: time.June, Day: 1}
		db.Now = func() time.Time { return today.Time().Add(12 * time.Hour) }
		desks := map[string]context.Context{"IT": f.as(t, "it.desk_member"), "DE": f.as(t, "de.desk_member"), "AL": f.as(t, "al.desk_member")}
		others := []string{"IT", "DE", "AL", "FR", "CH", "ES"}
		var crimes []string
		for _, ct := range crosscase.CrimeTypes()[:4] {
			crimes = append(crimes, ct.Code)
		}
		rng := rand.New(rand.NewPCG(7, 42))
		day := func() crosscase.Date { // a day of 2022 to May 2025
			return crosscase.Date{Year: 2022, Month: time.January, Day: 1}.AddDays(rng.IntN(1246))
		}
		pick := func(from []string, not string) []string {
			var out []string
			for _, c := range from {
				if c != not && rng.IntN(3) == 0 {
					out = append(out, c)
				}
			}
			return out
		}
		dates := func() (crosscase.Date, crosscase.Date, crosscase.CaseStatus) {
			opened := day()
			if rng.IntN(2) == 0 {
				return opened, crosscase.Date{}, crosscase.CaseOpen
			}
			closed := opened.AddDays(rng.IntN(400))
			if today.Before(closed) {
				closed = today
			}
			return opened, closed, crosscase.CaseClosed
		}
		var cases []*crosscase.Case
		owners := []string{"IT", "DE", "AL"}
		for i := range 60 {
			owner := owners[i%3]
			opened, closed, status := dates()
			c := &crosscase.Case{Title: fmt.Sprintf("case %d", i), AskedCountries: pick(others, owner), CrimeTypes: append([]string{crimes[rng.IntN(len(crimes))]}, pick(crimes, "")...), OpenedOn: opened, ClosedOn: closed, Status: status}
			c.CrimeTypes = slices.Compact(slices.Sorted(slices.Values(c.CrimeTypes)))
			if err := db.CreateCase(desks[owner], c); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, c)
		}
		// Change a third of them.
		for i, c := range cases {
			if i%3 != 0 {
				continue
			}
			opened, closed, status := dates()
			asked, types := pick(others, c.OwnerCountry), []string{crimes[rng.IntN(len(crimes))]}
			upd := crosscase.CaseUpdate{Version: c.Version, AskedCountries: &asked, CrimeTypes: &types, OpenedOn: &opened, ClosedOn: &closed, Status: &status}
			got, err := db.UpdateCase(desks[c.OwnerCountry], c.ID, upd)
			if err != nil {
				t.Fatalf("update case %d: %v", c.ID, err)
			}
			cases[i] = got
		}
		handled := func(c *crosscase.Case, from, to crosscase.Date) bool {
			return !to.Before(c.OpenedOn) && (c.ClosedOn.IsZero() || !c.ClosedOn.Before(from))
		}
		opened := func(c *crosscase.Case, from, to crosscase.Date) bool {
			return !c.OpenedOn.Before(from) && !to.Before(c.OpenedOn)
		}
		d := func(s string) crosscase.Date { return mustDate(t, s) }
		for desk, ctx := range desks {
			for _, p := range [][2]crosscase.Date{{d("2024-01-01"), d("2024-12-31")}, {d("2024-03-10"), d("2024-08-17")}, {d("2023-12-01"), d("2024-02-29")}} {
				r, err := db.Report(ctx, p[0], p[1])
				if err != nil {
					t.Fatal(err)
				}
				var mine []*crosscase.Case
				for _, c := range cases {
					if c.OwnerCountry == desk || slices.Contains(c.AskedCountries, desk) {
						mine = append(mine, c)
					}
				}
				type figures struct {
					Handled, New, PreviousHandled, PreviousNew int
					Years                                      [][2]int
					Crime                                      map[string][3]int
					OwnerCrime                                 map[string]int
					Owned, AskedIn, Third                      map[string]int
				}
				want := figures{Crime: map[string][3]int{}, OwnerCrime: map[string]int{}, Owned: map[string]int{}, AskedIn: map[string]int{}, Third: map[string]int{}}
				bump := func(ct string, i int) { // handled, new, previous handled
					v := want.Crime[ct]
					v[i]++
					want.Crime[ct] = v
				}
				third := map[string]bool{"AL": true, "CH": true}
				for _, c := range mine {
					if handled(c, r.From, r.To) {
						want.Handled++
						for _, ct := range c.CrimeTypes {
							bump(ct, 0)
							want.OwnerCrime[c.OwnerCountry+"|"+ct]++
						}
						for _, cc := range append([]string{c.OwnerCountry}, c.AskedCountries...) {
							switch {
							case third[cc]:
								want.Third[cc]++
							case cc == c.OwnerCountry:
								want.Owned[cc]++
							default:
								want.AskedIn[cc]++
							}
						}
					}
					if opened(c, r.From, r.To) {
						want.New++
						for _, ct := range c.CrimeTypes {
							bump(ct, 1)
						}
					}
					if handled(c, r.PreviousFrom, r.PreviousTo) {
						want.PreviousHandled++
						for _, ct := range c.CrimeTypes {
							bump(ct, 2)
						}
					}
					if opened(c, r.PreviousFrom, r.PreviousTo) {
						want.PreviousNew++
					}
				}
				for _, y := range r.Years {
					from, to := crosscase.Date{Year: y.Year, Month: time.January, Day: 1}, crosscase.Date{Year: y.Year, Month: time.December, Day: 31}
					var h, n int
					for _, c := range mine {
						if handled(c, from, to) {
							h++
						}
						if opened(c, from, to) {
							n++
						}
					}
					want.Years = append(want.Years, [2]int{h, n})
				}
				got := figures{Handled: r.Handled, New: r.New, PreviousHandled: r.PreviousHandled, PreviousNew: r.PreviousNew,
					Crime: map[string][3]int{}, OwnerCrime: map[string]int{}, Owned: map[string]int{}, AskedIn: map[string]int{}, Third: map[string]int{}}
				for _, y := range r.Years {
					got.Years = append(got.Years, [2]int{y.Handled, y.New})
				}
				for _, ct := range r.CrimeTypes {
					if ct.Handled+ct.New+ct.PreviousHandled > 0 {
						got.Crime[ct.Code] = [3]int{ct.Handled, ct.New, ct.PreviousHandled}
					}
				}
				for _, cell := range r.CountryCrime {
					got.OwnerCrime[cell.Country+"|"+cell.CrimeType] = cell.Cases
				}
				for _, df := range r.Desks {
					if df.Owned > 0 {
						got.Owned[df.Code] = df.Owned
					}
					if df.AskedIn > 0 {
						got.AskedIn[df.Code] = df.AskedIn
					}
				}
				for _, tc := range r.ThirdCountries {
					got.Third[tc.Code] = tc.Cases
				}
				if w, g := fmt.Sprintf("%+v", want), fmt.Sprintf("%+v", got); w != g {
					t.Errorf("desk %s, %s to %s:\n got %s\nwant %s", desk, p[0], p[1], g, w)
				}
			}
		}
	})
}

// TestDeskInstrumentsFollowTheirCases checks the instruments of a desk's
// summary (stat_desk_flows, dimension "instrument") against the
// instruments themselves, by their case's countries, issue date and limit
// outcome, as instruments are written, their limits missed, their issue
// dates changed and their cases' countries asked added and removed; and a
// desk's report of them over a year and over a period ending mid-month.
func TestDeskInstrumentsFollowTheirCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
		it, de, al := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "al.desk_member")
		d := func(s string) crosscase.Date { return mustDate(t, s) }
		drift := func(when string) {
			t.Helper()
			got, err := db.DeskInstrumentDrift(f.sys)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > 0 {
				t.Errorf("%s: the desks' summary of instruments differs from their count (desk type|outcome month: summary≠count):\n%s", when, strings.Join(got, "\n"))
			}
		}
		mk := func(ctx context.Context, title string, asked ...string) *crosscase.Case {
			c := &crosscase.Case{Title: title, AskedCountries: asked, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: d("2023-05-01")}
			if err := db.CreateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c1 := mk(it, "c1", "DE", "ES")
		c2 := mk(it, "c2", "ES")
		c3 := mk(al, "c3", "IT", "FR")
		if err := db.ImportInstruments(f.sys, []*crosscase.Instrument{
			// Its limit missed once swept: 60 days from the arrest.
			{CaseID: c1.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: d("2024-01-05"), ReceivedOn: d("2024-01-06"), ArrestOn: d("2024-01-10"), Status: crosscase.StatusArrested},
			// Received, its limits running.
			{CaseID: c1.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: d("2024-03-15"), ReceivedOn: d("2024-03-16"), Status: crosscase.StatusReceived},
			{CaseID: c1.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-2", IssuingCountry: "IT", ExecutingCountry: "ES", IssuedOn: d("2024-02-10"), Status: crosscase.StatusIssued},
			{CaseID: c2.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-3", IssuingCountry: "IT", ExecutingCountry: "ES", IssuedOn: d("2024-03-05"), Status: crosscase.StatusIssued},
			{CaseID: c3.ID, Type: crosscase.InstrumentMLA, Reference: "MLA-1", IssuingCountry: "IT", ExecutingCountry: "AL", IssuedOn: d("2024-04-01"), Status: crosscase.StatusIssued},
		}); err != nil {
			t.Fatal(err)
		}
		drift("instruments imported")
		if _, err := db.SweepMissedDeadlines(f.sys); err != nil {
			t.Fatal(err)
		}
		drift("limits missed")
		// Countries asked removed (ES) and added (FR) in c1, added (DE) in
		// c2, removed (FR) in c3.
		for _, u := range []struct {
			ctx   context.Context
			c     *crosscase.Case
			asked []string
		}{{it, c1, []string{"DE", "FR"}}, {it, c2, []string{"DE", "ES"}}, {al, c3, []string{"IT"}}} {
			if _, err := db.UpdateCase(u.ctx, u.c.ID, crosscase.CaseUpdate{Version: u.c.Version, AskedCountries: &u.asked}); err != nil {
				t.Fatalf("update %s: %v", u.c.Title, err)
			}
		}
		drift("countries asked changed")
		// A new issue date moves MLA-1 into 2025.
		list, err := db.FindInstruments(al, c3.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range list {
			if _, err := db.UpdateInstrument(al, in.ID, crosscase.InstrumentUpdate{Version: in.Version, IssuedOn: ptr(d("2025-02-01"))}); err != nil {
				t.Fatal(err)
			}
		}
		drift("issue date changed")
		// A case's dates changed alone keep its instruments where they are.
		cur, err := db.FindCaseByID(it, c2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCase(it, c2.ID, crosscase.CaseUpdate{Version: cur.Version, OpenedOn: ptr(d("2023-04-01"))}); err != nil {
			t.Fatal(err)
		}
		drift("case's opening date changed")
		// Migration 0043 fills the same rows from the instruments stored.
		if err := db.RefillDeskSummaries(f.sys); err != nil {
			t.Fatal(err)
		}
		drift("filled by migration 0043")

		instrumentsOf := func(ctx context.Context, from, to string) map[crosscase.InstrumentType][]int {
			t.Helper()
			r, err := db.ReportAsIs(ctx, d(from), d(to))
			if err != nil {
				t.Fatal(err)
			}
			out := map[crosscase.InstrumentType][]int{}
			for _, in := range r.Instruments {
				if in.Issued > 0 {
					out[in.Type] = []int{in.Issued, in.Met, in.Missed, in.Running}
				}
			}
			return out
		}
		for _, c := range []struct {
			name     string
			ctx      context.Context
			from, to string
			want     map[crosscase.InstrumentType][]int
		}{
			{"German desk, 2024", de, "2024-01-01", "2024-12-31", map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {1, 0, 1, 0}, crosscase.InstrumentEIO: {3, 2, 0, 1}}},
			{"German desk, to 10 March 2024", de, "2024-01-01", "2024-03-10", map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {1, 0, 1, 0}, crosscase.InstrumentEIO: {2, 2, 0, 0}}},
			{"Italian desk, 2024", it, "2024-01-01", "2024-12-31", map[crosscase.InstrumentType][]int{crosscase.InstrumentEAW: {1, 0, 1, 0}, crosscase.InstrumentEIO: {3, 2, 0, 1}}},
			{"Italian desk, 2025", it, "2025-01-01", "2025-12-31", map[crosscase.InstrumentType][]int{crosscase.InstrumentMLA: {1, 1, 0, 0}}},
			{"Albanian desk, 2024", al, "2024-01-01", "2024-12-31", map[crosscase.InstrumentType][]int{}},
			{"Albanian desk, 1 January to 15 February 2025", al, "2025-01-01", "2025-02-15", map[crosscase.InstrumentType][]int{crosscase.InstrumentMLA: {1, 1, 0, 0}}},
		} {
			if got := instrumentsOf(c.ctx, c.from, c.to); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: instruments %v, want %v", c.name, got, c.want)
			}
		}
	})
}

// TestDeskResultsFollowTheirCases checks desk_results, the copy of each
// result for every country of its case from which a desk's results are
// summed, against the results and their cases' countries as results are
// recorded, imported and deleted, a case's victims change and its
// countries asked are added and removed; and a desk's results in its
// report.
func TestDeskResultsFollowTheirCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		d := func(s string) crosscase.Date { return mustDate(t, s) }
		drift := func(when string) {
			t.Helper()
			if n, err := db.DeskResultDrift(f.sys); err != nil {
				t.Fatal(err)
			} else if n != 0 {
				t.Errorf("%s: %d rows of desk_results differ from the results by their cases' countries", when, n)
			}
		}
		mk := func(ctx context.Context, title string, victims int, asked ...string) *crosscase.Case {
			c := &crosscase.Case{Title: title, AskedCountries: asked, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: d("2023-05-01"), Victims: victims}
			if err := db.CreateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c1 := mk(it, "c1", 4, "DE")
		c2 := mk(de, "c2", 0, "AL")
		arrest := &crosscase.Result{CaseID: c1.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: d("2024-06-02"), Count: 3}
		seizure := &crosscase.Result{CaseID: c1.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: d("2024-06-03"), SeizureType: "cash", Quantity: 70000, Unit: "EUR", Measure: "seized", ValueEUR: 70000}
		for _, r := range []*crosscase.Result{arrest, seizure} {
			if err := db.CreateResult(it, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ImportActivity(f.sys, &crosscase.ActivityBundle{Results: []*crosscase.Result{
			{CaseID: c2.ID, Kind: crosscase.ResultArrest, Country: "DE", Date: d("2024-03-01"), Count: 2, DeskID: f.desks["DE"].ID},
		}}); err != nil {
			t.Fatal(err)
		}
		drift("results recorded and imported")
		if err := db.DeleteResult(it, 0, seizure.ID); err != nil {
			t.Fatal(err)
		}
		drift("result deleted")
		cur, err := db.FindCaseByID(it, c1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cur, err = db.UpdateCase(it, c1.ID, crosscase.CaseUpdate{Version: cur.Version, Victims: ptr(9)}); err != nil {
			t.Fatal(err)
		}
		drift("victims changed")
		type figures struct{ Arrests, Cases, Victims, YearArrests int64 }
		resultsOf := func(ctx context.Context) figures {
			t.Helper()
			r, err := db.ReportAsIs(ctx, d("2024-01-01"), d("2024-12-31"))
			if err != nil {
				t.Fatal(err)
			}
			return figures{r.Results.Arrests, r.Results.Cases, r.Results.Victims, r.Years[len(r.Years)-1].Arrests}
		}
		if got, want := resultsOf(de), (figures{5, 2, 9, 5}); got != want {
			t.Errorf("German desk's results %+v, want %+v", got, want)
		}
		// Germany no longer asked in c1, Albania asked instead.
		asked := []string{"AL"}
		if _, err := db.UpdateCase(it, c1.ID, crosscase.CaseUpdate{Version: cur.Version, AskedCountries: &asked}); err != nil {
			t.Fatal(err)
		}
		drift("countries asked changed")
		if got, want := resultsOf(de), (figures{2, 1, 0, 2}); got != want {
			t.Errorf("German desk's results once not asked in c1 %+v, want %+v", got, want)
		}
		if got, want := resultsOf(f.as(t, "al.desk_member")), (figures{5, 2, 9, 5}); got != want {
			t.Errorf("Albanian desk's results once asked in c1 %+v, want %+v", got, want)
		}
		if err := db.RefillDeskSummaries(f.sys); err != nil {
			t.Fatal(err)
		}
		drift("filled by migration 0043")
	})
}

// TestDeskInstrumentsUnderConcurrentWrites changes a case's countries
// asked and the issue date of one of its instruments at the same time, over
// and over: the desks' summary still equals the count of the instruments
// by their case's countries (on PostgreSQL the instrument's write waits
// for the case's, or the case's for it).
func TestDeskInstrumentsUnderConcurrentWrites(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
		it := f.as(t, "it.desk_member")
		d := func(s string) crosscase.Date { return mustDate(t, s) }
		c := &crosscase.Case{Title: "c1", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: d("2023-05-01")}
		if err := db.CreateCase(it, c); err != nil {
			t.Fatal(err)
		}
		in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: d("2024-02-10"), Status: crosscase.StatusIssued}
		if err := db.ImportInstruments(f.sys, []*crosscase.Instrument{in}); err != nil {
			t.Fatal(err)
		}
		const rounds = 15
		errs := make(chan error, 2)
		go func() {
			for i := range rounds {
				asked := []string{"DE"}
				if i%2 == 0 {
					asked = append(asked, "FR", "ES")
				}
				for {
					cur, err := db.FindCaseByID(it, c.ID)
					if err != nil {
						errs <- err
						return
					}
					if _, err = db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: cur.Version, AskedCountries: &asked}); crosscase.ErrorCode(err) == crosscase.ECONFLICT {
						continue
					} else if err != nil {
						errs <- err
						return
					}
					break
				}
			}
			errs <- nil
		}()
		go func() {
			for i := range rounds {
				issued := d("2024-02-10").AddDays(25 * (i + 1))
				for {
					list, err := db.FindInstruments(it, c.ID)
					if err != nil {
						errs <- err
						return
					}
					if _, err = db.UpdateInstrument(it, list[0].ID, crosscase.InstrumentUpdate{Version: list[0].Version, IssuedOn: &issued}); crosscase.ErrorCode(err) == crosscase.ECONFLICT {
						continue
					} else if err != nil {
						errs <- err
						return
					}
					break
				}
			}
			errs <- nil
		}()
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.DeskInstrumentDrift(f.sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 0 {
			t.Errorf("the desks' summary of instruments differs from their count (desk type|outcome month: summary≠count):\n%s", strings.Join(got, "\n"))
		}
	})
}
