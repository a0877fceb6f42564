package sqldb_test

import (
	"context"
	"fmt"
	"math"
	"strings"
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
		in2 := &crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentMLA, Reference: "MLA-1", IssuingCountry: "IT", ExecutingCountry: "AL",
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
			x := crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentMLA, Reference: "MLA-2", IssuingCountry: "IT", ExecutingCountry: "AL", IssuedOn: mustDate(t, "2025-05-01")}
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
				x.Type = crosscase.InstrumentExtradition
			}
			err := db.CreateInstrument(it, &x)
			if crosscase.ErrorField(err) != b.field {
				t.Errorf("%s: got %v", b.field, err)
			}
		}
		// The entity of the first case is not an entity of the other.
		err = db.CreateInstrument(it, &crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentMLA, Reference: "E", IssuingCountry: "IT", ExecutingCountry: "AL",
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

// TestInstrumentScope: the store refuses a type between countries it
// does not run between (crosscase.CheckInstrumentScope) on create, on a
// change of country and on import, naming the field, and stores nothing.
func TestInstrumentScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return instrumentNow }
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "AL", "DE", "DK", "NO", "GB")
		issued := mustDate(t, "2025-05-01")
		count := func() int {
			t.Helper()
			list, err := db.FindInstruments(it, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		for _, b := range []struct {
			typ            crosscase.InstrumentType
			from, to       string
			field, instead string
		}{
			{crosscase.InstrumentEAW, "IT", "AL", "executing_country", "use an extradition request (extradition)."},
			{crosscase.InstrumentEAW, "AL", "IT", "issuing_country", "use an extradition request (extradition)."},
			{crosscase.InstrumentEAW, "IT", "NO", "executing_country", "use a surrender under the EU–Norway/Iceland Surrender Agreement (surrender_no_is)."},
			{crosscase.InstrumentEAW, "GB", "IT", "issuing_country", "use a surrender under the Trade and Cooperation Agreement (surrender_uk)."},
			{crosscase.InstrumentEIO, "IT", "DK", "executing_country", "use a mutual legal assistance request (mla)."},
			{crosscase.InstrumentFreezing, "DK", "IT", "issuing_country", "use a mutual legal assistance request (mla)."},
			{crosscase.InstrumentConfiscation, "IT", "AL", "executing_country", "use a mutual legal assistance request (mla)."},
			{crosscase.InstrumentExtradition, "IT", "DE", "executing_country", "use a European Arrest Warrant (eaw)."},
			{crosscase.InstrumentExtradition, "IT", "GB", "executing_country", "use a surrender under that agreement (surrender_uk)."},
		} {
			err := db.CreateInstrument(it, &crosscase.Instrument{CaseID: c.ID, Type: b.typ, Reference: "BAD", IssuingCountry: b.from, ExecutingCountry: b.to, IssuedOn: issued})
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != b.field || !strings.Contains(crosscase.ErrorMessage(err), b.instead) {
				t.Errorf("%s %s→%s: %v, want %s naming %q", b.typ, b.from, b.to, err, b.field, b.instead)
			}
		}
		if n := count(); n != 0 {
			t.Fatalf("%d instruments stored after refusals", n)
		}
		// The lawful pairs.
		ok := map[string]*crosscase.Instrument{}
		for _, p := range []struct {
			typ      crosscase.InstrumentType
			from, to string
		}{
			{crosscase.InstrumentEAW, "IT", "DK"}, {crosscase.InstrumentEIO, "IT", "DE"}, {crosscase.InstrumentFreezing, "DE", "IT"},
			{crosscase.InstrumentConfiscation, "IT", "DE"}, {crosscase.InstrumentMLA, "IT", "DK"}, {crosscase.InstrumentMLA, "IT", "AL"},
			{crosscase.InstrumentExtradition, "IT", "AL"}, {crosscase.InstrumentTransfer, "IT", "NO"},
		} {
			in := &crosscase.Instrument{CaseID: c.ID, Type: p.typ, Reference: string(p.typ) + " " + p.from + "-" + p.to, IssuingCountry: p.from, ExecutingCountry: p.to, IssuedOn: issued}
			if err := db.CreateInstrument(it, in); err != nil {
				t.Fatalf("%s %s→%s: %v", p.typ, p.from, p.to, err)
			}
			ok[string(p.typ)] = in
		}
		// Moving a country out of the scope is refused and changes nothing;
		// within it, it is stored.
		eaw := ok["eaw"]
		_, err := db.UpdateInstrument(it, eaw.ID, crosscase.InstrumentUpdate{Version: 1, ExecutingCountry: ptr("AL")})
		if crosscase.ErrorField(err) != "executing_country" {
			t.Fatalf("EAW moved to AL: %v", err)
		}
		_, err = db.UpdateInstrument(it, ok["eio"].ID, crosscase.InstrumentUpdate{Version: 1, IssuingCountry: ptr("DK"), ExecutingCountry: ptr("DE")})
		if crosscase.ErrorField(err) != "issuing_country" {
			t.Fatalf("EIO issued by DK: %v", err)
		}
		if got, err := db.FindInstrumentByID(it, eaw.ID); err != nil || got.ExecutingCountry != "DK" || got.Version != 1 {
			t.Fatalf("after the refusal: %+v, %v", got, err)
		}
		if got, err := db.UpdateInstrument(it, eaw.ID, crosscase.InstrumentUpdate{Version: 1, ExecutingCountry: ptr("DE")}); err != nil || got.ExecutingCountry != "DE" {
			t.Fatalf("EAW moved to DE: %+v, %v", got, err)
		}
		// An instrument stored before the check still records its dates:
		// only a change of country is checked.
		if _, err := db.SQL().Exec(fmt.Sprintf(`UPDATE instruments SET executing_country = 'AL' WHERE id = %d`, ok["confiscation"].ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateInstrument(it, ok["confiscation"].ID, crosscase.InstrumentUpdate{Version: 1, Reference: ptr("CNF renamed")}); err != nil {
			t.Fatalf("an old instrument outside the scope: %v", err)
		}
		// One instrument out of scope refuses the whole import.
		before := count()
		err = db.ImportInstruments(f.sys, []*crosscase.Instrument{
			{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: "IMP-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: issued},
			{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: "IMP-2", IssuingCountry: "IT", ExecutingCountry: "NO", IssuedOn: issued},
		})
		if crosscase.ErrorField(err) != "executing_country" || !strings.Contains(err.Error(), "IMP-2") {
			t.Fatalf("import: %v", err)
		}
		if n := count(); n != before {
			t.Fatalf("import stored %d instruments of a refused batch", n-before)
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
		// Each entry about the feed address names whose it is: its making,
		// its revocation and a refused poll with it.
		owner := fmt.Sprintf("owner_id=%d owner=%s", f.users["de.desk_member"].ID, f.users["de.desk_member"].Name)
		for _, action := range []string{crosscase.ActionCreate, crosscase.ActionRevoke, crosscase.ActionRefuse} {
			entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{Action: action, ObjectType: "calendar_token", Limit: 10})
			if err != nil || len(entries) == 0 {
				t.Fatalf("%s entries of the calendar token: %v, %v", action, entries, err)
			}
			if e := entries[0]; e.ObjectID != tok.ID || !strings.Contains(e.Detail, owner) {
				t.Errorf("%s entry of calendar token %d: object %d, detail %q, want it to name %s", action, tok.ID, e.ObjectID, e.Detail, owner)
			}
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

// notices counts the notifications of kind about instrument id of ctx's desk.
func notices(t *testing.T, db *sqldb.DB, ctx context.Context, kind string, id int64) int {
	t.Helper()
	ns, err := db.FindNotifications(ctx, false, 200)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range ns {
		if x.Kind == kind && x.ObjectID == id {
			n++
		}
	}
	return n
}

// at sets the store's clock.
func at(db *sqldb.DB, s string) {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	db.Now = func() time.Time { return tm }
}

// TestSurrenderLimitRelease: a missed decision limit is an Art. 17(7)
// breach; a missed surrender limit is a release alert (FD 2002/584/JHA
// Art. 23(5)), never an Art. 17(7) notice; a new date agreed under
// Art. 23(3) starts a new 10-day limit, and its miss is recorded too.
func TestSurrenderLimitRelease(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de, it := f.as(t, "de.desk_member"), f.as(t, "it.desk_member")
		at(db, "2025-05-20T12:00:00Z")
		in = arrested(t, f, in, "2025-05-01")
		ord := crosscase.StatusSurrenderOrdered
		in, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: in.Version, DecisionOn: ptr(mustDate(t, "2025-05-20")), Status: &ord})
		if err != nil {
			t.Fatal(err)
		}
		// Surrender due on 30 May; on 1 June it is missed.
		at(db, "2025-06-01T12:00:00Z")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep %d, %v", n, err)
		}
		got, _ := db.FindInstrumentByID(it, in.ID)
		if len(got.Breaches) != 1 || got.Breaches[0].Kind != crosscase.BreachRelease || got.Breaches[0].Clock != crosscase.ClockEAWSurrender {
			t.Fatalf("breaches %+v", got.Breaches)
		}
		if notices(t, db, it, crosscase.NotifyDeadlineMiss, in.ID) != 0 || notices(t, db, it, crosscase.NotifyRelease, in.ID) != 1 {
			t.Fatal("the missed surrender limit was told as Art. 17(7), or not as a release alert")
		}
		// The authorities agree a new date (force majeure): new 10-day limit.
		req := crosscase.SurrenderDateRequest{Version: got.Version, AgreedOn: mustDate(t, "2025-06-02"), Ground: "weather", Reason: "Airport closed"}
		_, err = db.AgreeSurrenderDate(de, in.ID, req)
		if crosscase.ErrorField(err) != "ground" {
			t.Fatalf("bad ground: %v", err)
		}
		req.Ground, req.Reason = crosscase.GroundForceMajeure, " "
		_, err = db.AgreeSurrenderDate(de, in.ID, req)
		if crosscase.ErrorField(err) != "reason" {
			t.Fatalf("no reason: %v", err)
		}
		req.Reason = "Airport closed by a strike"
		_, err = db.AgreeSurrenderDate(f.as(t, "al.desk_member"), in.ID, req)
		wantCode(t, err, crosscase.EFORBIDDEN)
		got, err = db.AgreeSurrenderDate(de, in.ID, req)
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockEAWSurrender); c.Due.String() != "2025-06-12" || c.State != crosscase.ClockRunning {
			t.Fatalf("surrender clock after the new date %+v", c)
		}
		// The new limit is missed too: a second release alert.
		at(db, "2025-06-14T12:00:00Z")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("second sweep %d, %v", n, err)
		}
		got, _ = db.FindInstrumentByID(it, in.ID)
		if len(got.Breaches) != 2 || got.Breaches[1].Kind != crosscase.BreachRelease || notices(t, db, it, crosscase.NotifyRelease, in.ID) != 2 {
			t.Fatalf("breaches after the second miss %+v", got.Breaches)
		}
	})
}

