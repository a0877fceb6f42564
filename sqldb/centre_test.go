package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

var _ crosscase.CentreService = (*sqldb.DB)(nil)

// centreDay is today in Rome, and noon of it there: the action day of
// the tests (a measure is done on the day or after it, never before).
func centreDay() (crosscase.Date, time.Time) {
	rome, _ := time.LoadLocation("Europe/Rome")
	now := time.Now().In(rome)
	return crosscase.DateOf(now), time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, rome)
}

// wantField checks err's code and field.
func wantField(t *testing.T, err error, code, field string) {
	t.Helper()
	if crosscase.ErrorCode(err) != code || crosscase.ErrorField(err) != field {
		t.Fatalf("want %s on %q, got %v", code, field, err)
	}
}

func TestCentre(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it, de, al := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "al.desk_member")
		deAnalyst, stats, officer := f.as(t, "de.analyst"), f.as(t, "it.statistics"), f.as(t, "de.jit_member")
		c := f.newCase(t, it, "DE", "AL")
		j := f.newJIT(t, it, "JIT Harbour", []int64{c.ID}, "IT", "DE")
		f.addMember(t, it, j.ID, "de.jit_member", "DE")
		suspect := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
		company := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Porto Logistica Srl"}
		for _, e := range []*crosscase.Entity{suspect, company} {
			if err := db.CreateEntity(it, e); err != nil {
				t.Fatal(err)
			}
		}
		day, noon := centreDay()
		base := crosscase.Centre{CaseID: c.ID, Name: "Action day Harbour", ActionDate: day,
			Zones:   []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}},
			DeskIDs: []int64{f.desks["DE"].ID}, AuthorityIDs: []int64{f.auth["DE"].ID}, Partners: []string{"europol"}}

		// Bad input names the field and changes nothing.
		for _, tc := range []struct {
			edit  func(c *crosscase.Centre)
			field string
		}{
			{func(c *crosscase.Centre) { c.DeskIDs = []int64{987654} }, "desk_ids[0]"},
			{func(c *crosscase.Centre) { c.MemberIDs = []int64{f.users["de.analyst"].ID} }, "member_ids[0]"},
			{func(c *crosscase.Centre) { c.Zones = []crosscase.CentreZone{{Country: "IT", Zone: "Mars/Olympus"}} }, "zones[0].zone"},
			// A zone of another country (crosscase.CheckCountryZone).
			{func(c *crosscase.Centre) {
				c.Zones = []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "America/New_York"}}
			}, "zones[1].zone"},
			{func(c *crosscase.Centre) { c.Name = "" }, "name"},
		} {
			bad := base
			tc.edit(&bad)
			wantField(t, db.CreateCentre(it, &bad), crosscase.EINVALID, tc.field)
		}
		wantCode(t, db.CreateCentre(de, &crosscase.Centre{CaseID: c.ID, Name: "x", ActionDate: day, Zones: base.Zones}), crosscase.EFORBIDDEN)
		if list, err := db.FindCentres(it, c.ID); err != nil || len(list) != 0 {
			t.Fatalf("nothing stored: %v %d", err, len(list))
		}

		centre := base
		centre.MemberIDs = []int64{f.users["de.jit_member"].ID}
		if err := db.CreateCentre(it, &centre); err != nil {
			t.Fatal(err)
		}

		// Need to know: participants only; everyone else gets 404, as for a missing centre.
		for _, ctx := range []context.Context{it, de, deAnalyst, officer} {
			if _, err := db.FindCentre(ctx, centre.ID); err != nil {
				t.Fatalf("participant: %v", err)
			}
		}
		for _, ctx := range []context.Context{al, stats, f.as(t, "it.jit_member"), f.as(t, "it.administrator")} {
			wantCode(t, func() error { _, err := db.FindCentre(ctx, centre.ID); return err }(), crosscase.ENOTFOUND)
			wantCode(t, func() error { _, err := db.SubscribeCentre(ctx, centre.ID); return err }(), crosscase.ENOTFOUND)
			wantCode(t, func() error { _, err := db.CentreEvents(ctx, centre.ID, 0, 10); return err }(), crosscase.ENOTFOUND)
		}
		wantCode(t, func() error { _, err := db.FindCentre(it, centre.ID+1000); return err }(), crosscase.ENOTFOUND)

		// Plan: bad measures are refused naming the field.
		for _, tc := range []struct {
			m     crosscase.Measure
			field string
		}{
			{crosscase.Measure{Kind: crosscase.MeasureArrest, Country: "DE", EntityID: company.ID, PlannedAt: noon}, "entity_id"},
			{crosscase.Measure{Kind: crosscase.MeasureFreezing, Country: "DE", EntityID: suspect.ID, PlannedAt: noon}, "entity_id"},
			{crosscase.Measure{Kind: crosscase.MeasureSearch, Country: "DE", Place: "Hafenstraße 1", PlannedAt: noon.Add(-13 * time.Hour)}, "planned_at"},
			{crosscase.Measure{Kind: crosscase.MeasureSearch, Country: "PL", Place: "ul. Długa 1", PlannedAt: noon}, "country"},
			{crosscase.Measure{Kind: crosscase.MeasureSearch, Country: "DE", Place: "", PlannedAt: noon}, "place"},
			{crosscase.Measure{Kind: "raid", Country: "DE", PlannedAt: noon}, "kind"},
		} {
			m := tc.m
			m.CentreID = centre.ID
			wantField(t, db.CreateMeasure(it, &m), crosscase.EINVALID, tc.field)
		}
		wantCode(t, db.CreateMeasure(de, &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "DE", Place: "x", PlannedAt: noon}), crosscase.EFORBIDDEN)
		arrest := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureArrest, Country: "DE", Place: "Hamburg", EntityID: suspect.ID, PlannedAt: noon}
		search := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "DE", Place: "Hafenstraße 1, Hamburg", PlannedAt: noon}
		itSearch := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Via Roma 1, Bari", PlannedAt: noon}
		for _, m := range []*crosscase.Measure{arrest, search, itSearch} {
			if err := db.CreateMeasure(it, m); err != nil {
				t.Fatal(err)
			}
		}

		// A live feed opened now is woken by the next change.
		feed, err := db.SubscribeCentre(de, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer feed.Close()
		board, err := db.FindCentre(de, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if board.Measures[0].Target != "ROSSI, Marco" || board.Tally.Targeted != 1 {
			t.Fatalf("board: %+v %+v", board.Measures[0], board.Tally)
		}
		last := board.LastSeq

		// State changes: no skipping; only the owner desk or the measure's country.
		wantField(t, func() error {
			_, err := db.MoveMeasure(de, arrest.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureDone})
			return err
		}(), crosscase.EINVALID, "state")
		wantCode(t, func() error {
			_, err := db.MoveMeasure(de, itSearch.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureUnderWay})
			return err
		}(), crosscase.EFORBIDDEN)
		wantCode(t, func() error {
			_, err := db.MoveMeasure(deAnalyst, arrest.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureUnderWay})
			return err
		}(), crosscase.EFORBIDDEN)
		m, err := db.MoveMeasure(officer, arrest.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureUnderWay})
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-feed.Wake():
		case <-time.After(5 * time.Second):
			t.Fatal("no wake-up after a change")
		}
		evs, err := feed.Events(context.Background(), last, 100)
		if err != nil || len(evs) != 1 || evs[0].Seq != last+1 || evs[0].Measure.State != crosscase.MeasureUnderWay || evs[0].Measure.Target != "" {
			t.Fatalf("feed: %v %+v", err, evs)
		}
		// Two participants at once: the later write is refused, naming what changed.
		_, err = db.MoveMeasure(it, arrest.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasurePostponed})
		wantCode(t, err, crosscase.ECONFLICT)
		if !strings.Contains(crosscase.ErrorMessage(err), "under_way") || !strings.Contains(crosscase.ErrorMessage(err), f.users["de.jit_member"].Name) {
			t.Fatalf("conflict message: %v", err)
		}
		// Done: the outcome becomes the case's results once.
		wantField(t, func() error {
			_, err := db.MoveMeasure(de, arrest.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureDone,
				Outcome: crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{{Type: "drugs", Quantity: 2, Unit: "kg"}}}})
			return err
		}(), crosscase.EINVALID, "outcome.seizures[0].substance")
		if m, err = db.MoveMeasure(de, arrest.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureDone,
			Outcome: crosscase.MeasureOutcome{Seizures: []crosscase.Seizure{{Type: "cash", Quantity: 15000, Unit: "EUR", ValueEUR: 15000}, {Type: "drugs", Substance: "cocaine", Quantity: 2.5, Unit: "kg"}}}}); err != nil {
			t.Fatal(err)
		}
		wantField(t, func() error {
			_, err := db.MoveMeasure(de, arrest.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
			return err
		}(), crosscase.EINVALID, "state")
		results, err := db.FindResults(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(results) != 3 || results[0].ActionID == 0 {
			t.Fatalf("results: %d %+v", len(results), results)
		}

		// Concurrent moves of one measure: exactly one wins.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, ctx := range []context.Context{it, de} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.MoveMeasure(ctx, search.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureUnderWay})
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("concurrent moves: %v / %v", errs[0], errs[1])
		}

		// A decision: a real instrument of the case, linked to the measure.
		wantCode(t, func() error {
			_, err := db.RaiseDecision(de, arrest.ID, &crosscase.Decision{Type: crosscase.InstrumentEAW})
			return err
		}(), crosscase.EFORBIDDEN)
		wantField(t, func() error {
			_, err := db.RaiseDecision(it, arrest.ID, &crosscase.Decision{Type: crosscase.InstrumentTransfer})
			return err
		}(), crosscase.EINVALID, "type")
		in, err := db.RaiseDecision(it, arrest.ID, &crosscase.Decision{Type: crosscase.InstrumentEAW, Reference: "EAW-IT-CC-1"})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindInstrumentByID(it, in.ID); err != nil || got.CaseID != c.ID || got.EntityID != suspect.ID || got.ExecutingCountry != "DE" {
			t.Fatalf("instrument: %v %+v", err, got)
		}
		if _, err := db.PostCentreMessage(officer, centre.ID, crosscase.CentreMessage{Text: "Suspect found at his sister's flat."}); err != nil {
			t.Fatal(err)
		}
		wantField(t, func() error {
			_, err := db.PostCentreMessage(de, centre.ID, crosscase.CentreMessage{Text: " "})
			return err
		}(), crosscase.EINVALID, "text")

		// The log: every change, numbered without gaps.
		log, err := db.CentreEvents(deAnalyst, centre.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i, ev := range log {
			if ev.Seq != int64(i+1) {
				t.Fatalf("seq %d at %d", ev.Seq, i)
			}
		}
		if k := log[len(log)-1].Kind; k != crosscase.EventMessage || log[len(log)-2].Kind != crosscase.EventDecision {
			t.Fatalf("log kinds: %s", k)
		}

		// Press summary: figures and names of countries and authorities, no person.
		p, err := db.PressSummary(de, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Arrested != 1 || p.Targeted != 1 || strings.Contains(p.Text, "Rossi") || strings.Contains(strings.ToUpper(p.Text), "ROSSI") || !strings.Contains(p.Text, "Germany") {
			t.Fatalf("press: %+v", p)
		}

		// Close: read-only afterwards.
		board, _ = db.FindCentre(it, centre.ID)
		wantCode(t, func() error {
			_, err := db.CloseCentre(de, centre.ID, crosscase.CentreClose{Version: board.Centre.Version})
			return err
		}(), crosscase.EFORBIDDEN)
		if _, err := db.CloseCentre(it, centre.ID, crosscase.CentreClose{Version: board.Centre.Version}); err != nil {
			t.Fatal(err)
		}
		wantField(t, func() error {
			_, err := db.RaiseDecision(it, arrest.ID, &crosscase.Decision{Type: crosscase.InstrumentEIO})
			return err
		}(), crosscase.ECONFLICT, "state")
		wantField(t, func() error {
			_, err := db.MoveMeasure(it, itSearch.ID, crosscase.MeasureMove{Version: 1, State: crosscase.MeasureUnderWay})
			return err
		}(), crosscase.ECONFLICT, "state")
		wantField(t, db.CreateMeasure(it, &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "x", PlannedAt: noon}), crosscase.ECONFLICT, "state")
		if r2, _ := db.FindResults(it, c.ID); len(r2) != len(results) {
			t.Fatalf("results changed after close: %d", len(r2))
		}
		// Need to know is checked again on an open feed: once Germany is
		// no longer asked in the case, its desk's feed ends.
		if err := feed.Recheck(de); err != nil {
			t.Fatalf("recheck while asked: %v", err)
		}
		cs, err := db.FindCaseByID(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCase(it, c.ID, crosscase.CaseUpdate{Version: cs.Version, AskedCountries: &[]string{"AL"}}); err != nil {
			t.Fatalf("drop Germany from the case: %v", err)
		}
		wantCode(t, feed.Recheck(de), crosscase.ENOTFOUND)
		wantCode(t, func() error { _, err := db.FindCentre(de, centre.ID); return err }(), crosscase.ENOTFOUND)
		if n := auditCount(t, f.fixture, crosscase.ActionUpdate, "centre_measure"); n < 3 {
			t.Fatalf("audited moves: %d", n)
		}
	})
}

