package http

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// pageWorld is the fixture of the page tests: four desks (IT, DE, FR
// national desks, AL a liaison prosecutor), a member of each, an
// administrator, and four cases:
//
//   - Tramontana: IT's, asked DE, open since 2023, with five entities;
//   - Phishing: IT's, asked AL, opened 2024, closed 2025;
//   - Lantern: DE's, asked IT, open since 2024;
//   - Mistral: FR's, asked ES, open since 2024 — IT must never see it.
type pageWorld struct {
	ts                            *testServer
	it, de, fr, al, admin         *crosscase.User
	tramontana, phishing, lantern *crosscase.Case
	mistral                       *crosscase.Case
	rossi, ndrina, phone, company *crosscase.Entity
	witness                       *crosscase.Entity
}

func newPageWorld(t *testing.T, db *sqldb.DB) *pageWorld {
	t.Helper()
	ts := newTestServer(t, db)
	w := &pageWorld{ts: ts}
	w.it = ts.user("it.member", crosscase.RoleDeskMember, "IT")
	w.de = ts.user("de.member", crosscase.RoleDeskMember, "DE")
	w.fr = ts.user("fr.member", crosscase.RoleDeskMember, "FR")
	w.al = ts.user("al.liaison", crosscase.RoleLiaison, "AL")
	w.admin = ts.user("admin.one", crosscase.RoleAdministrator, "")

	w.tramontana = ts.pageNewCase(w.it, &crosscase.Case{
		Title:          "Operation Tramontana",
		Summary:        "Cocaine shipments through the port of Gioia Tauro; proceeds laundered through companies in Durrës.",
		AskedCountries: []string{"DE"},
		CrimeTypes:     []string{"drug_trafficking", "money_laundering"},
		Priority:       "empact_drug_trafficking",
		OpenedOn:       pageDate(t, "2023-03-01"),
		Victims:        0, FinancialDamageEUR: 2_500_000,
	})
	w.phishing = ts.pageNewCase(w.it, &crosscase.Case{
		Title:          "Phishing call centres",
		Summary:        "Call centres posing as bank staff.",
		AskedCountries: []string{"AL"},
		CrimeTypes:     []string{"swindling_fraud", "cybercrime"},
		Status:         crosscase.CaseClosed,
		OpenedOn:       pageDate(t, "2024-06-15"),
		ClosedOn:       pageDate(t, "2025-01-10"),
		Victims:        312,
	})
	w.lantern = ts.pageNewCase(w.de, &crosscase.Case{
		Title:          "Operation Lantern",
		Summary:        "Victims recruited with false job offers.",
		AskedCountries: []string{"IT"},
		CrimeTypes:     []string{"trafficking_human_beings"},
		OpenedOn:       pageDate(t, "2024-02-01"),
	})
	w.mistral = ts.pageNewCase(w.fr, &crosscase.Case{
		Title:          "Operation Mistral",
		Summary:        "Cocaine through the port of Le Havre.",
		AskedCountries: []string{"ES"},
		CrimeTypes:     []string{"drug_trafficking"},
		OpenedOn:       pageDate(t, "2024-03-03"),
	})

	id := w.tramontana.ID
	w.rossi = ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: id, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		FamilyName: "Rossi", GivenName: "Mario", BirthDate: pageDate(t, "1975-04-12"), Nationality: "IT", ExternalRef: "RGNR 1234/2023"})
	w.ndrina = ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: id, Kind: crosscase.KindOCG, Role: crosscase.RoleSuspect,
		Name: "'Ndrina Tramontana", Country: "IT"})
	w.phone = ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: id, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect,
		Value: "+39 333 123 4567", Country: "IT"})
	w.company = ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: id, Kind: crosscase.KindCompany, Role: crosscase.RoleVictim,
		Name: "Porto Logistica S.r.l.", Country: "IT"})
	w.witness = ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: id, Kind: crosscase.KindPerson, Role: crosscase.RoleWitness,
		FamilyName: "Becker", GivenName: "Anna", Nationality: "DE"})
	return w
}

func casePath(id int64) string   { return "/cases/" + strconv.FormatInt(id, 10) }
func entityPath(id int64) string { return "/entities/" + strconv.FormatInt(id, 10) }

// caseRowTitles returns the titles in the case table of a page section.
func caseRowTitles(r *pageResult, table string) []string {
	titles := r.texts(table + " tbody tr td:nth-child(2)")
	slices.Sort(titles)
	return titles
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// Sign-in and sign-out ------------------------------------------------------

func TestPageSignIn(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		b := ts.pageAnonymous()

		// A page needs a session: the sign-in form, keeping where to go.
		r := b.get("/cases?status=open").wantStatus(http.StatusSeeOther)
		if got, want := r.location(), "/login?next="+url.QueryEscape("/cases?status=open"); got != want {
			t.Fatalf("redirect to %q, want %q", got, want)
		}
		login := b.get(r.location()).wantStatus(http.StatusOK)
		form := login.form(`form[action="/login"]`)
		if got := form.Values.Get("next"); got != "/cases?status=open" {
			t.Fatalf("next = %q", got)
		}

		// A wrong password: the form again, with a message that does not
		// say which of name and password was wrong, and no session.
		r = b.submit(form.set("name", u.Name).set("password", "not the password")).wantStatus(http.StatusUnauthorized)
		if got := r.text("#login-error"); got != "Wrong login name or password." {
			t.Fatalf("error = %q", got)
		}
		if got := pageAttr(r.one("#f-name"), "value"); got != u.Name {
			t.Fatalf("login name not kept: %q", got)
		}
		if b.cookie(server.SessionCookie) != "" {
			t.Fatal("a failed sign-in set a session cookie")
		}
		// An unknown user gets the very same answer.
		form = r.form(`form[action="/login"]`)
		r2 := b.submit(form.set("name", "nobody.here").set("password", testPassword)).wantStatus(http.StatusUnauthorized)
		if got := r2.text("#login-error"); got != "Wrong login name or password." {
			t.Fatalf("unknown user: error = %q", got)
		}

		// A sign-in form posted without its cookie (another site's form)
		// is refused, even with the right password.
		stranger := ts.pageAnonymous()
		stranger.post("/login", url.Values{"csrf_token": {form.Values.Get("csrf_token")}, "name": {u.Name}, "password": {testPassword}}).
			wantStatus(http.StatusForbidden)
		if stranger.cookie(server.SessionCookie) != "" {
			t.Fatal("a sign-in without the form's cookie started a session")
		}

		// The right password: a new session in an HttpOnly, SameSite
		// cookie, and on to the page asked for.
		form = r2.form(`form[action="/login"]`)
		r = b.submit(form.set("name", u.Name).set("password", testPassword)).wantStatus(http.StatusSeeOther)
		if got := r.location(); got != "/cases?status=open" {
			t.Fatalf("after sign-in, to %q", got)
		}
		var sess *http.Cookie
		for _, c := range (&http.Response{Header: r.Header}).Cookies() {
			if c.Name == server.SessionCookie {
				sess = c
			}
		}
		if sess == nil || sess.Value == "" {
			t.Fatalf("no session cookie in %q", r.Header.Values("Set-Cookie"))
		}
		if !sess.HttpOnly {
			t.Error("session cookie is not HttpOnly")
		}
		if sess.SameSite != http.SameSiteLaxMode && sess.SameSite != http.SameSiteStrictMode {
			t.Errorf("session cookie SameSite = %v, want Lax or Strict", sess.SameSite)
		}
		if sess.Path != "/" {
			t.Errorf("session cookie path = %q", sess.Path)
		}
		page := b.follow(r).wantStatus(http.StatusOK)
		if got := page.text("h1"); got != "Cases" {
			t.Fatalf("landed on %q", got)
		}
		if got := page.text(".who-name"); got != u.DisplayName {
			t.Fatalf("header names %q, want %q", got, u.DisplayName)
		}
		if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("Content-Security-Policy %q", csp)
		}
		if !strings.Contains(page.Header.Get("Cache-Control"), "no-store") {
			t.Errorf("a page with case data may be cached: Cache-Control %q", page.Header.Get("Cache-Control"))
		}

		// The sign-in page sends a signed-in user on; "next" never leads
		// to another site.
		if got := b.get("/login?next=" + url.QueryEscape("//evil.example/x")).wantStatus(http.StatusSeeOther).location(); got != "/" {
			t.Fatalf("next to another site: redirected to %q", got)
		}

		// Failed and successful sign-ins are in the audit log.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var failed, ok int
		for _, e := range entries {
			switch {
			case e.Action == crosscase.ActionFailed && (e.UserName == u.Name || e.UserName == "(not an account)"):
				failed++
			case e.Action == crosscase.ActionLogin && e.UserID == u.ID:
				ok++
			}
		}
		if failed != 2 || ok != 1 {
			t.Fatalf("audit: %d failed and %d successful sign-ins, want 2 and 1", failed, ok)
		}
	})
}