// TestNoExtensionWhenOverdue: an overdue clock cannot be extended; the
// missed limit is reported instead (FD 2002/584/JHA Art. 17(4), 17(7)).
func TestNoExtensionWhenOverdue(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de := f.as(t, "de.desk_member")
		in = arrested(t, f, in, "2025-04-01") // due 31 May, now 1 June
		_, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 10, Reason: "Late"})
		if crosscase.ErrorField(err) != "clock" {
			t.Fatalf("extension of an overdue clock: %v", err)
		}
	})
}

// TestSweepGraceAndVoid: the sweep recomputes the clocks and waits an
// hour past the limit; a breach is voided, and the desks told, when a
// later update shows the limit was met.
func TestSweepGraceAndVoid(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de, it := f.as(t, "de.desk_member"), f.as(t, "it.desk_member")
		in = arrested(t, f, in, "2025-04-01") // due 31 May: overdue from 1 June 00:00
		at(db, "2025-06-01T00:30:00Z")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 0 {
			t.Fatalf("sweep within the grace hour: %d, %v", n, err)
		}
		at(db, "2025-06-01T12:00:00Z")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep: %d, %v", n, err)
		}
		// The decision had been taken on 30 May, recorded late: voided.
		ord := crosscase.StatusSurrenderOrdered
		got, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: in.Version, DecisionOn: ptr(mustDate(t, "2025-05-30")), Status: &ord})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Breaches) != 1 || got.Breaches[0].VoidedAt.IsZero() {
			t.Fatalf("breach not voided: %+v", got.Breaches)
		}
		if notices(t, db, it, crosscase.NotifyBreachVoided, in.ID) != 1 {
			t.Fatal("no notice of the voided breach")
		}
		// A second warrant: the arrest date corrected to a later day moves
		// the limit past the recorded one: voided too.
		x := &crosscase.Instrument{CaseID: in.CaseID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-2025-19", IssuingCountry: "IT", ExecutingCountry: "DE",
			IssuedOn: mustDate(t, "2025-03-01"), ArrestOn: mustDate(t, "2025-04-01"), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(it, x); err != nil {
			t.Fatal(err)
		}
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep of the second: %d, %v", n, err)
		}
		got, err = db.UpdateInstrument(de, x.ID, crosscase.InstrumentUpdate{Version: x.Version, ArrestOn: ptr(mustDate(t, "2025-04-20"))})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Breaches) != 1 || got.Breaches[0].VoidedAt.IsZero() {
			t.Fatalf("breach not voided after the correction: %+v", got.Breaches)
		}
		dl, _ := db.FindDeadlines(de, crosscase.DeadlineFilter{Days: 30})
		if len(dl.Overdue) != 0 {
			t.Fatalf("overdue after the correction %+v", dl.Overdue)
		}
		for _, d := range dl.DueSoon {
			if d.InstrumentID == x.ID && (d.Missed || d.Due.String() != "2025-06-19") {
				t.Fatalf("deadline after the correction %+v", d)
			}
		}
	})
}