// TestCentrePartnerDataRule: a participant of a third country with only
// a working arrangement (KR) sees the board's measures without the
// person (neither name nor id); a member state's participant sees the
// name; the live stream carries no person for anyone.
func TestCentrePartnerDataRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		kr := &crosscase.Desk{CountryCode: "KR", Kind: crosscase.DeskLiaison, Name: "Liaison KR"}
		if err := db.CreateDesk(f.sys, kr); err != nil {
			t.Fatal(err)
		}
		f.user(t, "kr.liaison", crosscase.RoleLiaison, kr.ID)
		it, de, krCtx := f.as(t, "it.desk_member"), f.as(t, "de.desk_member"), f.as(t, "kr.liaison")
		c := f.newCase(t, it, "DE", "KR")
		e := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
		if err := db.CreateEntity(it, e); err != nil {
			t.Fatal(err)
		}
		day, noon := centreDay()
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: day, DeskIDs: []int64{f.desks["DE"].ID, kr.ID},
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
		if err := db.CreateCentre(it, centre); err != nil {
			t.Fatal(err)
		}
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureArrest, Country: "DE", Place: "Hamburg", EntityID: e.ID, PlannedAt: noon}
		if err := db.CreateMeasure(it, m); err != nil {
			t.Fatal(err)
		}
		kb, err := db.FindCentre(krCtx, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := kb.Measures[0]; got.Target != "" || got.EntityID != 0 || !got.Withheld {
			t.Fatalf("KR sees the person: %+v", got)
		}
		db2, err := db.FindCentre(de, centre.ID)
		if err != nil || db2.Measures[0].Target != "ROSSI, Marco" {
			t.Fatalf("DE: %+v, %v", db2.Measures[0], err)
		}
		evs, err := db.CentreEvents(krCtx, centre.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Measure != nil && (ev.Measure.EntityID != 0 || ev.Measure.Target != "") {
				t.Fatalf("an event carries the person: %+v", ev.Measure)
			}
		}
	})
}

