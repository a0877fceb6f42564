package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPageCentreMeasureWordsInLanguage: a centre's board names a search
// measure as the search of a place it is (Perquisition, Durchsuchung,
// Perquisizione), not with the verb of the search box (Rechercher,
// Suchen, Cerca), on its card, in the plan form's kinds and in its log;
// the plan form's button says what it does (Planifier, Planen,
// Pianifica), not the noun "a plan".
func TestPageCentreMeasureWordsInLanguage(t *testing.T) {
	db, ts, it, centre, noon := newActionDayToday(t)
	ctx := userContext(it)
	m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Bari",
		PlannedAt: noon}
	if err := db.CreateMeasure(ctx, m); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, search, verb, plan string }{
		{"en", "House search", "Search", "Plan"},
		{"fr", "Perquisition", "Rechercher", "Planifier"},
		{"de", "Durchsuchung", "Suchen", "Planen"},
		{"it", "Perquisizione", "Cerca", "Pianifica"},
	} {
		b := ts.pageSignIn(it)
		b.acceptLanguage = tc.lang
		board := b.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK)
		card := board.text(fmt.Sprintf("#measure-%d .m-head", m.ID))
		if !strings.Contains(card, tc.search) || tc.lang != "en" && strings.Contains(card, tc.verb) {
			t.Errorf("%s: the search's card reads %q, want %q", tc.lang, card, tc.search)
		}
		if kinds := board.texts(`#plan select[name="kind"] option`); len(kinds) == 0 || kinds[0] != tc.search {
			t.Errorf("%s: the plan form's kinds are %q, want %q first", tc.lang, kinds, tc.search)
		}
		if got := board.text(`#plan button[type="submit"]`); got != tc.plan {
			t.Errorf("%s: the plan form's button reads %q, want %q", tc.lang, got, tc.plan)
		}
		log := b.get(fmt.Sprintf("/centres/%d/log", centre.ID)).wantStatus(http.StatusOK).text("table")
		if !strings.Contains(strings.ToLower(log), strings.ToLower(tc.search)) { // English writes it in lower case in a sentence
			t.Errorf("%s: the log reads %q, without %q", tc.lang, log, tc.search)
		}
	}
}

// TestPageCentreStatesAgreeInLanguage: a measure (une mesure, una misura)
// is feminine, so each of its states agrees with it on the board, the
// done and failed ones as the planned and postponed ones do: Faite,
// Échouée; Fatta, Non riuscita, Non trovata.
func TestPageCentreStatesAgreeInLanguage(t *testing.T) {
	db, ts, it, centre, noon := newActionDayToday(t)
	ctx := userContext(it)
	ends := []crosscase.MeasureState{crosscase.MeasureDone, crosscase.MeasureFailed, crosscase.MeasureNotFound}
	ids := map[crosscase.MeasureState]int64{}
	for _, st := range ends {
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: "IT", Place: "Bari",
			PlannedAt: noon}
		if err := db.CreateMeasure(ctx, m); err != nil {
			t.Fatal(err)
		}
		moved, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: moved.Version, State: st}); err != nil {
			t.Fatal(err)
		}
		ids[st] = m.ID
	}
	for _, tc := range []struct {
		lang string
		want map[crosscase.MeasureState]string
	}{
		{"fr", map[crosscase.MeasureState]string{crosscase.MeasureDone: "Faite", crosscase.MeasureFailed: "Échouée", crosscase.MeasureNotFound: "Introuvable"}},
		{"it", map[crosscase.MeasureState]string{crosscase.MeasureDone: "Fatta", crosscase.MeasureFailed: "Non riuscita", crosscase.MeasureNotFound: "Non trovata"}},
	} {
		b := ts.pageSignIn(it)
		b.acceptLanguage = tc.lang
		board := b.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK)
		for st, want := range tc.want {
			if got := board.text(fmt.Sprintf("#measure-%d .m-state", ids[st])); got != want {
				t.Errorf("%s: a %s measure reads %q, want %q", tc.lang, st, got, want)
			}
		}
	}
}

// newActionDayToday opens, as the Italian desk member it returns, a case
// and a coordination centre whose action day is today in Rome, with
// Rome's zone for Italy; noon is today's noon there.
func newActionDayToday(t *testing.T) (*sqldb.DB, *testServer, *crosscase.User, *crosscase.Centre, time.Time) {
	t.Helper()
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	rome, _ := time.LoadLocation("Europe/Rome")
	now := time.Now().In(rome)
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: crosscase.DateOf(now),
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}}}
	if err := db.CreateCentre(userContext(it), centre); err != nil {
		t.Fatal(err)
	}
	return db, ts, it, centre, time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, rome)
}