func TestPageLogout(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		b := ts.pageSignIn(u)
		old := b.cookie(server.SessionCookie)

		// Signing out is a form with the CSRF token: without it, nothing.
		b.post("/logout", url.Values{}).wantStatus(http.StatusForbidden)
		b.get("/").wantStatus(http.StatusOK)

		dash := b.get("/").wantStatus(http.StatusOK)
		r := b.submit(dash.form(`form[action="/logout"]`)).wantStatus(http.StatusSeeOther)
		if got := r.location(); got != "/login" {
			t.Fatalf("after sign-out, to %q", got)
		}
		login := b.follow(r).wantStatus(http.StatusOK)
		if got := login.text(".flash"); got != "You have signed out." {
			t.Fatalf("flash = %q", got)
		}
		if b.cookie(server.SessionCookie) != "" {
			t.Fatal("the session cookie is still set")
		}
		b.get("/").wantStatus(http.StatusSeeOther)

		// Signing in again starts a new session with a new CSRF token:
		// forms of the ended session are refused.
		oldToken := dash.form(`form[action="/logout"]`).Values.Get("csrf_token")
		again := ts.pageSignIn(u)
		if again.csrf == oldToken {
			t.Fatal("the new session has the old session's CSRF token")
		}
		again.post("/account/tokens", url.Values{"csrf_token": {oldToken}, "label": {"x"}}).wantStatus(http.StatusForbidden)

		// The session has ended on the server too: its old cookie value
		// opens nothing.
		replay := ts.pageAnonymous()
		base, _ := url.Parse(ts.URL())
		replay.c.Jar.SetCookies(base, []*http.Cookie{{Name: server.SessionCookie, Value: old, Path: "/"}})
		if got := replay.get("/cases").wantStatus(http.StatusSeeOther).location(); !strings.HasPrefix(got, "/login") {
			t.Fatalf("old session cookie: redirected to %q", got)
		}
	})
}

// Dashboard and case list ---------------------------------------------------

func TestPageDashboard(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		r := w.ts.pageSignIn(w.it).get("/").wantStatus(http.StatusOK)

		// Open cases only: the closed phishing case is not on the dashboard.
		if got, want := caseRowTitles(r, "#owned-cases"), sorted(w.tramontana.Title); !slices.Equal(got, want) {
			t.Errorf("my desk's cases = %q, want %q", got, want)
		}
		if got, want := caseRowTitles(r, "#asked-cases"), sorted(w.lantern.Title); !slices.Equal(got, want) {
			t.Errorf("cases where we are asked = %q, want %q", got, want)
		}
		if got := r.text("#owned-cases tbody tr td:nth-child(6)"); got != "5" {
			t.Errorf("entity count of Tramontana = %q, want 5", got)
		}
		activity := r.text("#activity")
		for _, c := range []*crosscase.Case{w.tramontana, w.phishing, w.lantern} {
			if !strings.Contains(activity, c.Reference) {
				t.Errorf("recent activity lacks %s (%s): %q", c.Reference, c.Title, activity)
			}
		}
		if strings.Contains(r.Body, w.mistral.Title) || strings.Contains(r.Body, w.mistral.Reference) {
			t.Error("the dashboard shows a case of a desk that is neither owner nor asked")
		}
		if !strings.Contains(activity, "de.member") {
			t.Errorf("recent activity does not name the DE member who registered Lantern: %q", activity)
		}

		// A new account is told what to try first, with its own case.
		if r.first(`#start-here a[href="/deadlines"]`) == nil || r.first(`#start-here a[href="/search"]`) == nil ||
			r.first(fmt.Sprintf(`#start-here a[href="/cases/%d/chart"]`, w.tramontana.ID)) == nil {
			t.Errorf("no start for a new account: %q", r.text("#start-here"))
		}

		// The asked desk's view of the same data.
		r = w.ts.pageSignIn(w.de).get("/").wantStatus(http.StatusOK)
		if got, want := caseRowTitles(r, "#owned-cases"), sorted(w.lantern.Title); !slices.Equal(got, want) {
			t.Errorf("DE: my desk's cases = %q, want %q", got, want)
		}
		if got, want := caseRowTitles(r, "#asked-cases"), sorted(w.tramontana.Title); !slices.Equal(got, want) {
			t.Errorf("DE: asked = %q, want %q", got, want)
		}
		if strings.Contains(r.Body, w.phishing.Title) {
			t.Error("DE sees IT's phishing case, in which DE is not asked")
		}

		// An administrator's dashboard has no case content at all.
		r = w.ts.pageSignIn(w.admin).get("/").wantStatus(http.StatusOK)
		if r.first("#owned-cases") != nil || strings.Contains(r.Body, w.tramontana.Title) {
			t.Error("the administrator's dashboard shows cases")
		}
		if r.first(`a[href="/admin/audit"]`) == nil {
			t.Error("the administrator's dashboard has no link to the audit log")
		}

		// A JIT-only member's first page speaks of their JITs and
		// centres, not of statistics.
		r = w.ts.pageSignIn(w.ts.user("jit.only", crosscase.RoleJITMember, "IT")).get("/").wantStatus(http.StatusOK)
		if got := r.text("#role-scope"); strings.Contains(got, "statistic") || !strings.Contains(got, "joint investigation teams") {
			t.Errorf("JIT member's dashboard: %q", got)
		}
		if r.first(`main a[href="/jits"]`) == nil || r.first(`main a[href="/centres"]`) == nil || r.first("#dashboard-statistics") != nil {
			t.Error("the JIT member's dashboard does not lead to their JITs and centres, or offers statistics")
		}
	})
}

func TestPageCaseListFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		b := w.ts.pageSignIn(w.it)
		tram, phish, lant := w.tramontana.Title, w.phishing.Title, w.lantern.Title

		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{tram, phish, lant}},
			{"country=DE", []string{tram, lant}},        // asked in Tramontana, owner of Lantern
			{"country=AL", []string{phish}},             // asked
			{"country=IT", []string{tram, phish, lant}}, // owner or asked
			{"country=FR", nil},                         // FR's own case is not visible
			{"crime_type=cybercrime", []string{phish}},
			{"crime_type=drug_trafficking", []string{tram}},
			{"status=closed", []string{phish}},
			{"status=open", []string{tram, lant}},
			{"opened_from=2024-01-01&opened_to=2024-12-31", []string{phish, lant}},
			{"opened_from=2024-02-01&opened_to=2024-02-01", []string{lant}}, // both ends inclusive
			{"opened_to=2023-12-31", []string{tram}},
			{"q=tramontana", []string{tram}},
			{"q=PORT+Durr%C3%ABS", []string{tram}}, // words of the summary, any case, any order
			{"q=" + url.QueryEscape(w.phishing.Reference), []string{phish}},
			{"q=port+havre", nil}, // Mistral's summary: not visible
			{"q=%25", nil},        // LIKE wildcards are literal text
			{"q=_", nil},
			{"scope=owned", []string{tram, phish}},
			{"scope=asked", []string{lant}},
			{"country=DE&status=open&crime_type=trafficking_human_beings", []string{lant}},
		} {
			r := b.get("/cases?" + tc.query).wantStatus(http.StatusOK)
			got := caseRowTitles(r, "#case-results")
			if !slices.Equal(got, sorted(tc.want...)) {
				t.Errorf("/cases?%s lists %q, want %q", tc.query, got, sorted(tc.want...))
			}
			if len(tc.want) == 0 && r.first("#no-results") == nil {
				t.Errorf("/cases?%s: no 'no results' message", tc.query)
			}
			// The filter form shows what was asked for.
			q, _ := url.ParseQuery(tc.query)
			if v := q.Get("q"); v != "" {
				if got := pageAttr(r.one("#f-q"), "value"); got != v {
					t.Errorf("/cases?%s: text field shows %q", tc.query, got)
				}
			}
			if v := q.Get("country"); v != "" {
				if got := pageAttr(r.one(`#f-country option[selected]`), "value"); got != v {
					t.Errorf("/cases?%s: country filter shows %q", tc.query, got)
				}
			}
		}

		// The filter form itself, submitted as a browser does (GET).
		list := b.get("/cases").wantStatus(http.StatusOK)
		if m := strings.ToLower(pageAttr(list.one(`form.filters`), "method")); m != "get" {
			t.Fatalf("filter form method %q", m)
		}
		for _, name := range []string{"q", "scope", "country", "crime_type", "status", "priority", "opened_from", "opened_to"} {
			if list.first(`form.filters [name="`+name+`"]`) == nil {
				t.Errorf("the filter form has no field %q", name)
			}
		}

		// A bad filter is a message naming the field, not a list.
		for _, tc := range []struct{ query, label string }{
			{"opened_from=2024-05-01&opened_to=2024-01-01", "Opened to"},
			{"opened_from=2024-02-30", "Opened from"},
			{"country=XXX", "Country"},
			{"crime_type=knitting", "Crime type"},
		} {
			r := b.get("/cases?" + tc.query).wantStatus(http.StatusUnprocessableEntity)
			if msg := r.text(".alert"); !strings.Contains(msg, tc.label) {
				t.Errorf("/cases?%s: message %q does not name %q", tc.query, msg, tc.label)
			}
			if r.first("#case-results") != nil {
				t.Errorf("/cases?%s: lists cases despite the bad filter", tc.query)
			}
		}
	})
}

func TestPageCaseListPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for i := 1; i <= 53; i++ {
			w.ts.pageNewCase(w.it, &crosscase.Case{Title: fmt.Sprintf("Batch case %02d", i), CrimeTypes: []string{"cybercrime"}, OpenedOn: pageDate(t, "2024-07-01")})
		}
		b := w.ts.pageSignIn(w.it)
		// A filter that matches the batch and the phishing case: 54 rows,
		// newest first, 50 on the first page.
		first := b.get("/cases?crime_type=cybercrime").wantStatus(http.StatusOK)
		rows := first.texts("#case-results tbody tr td:nth-child(2)")
		if len(rows) != 50 || rows[0] != "Batch case 53" || rows[49] != "Batch case 04" {
			t.Fatalf("first page: %d rows, %q … %q", len(rows), rows[0], rows[len(rows)-1])
		}
		next := pageAttr(first.one("#next-page"), "href")
		u, err := url.Parse(next)
		if err != nil || u.Query().Get("crime_type") != "cybercrime" || u.Query().Get("cursor") == "" {
			t.Fatalf("next page link %q does not keep the filter", next)
		}
		second := b.get(next).wantStatus(http.StatusOK)
		rows = second.texts("#case-results tbody tr td:nth-child(2)")
		if want := []string{"Batch case 03", "Batch case 02", "Batch case 01", w.phishing.Title}; !slices.Equal(rows, want) {
			t.Fatalf("second page %q, want %q", rows, want)
		}
		if second.first("#next-page") != nil {
			t.Error("the last page links to a next one")
		}
		if back := second.first(`.pager a[href="/cases?crime_type=cybercrime"]`); back == nil {
			t.Error("the second page does not link back to the first")
		}
		// A cursor this server did not give is a bad filter, not a crash.
		b.get("/cases?cursor=garbage").wantStatus(http.StatusUnprocessableEntity)
	})
}

// Case page -----------------------------------------------------------------

func TestPageCase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		r := w.ts.pageSignIn(w.it).get(casePath(w.tramontana.ID)).wantStatus(http.StatusOK)

		if got := r.text("#case-title"); got != w.tramontana.Title {
			t.Errorf("title %q", got)
		}
		if got := r.text("#case-reference"); got != w.tramontana.Reference || !strings.HasPrefix(got, "IT/2023/") {
			t.Errorf("reference %q, want %q", got, w.tramontana.Reference)
		}
		if got := r.text("#case-owner"); !strings.Contains(got, "Italy") || !strings.Contains(got, "IT desk") {
			t.Errorf("owner %q", got)
		}
		if got := r.texts("#case-asked .tag"); !slices.Equal(got, []string{"Germany"}) {
			t.Errorf("asked countries %q", got)
		}
		if got := r.texts("#case-crime-types .tag"); !slices.Equal(sorted(got...), []string{"Drug trafficking", "Money laundering"}) {
			t.Errorf("crime types %q", got)
		}

		// Entities grouped by role, in display order, each role present.
		var roles []string
		for _, n := range r.all("#entities .role-group") {
			roles = append(roles, pageAttr(n, "id"))
		}
		if want := []string{"role-suspect", "role-victim", "role-witness", "role-other"}; !slices.Equal(roles, want) {
			t.Fatalf("role groups %q, want %q", roles, want)
		}
		labels := func(role string) []string {
			return sorted(r.texts("#role-" + role + " tr.entity td.label")...)
		}
		if got, want := labels("suspect"), sorted("ROSSI, Mario", "'Ndrina Tramontana", "+39 333 123 4567"); !slices.Equal(got, want) {
			t.Errorf("suspects %q, want %q", got, want)
		}
		if got := labels("victim"); !slices.Equal(got, []string{"Porto Logistica S.r.l."}) {
			t.Errorf("victims %q", got)
		}
		if got := labels("witness"); !slices.Equal(got, []string{"BECKER, Anna"}) {
			t.Errorf("witnesses %q", got)
		}
		if got := r.text("#role-other"); !strings.Contains(got, "None recorded.") || !strings.Contains(got, "(0)") {
			t.Errorf("other: %q", got)
		}
		if got := r.text("#h-role-suspect .count"); got != "(3)" {
			t.Errorf("suspect count %q", got)
		}
		// Within a role, one table per kind, with a caption.
		if got := r.texts("#role-suspect table caption"); len(got) != 3 {
			t.Errorf("suspect tables %q, want one per kind (3)", got)
		}
		row := r.one(fmt.Sprintf("#entity-%d", w.rossi.ID))
		if got := pageText(row); !strings.Contains(got, "1975-04-12") || !strings.Contains(got, "Italy") || !strings.Contains(got, "RGNR 1234/2023") {
			t.Errorf("Rossi's row %q", got)
		}
		// The owner desk may change the case and its entities.
		if r.first(fmt.Sprintf(`a[href="/cases/%d/edit"]`, w.tramontana.ID)) == nil ||
			r.first(fmt.Sprintf(`a[href="/entities/%d/edit"]`, w.rossi.ID)) == nil {
			t.Error("the owner desk has no edit links")
		}

		// The asked desk reads the same case but changes nothing.
		r = w.ts.pageSignIn(w.de).get(casePath(w.tramontana.ID)).wantStatus(http.StatusOK)
		if got := labels("suspect"); len(got) != 3 {
			t.Errorf("DE sees suspects %q", got)
		}
		if r.first(`a[href$="/edit"]`) != nil || r.first(`a[href$="/entities/new"]`) != nil || r.first(`form[action$="/grants"]`) != nil {
			t.Error("the asked desk is offered to change the case")
		}
		if got := r.text(".badge-asked"); got != "your country is asked" {
			t.Errorf("DE access badge %q", got)
		}

		// The owner desk's analyst reads the case and is offered no change:
		// every form of it answers 403, as the store refuses the write
		// (crosscase.CanWriteCase), before anything is typed.
		an := w.ts.pageSignIn(w.ts.user("it.page-analyst", crosscase.RoleAnalyst, "IT"))
		r = an.get(casePath(w.tramontana.ID)).wantStatus(http.StatusOK)
		if r.first(`a[href$="/edit"]`) != nil || r.first(`a[href$="/entities/new"]`) != nil || r.first(`a[href$="/import"]`) != nil || r.first(`a[href$="/instruments/new"]`) != nil {
			t.Error("the owner desk's analyst is offered to change the case")
		}
		for _, p := range []string{casePath(w.tramontana.ID) + "/edit", casePath(w.tramontana.ID) + "/entities/new?kind=person&role=suspect",
			casePath(w.tramontana.ID) + "/instruments/new", casePath(w.tramontana.ID) + "/import", fmt.Sprintf("/entities/%d/edit", w.rossi.ID)} {
			an.get(p).wantStatus(http.StatusForbidden)
		}

		// Case ids that are no case.
		b := w.ts.pageSignIn(w.it)
		for _, p := range []string{"/cases/0", "/cases/-1", "/cases/abc", "/cases/999999", "/cases/9999999999999999999999"} {
			b.get(p).wantStatus(http.StatusNotFound)
		}
	})
}

// Case forms ----------------------------------------------------------------