// TestCentreExecution: an action day executes an arrest warrant or an EIO
// of the case; a warrant counts a person targeted and, done, arrested; an
// EIO counts a search. An instrument of another case or of another type
// is refused, naming the field.
func TestCentreExecution(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c, other := f.newCase(t, it, "DE"), f.newCase(t, it, "DE")
		suspect := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
		if err := db.CreateEntity(it, suspect); err != nil {
			t.Fatal(err)
		}
		day, noon := centreDay()
		issued := crosscase.DateOf(noon.AddDate(0, 0, -20))
		eaw := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-1", IssuingCountry: "IT", ExecutingCountry: "DE", EntityID: suspect.ID, IssuedOn: issued}
		eio := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-IT-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: issued}
		elsewhere := &crosscase.Instrument{CaseID: other.ID, Type: crosscase.InstrumentEIO, Reference: "EIO-IT-2", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: issued}
		for _, in := range []*crosscase.Instrument{eaw, eio, elsewhere} {
			if err := db.CreateInstrument(it, in); err != nil {
				t.Fatal(err)
			}
		}
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: day,
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
		if err := db.CreateCentre(it, centre); err != nil {
			t.Fatal(err)
		}
		plan := func(id int64) *crosscase.Measure {
			return &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureExecution, Country: "DE", Place: "Hamburg", InstrumentID: id, PlannedAt: noon}
		}
		wantField(t, db.CreateMeasure(it, plan(elsewhere.ID)), crosscase.EINVALID, "instrument_id")
		wantField(t, db.CreateMeasure(it, plan(0)), crosscase.EINVALID, "instrument_id")
		surrender, search := plan(eaw.ID), plan(eio.ID)
		for _, m := range []*crosscase.Measure{surrender, search} {
			if err := db.CreateMeasure(it, m); err != nil {
				t.Fatalf("plan the execution of instrument %d: %v", m.InstrumentID, err)
			}
		}
		board, err := db.FindCentre(it, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if board.Tally.Targeted != 1 || board.Tally.Searches != 0 {
			t.Fatalf("planned: %+v", board.Tally)
		}
		for _, m := range []*crosscase.Measure{surrender, search} {
			moved, err := db.MoveMeasure(it, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.MoveMeasure(it, m.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone}); err != nil {
				t.Fatal(err)
			}
		}
		if board, err = db.FindCentre(it, centre.ID); err != nil {
			t.Fatal(err)
		}
		if board.Tally.Targeted != 1 || board.Tally.Arrested != 1 || board.Tally.Searches != 1 {
			t.Fatalf("done: %+v", board.Tally)
		}
	})
}

