package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPagePathIDsAreCanonical: a page names a record by its id written as
// a plain decimal number, as the API does; +7 and 007 name nothing, so
// that one record has one address (and one audit trail).
func TestPagePathIDsAreCanonical(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		c := createCase(t, it, caseBody("Path ids", nil))
		b := ts.pageSignIn(it.User)
		b.get(fmt.Sprintf("/cases/%d", c.ID)).wantStatus(http.StatusOK)
		for _, p := range []string{"/cases/+%d", "/cases/0%d", "/cases/%d.0", "/cases/%d%%20"} {
			b.get(fmt.Sprintf(p, c.ID)).wantStatus(http.StatusNotFound)
		}
	})
}
