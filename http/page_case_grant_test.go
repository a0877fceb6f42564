package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestCaseGrantOffersOnlyGrantableDesks: the case page's grant form
// offers the desks the store lets the owner grant (crosscase.CheckGrant):
// a national desk, never a contact point's, which the store refuses.
func TestCaseGrantOffersOnlyGrantableDesks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.grant", crosscase.RoleDeskMember, "IT")
		fr := ts.user("fr.grant", crosscase.RoleDeskMember, "FR")
		cp := ts.user("ba.contact", crosscase.RoleContactPoint, "BA")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Tramontana", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
		if err := db.GrantCase(userContext(it), c.ID, cp.DeskID); crosscase.ErrorField(err) != "desk_id" {
			t.Fatalf("the store grants a contact point the case: %v", err)
		}
		r := ts.pageSignIn(it).get(casePath(c.ID)).wantStatus(http.StatusOK)
		option := func(id int64) string { return fmt.Sprintf(`#f-grant-desk option[value="%d"]`, id) }
		if r.first(option(fr.DeskID)) == nil || r.first(option(cp.DeskID)) != nil {
			t.Errorf("grant offered: FR %t, BA's contact point %t", r.first(option(fr.DeskID)) != nil, r.first(option(cp.DeskID)) != nil)
		}
	})
}
