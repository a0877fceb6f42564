package sqldb_test

import (
	"math"
	"strings"
	"sync"
	"time"
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

// TestInstrumentPartnerDataRule: a user of a desk of a third country
// with only a working arrangement (KR) reads instruments without their
// personal data; an instrument naming a person cannot go to such a
// country; a read by a country with a cooperation agreement (AL) is
// audited as a transfer.
func TestInstrumentPartnerDataRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return instrumentNow }
		f := newFixture(t, db)
		kr := &crosscase.Desk{CountryCode: "KR", Kind: crosscase.DeskLiaison, Name: "Liaison KR"}
		if err := db.CreateDesk(f.sys, kr); err != nil {
			t.Fatal(err)
		}
		f.user(t, "kr.liaison", crosscase.RoleLiaison, kr.ID)
		it, de, krCtx, al, admin := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "kr.liaison"), f.as(t, "al.liaison_prosecutor"), f.as(t, "it.administrator")
		c := f.newCase(t, it, "DE", "KR", "AL")
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-2025-18", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: e.ID, IssuedOn: mustDate(t, "2025-03-01")}
		if err := db.CreateInstrument(it, in); err != nil {
			t.Fatal(err)
		}
		in = arrested(t, f, in, "2025-05-20")
		if _, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 10, Reason: "The person is in hospital"}); err != nil {
			t.Fatal(err)
		}
		// KR reads the instrument: no person, no arrest date, no reasons,
		// no clock that would give the arrest date away.
		got, err := db.FindInstrumentByID(krCtx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.FindInstruments(krCtx, c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("list %v %v", list, err)
		}
		for _, g := range []*crosscase.Instrument{got, list[0]} {
			if g.EntityID != 0 || !g.ArrestOn.IsZero() || g.Extensions[0].Reason != "" || len(g.Withheld) == 0 || g.Withheld[0] != "entity_id" {
				t.Fatalf("KR read personal data: %+v", g)
			}
			for _, cl := range g.Clocks {
				if cl.Kind == crosscase.ClockEAWDecision {
					t.Fatalf("KR read the decision clock %+v", cl)
				}
			}
			if g.Reference != in.Reference || g.IssuedOn != in.IssuedOn {
				t.Fatalf("KR lost the non-personal fields: %+v", g)
			}
		}
		// The issuing desk still reads everything.
		if g, _ := db.FindInstrumentByID(it, in.ID); g.EntityID != e.ID || g.ArrestOn.IsZero() || len(g.Withheld) != 0 {
			t.Fatalf("IT read %+v", g)
		}
		// AL (cooperation agreement) reads it all, audited as a transfer.
		if g, err := db.FindInstrumentByID(al, in.ID); err != nil || g.EntityID != e.ID {
			t.Fatalf("AL read %+v, %v", g, err)
		}
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionTransfer, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, en := range entries {
			found = found || en.Detail == "to=AL what=instrument" && en.ObjectID == in.ID
		}
		if !found {
			t.Fatalf("no transfer audited: %+v", entries)
		}
		// An extradition to KR naming the person is refused, naming the rule.
		ex := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentExtradition, Reference: "EXT-IT-1", IssuingCountry: "IT", ExecutingCountry: "KR",
			EntityID: e.ID, IssuedOn: mustDate(t, "2025-04-01")}
		err = db.CreateInstrument(it, ex)
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "entity_id" || !strings.Contains(crosscase.ErrorMessage(err), "Art. 56") {
			t.Fatalf("refusal %v", err)
		}
		// Without the person it may be recorded; linking the person later is refused.
		ex.EntityID = 0
		if err := db.CreateInstrument(it, ex); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateInstrument(it, ex.ID, crosscase.InstrumentUpdate{Version: ex.Version, EntityID: &e.ID})
		wantCode(t, err, crosscase.EFORBIDDEN)
		if g, _ := db.FindInstrumentByID(it, ex.ID); g.EntityID != 0 || g.Version != ex.Version {
			t.Fatalf("changed by a refused update: %+v", g)
		}
	})
}
