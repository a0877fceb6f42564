package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageEvidenceInReaderLanguage: the JIT page writes an evidence
// file's size with its unit and why a deleted file was deleted in the
// reader's language, not as a bare count of bytes and the stored English
// reason.
func TestPageEvidenceInReaderLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	ts.loadDemo()
	// The Albanian police member downloads the summary of intercepts
	// waiting for them, its only recipient: the file is deleted.
	kovacs, err := ts.db.FindUserByName(systemContext(), "jit.kovacs")
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := ts.db.FindEvidenceToDownload(userContext(kovacs))
	if err != nil || len(waiting) == 0 {
		t.Fatalf("evidence waiting for jit.kovacs: %v", err)
	}
	if err := ts.db.RecordEvidenceDownload(userContext(kovacs), waiting[0].ID); err != nil {
		t.Fatal(err)
	}
	u := ts.user("it.reader", crosscase.RoleDeskMember, "IT")
	jits, err := ts.db.FindJITs(userContext(u))
	if err != nil || len(jits) == 0 {
		t.Fatalf("the demo's JITs: %v", err)
	}
	var jit *crosscase.JIT
	for _, j := range jits {
		if j.HasParty("AL") {
			jit = j
		}
	}
	b := ts.pageSignIn(u)
	for lang, want := range map[string][2]string{
		"en": {"180 bytes", "downloaded by every recipient (Regulation (EU) 2023/969, Art. 21)"},
		"de": {"180 Bytes", "von jedem Empfänger heruntergeladen (Verordnung (EU) 2023/969, Art. 21)"},
		"fr": {"180 octets", "téléchargé par chaque destinataire (règlement (UE) 2023/969, art. 21)"},
	} {
		b.acceptLanguage = lang
		page := b.get(fmt.Sprintf("/jits/%d", jit.ID)).wantStatus(http.StatusOK)
		sizes := strings.Join(page.texts("#jit-evidence td.num"), "|")
		if !strings.Contains("|"+sizes+"|", "|"+want[0]+"|") {
			t.Errorf("%s: evidence sizes %q, want one of %q", lang, sizes, want[0])
		}
		pending := strings.Join(page.texts("#jit-evidence .evidence-pending"), "|")
		if !strings.Contains(pending, want[1]) {
			t.Errorf("%s: deleted evidence reads %q, want %q", lang, pending, want[1])
		}
	}
}

// TestPageWithinDaysInReaderLanguage: "due within so many days" on the
// deadlines and retention pages is one sentence in the reader's language,
// its noun declined for the number ("innerhalb von 7 Tagen", "1 day"),
// not English fragments around a number.
func TestPageWithinDaysInReaderLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	b := ts.pageSignIn(ts.user("de.days", crosscase.RoleDeskMember, "DE"))
	for _, tc := range []struct{ lang, path, sel, want string }{
		{"de", "/deadlines?days=7", "#h-due", "Fällig innerhalb von 7 Tagen (0)"},
		{"en", "/deadlines?days=7", "#h-due", "Due within 7 days (0)"},
		{"en", "/deadlines?days=1", "#h-due", "Due within 1 day (0)"},
		{"fr", "/deadlines?days=30", "#h-due", "Échéance dans 30 jours (0)"},
		{"de", "/retention", "#retention-due-empty", "Nichts fällig innerhalb von 90 Tagen."},
		{"de", "/retention", ".page-head .sub", "Fälle Ihres Büros, deren personenbezogene Daten innerhalb von 90 Tagen zur Überprüfung oder Löschung anstehen oder jetzt Aufmerksamkeit erfordern (Verordnung (EU) 2018/1727, Art. 29)."},
		{"it", "/retention", "#retention-due-empty", "Nulla in scadenza entro 90 giorni."},
	} {
		b.acceptLanguage = tc.lang
		if got := b.get(tc.path).wantStatus(http.StatusOK).text(tc.sel); got != tc.want {
			t.Errorf("%s %s: %s reads %q, want %q", tc.lang, tc.path, tc.sel, got, tc.want)
		}
	}
}

