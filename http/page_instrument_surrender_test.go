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

// TestSurrenderAgreementPages: the new-instrument form offers the
// surrender under each agreement between a Member State and its parties;
// the instrument page shows its clocks under the agreement's articles,
// the consent date, and a missed limit with what follows from it.
func TestSurrenderAgreementPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		deUser := ts.apiUser("de.member", crosscase.RoleDeskMember, "DE").User
		c := ts.pageNewCase(deUser, &crosscase.Case{Title: "Cyber-trading fraud", AskedCountries: []string{"GB", "NO"}, CrimeTypes: []string{"swindling_fraud"},
			OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
		e := ts.pageNewEntity(deUser, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Oliver", FamilyName: "Hughes"})
		de := ts.pageSignIn(deUser)
		res := de.get(fmt.Sprintf("/cases/%d/instruments/new", c.ID)).wantStatus(http.StatusOK)
		want := []string{
			"Germany (DE) – United Kingdom (GB) Arrest warrant under the Trade and Cooperation Agreement, Mutual legal assistance request, Transfer of proceedings",
			"Germany (DE) – Norway (NO) Arrest warrant under the EU–Norway/Iceland Surrender Agreement, Mutual legal assistance request, Transfer of proceedings",
			"United Kingdom (GB) – Norway (NO) Mutual legal assistance request, Extradition request, Transfer of proceedings",
		}
		rows := res.texts("#instrument-scope tbody tr")
		if len(rows) != len(want) {
			t.Fatalf("scope rows %q", rows)
		}
		for i := range want {
			if strings.Join(strings.Fields(rows[i]), " ") != want[i] {
				t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
			}
		}
		if opts := strings.Join(res.texts("#f-type option"), "|"); !strings.Contains(opts, "Arrest warrant under the Trade and Cooperation Agreement") || !strings.Contains(opts, "Arrest warrant under the EU–Norway/Iceland Surrender Agreement") {
			t.Fatalf("type options %q", opts)
		}
		// Created through the form, the person arrested later.
		de.postCSRF(fmt.Sprintf("/cases/%d/instruments", c.ID), map[string][]string{"type": {"surrender_uk"}, "reference": {"TCA-AW/FORM/1"}, "issuing_country": {"DE"},
			"executing_country": {"GB"}, "entity_id": {fmt.Sprint(e.ID)}, "issued_on": {day(-80)}}).wantStatus(http.StatusSeeOther)
		list, err := db.FindInstruments(userContext(deUser), c.ID)
		if err != nil || len(list) != 1 || list[0].Type != crosscase.InstrumentSurrenderUK {
			t.Fatalf("stored %+v, %v", list, err)
		}
		in := list[0]
		path := fmt.Sprintf("/instruments/%d", in.ID)
		res = de.get(path).wantStatus(http.StatusOK)
		for _, id := range []string{"#f-arrest_on", "#f-consent_on", "#f-decision_on", "#f-surrender_on"} {
			res.one(id)
		}
		if res.first("#f-execution_on") != nil {
			t.Fatal("an arrest warrant has an execution date")
		}
		// Arrested 62 days ago: the decision limit passed the day before
		// yesterday, more than the sweep's grace hour ago at any time of day.
		st := crosscase.StatusArrested
		arrest := pageDate(t, day(-62))
		if _, err := db.UpdateInstrument(userContext(deUser), in.ID, crosscase.InstrumentUpdate{Version: in.Version, ArrestOn: &arrest, Status: &st}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SweepMissedDeadlines(systemContext()); err != nil {
			t.Fatal(err)
		}
		res = de.get(path).wantStatus(http.StatusOK)
		row := res.text(`#clocks tr[data-clock="surrender_uk_decision"]`)
		if !strings.Contains(row, "Final decision on surrender") || !strings.Contains(row, day(-2)) || !strings.Contains(row, "overdue") || !strings.Contains(row, "Trade and Cooperation Agreement, Art. 615(3)") {
			t.Fatalf("decision clock row %q", row)
		}
		if got := res.text(`#clocks tr[data-clock="surrender_uk_surrender"]`); !strings.Contains(got, "Trade and Cooperation Agreement, Art. 621(2)") {
			t.Fatalf("surrender clock row %q", got)
		}
		if got := res.text(`#breaches .breach[data-kind="art615_4"]`); !strings.Contains(got, "informs the issuing judicial authority, giving the reasons for the delay (Trade and Cooperation Agreement, Art. 615(4))") || strings.Contains(got, "17(7)") {
			t.Fatalf("breach %q", got)
		}
		// An overdue limit is reported, not extended: no extension form.
		if res.first("#h-extend") != nil {
			t.Fatal("an overdue limit offered for extension")
		}
	})
}