// TestCentreArrestsAPersonOnce: a person named by two measures — the
// execution of the warrant for them and an arrest at another address —
// is one suspect targeted; once one of the measures arrested them, the
// other cannot be done too (422 naming state, nothing changed: no second
// arrest in the tally or the case's results), and is not found instead.
func TestCentreArrestsAPersonOnce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "DE")
		suspect := &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"}
		if err := db.CreateEntity(it, suspect); err != nil {
			t.Fatal(err)
		}
		day, noon := centreDay()
		eaw := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW-IT-1", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: suspect.ID, IssuedOn: crosscase.DateOf(noon.AddDate(0, 0, -20))}
		if err := db.CreateInstrument(it, eaw); err != nil {
			t.Fatal(err)
		}
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: day,
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
		if err := db.CreateCentre(it, centre); err != nil {
			t.Fatal(err)
		}
		warrant := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureExecution, Country: "DE", Place: "Hamburg", InstrumentID: eaw.ID, PlannedAt: noon}
		arrest := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureArrest, Country: "IT", Place: "Bari", EntityID: suspect.ID, PlannedAt: noon}
		for _, m := range []*crosscase.Measure{warrant, arrest} {
			if err := db.CreateMeasure(it, m); err != nil {
				t.Fatal(err)
			}
		}
		board, err := db.FindCentre(it, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		if board.Tally.Targeted != 1 {
			t.Fatalf("one person, two measures: %+v", board.Tally)
		}
		under := map[int64]*crosscase.Measure{}
		for _, m := range []*crosscase.Measure{warrant, arrest} {
			moved, err := db.MoveMeasure(it, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
			if err != nil {
				t.Fatal(err)
			}
			under[m.ID] = moved
		}
		if _, err := db.MoveMeasure(it, warrant.ID, crosscase.MeasureMove{Version: under[warrant.ID].Version, State: crosscase.MeasureDone}); err != nil {
			t.Fatal(err)
		}
		_, err = db.MoveMeasure(it, arrest.ID, crosscase.MeasureMove{Version: under[arrest.ID].Version, State: crosscase.MeasureDone})
		wantField(t, err, crosscase.EINVALID, "state")
		if board, err = db.FindCentre(it, centre.ID); err != nil {
			t.Fatal(err)
		}
		if board.Tally.Targeted != 1 || board.Tally.Arrested != 1 {
			t.Fatalf("arrested once: %+v", board.Tally)
		}
		for _, m := range board.Measures {
			if m.ID == arrest.ID && (m.State != crosscase.MeasureUnderWay || m.Version != under[arrest.ID].Version) {
				t.Fatalf("the refused move changed the measure: %+v", m)
			}
		}
		results, err := db.FindResults(it, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		arrests := int64(0)
		for _, r := range results {
			if r.Kind == crosscase.ResultArrest {
				arrests += r.Count
			}
		}
		if arrests != 1 {
			t.Fatalf("the case's results count %d arrests", arrests)
		}
		if _, err := db.MoveMeasure(it, arrest.ID, crosscase.MeasureMove{Version: under[arrest.ID].Version, State: crosscase.MeasureNotFound}); err != nil {
			t.Fatalf("not found: %v", err)
		}
	})
}