// TestSweepRecomputesStaleRows: a stored deadline row that no longer
// matches the instrument (a corrected arrest date written without
// rewriting the rows) gives no false breach.
func TestSweepRecomputesStaleRows(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		in = arrested(t, f, in, "2025-05-20") // due 19 July
		if err := sqldb.ExecForTest(db, `UPDATE instrument_deadlines SET due_at = 0 WHERE instrument_id = ?`, in.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 0 {
			t.Fatalf("false breach from a stale row: %d, %v", n, err)
		}
		dl, _ := db.FindDeadlines(f.as(t, "de.desk_member"), crosscase.DeadlineFilter{Days: 90})
		if len(dl.Overdue) != 0 || len(dl.DueSoon) != 1 {
			t.Fatalf("rows not rewritten: %+v", dl)
		}
	})
}

// TestFinalStatusStopsClocks: an EIO refused before its receipt was
// acknowledged leaves the overdue list (the acknowledgement no longer
// matters), and the overdue list is most recent first.
func TestFinalStatusStopsClocks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, _ := eawFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		var eios []*crosscase.Instrument
		for i, rec := range []string{"2025-04-01", "2025-05-01"} {
			eio := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: fmt.Sprintf("EIO-%d", i), IssuingCountry: "IT", ExecutingCountry: "DE",
				IssuedOn: mustDate(t, "2025-03-01"), ReceivedOn: mustDate(t, rec), Status: crosscase.StatusReceived}
			if err := db.CreateInstrument(it, eio); err != nil {
				t.Fatal(err)
			}
			eios = append(eios, eio)
		}
		dl, _ := db.FindDeadlines(de, crosscase.DeadlineFilter{})
		if len(dl.Overdue) < 2 || dl.Overdue[0].DueAt.Before(dl.Overdue[len(dl.Overdue)-1].DueAt) {
			t.Fatalf("overdue not most recent first: %+v", dl.Overdue)
		}
		ref := crosscase.StatusRefused
		if _, err := db.UpdateInstrument(de, eios[0].ID, crosscase.InstrumentUpdate{Version: 1, DecisionOn: ptr(mustDate(t, "2025-05-02")), Status: &ref}); err != nil {
			t.Fatal(err)
		}
		dl, _ = db.FindDeadlines(de, crosscase.DeadlineFilter{})
		for _, d := range dl.Overdue {
			if d.InstrumentID == eios[0].ID {
				t.Fatalf("refused EIO still overdue: %+v", d)
			}
		}
		got, _ := db.FindInstrumentByID(de, eios[0].ID)
		if c := clockOf(got, crosscase.ClockEIOAcknowledge); c.State != crosscase.ClockStopped {
			t.Fatalf("acknowledgement clock %+v", c)
		}
	})
}

