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

// TestDashboardLinksOpen: every link of the dashboard (its navigation
// included) of an account that
// sees no case content — a JIT-only account, a contact point, a
// statistics user, an administrator — opens for it: the dashboard offers
// nothing the route guard refuses it. Of them, only the statistics user,
// who sees the agency's figures, finds this year's figures there.
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
			if got, want := len(res.all("#dashboard-figures")) == 1, u.Role == crosscase.RoleStatistics; got != want {
				t.Errorf("%s: the dashboard shows this year's figures: %t, want %t", u.Name, got, want)
			}
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

// TestDashboardStartHit: Start here opens first a new hit whose
// disclosure is the desk's to decide — not a newer one the other desk
// decides — with that hit's case; with only the latter, it says that the
// other desk decides.
func TestDashboardStartHit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.start", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.start", crosscase.RoleDeskMember, "DE")
		itOld := ts.pageNewCase(it, &crosscase.Case{Title: "Tramontana", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2020-01-01")})
		itNew := ts.pageNewCase(it, &crosscase.Case{Title: "Arezzo", CrimeTypes: []string{"organised_property_crime"}, OpenedOn: pageDate(t, "2024-01-01")})
		deCase := ts.pageNewCase(de, &crosscase.Case{Title: "Lantern", CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-02-01")})
		person := func(u *crosscase.User, c *crosscase.Case, given, family string) *crosscase.Entity {
			return ts.pageNewEntity(u, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: given, FamilyName: family})
		}
		// Names no check finds alike: the hits are the test's own.
		courier, deCourier := person(it, itOld, "Arben", "Hoxha"), person(de, deCase, "Wilhelm", "Brandt")
		robber, deDriver := person(it, itNew, "Ionut", "Toma"), person(de, deCase, "Sakura", "Tanaka")
		fields := []crosscase.HitField{{Field: "family_name", Score: 1, How: "exact"}}
		// The German desk entered the courier: the Italian entity was found,
		// the Italian desk decides. Later the Italian desk entered the
		// robber: the German entity was found, the German desk decides.
		for _, c := range []crosscase.HitCandidate{{EntityID: deCourier.ID, FoundEntityID: courier.ID, Score: 100, Fields: fields},
			{EntityID: robber.ID, FoundEntityID: deDriver.ID, Score: 100, Fields: fields}} {
			if _, err := db.RecordHits(systemContext(), []crosscase.HitCandidate{c}); err != nil {
				t.Fatal(err)
			}
		}
		hits, _, err := db.FindHits(userContext(it), crosscase.HitFilter{})
		if err != nil || len(hits) != 2 {
			t.Fatalf("hits %+v %v", hits, err)
		}
		var ours, theirs *crosscase.Hit
		for _, h := range hits {
			if h.Side == "found" {
				ours = h
			} else {
				theirs = h
			}
		}
		if ours == nil || theirs == nil {
			t.Fatalf("sides %q and %q, want one of each", hits[0].Side, hits[1].Side)
		}
		b := ts.pageSignIn(it)
		page := b.get("/").wantStatus(http.StatusOK)
		if got := pageAttr(page.one("#start-hit a"), "href"); got != fmt.Sprintf("/hits/%d", ours.ID) {
			t.Errorf("Start here opens %s, want the hit the desk decides, /hits/%d", got, ours.ID)
		}
		if got := page.text("#start-hit"); !strings.Contains(got, "decide whether to disclose") {
			t.Errorf("start hit %q", got)
		}
		if got := pageAttr(page.one("#start-case a"), "href"); got != fmt.Sprintf("/cases/%d", itOld.ID) {
			t.Errorf("Start here's case %s, want the hit's /cases/%d", got, itOld.ID)
		}
		// A desk with more newer cases than the dashboard lists (the
		// annual corpus): Start here still opens the hit's case, not the
		// desk's newest.
		for i := range 12 {
			if err := db.CreateCase(userContext(it), &crosscase.Case{Title: fmt.Sprintf("Corpus %d", i), CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-06-01")}); err != nil {
				t.Fatal(err)
			}
		}
		page = b.get("/").wantStatus(http.StatusOK)
		if got := pageAttr(page.one("#start-case a"), "href"); got != fmt.Sprintf("/cases/%d", itOld.ID) {
			t.Errorf("with 12 newer cases, Start here's case %s, want the hit's /cases/%d", got, itOld.ID)
		}
		if _, err := db.DecideHit(reasonContext(it, "Another man of that name."), ours.ID, crosscase.HitDismissed); err != nil {
			t.Fatal(err)
		}
		page = b.get("/").wantStatus(http.StatusOK)
		if got := page.text("#start-hit"); !strings.Contains(got, "The other desk decides whether to disclose it.") || strings.Contains(got, "see what agreed and decide") {
			t.Errorf("start hit the other desk decides: %q", got)
		}
	})
}

// TestOwnDeskHitDecidedByTheDesk: a hit between two cases of one desk is
// the desk's to decide, as the store lets it (the found entity is its
// own): the hits page offers it disclosure and restriction, and Start
// here says that the desk decides.
func TestOwnDeskHitDecidedByTheDesk(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.own", crosscase.RoleDeskMember, "IT")
		older := ts.pageNewCase(it, &crosscase.Case{Title: "Tramontana", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2020-01-01")})
		newer := ts.pageNewCase(it, &crosscase.Case{Title: "Arezzo", CrimeTypes: []string{"organised_property_crime"}, OpenedOn: pageDate(t, "2024-01-01")})
		a := ts.pageNewEntity(it, &crosscase.Entity{CaseID: newer.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Hoxha"})
		found := ts.pageNewEntity(it, &crosscase.Entity{CaseID: older.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Hoxha"})
		if _, err := db.RecordHits(systemContext(), []crosscase.HitCandidate{{EntityID: a.ID, FoundEntityID: found.ID, Score: 100,
			Fields: []crosscase.HitField{{Field: "family_name", Score: 1, How: "exact"}}}}); err != nil {
			t.Fatal(err)
		}
		hits, _, err := db.FindHits(userContext(it), crosscase.HitFilter{})
		if err != nil || len(hits) != 1 || !hits[0].CanDecide {
			t.Fatalf("the store: hits %+v %v, want one the desk decides", hits, err)
		}
		b := ts.pageSignIn(it)
		row := hitRow(hits[0].ID)
		if r := b.get("/hits").wantStatus(http.StatusOK); r.first(row+` button[value="disclosed"]`) == nil || r.first(row+` button[value="restricted"]`) == nil {
			t.Errorf("the hits page offers the desk no disclosure: %s", r.summary())
		}
		if got := b.get("/").wantStatus(http.StatusOK).text("#start-hit"); !strings.Contains(got, "decide whether to disclose") {
			t.Errorf("start hit %q, want the desk to decide", got)
		}
	})
}