// TestCentrePressListsAuthoritiesByCountry: the press summary lists the
// authorities as a press release ends, by country — the case's owner
// country first, then the others by name — and its text says so.
func TestCentrePressListsAuthoritiesByCountry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newJITFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "DE")
		police := &crosscase.Authority{CountryCode: "DE", Name: "Federal Police DE", Kind: crosscase.AuthorityPolice}
		if err := db.CreateAuthority(f.sys, police); err != nil {
			t.Fatal(err)
		}
		day, _ := centreDay()
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: day, DeskIDs: []int64{f.desks["DE"].ID},
			AuthorityIDs: []int64{f.auth["DE"].ID, f.auth["IT"].ID, police.ID}, Partners: []string{"europol"},
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
		if err := db.CreateCentre(it, centre); err != nil {
			t.Fatal(err)
		}
		p, err := db.PressSummary(it, centre.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []crosscase.PressAuthorities{{Country: "Italy", Authorities: []string{"Prosecution IT"}}, {Country: "Germany", Authorities: []string{"Federal Police DE", "Prosecution DE"}}}
		if fmt.Sprint(p.AuthoritiesByCountry) != fmt.Sprint(want) {
			t.Fatalf("by country: %v, want %v", p.AuthoritiesByCountry, want)
		}
		if line := "The following authorities took part: Italy: Prosecution IT; Germany: Federal Police DE and Prosecution DE; " + crosscase.PartnerAgencyName("europol") + "."; !strings.HasSuffix(p.Text, line) {
			t.Fatalf("text %q, want it to end %q", p.Text, line)
		}
	})
}