// TestExtensionAppliesToItsLimit: 20 days granted on the 60-day limit
// (Art. 17(3)) do not extend the 10-day limit after consent (Art. 17(2)).
func TestExtensionAppliesToItsLimit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de := f.as(t, "de.desk_member")
		in = arrested(t, f, in, "2025-05-20")
		got, err := db.ExtendInstrument(de, in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Hearing postponed"})
		if err != nil || got.Extensions[0].AppliesTo != "17(3)" {
			t.Fatalf("extension %+v, %v", got, err)
		}
		st := crosscase.StatusConsented
		got, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ConsentOn: ptr(mustDate(t, "2025-05-25")), Status: &st})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockEAWDecision); c.Due.String() != "2025-06-04" || c.ExtendedDays != 0 {
			t.Fatalf("consent clock carries the 60-day extension: %+v", c)
		}
	})
}

// TestNoticesNeedToKnow: a desk no longer asked in the case is not told
// of a missed limit or an extension.
func TestNoticesNeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, _ := eawFixture(t, db)
		desk := &crosscase.Desk{CountryCode: "FR", Kind: crosscase.DeskNational, Name: "Desk FR"}
		if err := db.CreateDesk(f.sys, desk); err != nil {
			t.Fatal(err)
		}
		f.user(t, "fr.desk_member", crosscase.RoleDeskMember, desk.ID)
		it, de, fr := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "fr.desk_member")
		// An EAW issued by FR (asked) executed by DE; then FR leaves the case.
		c := f.newCase(t, it, "FR", "DE")
		x := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-FR-1", IssuingCountry: "FR", ExecutingCountry: "DE",
			IssuedOn: mustDate(t, "2025-03-01"), ArrestOn: mustDate(t, "2025-04-01"), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(it, x); err != nil {
			t.Fatal(err)
		}
		cur, err := db.FindCaseByID(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: cur.Version, AskedCountries: &[]string{"DE"}}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep %d, %v", n, err)
		}
		if notices(t, db, fr, crosscase.NotifyDeadlineMiss, x.ID) != 0 {
			t.Fatal("FR, no longer in the case, was told")
		}
		if notices(t, db, de, crosscase.NotifyDeadlineMiss, x.ID) != 1 || notices(t, db, it, crosscase.NotifyDeadlineMiss, x.ID) != 1 {
			t.Fatal("the desks in the case were not told")
		}
	})
}