func TestPageCaseCreate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		auth := ts.pageNewAuthority("DE", "Staatsanwaltschaft Hamburg", crosscase.AuthorityProsecution, "Hamburg")
		b := ts.pageSignIn(w.it)
		before := ts.pageCaseTitles(w.it)

		page := b.get("/cases/new").wantStatus(http.StatusOK)
		form := page.form(`form[action="/cases"]`)
		// The day it offers is the store's, the one its rules read.
		if form.Values.Get("status") != "open" || form.Values.Get("opened_on") != crosscase.DateOf(db.Now().UTC()).String() {
			t.Fatalf("new case form starts with %v", form.Values)
		}
		db.Now = func() time.Time { return time.Date(2025, 5, 13, 9, 0, 0, 0, time.UTC) }
		if got := b.get("/cases/new").wantStatus(http.StatusOK).form(`form[action="/cases"]`).Values.Get("opened_on"); got != "2025-05-13" {
			t.Fatalf("new case form on the store's day 2025-05-13 offers %q", got)
		}
		db.Now = time.Now
		// A browser sends a text area's line breaks as CR LF.
		summary := "Heroin from the Western Balkans.\r\nSecond line."
		form.set("title", "Operation Scirocco").
			set("summary", summary).
			choose("asked_countries", "DE", "AL").
			choose("crime_types", "drug_trafficking", "corruption").
			choose("authority_ids", strconv.FormatInt(auth.ID, 10)).
			choose("priority", "empact_high_risk_networks").
			set("opened_on", "2025-02-03").
			set("victims", "4").
			set("financial_damage_eur", "150000")
		r := b.submit(form).wantStatus(http.StatusSeeOther)
		m := regexp.MustCompile(`^/cases/(\d+)$`).FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("after create, to %q", r.location())
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		page = b.follow(r).wantStatus(http.StatusOK)
		if got := page.text(".flash"); got != "The case has been registered." {
			t.Errorf("flash %q", got)
		}
		if got := page.text("#case-title"); got != "Operation Scirocco" {
			t.Errorf("title %q", got)
		}
		if got := sorted(page.texts("#case-asked .tag")...); !slices.Equal(got, []string{"Albania", "Germany"}) {
			t.Errorf("asked %q", got)
		}
		if got := page.text("#case-authorities"); !strings.Contains(got, "Staatsanwaltschaft Hamburg") {
			t.Errorf("authorities %q", got)
		}
		c := ts.pageCase(w.it, id)
		if c.Title != "Operation Scirocco" || c.OwnerCountry != "IT" || c.Victims != 4 || c.FinancialDamageEUR != 150000 ||
			c.Summary != "Heroin from the Western Balkans.\nSecond line." ||
			!slices.Equal(c.AskedCountries, []string{"AL", "DE"}) || !slices.Equal(c.CrimeTypes, []string{"corruption", "drug_trafficking"}) ||
			c.Priority != "empact_high_risk_networks" || c.OpenedOn.String() != "2025-02-03" || c.Access != crosscase.AccessOwner {
			t.Errorf("stored case %+v", c)
		}
		// Germany, asked, sees it at once.
		ts.pageSignIn(w.de).get(casePath(id)).wantStatus(http.StatusOK)

		if after := ts.pageCaseTitles(w.it); len(after) != len(before)+1 {
			t.Fatalf("the form stored %d cases, want 1", len(after)-len(before))
		}

		// Bad forms: the form again with a message naming the field, a
		// 4xx status, what the user typed kept, and nothing stored.
		before = ts.pageCaseTitles(w.it)
		for _, tc := range []struct {
			name   string
			edit   func(f *pageForm)
			status int
			field  string // the field the message names
			label  string // its label in the message at the top
		}{
			{"closed before opened", func(f *pageForm) {
				f.choose("status", "closed").set("opened_on", "2024-05-01").set("closed_on", "2024-04-30")
			}, http.StatusUnprocessableEntity, "closed_on", "Closed on"},
			{"unknown country", func(f *pageForm) { f.set("asked_countries", "DE", "XX") }, http.StatusUnprocessableEntity, "asked_countries", "Countries asked to help"},
			{"not a country code", func(f *pageForm) { f.set("asked_countries", "Germany") }, http.StatusUnprocessableEntity, "asked_countries", "Countries asked to help"},
			{"owner asked", func(f *pageForm) { f.set("asked_countries", "IT") }, http.StatusUnprocessableEntity, "asked_countries", "Countries asked to help"},
			{"no crime type", func(f *pageForm) { f.set("crime_types") }, http.StatusUnprocessableEntity, "crime_types", "Crime types"},
			{"unknown crime type", func(f *pageForm) { f.set("crime_types", "knitting") }, http.StatusUnprocessableEntity, "crime_types", "Crime types"},
			{"blank title", func(f *pageForm) { f.set("title", "   ") }, http.StatusUnprocessableEntity, "title", "Title"},
			{"impossible date", func(f *pageForm) { f.set("opened_on", "2025-02-30") }, http.StatusUnprocessableEntity, "opened_on", "Opened on"},
			{"negative victims", func(f *pageForm) { f.set("victims", "-3") }, http.StatusUnprocessableEntity, "victims", "Victims"},
			{"damage not a number", func(f *pageForm) { f.set("financial_damage_eur", "1.5e6") }, http.StatusUnprocessableEntity, "financial_damage_eur", "Financial damage"},
			{"unknown authority", func(f *pageForm) { f.set("authority_ids", "987654") }, http.StatusUnprocessableEntity, "authority_ids", "Authorities"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				form := b.get("/cases/new").wantStatus(http.StatusOK).form(`form[action="/cases"]`)
				form.set("title", "Bad form "+tc.name).choose("crime_types", "swindling_fraud").set("opened_on", "2025-01-01")
				tc.edit(form)
				r := b.submit(form)
				if r.Status != tc.status {
					t.Fatalf("status %d, want %d; page says %s", r.Status, tc.status, r.summary())
				}
				top := r.text("#form-error")
				if !strings.Contains(top, tc.label) {
					t.Errorf("message %q does not name %q", top, tc.label)
				}
				if got := pageAttr(r.one("#form-error a"), "href"); got != "#f-"+tc.field {
					t.Errorf("message links to %q, want #f-%s", got, tc.field)
				}
				if r.first("#f-"+tc.field) == nil {
					t.Errorf("the link target #f-%s does not exist", tc.field)
				}
				if r.first("#err-"+tc.field) == nil {
					t.Errorf("no message next to field %s", tc.field)
				}
				// What was typed is kept.
				again := r.form(`form[action="/cases"]`)
				if got := again.Values.Get("title"); got != form.Values.Get("title") {
					t.Errorf("title came back as %q", got)
				}
			})
		}
		if after := ts.pageCaseTitles(w.it); !slices.Equal(sorted(after...), sorted(before...)) {
			t.Fatalf("bad forms stored cases: before %q, after %q", before, after)
		}

		// Editing: the form starts from the stored case; a stale version
		// is a conflict that overwrites nothing.
		edit := b.get(casePath(id) + "/edit").wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/cases/%d"]`, id))
		if got := edit.Values.Get("title"); got != "Operation Scirocco" {
			t.Fatalf("edit form title %q", got)
		}
		if got := edit.Values["asked_countries"]; !slices.Equal(sorted(got...), []string{"AL", "DE"}) {
			t.Fatalf("edit form asked countries %q", got)
		}
		stale := b.get(casePath(id) + "/edit").form(fmt.Sprintf(`form[action="/cases/%d"]`, id))
		b.submit(edit.set("title", "Operation Scirocco II")).wantStatus(http.StatusSeeOther)
		r = b.submit(stale.set("title", "Operation Overwrite")).wantStatus(http.StatusConflict)
		if !strings.Contains(r.text("#form-error"), "Someone else changed this case") {
			t.Errorf("conflict message %q", r.text("#form-error"))
		}
		if got := ts.pageCase(w.it, id).Title; got != "Operation Scirocco II" {
			t.Fatalf("title after conflict %q", got)
		}

		// The hidden version is read as the page checks it, spaces around
		// it ignored: " 3" and "+3" are version 3, no conflict with a
		// change nobody made.
		for i, written := range []string{" %d", "+%d "} {
			cur := ts.pageCase(w.it, id)
			edit := b.get(casePath(id) + "/edit").wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/cases/%d"]`, id))
			title := fmt.Sprintf("Operation Scirocco II (%d)", i)
			b.submit(edit.set("version", fmt.Sprintf(written, cur.Version)).set("title", title)).wantStatus(http.StatusSeeOther)
			if got := ts.pageCase(w.it, id).Title; got != title {
				t.Fatalf("version written %q: title %q", written, got)
			}
		}
		// An edit form without its version is refused naming version.
		r = b.submit(edit.set("version").set("title", "Operation Unversioned")).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.text("main"), "Version") {
			t.Errorf("an edit form without its version: %q", r.text("main"))
		}

		// Saving the edit form unchanged keeps the summary exactly, even
		// one starting with a line break (which HTML drops right after a
		// <textarea> start tag unless the template adds one).
		summary = "\nIndented first line.\n\tSecond line."
		cur := ts.pageCase(w.it, id)
		if _, err := db.UpdateCase(userContext(w.it), id, crosscase.CaseUpdate{Version: cur.Version, Summary: &summary}); err != nil {
			t.Fatal(err)
		}
		// Nor does it make a new version or an update in the audit log
		// (README, JSON API).
		edit = b.get(casePath(id) + "/edit").wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/cases/%d"]`, id))
		version, updates := ts.pageCase(w.it, id).Version, auditUpdates(t, db)
		b.submit(edit).wantStatus(http.StatusSeeOther)
		if got := ts.pageCase(w.it, id); got.Summary != summary || got.Version != version {
			t.Errorf("an unchanged edit form changed the summary from %q to %q, the version from %d to %d", summary, got.Summary, version, got.Version)
		}
		if n := auditUpdates(t, db) - updates; n != 0 {
			t.Errorf("an unchanged edit form wrote %d update entries", n)
		}

		// Roles without case content may not register cases.
		ts.pageSignIn(w.admin).get("/cases/new").wantStatus(http.StatusForbidden)
	})
}