// TestCentreReplayedTime: a trusted loader replaying a past action day
// gives each change's input its time (LoggedAt): the centre's opening, a
// plan, a move, a message, the close are logged at the day's times, and
// the centre's and measure's own times follow, in order and never in the
// future; a time before the latest entry, or in the future, is refused
// naming logged_at and changes nothing. Without one, the store's own
// clock.
func TestCentreReplayedTime(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it, "DE")
		rome, _ := time.LoadLocation("Europe/Rome")
		past := time.Date(2025, time.May, 27, 5, 0, 0, 0, rome)
		zones := []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}}
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Past action day", ActionDate: crosscase.DateOf(past), Zones: zones, LoggedAt: past}
		if err := db.CreateCentre(it, centre); err != nil {
			t.Fatal(err)
		}
		if !centre.CreatedAt.Equal(past) {
			t.Fatalf("created at %s", centre.CreatedAt)
		}
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Via Roma 1, Bari", PlannedAt: past.Add(time.Hour),
			LoggedAt: past.Add(time.Minute)}
		if err := db.CreateMeasure(it, m); err != nil {
			t.Fatal(err)
		}
		if !m.ChangedAt.Equal(past.Add(time.Minute)) {
			t.Fatalf("planned at %s", m.ChangedAt)
		}
		moved, err := db.MoveMeasure(it, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay, LoggedAt: past.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if !moved.ChangedAt.Equal(past.Add(time.Hour)) {
			t.Fatalf("changed at %s", moved.ChangedAt)
		}
		_, err = db.MoveMeasure(it, m.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone, LoggedAt: past.Add(30 * time.Minute)})
		wantField(t, err, crosscase.EINVALID, "logged_at")
		_, err = db.PostCentreMessage(it, centre.ID, crosscase.CentreMessage{Text: "from the future", LoggedAt: time.Now().Add(time.Hour)})
		wantField(t, err, crosscase.EINVALID, "logged_at")
		if _, err := db.PostCentreMessage(it, centre.ID, crosscase.CentreMessage{Text: "the search goes on", LoggedAt: past.Add(2 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		board, err := db.FindCentre(it, centre.ID)
		if err != nil || board.Measures[0].State != crosscase.MeasureUnderWay || len(board.Measures[0].Outcome.Seizures) != 0 {
			t.Fatalf("the refused change changed the board: %+v %v", board, err)
		}
		_, err = db.CloseCentre(it, centre.ID, crosscase.CentreClose{Version: board.Centre.Version, LoggedAt: past.Add(90 * time.Minute)})
		wantField(t, err, crosscase.EINVALID, "logged_at")
		closed, err := db.CloseCentre(it, centre.ID, crosscase.CentreClose{Version: board.Centre.Version, LoggedAt: past.Add(3 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if !closed.ClosedAt.Equal(past.Add(3 * time.Hour)) {
			t.Fatalf("closed at %s", closed.ClosedAt)
		}
		evs, err := db.CentreEvents(it, centre.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := []time.Time{past, past.Add(time.Minute), past.Add(time.Hour), past.Add(2 * time.Hour), past.Add(3 * time.Hour)}
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %d", len(evs), len(want))
		}
		for i, w := range want {
			if !evs[i].At.Equal(w) {
				t.Fatalf("event %d at %s, want %s", evs[i].Seq, evs[i].At, w)
			}
		}

		// Without a time, the store's clock; and a replayed time is then
		// refused before it.
		today := &crosscase.Centre{CaseID: c.ID, Name: "Action day today", ActionDate: crosscase.DateOf(time.Now().In(rome)), Zones: zones}
		if err := db.CreateCentre(it, today); err != nil {
			t.Fatal(err)
		}
		_, err = db.PostCentreMessage(it, today.ID, crosscase.CentreMessage{Text: "yesterday", LoggedAt: time.Now().Add(-24 * time.Hour)})
		wantField(t, err, crosscase.EINVALID, "logged_at")
		if _, err := db.PostCentreMessage(it, today.ID, crosscase.CentreMessage{Text: "now"}); err != nil {
			t.Fatal(err)
		}
		if evs, err = db.CentreEvents(it, today.ID, 0, 10); err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 {
			t.Fatalf("%d events, want 2", len(evs))
		}
		for _, ev := range evs {
			if time.Since(ev.At) > time.Minute || time.Until(ev.At) > time.Second {
				t.Fatalf("a change without a time (%s) is logged at %s", ev.Kind, ev.At)
			}
		}
		if time.Since(today.CreatedAt) > time.Minute {
			t.Fatalf("a centre opened without a time was created at %s", today.CreatedAt)
		}
	})
}

// TestCentreNotifyAcrossProcesses: on PostgreSQL a change written by one
// serve process reaches a live feed of another through LISTEN/NOTIFY
// within a second, with the other process's poll turned off.
func TestCentreNotifyAcrossProcesses(t *testing.T) {
	dsn := sqldbtest.NewPostgresDatabase(t)
	ctx := context.Background()
	open := func(poll time.Duration) *sqldb.DB {
		db, err := sqldb.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		db.CentrePoll = poll
		return db
	}
	a, b := open(0), open(time.Hour) // b hears of a's writes only by notification
	if err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, a)
	it := f.as(t, "it.desk_member")
	c := f.newCase(t, it, "DE")
	day, noon := centreDay()
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: day,
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
	if err := a.CreateCentre(it, centre); err != nil {
		t.Fatal(err)
	}
	feed, err := b.SubscribeCentre(it, centre.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	board, err := b.FindCentre(it, centre.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The listener connects in the background: a first write until it
	// is heard shows it is up (the poll, an hour away, cannot).
	var worst time.Duration
	for i := range 3 {
		start := time.Now()
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "DE", Place: fmt.Sprintf("Hafenstraße %d, Hamburg", i+1), PlannedAt: noon}
		if err := a.CreateMeasure(it, m); err != nil {
			t.Fatal(err)
		}
		wait := time.Second
		if i == 0 {
			wait = 10 * time.Second // the listener may still be connecting
		}
		// A wake-up says "read again", not which write it is for: one
		// left over from the write before may come first, so read until
		// this write is there or the wait is over.
		deadline := time.After(wait)
		for {
			select {
			case <-feed.Wake():
			case <-deadline:
				t.Fatalf("write %d: no wake-up for it in the other process within %s", i+1, wait)
			}
			evs, err := feed.Events(ctx, board.LastSeq, 100)
			if err != nil || len(evs) > i+1 {
				t.Fatalf("write %d: %d events, %v", i+1, len(evs), err)
			}
			if len(evs) == i+1 {
				break
			}
		}
		if i > 0 {
			worst = max(worst, time.Since(start))
		}
	}
	t.Logf("wake-up across processes: at most %s", worst)
}