// TestClockDatesCannotBeSkippedOrCleared: a status needs the dates of
// the statuses it must have passed through; only the owner desk clears
// a recorded date, with a reason; the audit names the changed fields
// without their values.
func TestClockDatesCannotBeSkippedOrCleared(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, c, in := eawFixture(t, db)
		it, de, admin := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "it.administrator")
		// Jumping to surrender_ordered without the arrest is refused.
		ord := crosscase.StatusSurrenderOrdered
		_, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 1, ReceivedOn: ptr(mustDate(t, "2025-03-02")), DecisionOn: ptr(mustDate(t, "2025-05-30")), Status: &ord})
		if crosscase.ErrorField(err) != "arrest_on" {
			t.Fatalf("surrender ordered without an arrest: %v", err)
		}
		// Received, with the arrest recorded (the clock runs, then overdue).
		rec := crosscase.StatusReceived
		got, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: 1, ReceivedOn: ptr(mustDate(t, "2025-03-02")), ArrestOn: ptr(mustDate(t, "2025-03-20")), Status: &rec})
		if err != nil {
			t.Fatal(err)
		}
		// The executing desk may not clear it.
		_, err = db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ArrestOn: &crosscase.Date{}})
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "arrest_on" {
			t.Fatalf("field %q", crosscase.ErrorField(err))
		}
		dl, _ := db.FindDeadlines(de, crosscase.DeadlineFilter{})
		if len(dl.Overdue) != 1 {
			t.Fatalf("overdue row gone after a refused clear: %+v", dl)
		}
		// The owner desk needs a reason.
		_, err = db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ArrestOn: &crosscase.Date{}})
		if crosscase.ErrorField(err) != "clear_reason" {
			t.Fatalf("clear without a reason: %v", err)
		}
		if _, err = db.UpdateInstrument(it, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ArrestOn: &crosscase.Date{}, ClearReason: "Recorded on the wrong warrant"}); err != nil {
			t.Fatal(err)
		}
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionUpdate, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var details []string
		for _, e := range entries {
			if e.ObjectType == "instrument" {
				details = append(details, e.Detail)
			}
		}
		all := strings.Join(details, "\n")
		if !strings.Contains(all, "changed=status,received_on,arrest_on") || !strings.Contains(all, "cleared=arrest_on") || strings.Contains(all, "2025-03-20") {
			t.Fatalf("audit details %q", all)
		}
	})
}

