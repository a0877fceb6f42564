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

// TestAPISurrenderAgreements: the API creates an arrest warrant under
// the Trade and Cooperation Agreement from Germany to the United Kingdom
// and one under the EU–Norway/Iceland Surrender Agreement from Norway to
// Germany, and reads their clocks: the decision 60 days after the arrest
// (Art. 615(3)), 10 days after consent (Art. 20(2)), extended by 30 days
// (Art. 20(4)), surrender 10 days after the decision (Art. 621(2)); an
// EAW to the United Kingdom is refused naming surrender_uk.
func TestAPISurrenderAgreements(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		de := ts.apiUser("de.member", crosscase.RoleDeskMember, "DE")
		gb := ts.apiUser("gb.liaison", crosscase.RoleLiaison, "GB")
		c := ts.pageNewCase(de.User, &crosscase.Case{Title: "Cyber-trading fraud", AskedCountries: []string{"GB", "NO"}, CrimeTypes: []string{"swindling_fraud"},
			OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
		e := ts.pageNewEntity(de.User, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Oliver", FamilyName: "Hughes"})
		casePath := fmt.Sprintf("/api/v1/cases/%d/instruments", c.ID)

		p := de.post(casePath, map[string]any{"type": "eaw", "reference": "EuHb 1", "issuing_country": "DE", "executing_country": "GB", "issued_on": day(-40)})
		p.wantProblem(t, http.StatusUnprocessableEntity, "executing_country")
		if !strings.Contains(string(p.Body), "use a surrender under the Trade and Cooperation Agreement (surrender_uk).") {
			t.Fatalf("EAW to GB: %s", p.Body)
		}
		de.post(casePath, map[string]any{"type": "surrender_uk", "reference": "x", "issuing_country": "DE", "executing_country": "NO", "issued_on": day(-40)}).
			wantProblem(t, http.StatusUnprocessableEntity, "executing_country")

		var uk crosscase.Instrument
		de.post(casePath, map[string]any{"type": "surrender_uk", "reference": "TCA-AW 401 Js 77/25", "issuing_country": "DE", "executing_country": "GB",
			"entity_id": e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &uk)
		if uk.Type != crosscase.InstrumentSurrenderUK || len(uk.Clocks) != 2 || uk.Clocks[0].Kind != crosscase.ClockUKDecision || uk.Clocks[0].State != crosscase.ClockPending {
			t.Fatalf("created %+v", uk)
		}
		// The executing desk (GB) records the arrest 30 days ago.
		path := fmt.Sprintf("/api/v1/instruments/%d", uk.ID)
		var got crosscase.Instrument
		gb.patch(path, map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &got)
		gb.get(path).decode(t, http.StatusOK, &got)
		dec := got.Clocks[0]
		if dec.Kind != crosscase.ClockUKDecision || dec.Due.String() != day(30) || dec.State != crosscase.ClockRunning || dec.Article != "Trade and Cooperation Agreement, Art. 615(3)" || dec.MaxExtensionDays != 30 {
			t.Fatalf("decision clock %+v", dec)
		}
		var dl crosscase.DeadlineList
		de.get("/api/v1/deadlines?type=surrender_uk&days=31").decode(t, http.StatusOK, &dl)
		if len(dl.DueSoon) != 1 || dl.DueSoon[0].Clock != crosscase.ClockUKDecision || dl.DueSoon[0].Due.String() != day(30) {
			t.Fatalf("deadlines %+v", dl.DueSoon)
		}
		// Decision 5 days ago: surrender within 10 days of it (Art. 621(2)).
		gb.patch(path, map[string]any{"version": got.Version, "decision_on": day(-5), "status": "surrender_ordered"}).decode(t, http.StatusOK, &got)
		sur := got.Clocks[1]
		if got.Clocks[0].State != crosscase.ClockMet || sur.Kind != crosscase.ClockUKSurrender || sur.Due.String() != day(5) || sur.Article != "Trade and Cooperation Agreement, Art. 621(2)" {
			t.Fatalf("clocks after the decision %+v", got.Clocks)
		}

		// The other way: Norway issues to Germany; the person consents.
		var no crosscase.Instrument
		de.post(casePath, map[string]any{"type": "surrender_no_is", "reference": "NO 2025/118", "issuing_country": "NO", "executing_country": "DE",
			"entity_id": e.ID, "issued_on": day(-20), "arrest_on": day(-8), "consent_on": day(-7), "status": "consented"}).decode(t, http.StatusCreated, &no)
		if c := no.Clocks[0]; c.Kind != crosscase.ClockNOISDecision || c.Due.String() != day(3) || c.Article != "EU–Norway/Iceland Surrender Agreement, Art. 20(2)" {
			t.Fatalf("decision after consent %+v", c)
		}
		npath := fmt.Sprintf("/api/v1/instruments/%d", no.ID)
		de.post(npath+"/extensions", map[string]any{"clock": "surrender_no_is_surrender", "days": 5, "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "clock")
		de.post(npath+"/extensions", map[string]any{"clock": "surrender_no_is_decision", "days": 30, "reason": "Hearing on the guarantee of return."}).decode(t, http.StatusOK, &got)
		if c := got.Clocks[0]; c.Due.String() != day(33) || c.ExtendedDays != 30 || got.Extensions[0].AppliesTo != "20(2)" {
			t.Fatalf("extended %+v %+v", c, got.Extensions)
		}
		// A company is not surrendered.
		co := ts.pageNewEntity(de.User, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Global Trade Invest Ltd"})
		de.post(casePath, map[string]any{"type": "surrender_no_is", "reference": "x", "issuing_country": "DE", "executing_country": "NO",
			"entity_id": co.ID, "issued_on": day(-20)}).wantProblem(t, http.StatusUnprocessableEntity, "entity_id")
	})
}