// Entities ------------------------------------------------------------------

func TestPageEntityAddEditDelete(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		b := ts.pageSignIn(w.it)
		cid := w.phishing.ID

		// Add a person as a suspect. The notes start with a line break,
		// which the edit form must keep.
		const notes = "\nRuns the call centre.\nSpeaks Italian."
		page := b.get(casePath(cid) + "/entities/new?kind=person&role=suspect").wantStatus(http.StatusOK)
		form := page.form(fmt.Sprintf(`form[action="/cases/%d/entities"]`, cid))
		if got := form.Values.Get("role"); got != "suspect" {
			t.Fatalf("role preset %q", got)
		}
		form.set("family_name", "Hoxha").set("given_name", "Arben").set("birth_date", "1988-11-02").
			choose("nationality", "AL").set("external_ref", "PP-77/2024").set("notes", notes)
		r := b.submit(form).wantStatus(http.StatusSeeOther)
		m := regexp.MustCompile(`^/cases/\d+#entity-(\d+)$`).FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("after add, to %q", r.location())
		}
		eid, _ := strconv.ParseInt(m[1], 10, 64)
		page = b.follow(r).wantStatus(http.StatusOK)
		if got := page.text(".flash"); got != "The entity has been added." {
			t.Errorf("flash %q", got)
		}
		row := page.one(fmt.Sprintf("#role-suspect #entity-%d", eid))
		if got := pageText(row); !strings.Contains(got, "HOXHA, Arben") || !strings.Contains(got, "Albania") || !strings.Contains(got, "1988-11-02") {
			t.Errorf("new row %q", got)
		}

		// Other kinds take a value; a bad IBAN is refused, naming the field.
		form = b.get(casePath(cid) + "/entities/new?kind=iban").wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/cases/%d/entities"]`, cid))
		if form.names["family_name"] {
			t.Error("the IBAN form asks for a family name")
		}
		r = b.submit(form.set("value", "IT60 X054 2811 1010 0000 0123 457").choose("role", "victim")).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.text("#form-error"), "IBAN") || r.first("#err-value") == nil {
			t.Errorf("bad IBAN: %s", r.summary())
		}
		if got := pageAttr(r.one("#f-value"), "value"); got != "IT60 X054 2811 1010 0000 0123 457" {
			t.Errorf("typed IBAN not kept: %q", got)
		}
		r = b.submit(r.form(fmt.Sprintf(`form[action="/cases/%d/entities"]`, cid)).set("value", "IT60 X054 2811 1010 0000 0123 456")).wantStatus(http.StatusSeeOther)
		page = b.follow(r)
		if got := page.texts("#role-victim tr.entity td.label"); !slices.Equal(got, []string{"IT60 X054 2811 1010 0000 0123 456"}) &&
			!slices.Equal(got, []string{"IT60X0542811101000000123456"}) {
			t.Errorf("victims %q", got)
		}

		// Edit: the form holds the stored values; the role changes.
		edit := b.get(entityPath(eid) + "/edit").wantStatus(http.StatusOK)
		form = edit.form(fmt.Sprintf(`form[action="/entities/%d"]`, eid))
		if form.Values.Get("family_name") != "Hoxha" || form.Values.Get("nationality") != "AL" || form.Values.Get("birth_date") != "1988-11-02" {
			t.Fatalf("edit form %v", form.Values)
		}
		if got := form.Values.Get("notes"); got != notes {
			t.Fatalf("notes in the edit form %q", got)
		}
		r = b.submit(form.choose("role", "witness").set("given_name", "Arben Besnik")).wantStatus(http.StatusSeeOther)
		page = b.follow(r)
		if page.first(fmt.Sprintf("#role-suspect #entity-%d", eid)) != nil {
			t.Error("still listed as a suspect")
		}
		if got := page.text(fmt.Sprintf("#role-witness #entity-%d td.label", eid)); got != "HOXHA, Arben Besnik" {
			t.Errorf("witness row %q", got)
		}
		e, err := db.FindEntityByID(userContext(w.it), eid)
		if err != nil || e.Role != crosscase.RoleWitness || e.GivenName != "Arben Besnik" || e.FamilyName != "Hoxha" || e.Notes != notes || e.Version != 2 {
			t.Fatalf("stored entity %+v, %v", e, err)
		}
		// A stale edit form is a conflict.
		r = b.submit(form.set("given_name", "Stale")).wantStatus(http.StatusConflict)
		if r.first("#form-error") == nil {
			t.Errorf("conflict: %s", r.summary())
		}

		// Delete, with a reason, from the edit page.
		edit = b.get(entityPath(eid) + "/edit").wantStatus(http.StatusOK)
		del := edit.form(fmt.Sprintf(`form[action="/entities/%d/delete"]`, eid))
		r = b.submit(del.set("reason", "Entered in the wrong case")).wantStatus(http.StatusSeeOther)
		page = b.follow(r)
		if got := page.text(".flash"); got != "The entity has been deleted." {
			t.Errorf("flash %q", got)
		}
		if page.first(fmt.Sprintf("#entity-%d", eid)) != nil {
			t.Error("the deleted entity is still on the case page")
		}
		if code := ts.pageEntityCode(w.it, eid); code != crosscase.ENOTFOUND {
			t.Fatalf("deleted entity: code %q", code)
		}
		b.get(entityPath(eid) + "/edit").wantStatus(http.StatusNotFound)

		// The deletion and its reason are in the audit log.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{Action: crosscase.ActionDelete, ObjectType: "entity"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].ObjectID != eid || entries[0].Reason != "Entered in the wrong case" || entries[0].UserID != w.it.ID {
			t.Fatalf("audit of the deletion: %+v", entries)
		}
	})
}

// CSRF ----------------------------------------------------------------------

func TestPageCSRF(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		b := ts.pageSignIn(w.it)
		other := ts.pageSignIn(w.de) // a token of another session
		before := ts.pageCaseTitles(w.it)

		form := b.get("/cases/new").wantStatus(http.StatusOK).form(`form[action="/cases"]`)
		form.set("title", "Forged case").choose("crime_types", "terrorism")
		mine := form.Values.Get("csrf_token")
		for _, tc := range []struct {
			name  string
			token []string
		}{
			{"missing", nil},
			{"empty", []string{""}},
			{"wrong", []string{"AAAA" + mine[4:]}},
			{"another session's", []string{other.csrf}},
			{"twice, one wrong", []string{"x", mine}},
		} {
			v := url.Values{}
			for k, vs := range form.Values {
				v[k] = vs
			}
			if tc.token == nil {
				delete(v, "csrf_token")
			} else {
				v["csrf_token"] = tc.token
			}
			r := b.post("/cases", v)
			if r.Status != http.StatusForbidden {
				t.Errorf("%s token: status %d, want 403", tc.name, r.Status)
			}
			if got := r.text("h1"); !strings.HasPrefix(got, "403") {
				t.Errorf("%s token: page %q", tc.name, got)
			}
		}
		if after := ts.pageCaseTitles(w.it); !slices.Equal(sorted(after...), sorted(before...)) {
			t.Fatalf("a forged form created a case: %q", after)
		}

		// The other state-changing forms are refused alike.
		for _, tc := range []struct {
			path string
			v    url.Values
		}{
			{casePath(w.tramontana.ID), url.Values{"title": {"Renamed"}, "version": {"1"}, "crime_types": {"terrorism"}, "opened_on": {"2023-03-01"}}},
			{casePath(w.tramontana.ID) + "/entities", url.Values{"kind": {"person"}, "family_name": {"Forged"}}},
			{entityPath(w.rossi.ID), url.Values{"version": {"1"}, "family_name": {"Forged"}, "role": {"victim"}}},
			{entityPath(w.rossi.ID) + "/delete", url.Values{"reason": {"forged"}}},
			{casePath(w.tramontana.ID) + "/grants", url.Values{"desk_id": {strconv.FormatInt(w.fr.DeskID, 10)}}},
			{"/account/tokens", url.Values{"label": {"forged"}}},
		} {
			v := url.Values{"csrf_token": {other.csrf}}
			for k, vs := range tc.v {
				v[k] = vs
			}
			if r := b.post(tc.path, v); r.Status != http.StatusForbidden {
				t.Errorf("POST %s with another session's token: %d, want 403", tc.path, r.Status)
			}
		}
		c := ts.pageCase(w.it, w.tramontana.ID)
		if c.Title != "Operation Tramontana" || c.Version != 1 || c.EntityCount != 5 {
			t.Fatalf("case changed by forged forms: %+v", c)
		}
		if e, err := db.FindEntityByID(userContext(w.it), w.rossi.ID); err != nil || e.FamilyName != "Rossi" || e.Role != crosscase.RoleSuspect {
			t.Fatalf("entity changed by forged forms: %+v, %v", e, err)
		}
		if grants, err := db.ListCaseGrants(userContext(w.it), w.tramontana.ID); err != nil || len(grants) != 0 {
			t.Fatalf("grants after forged forms: %v, %v", grants, err)
		}
		if toks, err := db.ListTokens(userContext(w.it), w.it.ID); err != nil || len(toks) != 0 {
			t.Fatalf("tokens after forged forms: %v, %v", toks, err)
		}
		// The fr desk is still unable to see the case.
		ts.pageSignIn(w.fr).get(casePath(w.tramontana.ID)).wantStatus(http.StatusNotFound)

		// The right token works: the refusals above were for the token.
		if r := b.submit(form); r.Status != http.StatusSeeOther {
			t.Fatalf("the genuine form: %d; %s", r.Status, r.summary())
		}
	})
}

