package http

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// hitWorld is the fixture of the hit page tests: IT and DE each record
// the same bank account and the same suspect (spelled the German way in
// DE's case). DE writes first, so IT's entries are the checked side and
// DE, whose entities were found, decides on disclosure.
type hitWorld struct {
	ts                     *testServer
	it, de, deAnalyst, fr  *crosscase.User
	stats, admin           *crosscase.User
	itCase, deCase         *crosscase.Case
	itPerson, dePerson     *crosscase.Entity
	personHit, accountHit  *crosscase.Hit // as IT sees them
	itDeskName, deDeskName string
}

func newHitWorld(t *testing.T, db *sqldb.DB) *hitWorld {
	t.Helper()
	ts := newHitServer(t, db)
	w := &hitWorld{ts: ts}
	w.it = ts.user("it.member", crosscase.RoleDeskMember, "IT")
	w.de = ts.user("de.member", crosscase.RoleDeskMember, "DE")
	w.deAnalyst = ts.user("de.analyst", crosscase.RoleAnalyst, "DE")
	w.fr = ts.user("fr.member", crosscase.RoleDeskMember, "FR")
	w.stats = ts.user("it.statistics", crosscase.RoleStatistics, "IT")
	w.admin = ts.user("admin.one", crosscase.RoleAdministrator, "")
	w.itDeskName, w.deDeskName = ts.desk("IT", crosscase.DeskNational).Name, ts.desk("DE", crosscase.DeskNational).Name
	w.itCase = ts.pageNewCase(w.it, &crosscase.Case{Title: "Operation Tramontana", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	w.deCase = ts.pageNewCase(w.de, &crosscase.Case{Title: "Operation Lantern", CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-02-01")})
	// Through the server's entity service, so the live check runs.
	create := func(u *crosscase.User, e *crosscase.Entity) *crosscase.Entity {
		t.Helper()
		if err := ts.Entities.CreateEntity(userContext(u), e); err != nil {
			t.Fatalf("create %q as %s: %v", e.Label(), u.Name, err)
		}
		return e
	}
	create(w.de, &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleOther, Value: sharedIBAN})
	w.dePerson = create(w.de, &crosscase.Entity{CaseID: w.deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		GivenName: "Taras", FamilyName: "Schewtschenko", Notes: "Seen in Hamburg."})
	create(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: sharedIBAN})
	w.itPerson = create(w.it, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
		GivenName: "Taras", FamilyName: "Shevchenko"})
	list, _, err := db.FindHits(userContext(w.it), crosscase.HitFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("IT's hits: %+v %v", list, err)
	}
	for _, h := range list {
		switch h.Kind {
		case crosscase.KindPerson:
			w.personHit = h
		case crosscase.KindIBAN:
			w.accountHit = h
		}
	}
	if w.personHit == nil || w.accountHit == nil || w.personHit.Side != "checked" {
		t.Fatalf("IT's hits: %+v", list)
	}
	return w
}

// hitStatusAs returns the status of hit id as u's desk sees it.
func (w *hitWorld) hitStatusAs(t *testing.T, u *crosscase.User, id int64) crosscase.HitStatus {
	t.Helper()
	h, err := w.ts.db.FindHit(userContext(u), id)
	if err != nil {
		t.Fatalf("find hit %d as %s: %v", id, u.Name, err)
	}
	return h.Status
}

func hitRow(id int64) string { return fmt.Sprintf("#hit-%d", id) }

func TestPageHits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newHitWorld(t, db)
		ts := w.ts
		it, de := ts.pageSignIn(w.it), ts.pageSignIn(w.de)
		person, account := w.personHit.ID, w.accountHit.ID

		// The top navigation counts the desk's new hits; the dashboard
		// lists them.
		r := it.get("/").wantStatus(http.StatusOK)
		if got := r.text("#nav-hits .nav-count"); got != "2" {
			t.Errorf("nav count %q", got)
		}
		if n := len(r.all("#new-hits tbody tr")); n != 2 {
			t.Errorf("the dashboard lists %d new hits", n)
		}
		if got := r.text(fmt.Sprintf("#dash-hit-%d", account)); !strings.Contains(got, w.itCase.Reference) || !strings.Contains(got, "Germany") || !strings.Contains(got, "almost certainly the same") {
			t.Errorf("dashboard row %q", got)
		}

		// IT's list: our case, the kind, the other side, the score and
		// what it means, what agreed, and only a dismissal to decide.
		r = it.get("/hits").wantStatus(http.StatusOK)
		if n := len(r.all("#hits tbody tr.hit")); n != 2 {
			t.Fatalf("IT lists %d hits", n)
		}
		row := hitRow(person)
		if a := r.one(row + " .our-case a.ref"); pageText(a) != w.itCase.Reference || pageAttr(a, "href") != fmt.Sprintf("/cases/%d#entity-%d", w.itCase.ID, w.itPerson.ID) {
			t.Errorf("our case %q → %s", pageText(a), pageAttr(a, "href"))
		}
		if got := r.text(row + " .kind"); got != "Person" {
			t.Errorf("kind %q", got)
		}
		if got, desk := r.text(row+" .other-country"), r.text(row+" .other-desk"); got != "Germany" || desk != w.deDeskName {
			t.Errorf("other side %q, %q", got, desk)
		}
		score := w.personHit.Score
		if got := r.text(row + " .score"); got != strconv.Itoa(score) {
			t.Errorf("score %q, want %d", got, score)
		}
		if got := r.text(row + " .meaning"); got != wantMeaning(score) {
			t.Errorf("meaning %q for %d", got, score)
		}
		fields := r.texts(row + " .hit-fields li")
		if !slices.ContainsFunc(fields, func(s string) bool { return strings.HasPrefix(s, "family name — ") }) || !slices.Contains(fields, "given names — exact") {
			t.Errorf("fields %q", fields)
		}
		if got := r.texts(hitRow(account) + " .hit-fields li"); !slices.Equal(got, []string{"IBAN — exact"}) {
			t.Errorf("account fields %q", got)
		}
		if got := r.text(hitRow(account) + " .meaning"); got != "almost certainly the same" {
			t.Errorf("account meaning %q", got)
		}
		if got := r.text(row + " .status .badge"); got != "New" {
			t.Errorf("status %q", got)
		}
		if r.first(row+` button[value="dismissed"]`) == nil || r.first(row+` button[value="disclosed"]`) != nil || r.first(row+` button[value="restricted"]`) != nil {
			t.Errorf("IT (checked side) is offered %q", r.texts(row+" button"))
		}
		for _, secret := range []string{w.deCase.Reference, w.deCase.Title, "Schewtschenko", "SCHEWTSCHENKO", "Hamburg"} {
			if strings.Contains(r.Body, secret) {
				t.Errorf("IT's hits page shows %q before disclosure", secret)
			}
		}

		// DE, whose entities were found, may disclose, restrict or
		// dismiss; DE's analyst reads only.
		r = de.get("/hits").wantStatus(http.StatusOK)
		if got := r.texts(hitRow(person) + " .decision button"); !slices.Equal(got, []string{"Disclose", "Restrict", "Dismiss"}) {
			t.Errorf("DE is offered %q", got)
		}
		if got := r.text(hitRow(person) + " .other-country"); got != "Italy" {
			t.Errorf("DE sees the other country %q", got)
		}
		ra := ts.pageSignIn(w.deAnalyst).get("/hits").wantStatus(http.StatusOK)
		if n := len(ra.all("#hits tbody tr.hit")); n != 2 || len(ra.all("form.hit-decision")) != 0 {
			t.Errorf("DE's analyst: %d hits, %d decision forms", n, len(ra.all("form.hit-decision")))
		}

		// Tabs filter by status.
		r = it.get("/hits?status=disclosed").wantStatus(http.StatusOK)
		if r.first("#no-hits") == nil || r.text(`.tabs a[aria-current="page"]`) != "Disclosed" {
			t.Errorf("disclosed tab: %s", r.summary())
		}
		if n := len(it.get("/hits?status=new").wantStatus(http.StatusOK).all("#hits tbody tr.hit")); n != 2 {
			t.Errorf("new tab lists %d", n)
		}
		// A status or a case id that cannot be read is shown on the error
		// page naming it, as the API's problem names it.
		for q, label := range map[string]string{"status=maybe": "Status", "case_id=x": "Case id", "case_id=-1": "Case id"} {
			if msg := it.get("/hits?" + q).wantStatus(http.StatusUnprocessableEntity).text(".error-page .lead"); !strings.HasPrefix(msg, label+": ") {
				t.Errorf("/hits?%s says %q", q, msg)
			}
		}
		it.get("/hits/abc").wantStatus(http.StatusNotFound)

		// Statistics users and administrators never see hits: the hit
		// pages answer them 403, saying what their role reaches; another
		// desk sees none of these.
		for _, u := range []*crosscase.User{w.stats, w.admin} {
			b := ts.pageSignIn(u)
			if r := b.get("/").wantStatus(http.StatusOK); r.first("#nav-hits") != nil || r.first("#new-hits") != nil {
				t.Errorf("%s sees hits on the dashboard", u.Name)
			}
			b.get("/hits").wantStatus(http.StatusForbidden)
			b.get(fmt.Sprintf("/hits/%d", person)).wantStatus(http.StatusForbidden)
			b.postCSRF(fmt.Sprintf("/hits/%d/decision", person), url.Values{"status": {"dismissed"}}).wantStatus(http.StatusForbidden)
		}
		frb := ts.pageSignIn(w.fr)
		if r := frb.get("/").wantStatus(http.StatusOK); r.first("#nav-hits") == nil || r.first("#nav-hits .nav-count") != nil {
			t.Errorf("FR's nav: %q", r.texts(".nav a"))
		}
		if r := frb.get("/hits").wantStatus(http.StatusOK); r.first("#no-hits") == nil || r.first("#hits") != nil {
			t.Errorf("FR lists hits")
		}
		frb.get(fmt.Sprintf("/hits/%d", person)).wantStatus(http.StatusNotFound)
		frb.postCSRF(fmt.Sprintf("/hits/%d/decision", person), url.Values{"status": {"dismissed"}}).wantStatus(http.StatusNotFound)

		// A decision needs the session's CSRF token; IT may not disclose
		// DE's entity; a bad reason is refused. None changes the hit.
		decision := fmt.Sprintf("/hits/%d/decision", person)
		de.post(decision, url.Values{"status": {"disclosed"}}).wantStatus(http.StatusForbidden)
		de.post(decision, url.Values{"status": {"disclosed"}, "csrf_token": {it.csrf}}).wantStatus(http.StatusForbidden)
		it.postCSRF(decision, url.Values{"status": {"disclosed"}}).wantStatus(http.StatusForbidden)
		de.postCSRF(decision, url.Values{"status": {"new"}}).wantStatus(http.StatusUnprocessableEntity)
		de.postCSRF(decision, url.Values{"status": {"disclosed"}, "reason": {"bell\x07"}}).wantStatus(http.StatusUnprocessableEntity)
		if st := w.hitStatusAs(t, w.de, person); st != crosscase.HitNew {
			t.Fatalf("after refused decisions the hit is %s", st)
		}

		// DE discloses the person from its list, with a reason.
		const reason = "Same suspect in both investigations"
		f := de.get("/hits?status=new").wantStatus(http.StatusOK).form(fmt.Sprintf("#decide-%d", person))
		f.set("reason", reason)
		f.Values.Set("status", "disclosed")
		res := de.submit(f).wantStatus(http.StatusSeeOther)
		if loc := res.location(); loc != fmt.Sprintf("/hits?status=new#hit-%d", person) {
			t.Errorf("back to %q", loc)
		}
		r = de.follow(res)
		if !strings.Contains(r.text(".flash"), "disclosed") {
			t.Errorf("flash %q", r.text(".flash"))
		}
		if st := w.hitStatusAs(t, w.de, person); st != crosscase.HitDisclosed {
			t.Fatalf("after disclosure the hit is %s", st)
		}
		// Disclosed, the hit is offered to the found desk restricted or
		// dismissed, not disclosed again.
		if r := de.get("/hits?status=disclosed").wantStatus(http.StatusOK); r.first(hitRow(person)+` button[value="disclosed"]`) != nil ||
			r.first(hitRow(person)+` button[value="restricted"]`) == nil || r.first(hitRow(person)+` button[value="dismissed"]`) == nil {
			t.Errorf("the disclosed hit's decisions: %s", r.summary())
		}
		entries, _, err := db.FindAuditEntries(userContext(w.admin), crosscase.AuditFilter{ObjectType: "hit", Action: "disclose", Limit: 10})
		if err != nil || len(entries) != 2 || entries[0].Reason != reason || entries[0].UserID != w.de.ID {
			t.Errorf("audit of the disclosure: %+v %v", entries, err)
		}

		// Both desks now see the other's entity and case reference;
		// nothing else of the other case.
		r = de.get("/hits").wantStatus(http.StatusOK)
		if got, ref := r.text(hitRow(person)+" .other-entity"), r.text(hitRow(person)+" .other-case"); got != w.itPerson.Label() || ref != w.itCase.Reference {
			t.Errorf("DE sees %q in %q", got, ref)
		}
		r = it.get("/hits").wantStatus(http.StatusOK)
		if got, ref := r.text(hitRow(person)+" .other-entity"), r.text(hitRow(person)+" .other-case"); got != w.dePerson.Label() || ref != w.deCase.Reference {
			t.Errorf("IT sees %q in %q", got, ref)
		}
		if r.first(hitRow(account)+" .other-entity") != nil || strings.Contains(r.text(hitRow(account)), w.deCase.Reference) {
			t.Errorf("the account hit shows the other side: %q", r.text(hitRow(account)))
		}
		r = it.get(fmt.Sprintf("/hits/%d", person)).wantStatus(http.StatusOK)
		if got := r.text("#other-entity .label"); got != w.dePerson.Label() || !strings.Contains(r.text("#other-entity"), "Seen in Hamburg.") {
			t.Errorf("IT's hit page shows %q", r.text("#other-entity"))
		}
		if got := r.text("#hit-status"); got != "Disclosed" {
			t.Errorf("status %q", got)
		}
		it.get(casePath(w.deCase.ID)).wantStatus(http.StatusNotFound)

		// The case pages link the cases: the other reference once disclosed.
		r = it.get(casePath(w.itCase.ID)).wantStatus(http.StatusOK)
		if n := len(r.all("#linked-cases tbody tr.linked")); n != 2 {
			t.Fatalf("IT's case page links %d hits", n)
		}
		if got := r.text(fmt.Sprintf("#linked-%d .other-case", person)); got != w.deCase.Reference {
			t.Errorf("linked person: %q", got)
		}
		if got := r.text(fmt.Sprintf("#linked-%d .other-case", account)); got != "not disclosed" {
			t.Errorf("linked account: %q", got)
		}
		if got := r.text(fmt.Sprintf("#linked-%d .other-country", account)); !strings.HasPrefix(got, "Germany") {
			t.Errorf("linked account country %q", got)
		}
		if got := r.text(fmt.Sprintf("#linked-%d", person)); !strings.Contains(got, w.itPerson.Label()) || !strings.Contains(got, "Disclosed") || !strings.Contains(got, wantMeaning(w.personHit.Score)) {
			t.Errorf("linked person row %q", got)
		}
		r = de.get(casePath(w.deCase.ID)).wantStatus(http.StatusOK)
		if got := r.text(fmt.Sprintf("#linked-%d .other-case", person)); got != w.itCase.Reference {
			t.Errorf("DE's linked person: %q", got)
		}

		// IT (the checked side) dismisses the account hit from its page; a
		// return address off the hits pages is not followed.
		f = it.get(fmt.Sprintf("/hits/%d", account)).wantStatus(http.StatusOK).form(fmt.Sprintf("#decide-%d", account))
		f.Values.Set("status", "dismissed")
		f.set("back", "//evil.example/hits")
		// A dismissal says why: without a reason it is refused, naming it.
		if r := it.submit(f).wantStatus(http.StatusUnprocessableEntity); !strings.Contains(r.text("main"), "Say why: a hit is restricted or dismissed only with a reason") {
			t.Errorf("dismissal without a reason: %s", r.text("main"))
		}
		if st := w.hitStatusAs(t, w.de, account); st == crosscase.HitDismissed {
			t.Fatal("a dismissal without a reason was recorded")
		}
		f.set("reason", "Different account holders.")
		res = it.submit(f).wantStatus(http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != fmt.Sprintf("/hits/%d", account) {
			t.Errorf("Location %q", loc)
		}
		r = it.follow(res)
		if got := r.text("#hit-status"); got != "Dismissed" || r.first("#decision") != nil {
			t.Errorf("after dismissal: %q, decision form %v", got, r.first("#decision") != nil)
		}
		// Final: DE can no longer disclose it.
		de.postCSRF(fmt.Sprintf("/hits/%d/decision", account), url.Values{"status": {"disclosed"}}).wantStatus(http.StatusConflict)
		if st := w.hitStatusAs(t, w.de, account); st != crosscase.HitDismissed {
			t.Errorf("account hit %s", st)
		}
		if r := it.get("/hits?status=dismissed").wantStatus(http.StatusOK); len(r.all("#hits tbody tr.hit")) != 1 || r.first(hitRow(account)+" form") != nil {
			t.Errorf("dismissed tab: %s", r.summary())
		}

		// Nothing new is left: no count in the navigation.
		if r := it.get("/").wantStatus(http.StatusOK); r.first("#nav-hits") == nil || r.first("#nav-hits .nav-count") != nil || r.first("#new-hits tbody tr") != nil {
			t.Errorf("IT's dashboard after the decisions: %q", r.texts("#nav-hits, #new-hits"))
		}
	})
}

// wantMeaning is what the hit pages say a score means (README, "Hits").
func wantMeaning(score int) string {
	switch {
	case score >= 90:
		return "almost certainly the same"
	case score >= 75:
		return "probably the same"
	}
	return "possibly the same"
}
