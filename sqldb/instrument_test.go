package sqldb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// instrumentNow is the fixed "now" of the instrument tests.
var instrumentNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// eawFixture is a case of IT asked to AL and DE, with a suspect, and an
// EAW issued by IT to DE for that suspect.
func eawFixture(t *testing.T, db *sqldb.DB) (*fixture, *crosscase.Case, *crosscase.Instrument) {
	t.Helper()
	db.Now = func() time.Time { return instrumentNow }
	f := newFixture(t, db)
	it := f.as(t, "it.desk_member")
	c := f.newCase(t, it, "AL", "DE")
	e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
	if err := db.CreateEntity(it, e); err != nil {
		t.Fatal(err)
	}
	in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-2025-17", IssuingCountry: "IT", ExecutingCountry: "DE",
		EntityID: e.ID, IssuedOn: mustDate(t, "2025-03-01")}
	if err := db.CreateInstrument(it, in); err != nil {
		t.Fatal(err)
	}
	return f, c, in
}

func TestInstrumentLifecycle(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, in := eawFixture(t, db)
		it, de, al := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "al.liaison_prosecutor")
		if in.ID == 0 || in.Status != crosscase.StatusIssued || in.Version != 1 {
			t.Fatalf("created %+v", in)
		}
		// The executing desk (DE, asked) records receipt and arrest.
		arrest := mustDate(t, "2025-05-20")
		st := crosscase.StatusArrested
		got, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 1, ReceivedOn: ptr(mustDate(t, "2025-03-02")), ArrestOn: &arrest, Status: &st})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != st || got.Version != 2 {
			t.Fatalf("updated %+v", got)
		}
		// Art. 17(3): decision within 60 days of the arrest.
		if c := clockOf(got, crosscase.ClockEAWDecision); c.Due.String() != "2025-07-19" || c.State != crosscase.ClockRunning {
			t.Fatalf("decision clock %+v", c)
		}
		// The executing desk may not change the issuing side.
		ref := "changed"
		_, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 2, Reference: &ref})
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "reference" {
			t.Errorf("field %q", crosscase.ErrorField(err))
		}
		// A desk asked in the case but not executing reads, never writes.
		if _, err := db.FindInstrumentByID(al, in.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateInstrument(al, in.ID, crosscase.InstrumentUpdate{Version: 2, DecisionOn: ptr(mustDate(t, "2025-05-25"))})
		wantCode(t, err, crosscase.EFORBIDDEN)
		// Back in the machine: refused, naming status, nothing changed.
		back := crosscase.StatusReceived
		_, err = db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: 2, Status: &back})
		wantCode(t, err, crosscase.EINVALID)
		if crosscase.ErrorField(err) != "status" {
			t.Errorf("field %q", crosscase.ErrorField(err))
		}
		// Impossible date order: decision before the arrest.
		_, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 2, DecisionOn: ptr(mustDate(t, "2025-05-01"))})
		if crosscase.ErrorField(err) != "decision_on" {
			t.Fatalf("decision before arrest: %v", err)
		}
		// Extensions: reason required, at most 30 days in all (Art. 17(4)).
		_, err = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 30, Reason: "  "})
		if crosscase.ErrorField(err) != "reason" {
			t.Fatalf("extension without reason: %v", err)
		}
		_, err = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 31, Reason: "Hearing postponed"})
		if crosscase.ErrorField(err) != "days" {
			t.Fatalf("extension of 31 days: %v", err)
		}
		_, err = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWSurrender, Days: 5, Reason: "x"})
		if crosscase.ErrorField(err) != "clock" {
			t.Fatalf("extension of the surrender clock: %v", err)
		}
		got, err = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Hearing postponed at the defence's request"})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockEAWDecision); c.Due.String() != "2025-08-08" || c.ExtendedDays != 20 {
			t.Fatalf("extended clock %+v", c)
		}
		_, err = db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 11, Reason: "More"})
		if crosscase.ErrorField(err) != "days" {
			t.Fatalf("extension beyond 30 days in all: %v", err)
		}
		// The issuing desk was told of the extension.
		ns, err := db.FindNotifications(it, false, 10)
		if err != nil || len(ns) == 0 || ns[0].Kind != crosscase.NotifyDeadlineExtended {
			t.Fatalf("IT notifications %+v, %v", ns, err)
		}
		// The deadlines view of DE and IT shows the clock; AL is no party.
		for _, who := range []context.Context{de, it} {
			dl, err := db.FindDeadlines(who, crosscase.DeadlineFilter{Days: 90})
			if err != nil {
				t.Fatal(err)
			}
			if len(dl.DueSoon) != 1 || dl.DueSoon[0].InstrumentID != in.ID || dl.DueSoon[0].Due.String() != "2025-08-08" || dl.DueSoon[0].CaseReference != c.Reference {
				t.Fatalf("deadlines %+v", dl.DueSoon)
			}
		}
		dl, err := db.FindDeadlines(al, crosscase.DeadlineFilter{Days: 90})
		if err != nil || len(dl.DueSoon)+len(dl.Overdue) != 0 {
			t.Fatalf("AL deadlines %+v, %v", dl, err)
		}
		// Within 7 days: not yet; filtered by another type: none.
		if dl, _ := db.FindDeadlines(de, crosscase.DeadlineFilter{}); len(dl.DueSoon) != 0 {
			t.Fatalf("due within 7 days: %+v", dl.DueSoon)
		}
		if dl, _ := db.FindDeadlines(de, crosscase.DeadlineFilter{Type: crosscase.InstrumentEIO, Days: 90}); len(dl.DueSoon) != 0 {
			t.Fatalf("EIO filter: %+v", dl.DueSoon)
		}
		// The decision met, the surrender clock runs (Art. 23(2)).
		ord := crosscase.StatusSurrenderOrdered
		got, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: got.Version, DecisionOn: ptr(mustDate(t, "2025-05-30")), Status: &ord})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockEAWSurrender); c.Due.String() != "2025-06-09" || c.State != crosscase.ClockRunning {
			t.Fatalf("surrender clock %+v", c)
		}
		dl, _ = db.FindDeadlines(de, crosscase.DeadlineFilter{Days: 10})
		if len(dl.DueSoon) != 1 || dl.DueSoon[0].Clock != crosscase.ClockEAWSurrender {
			t.Fatalf("deadlines after the decision %+v", dl.DueSoon)
		}
		list, err := db.FindInstruments(it, c.ID)
		if err != nil || len(list) != 1 || len(list[0].Extensions) != 1 {
			t.Fatalf("list %+v, %v", list, err)
		}
	})
}

func TestInstrumentNeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, in := eawFixture(t, db)
		it := f.as(t, "it.desk_member")
		// A case of IT asked only to AL: DE may not see it nor its instruments.
		other := f.newCase(t, it, "AL")
		in2 := &crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-1", IssuingCountry: "IT", ExecutingCountry: "AL",
			IssuedOn: mustDate(t, "2025-05-01"), ReceivedOn: mustDate(t, "2025-05-02"), Status: crosscase.StatusReceived}
		if err := db.CreateInstrument(it, in2); err != nil {
			t.Fatal(err)
		}
		de := f.as(t, "de.desk_member")
		_, err := db.FindInstrumentByID(de, in2.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.FindInstrumentByID(de, 999999)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.FindInstruments(de, other.ID)
		wantCode(t, err, crosscase.ENOTFOUND)
		_, err = db.UpdateInstrument(de, in2.ID, crosscase.InstrumentUpdate{Version: 1})
		wantCode(t, err, crosscase.ENOTFOUND)
		// Only the owner creates.
		_, err = db.FindInstrumentByID(f.as(t, "de.analyst"), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = db.CreateInstrument(de, &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentMLA, Reference: "x", IssuingCountry: "DE", ExecutingCountry: "IT", IssuedOn: mustDate(t, "2025-05-01")})
		wantCode(t, err, crosscase.EFORBIDDEN)
		// Bad references name their field.
		bad := []struct {
			field string
			in    crosscase.Instrument
		}{
			{"executing_country", crosscase.Instrument{ExecutingCountry: "FR"}},
			{"issuing_country", crosscase.Instrument{IssuingCountry: "XX"}},
			{"entity_id", crosscase.Instrument{EntityID: 987654}},
			{"executing_authority_id", crosscase.Instrument{ExecutingAuthorityID: 987654}},
			{"received_on", crosscase.Instrument{ReceivedOn: mustDate(t, "2025-04-01")}},
			{"type", crosscase.Instrument{Type: "warrant"}},
			{"status", crosscase.Instrument{Status: crosscase.StatusExecuted}},
		}
		for _, b := range bad {
			x := crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-2", IssuingCountry: "IT", ExecutingCountry: "AL", IssuedOn: mustDate(t, "2025-05-01")}
			if b.in.ExecutingCountry != "" {
				x.ExecutingCountry = b.in.ExecutingCountry
			}
			if b.in.IssuingCountry != "" {
				x.IssuingCountry = b.in.IssuingCountry
			}
			if b.in.Type != "" {
				x.Type = b.in.Type
			}
			x.EntityID, x.ExecutingAuthorityID, x.ReceivedOn, x.Status = b.in.EntityID, b.in.ExecutingAuthorityID, b.in.ReceivedOn, b.in.Status
			if b.field == "status" {
				x.Type = crosscase.InstrumentEAW
			}
			err := db.CreateInstrument(it, &x)
			if crosscase.ErrorField(err) != b.field {
				t.Errorf("%s: got %v", b.field, err)
			}
		}
		// The entity of the first case is not an entity of the other.
		err = db.CreateInstrument(it, &crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentEIO, Reference: "E", IssuingCountry: "IT", ExecutingCountry: "AL",
			IssuedOn: mustDate(t, "2025-05-01"), EntityID: in.EntityID})
		if crosscase.ErrorField(err) != "entity_id" {
			t.Fatalf("entity of another case: %v", err)
		}
		list, err := db.FindInstruments(it, other.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("nothing else created: %d, %v", len(list), err)
		}
	})
}