// Need to know and roles ------------------------------------------------------

func TestPageForeignDesk(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		fr := ts.pageSignIn(w.fr)
		cid, eid := w.tramontana.ID, w.rossi.ID

		// What pages for a case and an entity that do not exist say.
		missingCase := fr.get("/cases/987654").wantStatus(http.StatusNotFound).text(".lead")
		missingEntity := fr.get("/entities/987654/edit").wantStatus(http.StatusNotFound).text(".lead")

		for _, p := range []string{
			casePath(cid), casePath(cid) + "/edit", casePath(cid) + "/entities/new",
			casePath(cid) + "/entities/new?kind=phone", entityPath(eid) + "/edit",
		} {
			r := fr.get(p).wantStatus(http.StatusNotFound)
			missing := missingCase
			if strings.HasPrefix(p, "/entities/") {
				missing = missingEntity
			}
			if got := r.text(".lead"); got != missing {
				t.Errorf("GET %s says %q; one that does not exist says %q", p, got, missing)
			}
			for _, secret := range []string{w.tramontana.Title, w.tramontana.Reference, "Rossi", "ROSSI"} {
				if strings.Contains(r.Body, secret) {
					t.Errorf("GET %s leaks %q", p, secret)
				}
			}
		}
		// Changes with a valid token of the foreign session: 404 too.
		for _, tc := range []struct {
			path string
			v    url.Values
		}{
			{casePath(cid), url.Values{"title": {"Taken over"}, "version": {"1"}, "crime_types": {"terrorism"}, "opened_on": {"2023-03-01"}}},
			{casePath(cid) + "/entities", url.Values{"kind": {"person"}, "family_name": {"Planted"}, "role": {"suspect"}}},
			{entityPath(eid), url.Values{"version": {"1"}, "family_name": {"Changed"}, "role": {"victim"}}},
			{entityPath(eid) + "/delete", url.Values{"reason": {"gone"}}},
			{casePath(cid) + "/grants", url.Values{"desk_id": {strconv.FormatInt(w.fr.DeskID, 10)}}},
		} {
			fr.postCSRF(tc.path, tc.v).wantStatus(http.StatusNotFound)
		}
		c := ts.pageCase(w.it, cid)
		if c.Title != w.tramontana.Title || c.Version != 1 || c.EntityCount != 5 {
			t.Fatalf("the foreign desk changed the case: %+v", c)
		}
		if e, err := db.FindEntityByID(userContext(w.it), eid); err != nil || e.FamilyName != "Rossi" {
			t.Fatalf("the foreign desk changed the entity: %+v, %v", e, err)
		}
		fr.get(casePath(cid)).wantStatus(http.StatusNotFound)

		// The foreign desk's case list and dashboard do not mention it.
		for _, p := range []string{"/cases", "/cases?q=tramontana", "/"} {
			if r := fr.get(p).wantStatus(http.StatusOK); strings.Contains(r.Body, w.tramontana.Title) {
				t.Errorf("GET %s as FR shows IT's case", p)
			}
		}

		// The asked desk sees the case but may not change it: 403.
		de := ts.pageSignIn(w.de)
		de.get(casePath(cid)).wantStatus(http.StatusOK)
		for _, p := range []string{casePath(cid) + "/edit", casePath(cid) + "/entities/new", entityPath(eid) + "/edit"} {
			de.get(p).wantStatus(http.StatusForbidden)
		}
		de.postCSRF(entityPath(eid)+"/delete", url.Values{"reason": {"x"}}).wantStatus(http.StatusForbidden)
		if code := ts.pageEntityCode(w.it, eid); code != "" {
			t.Fatalf("the asked desk deleted an entity: %q", code)
		}

		// Once the owner grants FR, FR reads it (and still cannot edit).
		it := ts.pageSignIn(w.it)
		grant := it.get(casePath(cid)).wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/cases/%d/grants"]`, cid))
		it.submit(grant.choose("desk_id", strconv.FormatInt(w.fr.DeskID, 10))).wantStatus(http.StatusSeeOther)
		fr.get(casePath(cid)).wantStatus(http.StatusOK)
		fr.get(casePath(cid) + "/edit").wantStatus(http.StatusForbidden)
	})
}

