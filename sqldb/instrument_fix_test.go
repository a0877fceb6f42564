package sqldb_test

import (
	"math"
	"sync"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// arrested records the arrest of fixture instrument in on date on by the
// executing desk and returns the instrument.
func arrested(t *testing.T, f *fixture, in *crosscase.Instrument, on string) *crosscase.Instrument {
	t.Helper()
	st := crosscase.StatusArrested
	got, err := f.db.UpdateInstrument(f.as(t, "de.desk_member"), in.ID, crosscase.InstrumentUpdate{Version: in.Version, ArrestOn: ptr(mustDate(t, on)), Status: &st})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestExtensionCapOverflow: a huge number of days cannot wrap the sum
// past the 30-day cap (FD 2002/584/JHA Art. 17(4)), and an import checks
// the extensions of a clock in all.
func TestExtensionCapOverflow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, in := eawFixture(t, db)
		de := f.as(t, "de.desk_member")
		in = arrested(t, f, in, "2025-05-20")
		got, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Hearing postponed"})
		if err != nil {
			t.Fatal(err)
		}
		for _, days := range []int{math.MaxInt - 5, math.MaxInt, 11, 0, -1, math.MinInt} {
			_, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: days, Reason: "More"})
			wantCode(t, err, crosscase.EINVALID)
			if crosscase.ErrorField(err) != "days" {
				t.Fatalf("days %d: field %q", days, crosscase.ErrorField(err))
			}
		}
		now, _ := db.FindInstrumentByID(de, in.ID)
		if now.Version != got.Version || len(now.Extensions) != 1 || clockOf(now, crosscase.ClockEAWDecision).ExtendedDays != 20 {
			t.Fatalf("changed by refused extensions: %+v", now.Extensions)
		}
		// Import: two extensions of 20 days each break the cap in all.
		bad := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IMPORT-1", IssuingCountry: "IT", ExecutingCountry: "DE",
			Status: crosscase.StatusArrested, IssuedOn: mustDate(t, "2025-03-01"), ArrestOn: mustDate(t, "2025-05-01"),
			Extensions: []*crosscase.Extension{{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "a"}, {Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "b"}}}
		if err := db.ImportInstruments(f.sys, []*crosscase.Instrument{bad}); crosscase.ErrorCode(err) != crosscase.EINVALID {
			t.Fatalf("import of 40 days of extension: %v", err)
		}
		list, _ := db.FindInstruments(f.as(t, "it.desk_member"), c.ID)
		if len(list) != 1 {
			t.Fatalf("instruments after a refused import: %d", len(list))
		}
	})
}

// TestConcurrentExtensions: parallel extensions of one clock never grant
// more than the 30 days of FD 2002/584/JHA Art. 17(4) in all, and each
// write raises the version once.
func TestConcurrentExtensions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de := f.as(t, "de.desk_member")
		in = arrested(t, f, in, "2025-05-20")
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 10, Reason: "Hearing postponed"})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch crosscase.ErrorCode(err) {
			case "":
				ok++
			case crosscase.EINVALID, crosscase.ECONFLICT:
			default:
				t.Fatalf("unexpected error %v", err)
			}
		}
		got, err := db.FindInstrumentByID(de, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, e := range got.Extensions {
			total += e.Days
		}
		if total > 30 || total != ok*10 || got.Version != in.Version+ok {
			t.Fatalf("granted %d days in %d extensions (%d succeeded), version %d from %d", total, len(got.Extensions), ok, got.Version, in.Version)
		}
	})
}
