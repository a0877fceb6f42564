package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestDashboardLinksOpen: every link of the dashboard (its navigation
// included) of an account that
// sees no case content — a JIT-only account, a contact point, a
// statistics user, an administrator — opens for it: the dashboard offers
// nothing the route guard refuses it.
func TestDashboardLinksOpen(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		for _, u := range []*crosscase.User{
			ts.user("jit.only", crosscase.RoleJITMember, "IT"),
			ts.user("ba.contact", crosscase.RoleContactPoint, "BA"),
			ts.user("agency.statistics", crosscase.RoleStatistics, ""),
			ts.user("admin.one", crosscase.RoleAdministrator, ""),
		} {
			b := ts.pageSignIn(u)
			res := b.get("/").wantStatus(http.StatusOK)
			links := res.all(`a[href^="/"]`)
			if len(links) == 0 {
				t.Fatalf("%s: the dashboard has no links", u.Name)
			}
			for _, a := range links {
				href := pageAttr(a, "href")
				if got := b.get(href); got.Status == http.StatusForbidden || got.Status >= 500 {
					t.Errorf("%s: the dashboard offers %q (%s), which answers %d", u.Name, href, strings.TrimSpace(pageText(a)), got.Status)
				}
			}
		}
	})
}
