package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// subjects returns the subjects of ctx's notifications of kind about
// instrument id.
func subjects(t *testing.T, db *sqldb.DB, ctx context.Context, kind string, id int64) []string {
	t.Helper()
	ns, err := db.FindNotifications(ctx, false, 200)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		if n.Kind == kind && n.ObjectID == id {
			out = append(out, n.Subject)
		}
	}
	return out
}

// TestSurrenderAgreementInstruments: arrest warrants under the
// EU–Norway/Iceland Surrender Agreement and the Trade and Cooperation
// Agreement are stored between a Member State and a party, either way,
// concern a person, and run their clocks under their own articles: the
// decision limit (Art. 20(2)-(4), 615(3)) with its extension and its
// recorded miss, the surrender limit (Art. 23(2), 23(5)) with its
// release alert and a new agreed date (Art. 23(4)).
func TestSurrenderAgreementInstruments(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		db.Now = func() time.Time { return instrumentNow }
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "DE", "NO", "GB")
		person := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Oliver", FamilyName: "Hughes", Nationality: "GB"}
		company := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Global Trade Invest Ltd"}
		for _, e := range []*crosscase.Entity{person, company} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		issued := mustDate(t, "2025-03-01")
		// Out of scope, and a company: refused, naming the type to use.
		for _, b := range []struct {
			typ            crosscase.InstrumentType
			from, to       string
			entity         int64
			field, message string
		}{
			{crosscase.InstrumentSurrenderUK, "IT", "DE", 0, "executing_country", "use a European Arrest Warrant (eaw)."},
			{crosscase.InstrumentSurrenderUK, "IT", "NO", 0, "executing_country", "Norway (NO) is not a party to it: use a surrender under the EU–Norway/Iceland Surrender Agreement (surrender_no_is)."},
			{crosscase.InstrumentSurrenderNOIS, "GB", "IT", 0, "issuing_country", "use a surrender under the Trade and Cooperation Agreement (surrender_uk)."},
			{crosscase.InstrumentEAW, "IT", "GB", 0, "executing_country", "(surrender_uk)."},
			{crosscase.InstrumentExtradition, "NO", "IT", 0, "issuing_country", "(surrender_no_is)."},
			{crosscase.InstrumentSurrenderUK, "IT", "GB", company.ID, "entity_id", "concerns a person"},
		} {
			err := db.CreateInstrument(it, &crosscase.Instrument{CaseID: c.ID, Type: b.typ, Reference: "BAD", IssuingCountry: b.from, ExecutingCountry: b.to, EntityID: b.entity, IssuedOn: issued})
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != b.field || !strings.Contains(crosscase.ErrorMessage(err), b.message) {
				t.Errorf("%s %s→%s: %v, want %s naming %q", b.typ, b.from, b.to, err, b.field, b.message)
			}
		}
		// A surrender from Italy to the United Kingdom, the person arrested
		// on 1 April: the decision is due on 31 May (TCA Art. 615(3)).
		uk := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentSurrenderUK, Reference: "TCA-IT-2025-3", IssuingCountry: "IT", ExecutingCountry: "GB",
			EntityID: person.ID, IssuedOn: issued, ReceivedOn: mustDate(t, "2025-03-03"), ArrestOn: mustDate(t, "2025-04-01"), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(it, uk); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindInstrumentByID(it, uk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Type != crosscase.InstrumentSurrenderUK || got.EntityID != person.ID || len(got.Clocks) != 2 {
			t.Fatalf("stored %+v", got)
		}
		if c := clockOf(got, crosscase.ClockUKDecision); c.Due.String() != "2025-05-31" || c.State != crosscase.ClockOverdue || c.Article != "Trade and Cooperation Agreement, Art. 615(3)" {
			t.Fatalf("decision clock %+v", c)
		}
		if c := clockOf(got, crosscase.ClockUKSurrender); c.State != crosscase.ClockPending || c.Article != "Trade and Cooperation Agreement, Art. 621(2)" {
			t.Fatalf("surrender clock %+v", c)
		}
		// The deadlines view shows it; the sweep records the missed limit
		// once, told as the agreement says (Art. 615(4)), not Art. 17(7).
		dl, err := db.FindDeadlines(it, crosscase.DeadlineFilter{Type: crosscase.InstrumentSurrenderUK})
		if err != nil || len(dl.Overdue) != 1 || dl.Overdue[0].Clock != crosscase.ClockUKDecision || dl.Overdue[0].Type != crosscase.InstrumentSurrenderUK {
			t.Fatalf("deadlines %+v, %v", dl, err)
		}
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep %d, %v", n, err)
		}
		if n, _ := db.SweepMissedDeadlines(f.sys); n != 0 {
			t.Fatalf("second sweep recorded %d", n)
		}
		got, _ = db.FindInstrumentByID(it, uk.ID)
		if len(got.Breaches) != 1 || got.Breaches[0].Kind != crosscase.BreachArt615 || got.Breaches[0].Clock != crosscase.ClockUKDecision {
			t.Fatalf("breaches %+v", got.Breaches)
		}
		if s := subjects(t, db, it, crosscase.NotifyDeadlineMiss, uk.ID); len(s) != 1 || !strings.Contains(s[0], "Trade and Cooperation Agreement, Art. 615(4)") || strings.Contains(s[0], "17(7)") {
			t.Fatalf("deadline-missed notices %q", s)
		}
		if _, err := db.RecordDelayReasons(it, uk.ID, got.Version, crosscase.ClockUKDecision, "The extradition hearing at Westminster was adjourned."); err != nil {
			t.Fatal(err)
		}
		// The other way: a surrender from Norway to Italy, the person
		// consenting on 25 May: decision due on 4 June (Art. 20(2)),
		// extended by 30 days at most (Art. 20(4)).
		no := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentSurrenderNOIS, Reference: "NO-2025-118", IssuingCountry: "NO", ExecutingCountry: "IT",
			EntityID: person.ID, IssuedOn: mustDate(t, "2025-05-10"), ArrestOn: mustDate(t, "2025-05-20"), ConsentOn: mustDate(t, "2025-05-25"), Status: crosscase.StatusConsented}
		if err := db.CreateInstrument(it, no); err != nil {
			t.Fatal(err)
		}
		got, err = db.ExtendInstrument(it, no.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockNOISDecision, Days: 20, Reason: "Interpreter for the hearing unavailable."})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockNOISDecision); c.Due.String() != "2025-06-24" || c.ExtendedDays != 20 || c.MaxExtensionDays != 30 || c.Article != "EU–Norway/Iceland Surrender Agreement, Art. 20(2)" {
			t.Fatalf("decision clock after the extension %+v", c)
		}
		if got.Extensions[0].AppliesTo != "20(2)" {
			t.Fatalf("extension applies to %q", got.Extensions[0].AppliesTo)
		}
		if _, err := db.ExtendInstrument(it, no.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockNOISDecision, Days: 11, Reason: "More"}); crosscase.ErrorField(err) != "days" {
			t.Fatalf("beyond 30 days in all: %v", err)
		}
		if _, err := db.ExtendInstrument(it, no.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockNOISSurrender, Days: 5, Reason: "x"}); crosscase.ErrorField(err) != "clock" {
			t.Fatalf("the surrender limit extended: %v", err)
		}
		ord := crosscase.StatusSurrenderOrdered
		got, err = db.UpdateInstrument(it, no.ID, crosscase.InstrumentUpdate{Version: got.Version, DecisionOn: ptr(mustDate(t, "2025-05-30")), Status: &ord})
		if err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockNOISSurrender); c.Due.String() != "2025-06-09" || c.State != crosscase.ClockRunning || c.Article != "EU–Norway/Iceland Surrender Agreement, Art. 23(2)" {
			t.Fatalf("surrender clock %+v", c)
		}
		// Missed on 11 June: a release alert under Art. 23(5).
		at(db, "2025-06-11T12:00:00Z")
		if n, err := db.SweepMissedDeadlines(f.sys); err != nil || n != 1 {
			t.Fatalf("sweep %d, %v", n, err)
		}
		got, _ = db.FindInstrumentByID(it, no.ID)
		if len(got.Breaches) != 1 || got.Breaches[0].Kind != crosscase.BreachRelease || got.Breaches[0].Clock != crosscase.ClockNOISSurrender {
			t.Fatalf("breaches %+v", got.Breaches)
		}
		if s := subjects(t, db, it, crosscase.NotifyRelease, no.ID); len(s) != 1 || !strings.Contains(s[0], "EU–Norway/Iceland Surrender Agreement, Art. 23(5)") {
			t.Fatalf("release notices %q", s)
		}
		// A new date agreed on humanitarian grounds (Art. 23(4)).
		req := crosscase.SurrenderDateRequest{Version: got.Version, AgreedOn: mustDate(t, "2025-06-12"), Ground: "illness", Reason: "Hospitalised"}
		if _, err := db.AgreeSurrenderDate(it, no.ID, req); crosscase.ErrorField(err) != "ground" || !strings.Contains(crosscase.ErrorMessage(err), "EU–Norway/Iceland Surrender Agreement, Art. 23(4)") {
			t.Fatalf("bad ground: %v", err)
		}
		req.Ground = crosscase.GroundHumanitarian
		if got, err = db.AgreeSurrenderDate(it, no.ID, req); err != nil {
			t.Fatal(err)
		}
		if c := clockOf(got, crosscase.ClockNOISSurrender); c.Due.String() != "2025-06-22" || c.State != crosscase.ClockRunning || c.Article != "EU–Norway/Iceland Surrender Agreement, Art. 23(4)" {
			t.Fatalf("surrender clock after the new date %+v", c)
		}
		if s := subjects(t, db, it, crosscase.NotifySurrenderDate, no.ID); len(s) != 1 || !strings.Contains(s[0], "EU–Norway/Iceland Surrender Agreement, Art. 23(3)-(4)") {
			t.Fatalf("surrender-date notices %q", s)
		}
		// A new date is agreed only on an arrest warrant's surrender limit.
		mla := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentMLA, Reference: "MLA-1", IssuingCountry: "IT", ExecutingCountry: "GB", IssuedOn: issued,
			ReceivedOn: issued, DecisionOn: issued, Status: crosscase.StatusReceived}
		if err := db.CreateInstrument(it, mla); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AgreeSurrenderDate(it, mla.ID, crosscase.SurrenderDateRequest{Version: 1, AgreedOn: issued, Ground: crosscase.GroundForceMajeure, Reason: "x"}); crosscase.ErrorField(err) != "clock" {
			t.Fatalf("new date on an MLA request: %v", err)
		}
	})
}
