package crosscase_test

import (
	"testing"

	"crosscase"
)

// TestResultRules checks who reports results in which country and who
// removes them, for every role: on a case the user's desk (IT) owns, and
// on one it is asked in.
func TestResultRules(t *testing.T) {
	own := &crosscase.Case{ID: 1, OwnerDeskID: 1, OwnerCountry: "IT", AskedCountries: []string{"DE"}}
	asked := &crosscase.Case{ID: 2, OwnerDeskID: 2, OwnerCountry: "DE", AskedCountries: []string{"IT"}}
	for _, role := range crosscase.Roles() {
		u := roleUser(role)
		works := role == crosscase.RoleDeskMember || role == crosscase.RoleLiaison
		for _, tc := range []struct {
			what         string
			c            *crosscase.Case
			country      string
			record       bool
			deleteOurs   bool
			deleteTheirs bool
		}{
			{"own case, own country", own, "IT", works, works, works},
			{"own case, another country", own, "DE", works, works, works},
			{"asked case, own country", asked, "IT", works, works, false},
			{"asked case, another country", asked, "DE", false, works, false},
		} {
			if got := crosscase.CanRecordResultIn(u, tc.c, "IT", tc.country); got != tc.record {
				t.Errorf("%s, %s: CanRecordResultIn = %t, want %t", role, tc.what, got, tc.record)
			}
			ours := &crosscase.Result{CaseID: tc.c.ID, Country: tc.country, DeskID: 1}
			if got := crosscase.CanDeleteResult(u, tc.c, ours); got != tc.deleteOurs {
				t.Errorf("%s, %s: CanDeleteResult(reported by our desk) = %t, want %t", role, tc.what, got, tc.deleteOurs)
			}
			theirs := &crosscase.Result{CaseID: tc.c.ID, Country: tc.country, DeskID: 3}
			if got := crosscase.CanDeleteResult(u, tc.c, theirs); got != tc.deleteTheirs {
				t.Errorf("%s, %s: CanDeleteResult(reported by another desk) = %t, want %t", role, tc.what, got, tc.deleteTheirs)
			}
		}
	}
}