func TestPageAdmin(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		// A failed sign-in, for the audit filter below.
		bad := ts.pageAnonymous()
		bad.submit(bad.get("/login").form(`form[action="/login"]`).set("name", "it.member").set("password", "guess")).wantStatus(http.StatusUnauthorized)
		ts.pageSignIn(w.it).get(casePath(w.tramontana.ID)).wantStatus(http.StatusOK)

		a := ts.pageSignIn(w.admin)
		r := a.get("/admin").wantStatus(http.StatusOK)
		for _, href := range []string{"/admin/users", "/admin/desks", "/admin/countries", "/admin/agreements", "/admin/audit"} {
			if r.first(`main a[href="`+href+`"]`) == nil {
				t.Errorf("/admin has no link to %s", href)
			}
		}

		// Users: listed, and created through the form.
		r = a.get("/admin/users").wantStatus(http.StatusOK)
		names := r.texts("#users tbody tr td:first-child")
		for _, u := range []*crosscase.User{w.it, w.de, w.fr, w.al, w.admin} {
			if !slices.Contains(names, u.Name) {
				t.Errorf("/admin/users lacks %s: %q", u.Name, names)
			}
		}
		form := r.form(`form[action="/admin/users"]`).set("name", "it.deputy").set("display_name", "Deputy IT").
			choose("role", "desk_member").choose("desk_id", strconv.FormatInt(w.it.DeskID, 10)).set("password", "a long enough password")
		r = a.follow(a.submit(form).wantStatus(http.StatusSeeOther)).wantStatus(http.StatusOK)
		if !slices.Contains(r.texts("#users tbody tr td:first-child"), "it.deputy") {
			t.Error("the new user is not listed")
		}
		if strings.Contains(r.Body, "a long enough password") {
			t.Error("the password is shown back")
		}
		// A bad user form names the field and creates nothing.
		form = r.form(`form[action="/admin/users"]`).set("name", "Bad Name!").set("password", "a long enough password").choose("desk_id", strconv.FormatInt(w.it.DeskID, 10))
		r = a.submit(form).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.text(".alert"), "Login name") {
			t.Errorf("bad user form: %s", r.summary())
		}
		// Disabling a user through their page ends their session at once.
		de := ts.pageSignIn(w.de)
		uf := a.get(fmt.Sprintf("/admin/users/%d", w.de.ID)).wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/admin/users/%d"]`, w.de.ID))
		if uf.Values.Get("display_name") != w.de.DisplayName || uf.Values.Get("role") != "desk_member" || uf.Values.Get("desk_id") != strconv.FormatInt(w.de.DeskID, 10) {
			t.Fatalf("user form starts with %v", uf.Values)
		}
		a.submit(uf.choose("disabled", "on")).wantStatus(http.StatusSeeOther)
		if got := de.get("/").wantStatus(http.StatusSeeOther).location(); !strings.HasPrefix(got, "/login") {
			t.Fatalf("a disabled user's session goes on to %q", got)
		}
		if u, err := db.FindUserByID(systemContext(), w.de.ID); err != nil || !u.Disabled {
			t.Fatalf("user after disabling: %+v, %v", u, err)
		}

		// Desks: listed, and one added.
		r = a.get("/admin/desks").wantStatus(http.StatusOK)
		for _, d := range []string{"IT desk", "DE desk", "FR desk", "AL desk"} {
			if !strings.Contains(r.Body, d) {
				t.Errorf("/admin/desks lacks %s", d)
			}
		}
		form = r.form(`form[action="/admin/desks"]`).choose("country_code", "PT").choose("kind", "national_desk").set("name", "National Desk Portugal")
		r = a.follow(a.submit(form).wantStatus(http.StatusSeeOther))
		if got := r.text(".flash"); got != "The desk has been created." {
			t.Errorf("flash %q", got)
		}
		if d, err := db.FindDeskByCountry(systemContext(), "PT"); err != nil || d.Name != "National Desk Portugal" {
			t.Fatalf("desk PT: %+v, %v", d, err)
		}

		// Countries, filtered by standing.
		r = a.get("/admin/countries?standing=liaison_prosecutor").wantStatus(http.StatusOK)
		codes := r.texts("#countries tbody tr td:first-child")
		if !slices.Contains(codes, "CH") || slices.Contains(codes, "FR") || len(codes) == 0 {
			t.Errorf("liaison countries %q", codes)
		}
		if n := len(a.get("/admin/countries").wantStatus(http.StatusOK).all("#countries tbody tr")); n != 249 {
			t.Errorf("all countries: %d rows", n)
		}

		// Agreements.
		r = a.get("/admin/agreements").wantStatus(http.StatusOK)
		if !strings.Contains(r.Body, "Cooperation agreement") && !strings.Contains(r.Body, "Working arrangement") {
			t.Error("/admin/agreements shows no agreement")
		}

		// The audit log, with each filter.
		type row struct{ user, action, object, caseID string }
		rows := func(query string) []row {
			t.Helper()
			r := a.get("/admin/audit?" + query).wantStatus(http.StatusOK)
			var out []row
			for _, tr := range r.all("#audit-entries tbody tr") {
				cells := pageTextsIn(tr, "td")
				out = append(out, row{user: cells[2], action: cells[3], object: cells[4], caseID: cells[5]})
			}
			return out
		}
		if got := rows(""); len(got) == 0 {
			t.Fatal("the audit log is empty")
		}
		check := func(query string, ok func(row) bool) {
			t.Helper()
			got := rows(query)
			if len(got) == 0 {
				t.Errorf("/admin/audit?%s: no entries", query)
			}
			for _, e := range got {
				if !ok(e) {
					t.Errorf("/admin/audit?%s: entry %+v does not match", query, e)
				}
			}
		}
		check("action=login", func(e row) bool { return e.action == "login" })
		check("action=login_failed", func(e row) bool { return e.action == "login failed" && e.user == "it.member" })
		check(fmt.Sprintf("user_id=%d", w.it.ID), func(e row) bool { return e.user == "it.member" })
		check("object_type=entity", func(e row) bool { return strings.HasPrefix(e.object, "entity") })
		check(fmt.Sprintf("case_id=%d", w.tramontana.ID), func(e row) bool { return e.caseID == strconv.FormatInt(w.tramontana.ID, 10) })
		check(fmt.Sprintf("case_id=%d&action=read&user_id=%d", w.tramontana.ID, w.it.ID), func(e row) bool {
			return e.action == "read" && e.user == "it.member" && e.caseID == strconv.FormatInt(w.tramontana.ID, 10)
		})
		check("from=2000-01-01", func(row) bool { return true })
		if got := rows("from=2000-01-01&to=2000-01-02"); len(got) != 0 {
			t.Errorf("entries from the year 2000: %+v", got)
		}
		r = a.get("/admin/audit?from=2025-05-02&to=2025-05-01").wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.text(".alert"), "To") {
			t.Errorf("bad audit range: %s", r.summary())
		}
		r = a.get("/admin/audit?verify=1").wantStatus(http.StatusOK)
		if got := r.text("#verify-result"); !strings.HasPrefix(got, "Chain verified.") {
			t.Errorf("verify: %q", got)
		}
		// What could not be checked is said too, in the reader's language.
		if got := r.text("#verify-notice"); got != "Not checked: no public key to check checkpoints with: the chain shows the order of its entries, not that none is missing." {
			t.Errorf("verify notice: %q", got)
		}
		a.acceptLanguage = "fr"
		r = a.get("/admin/audit?verify=1").wantStatus(http.StatusOK)
		if got := r.text("#verify-notice"); !strings.HasPrefix(got, "Non vérifié : aucune clé publique pour vérifier les points de contrôle") {
			t.Errorf("verify notice in French: %q", got)
		}
		a.acceptLanguage = ""
		// Every action and object the log records is a filter value.
		r = a.get("/admin/audit").wantStatus(http.StatusOK)
		for _, v := range []string{"download", "transfer", "acknowledge", "upload"} {
			if r.first(`#f-action option[value="`+v+`"]`) == nil {
				t.Errorf("no action filter %q", v)
			}
		}
		for _, v := range []string{"jit_evidence", "notice", "hit", "instrument", "centre"} {
			if r.first(`#f-object_type option[value="`+v+`"]`) == nil {
				t.Errorf("no object filter %q", v)
			}
		}
		// The download holds the entries the filter selects, all of them.
		r = a.get(fmt.Sprintf("/admin/audit?case_id=%d", w.tramontana.ID)).wantStatus(http.StatusOK)
		link := r.first("#audit-csv")
		if link == nil {
			t.Fatal("no CSV download on the audit page")
		}
		href := pageAttr(link, "href")
		r = a.get(href).wantStatus(http.StatusOK)
		recs, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil || len(recs) < 2 || recs[0][0] != "seq" {
			t.Fatalf("audit CSV %s: %v\n%s", href, err, r.Body)
		}
		want := strconv.FormatInt(w.tramontana.ID, 10)
		for _, rec := range recs[1:] {
			if rec[6] != want {
				t.Errorf("CSV row of another case: %v", rec)
			}
		}
		if got := len(rows(fmt.Sprintf("case_id=%d", w.tramontana.ID))); got != len(recs)-1 && got < 100 {
			t.Errorf("CSV has %d entries, the page %d", len(recs)-1, got)
		}
		if got := rows("action=export&object_type=audit"); len(got) == 0 {
			t.Error("the export is not audited")
		}

		// Administrators administer; they do not read cases: the case
		// pages answer them 403, saying what their role reaches.
		for _, p := range []string{casePath(w.tramontana.ID), casePath(w.tramontana.ID) + "/edit", entityPath(w.rossi.ID) + "/edit", "/cases?q=tramontana"} {
			if r := a.get(p).wantStatus(http.StatusForbidden); strings.Contains(r.Body, w.tramontana.Title) || !strings.Contains(r.Body, htmlEscaped(crosscase.RoleAdministrator.Reach())) {
				t.Errorf("GET %s as administrator: the title, or no word of what the role reaches", p)
			}
		}
	})
}

func TestPageAdminForbidden(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		for _, u := range []*crosscase.User{w.it, w.al} {
			b := ts.pageSignIn(u)
			if b.get("/").first(`a[href="/admin"]`) != nil {
				t.Errorf("%s is offered the administration", u.Name)
			}
			for _, p := range []string{"/admin", "/admin/users", fmt.Sprintf("/admin/users/%d", w.de.ID), fmt.Sprintf("/admin/users/%d", u.ID),
				"/admin/desks", "/admin/countries", "/admin/agreements", "/admin/audit", "/admin/audit?action=login", "/admin/audit?from=nonsense", "/admin/audit.csv"} {
				r := b.get(p)
				if r.Status != http.StatusForbidden {
					t.Errorf("GET %s as %s: %d, want 403", p, u.Name, r.Status)
				}
				for _, secret := range []string{"de.member", "fr.member", "admin.one"} {
					if strings.Contains(r.Body, secret) {
						t.Errorf("GET %s as %s shows %q", p, u.Name, secret)
					}
				}
			}
			// Forms with a valid token are refused as well, and change nothing.
			for _, tc := range []struct {
				path string
				v    url.Values
			}{
				{"/admin/desks", url.Values{"country_code": {"PT"}, "kind": {"national_desk"}, "name": {"Rogue desk"}}},
				{"/admin/users", url.Values{"name": {"rogue"}, "role": {"administrator"}, "password": {"a long enough password"}}},
				{fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"version": {"1"}, "role": {"administrator"}, "display_name": {"Me"}}},
				{"/admin/countries/CH", url.Values{"standing": {"none"}}},
				{"/admin/agreements", url.Values{"country_code": {"CH"}, "kind": {"cooperation_agreement"}, "signed_on": {"2025-01-01"}, "title": {"Rogue"}}},
			} {
				if r := b.postCSRF(tc.path, tc.v); r.Status != http.StatusForbidden {
					t.Errorf("POST %s as %s: %d, want 403", tc.path, u.Name, r.Status)
				}
			}
		}
		sys := systemContext()
		if _, err := db.FindDeskByCountry(sys, "PT"); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Errorf("a desk member created a desk: %v", err)
		}
		if _, err := db.FindUserByName(sys, "rogue"); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Errorf("a desk member created a user: %v", err)
		}
		if u, err := db.FindUserByID(sys, w.it.ID); err != nil || u.Role != crosscase.RoleDeskMember {
			t.Errorf("a desk member changed their role: %+v, %v", u, err)
		}
		if c, err := db.FindCountry(sys, "CH"); err != nil || c.Standing != crosscase.StandingLiaison {
			t.Errorf("a desk member changed CH: %+v, %v", c, err)
		}
		// The refusals are in the audit log.
		entries, _, err := db.FindAuditEntries(sys, crosscase.AuditFilter{Action: crosscase.ActionRefuse, UserID: w.it.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			t.Error("no refusal of it.member is in the audit log")
		}
	})
}

