package sqldb_test

import (
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestReportYearsUnderWay: the table of years counts the year under way
// to the end of last month for the readers of whole months that are over
// (crosscase.YearsEnd), as their periods do, so that asked again the next
// day it does not give that day's cases, meetings, arrests and JITs; the
// desk's own users count it to the day.
func TestReportYearsUnderWay(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		db.Now = func() time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC) }
		it := f.as(t, "it.desk_member")
		for _, opened := range []string{"2025-03-01", "2025-06-10"} {
			c := &crosscase.Case{Title: "Opened " + opened, AskedCountries: []string{"DE"}, CrimeTypes: []string{"cybercrime"}, OpenedOn: mustDate(t, opened)}
			if err := db.CreateCase(it, c); err != nil {
				t.Fatal(err)
			}
			on := mustDate(t, opened).AddDays(2)
			if err := db.CreateMeeting(it, &crosscase.Meeting{CaseID: c.ID, StartsAt: time.Date(on.Year, on.Month, on.Day, 9, 0, 0, 0, time.UTC), Agenda: "Coordination"}); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateResult(it, &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "IT", Date: on, Count: 2}); err != nil {
				t.Fatal(err)
			}
		}
		for _, signed := range []string{"2025-02-01", "2025-06-05"} {
			j := &crosscase.JIT{Name: "JIT " + signed, SignedOn: mustDate(t, signed), DurationMonths: 12, Parties: []crosscase.JITParty{{CountryCode: "IT", AuthorityIDs: []int64{f.auth["IT"].ID}}, {CountryCode: "DE", AuthorityIDs: []int64{f.auth["DE"].ID}}}}
			if err := db.CreateJIT(it, j); err != nil {
				t.Fatal(err)
			}
		}
		from, to := mustDate(t, "2025-01-01"), mustDate(t, "2025-05-31")
		for _, c := range []struct {
			who  string
			want crosscase.YearFigure
		}{
			{"it.statistics", crosscase.YearFigure{Year: 2025, Handled: 1, New: 1, Meetings: 1, JITsSupported: 1, Arrests: 2}},
			{"it.administrator", crosscase.YearFigure{Year: 2025, Handled: 1, New: 1, Meetings: 1, JITsSupported: 1, Arrests: 2}},
			{"it.desk_member", crosscase.YearFigure{Year: 2025, Handled: 2, New: 2, Meetings: 2, JITsSupported: 2, Arrests: 4}},
		} {
			r, err := db.Report(f.as(t, c.who), from, to)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Years[len(r.Years)-1]; got != c.want {
				t.Errorf("%s: the year under way reads %+v, want %+v", c.who, got, c.want)
			}
		}
	})
}
