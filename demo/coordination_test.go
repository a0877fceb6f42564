package demo_test

import (
	"context"
	"testing"
	"time"

	"crosscase"
	"crosscase/demo"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestLoadCoordinationIntoStore checks the operations' meetings, results
// and notices as the press releases report them.
func TestLoadCoordinationIntoStore(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
		logins, err := demo.LoadOperations(ctx, services(db))
		if err != nil {
			t.Fatal(err)
		}
		pw := map[string]string{}
		for _, l := range logins {
			pw[l.Name] = l.Password
		}
		stats := as(t, db, "stats.jansen", pw["stats.jansen"])
		// Every result the demo holds: a period with open ends, as only
		// the operator asks (statistics users ask whole months).
		tot, err := db.ResultTotals(ctx, crosscase.Date{}, crosscase.Date{}, "")
		if err != nil {
			t.Fatal(err)
		}
		// Arrests: 52 (Italy–Albania) + 17 (smugglers) + 3 (cyber-trading)
		// + 1 (Monaco) + 6 (gold robbers); searches: 500 cells + 10 + 1.
		if tot.Arrests != 79 || tot.Searches != 511 || tot.Interrogations != 7 || tot.FrozenEUR != 57_000_000 || tot.SeizedEUR != 200_000 || tot.Cases != 6 {
			t.Errorf("totals %+v", tot)
		}
		tot, err = db.ResultTotals(stats, crosscase.Date{Year: 2025, Month: 1, Day: 1}, crosscase.Date{Year: 2025, Month: 12, Day: 31}, "AL")
		if err != nil || tot.Arrests != 26 || tot.Searches != 3 {
			t.Errorf("Albania 2025: %+v, %v", tot, err)
		}
		// The Belgium–Germany–Poland action day is a coordination centre
		// whose done arrests are the seven arrests of 13 May.
		de := as(t, db, "de.mueller", pw["de.mueller"])
		centres, err := db.FindCentres(de, 0)
		if err != nil || len(centres) != 1 {
			t.Fatalf("centres %+v, %v", centres, err)
		}
		board, err := db.FindCentre(de, centres[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if board.Tally.Arrested != 7 || board.Tally.Targeted != 6 || len(board.Tally.ByState) < 5 || board.Centre.State != crosscase.CentreOpen {
			t.Errorf("demo centre tally %+v", board.Tally)
		}
		executions := 0
		for _, m := range board.Measures {
			if m.Kind == crosscase.MeasureExecution && m.InstrumentID != 0 && m.State == crosscase.MeasureDone {
				executions++
			}
		}
		if executions != 1 {
			t.Errorf("the demo centre executes Germany's arrest warrant once, done: %d", executions)
		}
		// The Italy–Albania action day is a closed centre: its 52 arrests,
		// half of the Albanian ones reported by the JIT's police officer.
		officer := as(t, db, "jit.kovacs", pw["jit.kovacs"])
		ia, err := db.FindCentres(officer, 0)
		if err != nil || len(ia) != 1 || ia[0].State != crosscase.CentreClosed {
			t.Fatalf("the JIT member's centres %+v, %v", ia, err)
		}
		iaBoard, err := db.FindCentre(officer, ia[0].ID)
		if err != nil || iaBoard.Tally.Targeted != 52 || iaBoard.Tally.Arrested != 52 || len(iaBoard.Tally.Seizures) != 6 {
			t.Fatalf("Italy–Albania centre %+v, %v", iaBoard.Tally, err)
		}
		// Each centre's log is the action day's: every entry and every
		// measure's last change on that day in the centre's zone, in the
		// order of the log, from the opening before dawn to the closing.
		for _, b := range []*crosscase.CentreBoard{board, iaBoard} {
			zone := b.Centre.Zone(b.Centre.Zones[0].Country)
			onDay := func(t time.Time) bool { return crosscase.DateOf(t.In(zone)) == b.Centre.ActionDate }
			evs, err := db.CentreEvents(de, b.Centre.ID, 0, 5000)
			if b == iaBoard {
				evs, err = db.CentreEvents(officer, b.Centre.ID, 0, 5000)
			}
			if err != nil || len(evs) < 10 {
				t.Fatalf("log of %s: %d entries, %v", b.Centre.Name, len(evs), err)
			}
			for i, ev := range evs {
				if !onDay(ev.At) || i > 0 && ev.At.Before(evs[i-1].At) {
					t.Fatalf("log of %s: entry %d (%s) at %s", b.Centre.Name, ev.Seq, ev.Kind, ev.At.In(zone))
				}
			}
			if h := evs[0].At.In(zone).Hour(); evs[0].Kind != crosscase.EventCentreOpened || h > 5 {
				t.Errorf("log of %s opens with %s at %s", b.Centre.Name, evs[0].Kind, evs[0].At.In(zone))
			}
			for _, m := range b.Measures {
				if !onDay(m.ChangedAt) || m.State != crosscase.MeasurePlanned && m.ChangedAt.Before(m.PlannedAt) {
					t.Errorf("measure %d (%s, planned %s) changed at %s", m.ID, m.State, m.PlannedAt.In(zone), m.ChangedAt.In(zone))
				}
			}
		}
		if closed := iaBoard.Centre.ClosedAt; !closed.Equal(time.Date(2025, time.May, 27, 16, 0, 0, 0, time.UTC)) {
			t.Errorf("Italy–Albania closed at %s", closed)
		}
		if n, err := db.CountMeetings(ctx, crosscase.Date{}, crosscase.Date{}, ""); err != nil || n != 6 {
			t.Errorf("%d meetings, %v", n, err)
		}
		// The French desk's notice reached every desk, the Bosnian contact
		// point's too; four acknowledged.
		lefevre := as(t, db, "fr.lefevre", pw["fr.lefevre"])
		out, err := db.FindNotices(lefevre, crosscase.Outbox, 0)
		if err != nil || len(out) != 1 || out[0].RecipientCount != 12 || out[0].AcknowledgedCount != 4 {
			t.Fatalf("French outbox %+v, %v", out, err)
		}
		if in, err := db.FindNotices(as(t, db, "ba.hodzic", pw["ba.hodzic"]), crosscase.Inbox, 0); err != nil || len(in) != 1 || in[0].ID != out[0].ID {
			t.Fatalf("the contact point's inbox %+v, %v", in, err)
		}
		n, err := db.FindNotice(as(t, db, "lv.berzins", pw["lv.berzins"]), out[0].ID)
		if err != nil || len(n.Attachments) != 1 {
			t.Fatalf("Latvian desk reads %+v, %v", n, err)
		}
	})
}