func TestSweepMissedDeadlines(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de, it := f.as(t, "de.desk_member"), f.as(t, "it.desk_member")
		st := crosscase.StatusArrested
		// Arrested on 1 April: the decision is due on 31 May (Art. 17(3)).
		if _, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 1, ArrestOn: ptr(mustDate(t, "2025-04-01")), Status: &st}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SweepMissedDeadlines(de); crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
			t.Fatalf("a user sweeps: %v", err)
		}
		// At 23:59 on 31 May nothing is missed yet.
		db.Now = func() time.Time { return time.Date(2025, 5, 31, 23, 59, 0, 0, time.UTC) }
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 0 {
			t.Fatalf("sweep before the limit: %d, %v", n, err)
		}
		db.Now = func() time.Time { return instrumentNow }
		// Several processes sweep at once: one breach, one set of notices.
		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i := range counts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := db.SweepMissedDeadlines(f.sys)
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			}()
		}
		wg.Wait()
		if total := counts[0] + counts[1] + counts[2] + counts[3]; total != 1 {
			t.Fatalf("breaches recorded %v, want 1 in all", counts)
		}
		if n, _ := db.SweepMissedDeadlines(f.sys); n != 0 {
			t.Fatalf("second sweep recorded %d", n)
		}
		for _, who := range []context.Context{de, it} {
			ns, err := db.FindNotifications(who, true, 10)
			if err != nil {
				t.Fatal(err)
			}
			missed := 0
			for _, n := range ns {
				if n.Kind == crosscase.NotifyDeadlineMiss && n.ObjectID == in.ID {
					missed++
				}
			}
			if missed != 1 {
				t.Fatalf("deadline-missed notices %d: %+v", missed, ns)
			}
		}
		// The deadlines view marks it; the executing desk records the reasons.
		dl, err := db.FindDeadlines(de, crosscase.DeadlineFilter{})
		if err != nil || len(dl.Overdue) != 1 || !dl.Overdue[0].Missed || !dl.Overdue[0].Overdue {
			t.Fatalf("overdue %+v, %v", dl, err)
		}
		_, err = db.RecordDelayReasons(de, in.ID, 2, crosscase.ClockEAWDecision, "")
		if crosscase.ErrorField(err) != "reasons" {
			t.Fatalf("empty reasons: %v", err)
		}
		_, err = db.RecordDelayReasons(f.as(t, "al.liaison_prosecutor"), in.ID, 2, crosscase.ClockEAWDecision, "x")
		wantCode(t, err, crosscase.EFORBIDDEN)
		got, err := db.RecordDelayReasons(de, in.ID, 2, crosscase.ClockEAWDecision, "The court's hearing was postponed twice because of the person's illness.")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Breaches) != 1 || got.Breaches[0].Reasons == "" || got.Breaches[0].Clock != crosscase.ClockEAWDecision {
			t.Fatalf("breaches %+v", got.Breaches)
		}
		// Rewriting the instrument keeps the mark.
		got, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ReceivedOn: ptr(mustDate(t, "2025-03-03"))})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Breaches) != 1 {
			t.Fatalf("breaches after a rewrite %+v", got.Breaches)
		}
		if n, _ := db.SweepMissedDeadlines(f.sys); n != 0 {
			t.Fatalf("sweep after a rewrite recorded %d", n)
		}
	})
}

func TestCalendarTokens(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de := f.as(t, "de.desk_member")
		st := crosscase.StatusArrested
		if _, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 1, ArrestOn: ptr(mustDate(t, "2025-05-20")), Status: &st}); err != nil {
			t.Fatal(err)
		}
		tok, plain, err := db.CreateCalendarToken(de)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.CalendarDeadlines(context.Background(), plain)
		if err != nil || len(list) != 1 || list[0].Reference != "EAW-IT-2025-17" {
			t.Fatalf("feed %+v, %v", list, err)
		}
		if _, err := db.CalendarDeadlines(context.Background(), plain+"x"); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("bad token: %v", err)
		}
		if _, _, err := db.CreateCalendarToken(f.as(t, "de.statistics")); crosscase.ErrorCode(err) != crosscase.EFORBIDDEN {
			t.Fatalf("statistics token: %v", err)
		}
		wantCode(t, db.RevokeCalendarToken(f.as(t, "it.desk_member"), tok.ID), crosscase.ENOTFOUND)
		if err := db.RevokeCalendarToken(de, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CalendarDeadlines(context.Background(), plain); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("revoked token: %v", err)
		}
		toks, err := db.ListCalendarTokens(de)
		if err != nil || len(toks) != 1 || toks[0].RevokedAt == nil {
			t.Fatalf("tokens %+v, %v", toks, err)
		}
	})
}

func clockOf(in *crosscase.Instrument, k crosscase.ClockKind) crosscase.Clock {
	for _, c := range in.Clocks {
		if c.Kind == k {
			return c
		}
	}
	return crosscase.Clock{}
}

func ptr[T any](v T) *T { return &v }