// Escaping --------------------------------------------------------------------

func TestPageEscapesHostileText(t *testing.T) {
	const (
		title   = `<script>alert(1)</script>`
		summary = `"><img src=x onerror=alert(2)> & </textarea><script>alert(3)</script>`
		family  = `<b onmouseover=alert(4)>Bold</b>`
		notes   = "</td></tr></table><script>alert(5)</script>\n' onclick='alert(6)"
	)
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		b := ts.pageSignIn(w.it)

		form := b.get("/cases/new").form(`form[action="/cases"]`).
			set("title", title).set("summary", summary).choose("crime_types", "cybercrime").choose("asked_countries", "DE").
			set("reason", `<script>alert(9)</script>`)
		r := b.submit(form).wantStatus(http.StatusSeeOther)
		cpath := r.location()
		r = b.get(cpath + "/entities/new").wantStatus(http.StatusOK)
		ef := r.form(`form[action$="/entities"]`).set("family_name", family).set("given_name", `"quoted"`).set("notes", notes)
		r = b.submit(ef).wantStatus(http.StatusSeeOther)
		eid := strings.TrimPrefix(r.location()[strings.Index(r.location(), "#"):], "#entity-")

		pages := []string{cpath, cpath + "/edit", "/entities/" + eid + "/edit", "/", "/cases", "/cases?q=" + url.QueryEscape(title)}
		for _, p := range pages {
			for _, u := range []*pageBrowser{b, ts.pageSignIn(w.de)} {
				if u.user == w.de && (strings.HasSuffix(p, "/edit")) {
					continue
				}
				r := u.get(p).wantStatus(http.StatusOK)
				checkNoMarkup(t, r)
			}
		}
		// Escaped, not dropped: the text reads as typed.
		r = b.get(cpath).wantStatus(http.StatusOK)
		if got := r.text("#case-title"); got != title {
			t.Errorf("title shows as %q", got)
		}
		if got := r.text(".summary-text"); got != strings.Join(strings.Fields(summary), " ") {
			t.Errorf("summary shows as %q", got)
		}
		if got := r.text("#entity-" + eid + " td.label"); got != strings.ToUpper(family)+`, "quoted"` {
			t.Errorf("entity label shows as %q", got)
		}
		if got := b.get(cpath + "/edit").form(`form[action^="/cases/"]`).Values.Get("summary"); got != summary {
			t.Errorf("summary in the edit form %q", got)
		}
		if got := b.get("/entities/" + eid + "/edit").form(`form[action="/entities/` + eid + `"]`).Values.Get("notes"); strings.ReplaceAll(got, "\r\n", "\n") != notes {
			t.Errorf("notes in the edit form %q", got)
		}
		// The list found the case by its hostile title.
		if got := caseRowTitles(b.get("/cases?q="+url.QueryEscape(title)), "#case-results"); !slices.Equal(got, []string{title}) {
			t.Errorf("search by the title finds %q", got)
		}

		// A hostile login name is shown back escaped too.
		anon := ts.pageAnonymous()
		lf := anon.get("/login?next=" + url.QueryEscape(`/"><script>alert(7)</script>`)).wantStatus(http.StatusOK).form(`form[action="/login"]`)
		r = anon.submit(lf.set("name", `"><script>alert(8)</script>`).set("password", "x")).wantStatus(http.StatusUnauthorized)
		checkNoMarkup(t, r)
		if got := pageAttr(r.one("#f-name"), "value"); got != `"><script>alert(8)</script>` {
			t.Errorf("login name shows as %q", got)
		}

		// The admin's audit page shows reasons and details typed by users.
		r = ts.pageSignIn(w.admin).get("/admin/audit?action=create&object_type=case").wantStatus(http.StatusOK)
		checkNoMarkup(t, r)
		if reasons := r.texts("#audit-entries tbody td:nth-child(8)"); !slices.Contains(reasons, `<script>alert(9)</script>`) {
			t.Errorf("the audit log does not show the typed reason: %q", reasons)
		}
	})
}

// checkNoMarkup fails when a page has any element that only a hostile
// string could have put there: the pages have no images or bold, and no
// scripts but the application's own files (static/, loaded deferred).
func checkNoMarkup(t *testing.T, r *pageResult) {
	t.Helper()
	if n := len(r.all(`script:not([src^="/static/"][defer]), img, b, [onerror], [onmouseover], [onclick]`)); n != 0 {
		t.Errorf("%s: %d elements injected", r.req, n)
	}
	for _, raw := range []string{"<script>alert(", "<img src=x", "<b onmouseover"} {
		if strings.Contains(r.Body, raw) {
			t.Errorf("%s: raw %q in the HTML", r.req, raw)
		}
	}
}

// Golden file -----------------------------------------------------------------

// pageGoldenRules make a page comparable across runs and stores: CSRF
// tokens, asset hashes, timestamps, ids and case numbers vary.
var pageGoldenRules = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`name="csrf_token" value="[^"]*"`), `name="csrf_token" value="CSRF"`},
	{regexp.MustCompile(`\?v=[0-9a-f]+`), `?v=HASH`},
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC`), `DATETIME`},
	{regexp.MustCompile(`(/cases/|/entities/|/grants/|entity-)\d+`), `${1}ID`},
	{regexp.MustCompile(`<option value="\d+">`), `<option value="ID">`},
	{regexp.MustCompile(`\b([A-Z]{2}/\d{4}/)\d{6}\b`), `${1}NNNNNN`},
}

func pageNormalise(s string) string {
	for _, r := range pageGoldenRules {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return s
}

func TestPageCaseGolden(t *testing.T) {
	golden := filepath.Join("testdata", "golden", "case_page.html")
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ts := w.ts
		ts.user("nl.member", crosscase.RoleDeskMember, "NL")
		ts.user("es.member", crosscase.RoleDeskMember, "ES")
		// Mistral (FR, asked ES) stays invisible; Tramontana gets a
		// summary on two lines, an authority, a grant and an IBAN.
		auth := ts.pageNewAuthority("IT", "Procura della Repubblica di Reggio Calabria", crosscase.AuthorityProsecution, "Reggio Calabria")
		it := userContext(w.it)
		summary := "Cocaine shipments through the port of Gioia Tauro.\nProceeds laundered through companies in Durrës."
		ids := []int64{auth.ID}
		if _, err := db.UpdateCase(it, w.tramontana.ID, crosscase.CaseUpdate{Version: 1, Summary: &summary, AuthorityIDs: &ids}); err != nil {
			t.Fatal(err)
		}
		nl, err := db.FindDeskByCountry(systemContext(), "NL")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.GrantCase(it, w.tramontana.ID, nl.ID); err != nil {
			t.Fatal(err)
		}
		ts.pageNewEntity(w.it, &crosscase.Entity{CaseID: w.tramontana.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect,
			Value: "IT60 X054 2811 1010 0000 0123 456", Country: "IT", Notes: "Account of the shell company.\nFrozen on 2023-05-04."})

		r := ts.pageSignIn(w.it).get(casePath(w.tramontana.ID)).wantStatus(http.StatusOK)
		got := pageNormalise(r.Body)
		if pageUpdate() {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Fatalf("the case page differs from %s (run with -update if the change is intended):\n%s", golden, pageFirstDiff(string(want), got))
		}
	})
}

// pageFirstDiff shows the first line where want and got differ, with a
// little context.
func pageFirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			var b strings.Builder
			for j := max(0, i-3); j < i; j++ {
				fmt.Fprintf(&b, "  %4d  %s\n", j+1, wl[j])
			}
			fmt.Fprintf(&b, "- %4d  %s\n+ %4d  %s\n", i+1, w, i+1, g)
			return b.String()
		}
	}
	return "(no line differs)"
}