// TestDelayReasonsAppendOnly: each statement of reasons is kept with who
// and when; a stale version is refused.
func TestDelayReasonsAppendOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		de, it := f.as(t, "de.desk_member"), f.as(t, "it.desk_member")
		in = arrested(t, f, in, "2025-04-01")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep %d, %v", n, err)
		}
		got, err := db.RecordDelayReasons(de, in.ID, in.Version, crosscase.ClockEAWDecision, "Hearing postponed.")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.RecordDelayReasons(it, in.ID, in.Version, crosscase.ClockEAWDecision, "Overwrite")
		wantCode(t, err, crosscase.ECONFLICT)
		if _, err := db.RecordDelayReasons(it, in.ID, got.Version, crosscase.ClockEAWDecision, "Second hearing postponed."); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindInstrumentByID(it, in.ID)
		b := got.Breaches[0]
		if len(b.History) != 2 || b.History[0].Reasons != "Hearing postponed." || b.History[0].DeskCountry != "DE" || b.History[1].DeskCountry != "IT" || b.Reasons != "Second hearing postponed." {
			t.Fatalf("history %+v", b.History)
		}
	})
}

// TestInstrumentAfterEntityDeleted: deleting the person an instrument
// concerns leaves the instrument concerning no one, as erasing a case's
// personal data does, so that its dates and status can still be
// recorded; before, every later update was refused as concerning an
// entity that is not of the case.
func TestInstrumentAfterEntityDeleted(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f, _, in := eawFixture(t, db)
		it, de := f.as(t, "it.desk_member"), f.as(t, "de.desk_member")
		if err := db.DeleteEntity(it, in.EntityID); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindInstrumentByID(it, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.EntityID != 0 {
			t.Errorf("the instrument still concerns entity %d", got.EntityID)
		}
		if _, err := db.UpdateInstrument(de, in.ID, crosscase.InstrumentUpdate{Version: got.Version, ReceivedOn: ptr(mustDate(t, "2025-03-02"))}); err != nil {
			t.Errorf("recording receipt after the person was deleted: %v", err)
		}
	})
}
