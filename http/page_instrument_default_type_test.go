package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageInstrumentFormDefaultType: the new-instrument form starts on a
// type that runs between the case's countries, so that the form as
// offered can be sent: a European Arrest Warrant where it runs (Italy and
// France), the first type that does where it does not — between Albania
// and Italy no EAW runs, and the Albanian desk's form starts on mutual
// legal assistance instead of a type the store must refuse.
func TestPageInstrumentFormDefaultType(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	al := ts.user("al.liaison", crosscase.RoleLiaison, "AL")
	for _, tc := range []struct {
		u     *crosscase.User
		asked string
		want  crosscase.InstrumentType
	}{
		{it, "FR", crosscase.InstrumentEAW},
		{al, "IT", crosscase.InstrumentMLA},
		{it, "AL", crosscase.InstrumentMLA},
	} {
		c := ts.pageNewCase(tc.u, &crosscase.Case{Title: "Operation " + tc.asked, AskedCountries: []string{tc.asked}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2025-03-01")})
		form := ts.pageSignIn(tc.u).get(fmt.Sprintf("/cases/%d/instruments/new", c.ID)).wantStatus(http.StatusOK)
		got := ""
		if sel := form.first(`#f-type option[selected]`); sel != nil {
			got = pageAttr(sel, "value")
		}
		if got != string(tc.want) {
			t.Errorf("%s with %s: the form starts on %q, want %s", tc.u.Name, tc.asked, got, tc.want)
		}
	}
}