// TestPagePluralForms: a count on a page takes the plural form of the
// reader's language: French writes 0 in the singular, as 1 ("0 entité"),
// where English writes 0 in the plural ("0 entities").
func TestPagePluralForms(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	u := ts.user("fr.plural", crosscase.RoleDeskMember, "FR")
	c := ts.pageNewCase(u, &crosscase.Case{Title: "Fraude à la TVA", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
	b := ts.pageSignIn(u)
	path := fmt.Sprintf("/cases/%d/retention", c.ID)
	held := func(lang string) string {
		b.acceptLanguage = lang
		return b.get(path).wantStatus(http.StatusOK).text("#retention-entities")
	}
	for i, want := range []map[string]string{
		{"en": "0 entities", "fr": "0 entité", "de": "0 Entitäten"},
		{"en": "1 entity", "fr": "1 entité", "de": "1 Entität"},
		{"en": "2 entities", "fr": "2 entités", "de": "2 Entitäten"},
	} {
		for lang, w := range want {
			if got := held(lang); got != w {
				t.Errorf("%s, %d entities: %q, want %q", lang, i, got, w)
			}
		}
		ts.pageNewEntity(u, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Jean", FamilyName: fmt.Sprintf("Martin%c", 'A'+i)})
	}
}

// TestPageAcquittalRefusedKeepsForm: an acquittal the store refuses (a
// date to come) shows the entity's page again with the acquittal form as
// it was typed and why, in the reader's language; the person stays.
func TestPageAcquittalRefusedKeepsForm(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	u := ts.user("it.acquittal", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(u, &crosscase.Case{Title: "Cocaine route via Bari", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
	p := ts.pageNewEntity(u, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"})
	b := ts.pageSignIn(u)
	b.acceptLanguage = "de"
	edit := fmt.Sprintf("/entities/%d/edit", p.ID)
	b.get(edit).wantStatus(http.StatusOK)
	future := time.Now().AddDate(0, 0, 10).Format("2006-01-02")
	res := b.postCSRF(fmt.Sprintf("/entities/%d/acquittal", p.ID), url.Values{
		"case_id": {fmt.Sprint(c.ID)}, "final_on": {future}, "reason": {"Told by the Bari court"}}).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text("#acquittal-error"); !strings.HasPrefix(got, "Nichts wurde gelöscht. ") || !strings.Contains(got, "Zukunft") {
		t.Errorf("the refusal reads %q", got)
	}
	if got := pageAttr(res.one("#f-final_on"), "value"); got != future {
		t.Errorf("the date typed is %q, want %q", got, future)
	}
	if got := pageAttr(res.one("#f-acquittal-reason"), "value"); got != "Told by the Bari court" {
		t.Errorf("the reason typed is %q", got)
	}
	if got := pageAttr(res.one("#f-family_name"), "value"); got != "Rossi" {
		t.Errorf("the entity's form shows family name %q", got)
	}
	if _, err := ts.db.FindEntityByID(userContext(u), p.ID); err != nil {
		t.Errorf("the person after the refusal: %v", err)
	}
}

// TestPageRoleNamedInRefusal: a refusal that names a role (a desk
// member's account without a desk) names it as the pages do, in the
// reader's language, never by its code (desk_member).
func TestPageRoleNamedInRefusal(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	ts.desk("IT", crosscase.DeskNational)
	b := ts.pageSignIn(ts.user("admin.roles", crosscase.RoleAdministrator, ""))
	for lang, want := range map[string]string{
		"en": "An account with the role desk member must belong to a desk.",
		"de": "Ein Konto mit der Rolle Büromitglied muss einem Büro angehören.",
		"fr": "Un compte de rôle membre de bureau doit être rattaché à un bureau.",
	} {
		b.acceptLanguage = lang
		b.get("/admin/users").wantStatus(http.StatusOK)
		res := b.postCSRF("/admin/users", url.Values{"name": {"it.nodesk"}, "role": {string(crosscase.RoleDeskMember)},
			"desk_id": {""}, "password": {"a long enough password"}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#err-desk_id"); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestPageCountryNotChosen: a form whose country was left at "—" (an
// authority, a desk, an agreement) says to choose one, in the reader's
// language, instead of `"" is not an ISO 3166-1 alpha-2 code`.
func TestPageCountryNotChosen(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	ts.desk("IT", crosscase.DeskNational)
	desk := ts.pageSignIn(ts.user("it.country", crosscase.RoleDeskMember, "IT"))
	admin := ts.pageSignIn(ts.user("admin.country", crosscase.RoleAdministrator, ""))
	for _, tc := range []struct {
		b          *pageBrowser
		lang, page string
		form       url.Values
		want       string
	}{
		{desk, "en", "/authorities", url.Values{"country_code": {""}, "kind": {"police"}, "name": {"Carabinieri of Bari"}}, "Choose a country."},
		{desk, "de", "/authorities", url.Values{"country_code": {""}, "kind": {"police"}, "name": {"Carabinieri of Bari"}}, "Wählen Sie ein Land."},
		{admin, "en", "/admin/desks", url.Values{"country_code": {""}, "kind": {"national_desk"}, "name": {"National Desk for Malta"}}, "Choose a country."},
		{admin, "it", "/admin/desks", url.Values{"country_code": {""}, "kind": {"national_desk"}, "name": {"National Desk for Malta"}}, "Scelga un paese."},
		{admin, "en", "/admin/agreements", url.Values{"country_code": {""}, "organisation": {""}, "kind": {"cooperation_agreement"}, "signed_on": {"2020-01-01"}, "title": {"Agreement"}}, "Choose a country, or give an organisation."},
		{admin, "fr", "/admin/agreements", url.Values{"country_code": {""}, "organisation": {""}, "kind": {"cooperation_agreement"}, "signed_on": {"2020-01-01"}, "title": {"Agreement"}}, "Choisissez un pays ou indiquez une organisation."},
	} {
		tc.b.acceptLanguage = tc.lang
		tc.b.get(tc.page).wantStatus(http.StatusOK)
		res := tc.b.postCSRF(tc.page, tc.form).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#err-country_code"); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.page, got, tc.want)
		}
	}
}

// TestPageJITChooseFromList: linking a case or adding a member on the
// JIT page with nothing chosen in the list says to choose one, in the
// reader's language, not "Ids are positive numbers" or "Give the id of
// the user", which speak of what the page hides.
func TestPageJITChooseFromList(t *testing.T) {
	js := newJITSetup(t, sqldbtest.NewSQLite(t), 1<<20)
	b := js.ts.pageSignIn(js.it.User)
	page := fmt.Sprintf("/jits/%d", js.jit.ID)
	for _, tc := range []struct {
		lang, path string
		form       url.Values
		want       string
	}{
		{"en", "/cases", url.Values{"case_id": {""}}, "Choose a case."},
		{"de", "/cases", url.Values{"case_id": {""}}, "Wählen Sie einen Fall."},
		{"en", "/members", url.Values{"user_id": {""}, "authority_id": {fmt.Sprint(js.auth["IT"])}}, "Choose the person to add."},
		{"fr", "/members", url.Values{"user_id": {""}, "authority_id": {fmt.Sprint(js.auth["IT"])}}, "Choisissez la personne à ajouter."},
	} {
		b.acceptLanguage = tc.lang
		b.get(page).wantStatus(http.StatusOK)
		res := b.postCSRF(page+tc.path, tc.form).wantStatus(http.StatusUnprocessableEntity)
		if got := strings.Join(res.texts(".alert, .field-error"), "|"); !strings.Contains(got, tc.want) {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.path, got, tc.want)
		}
	}
}

// TestPageStatisticsPreviousPeriodInReaderLanguage: the key figures'
// comparison with the previous period is one phrase in the reader's
// language ("zuvor 0 · 0 neu", "0 avant · 0 nouvelles"), not "0 vor · 0
// neu" put together from English fragments.
func TestPageStatisticsPreviousPeriodInReaderLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	b := ts.pageSignIn(ts.user("stats.words", crosscase.RoleStatistics, ""))
	for lang, want := range map[string][]string{
		"en": {"0 before · 0 new", "0 before · 0 signed · 0 funded (EUR 0)", "0 before"},
		"de": {"zuvor 0 · 0 neu", "zuvor 0 · 0 unterzeichnet · 0 finanziert (0 €)", "zuvor 0"},
		"fr": {"0 avant · 0 nouvelles", "0 avant · 0 signées · 0 financées (0 €)", "0 avant"},
	} {
		b.acceptLanguage = lang
		got := b.get("/statistics?year=2025").wantStatus(http.StatusOK).texts("dd.muted")
		joined := "|" + strings.Join(got, "|") + "|"
		for _, w := range want {
			if !strings.Contains(joined, "|"+w+"|") {
				t.Errorf("%s: the comparisons read %q, want %q among them", lang, got, w)
			}
		}
	}
}

// TestPageAdminNoSecondFactorToReset: on the page of a user who has not
// set up two-step sign-in, the administrator is told there is nothing to
// reset instead of offered a reset (crosscase.CanResetSecondFactor, as
// the store refuses it), which would only have barred them from
// resetting the user's password; for a user who has set it up, the reset
// is offered.
func TestPageAdminNoSecondFactorToReset(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	u := ts.user("it.without", crosscase.RoleDeskMember, "IT")
	b := ts.pageSignIn(ts.user("admin.reset", crosscase.RoleAdministrator, ""))
	b.acceptLanguage = "de"
	page := fmt.Sprintf("/admin/users/%d", u.ID)
	res := b.get(page).wantStatus(http.StatusOK)
	if got := res.text("#second-factor-reset-refused"); got != "Dieser Benutzer hat keine Zwei-Schritt-Anmeldung eingerichtet: Es gibt nichts zurückzusetzen." {
		t.Errorf("the page says %q", got)
	}
	if n := len(res.all("#second-factor-reset button")); n != 0 {
		t.Errorf("the page offers %d reset buttons", n)
	}
	b.postCSRF(page+"/second-factor/reset", nil).wantStatus(http.StatusConflict)
	// The password can still be reset by the same administrator.
	b.get(page).wantStatus(http.StatusOK)
	b.postCSRF(page+"/password/reset", nil).wantStatus(http.StatusOK)

	with := ts.user("it.with", crosscase.RoleDeskMember, "IT")
	ts.enrolSecondFactor(with)
	if n := len(b.get(fmt.Sprintf("/admin/users/%d", with.ID)).wantStatus(http.StatusOK).all("#second-factor-reset button")); n != 1 {
		t.Errorf("with two-step sign-in set up, the page offers %d reset buttons", n)
	}
}

// TestPageNoSuchAddress: an address no page answers is the error page in
// the reader's language, with its title, heading and navigation, not Go's
// bare "404 page not found"; a page's address asked with a method it
// does not take answers 405 naming the methods it takes; the API keeps
// its problem documents.
func TestPageNoSuchAddress(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	b := ts.pageSignIn(ts.user("de.lost", crosscase.RoleDeskMember, "DE"))
	b.acceptLanguage = "de"
	res := b.get("/casse/12").wantStatus(http.StatusNotFound)
	if got := res.text("h1"); got != "404 · Nicht gefunden" {
		t.Errorf("heading %q", got)
	}
	if got := res.text("title"); got != "Nicht gefunden · crosscase" {
		t.Errorf("title %q", got)
	}
	if got := res.text("#main p"); got != "Seite nicht gefunden." {
		t.Errorf("message %q", got)
	}
	if len(res.all(`.nav a[href="/cases"]`)) != 1 {
		t.Error("the page has no navigation")
	}
	res = b.get("/logout").wantStatus(http.StatusMethodNotAllowed)
	if got := res.Header.Get("Allow"); got != "POST" {
		t.Errorf("Allow: %q", got)
	}
	if got := res.text("#main p"); got != "Diese Seite nimmt kein GET an, nur POST." {
		t.Errorf("405 message %q", got)
	}
	anon := ts.pageAnonymous()
	anon.get("/nowhere").wantStatus(http.StatusNotFound).one("h1")
	if r := ts.anonymous().get("/api/v1/nowhere"); r.Status != http.StatusNotFound || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("the API's unknown address: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}
