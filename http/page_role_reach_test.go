package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageRoleReach: a statistics user, an administrator, a contact point
// and a JIT-only member opening by its address a page their role does not
// reach — a case list, a case, a hit, the deadlines, a centre, the
// notices — get one clear 403 that says what the role does reach
// (crosscase.Role.Reach), in the reader's language, not an empty list
// ("Every case your desk owns…"), a 404 or another page's refusal; the
// pages they do reach open.
func TestPageRoleReach(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	ts.loadDemo()
	caseRoutes := []string{"/cases", "/cases/new", "/cases/1", "/cases/1/timeline", "/cases/1/chart", "/cases/1/retention", "/cases/1/centres",
		"/cases/1/instruments/new", "/entities/1/edit", "/hits", "/hits/1", "/check-hits", "/search", "/search?q=Hoxha", "/checks", "/deadlines",
		"/retention", "/instruments/1", "/meetings/1/edit"}
	centreRoutes := []string{"/centres", "/centres/1", "/centres/1/log", "/centres/1/press"}
	noticeRoutes := []string{"/notices", "/notices/1", "/notices/new", "/notifications"}
	jitRoutes := []string{"/jits", "/jits/1", "/jits/new"}
	cat := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	for _, tc := range []struct {
		role    crosscase.Role
		desk    string
		refused []string
		open    []string
	}{
		{crosscase.RoleStatistics, "", cat(caseRoutes, centreRoutes, noticeRoutes, jitRoutes), []string{"/", "/statistics", "/authorities", "/account"}},
		{crosscase.RoleAdministrator, "", cat(caseRoutes, centreRoutes, noticeRoutes), []string{"/", "/admin", "/jits", "/authorities", "/account"}},
		{crosscase.RoleContactPoint, "BA", cat(caseRoutes, centreRoutes, jitRoutes, []string{"/notices/new", "/statistics", "/admin"}), []string{"/", "/notices", "/notifications", "/authorities", "/account"}},
		{crosscase.RoleJITMember, "AL", cat(caseRoutes, noticeRoutes, []string{"/jits/new", "/authorities", "/statistics", "/admin"}), []string{"/", "/jits", "/centres", "/account"}},
	} {
		u := ts.user("reach."+strings.ReplaceAll(string(tc.role), "_", "-"), tc.role, tc.desk)
		b := ts.pageSignIn(u)
		for _, p := range tc.refused {
			res := b.get(p)
			if res.Status != http.StatusForbidden || !strings.Contains(res.Body, htmlEscaped(tc.role.Reach())) {
				t.Errorf("%s: GET %s answers %d %q, want 403 saying %q", tc.role, p, res.Status, res.text("main"), tc.role.Reach())
			}
		}
		for _, p := range tc.open {
			b.get(p).wantStatus(http.StatusOK)
		}
		// In the reader's language.
		b.acceptLanguage = "fr"
		if got := b.get(tc.refused[0]).wantStatus(http.StatusForbidden).text("main"); !strings.Contains(got, "compte") {
			t.Errorf("%s in French: %q", tc.role, got)
		}
	}
}
