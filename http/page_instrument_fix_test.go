package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestInstrumentPageWithheldPerson: a user of a third country's desk with
// only a working arrangement (KR), asked in the case, gets the instrument
// page with the person "not available", not an error, and the API
// returns the instrument without its personal data.
func TestInstrumentPageWithheldPerson(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		kr := ts.apiUser("kr.liaison", crosscase.RoleLiaison, "KR")
		c := ts.pageNewCase(it.User, &crosscase.Case{Title: "Cocaine route via Busan", AskedCountries: []string{"DE", "KR"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, day(-300))})
		e := ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: "Bianchi"})
		in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/KR/1", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: e.ID, IssuedOn: pageDate(t, day(-70)), ArrestOn: pageDate(t, day(-57)), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(userContext(it.User), in); err != nil {
			t.Fatal(err)
		}
		res := ts.pageSignIn(kr.User).get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK)
		if got := res.text("[data-withheld]"); !strings.Contains(got, "not available") {
			t.Fatalf("person shown as %q", got)
		}
		if strings.Contains(res.Body, "Bianchi") || strings.Contains(res.Body, day(-57)) {
			t.Fatal("the page shows the person or the arrest date")
		}
		var got crosscase.Instrument
		kr.get(fmt.Sprintf("/api/v1/instruments/%d", in.ID)).decode(t, http.StatusOK, &got)
		if got.EntityID != 0 || !got.ArrestOn.IsZero() || len(got.Withheld) == 0 {
			t.Fatalf("API read %+v", got)
		}
		// An extradition to KR naming the person is refused with the rule.
		p := ts.apiUser("it.member2", crosscase.RoleDeskMember, "IT").post(fmt.Sprintf("/api/v1/cases/%d/instruments", c.ID), map[string]any{"type": "extradition", "reference": "EXT/KR/1",
			"issuing_country": "IT", "executing_country": "KR", "entity_id": e.ID, "issued_on": day(-5)}).wantProblem(t, http.StatusForbidden, "entity_id")
		if !strings.Contains(p.Detail, "Art. 56") {
			t.Fatalf("problem %+v", p)
		}
	})
}
