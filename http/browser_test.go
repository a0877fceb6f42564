package http

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserCaseFlow drives a real headless Chromium through the pages
// as a desk member does: sign in, register a case through the form, add a
// suspect, and find the case in the filtered case list. Each step leaves
// a full-page screenshot in testdata/artifacts/.
func TestBrowserCaseFlow(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	// Desks and a user with real-looking names: the case page's
	// screenshot is the one in the documentation.
	ts.namedDesk("IT", crosscase.DeskNational, "National Desk Italy")
	ts.namedDesk("DE", crosscase.DeskNational, "National Desk Germany")
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	name := "Giulia Romano"
	if _, err := db.UpdateUser(systemContext(), it.ID, crosscase.UserUpdate{Version: it.Version, DisplayName: &name}); err != nil {
		t.Fatal(err)
	}
	it.DisplayName = name
	// Cases the filter must leave out: another drug case, and a case
	// that matches the text but is closed.
	ts.pageNewCase(it, &crosscase.Case{Title: "Operation Tramontana", Summary: "Cocaine through Gioia Tauro.",
		AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	ts.pageNewCase(it, &crosscase.Case{Title: "Scirocco precursor chemicals", CrimeTypes: []string{"drug_trafficking"},
		Status: crosscase.CaseClosed, OpenedOn: pageDate(t, "2022-01-10"), ClosedOn: pageDate(t, "2022-12-01")})

	b := newBrowserSession(t, exe, 60*time.Second)
	bctx, do, submit, text := b.ctx, b.do, b.submit, b.text
	location := func() string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(s, ts.URL())
	}
	screenshot := func(name string) []byte {
		t.Helper()
		buf := b.screenshot(name)
		cfg, err := png.DecodeConfig(bytes.NewReader(buf))
		if err != nil || cfg.Width < 1000 || cfg.Height < 300 {
			t.Fatalf("screenshot %s: not a full-page PNG (%+v, %v)", name, cfg, err)
		}
		return buf
	}

	// 1. Sign in.
	do("open the sign-in page",
		chromedp.Navigate(ts.URL()+"/cases"),
		chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), it.Name),
		chromedp.SendKeys(chromedp.ID("f-password"), testPassword),
	)
	screenshot("01-sign-in")
	submit("sign in", `form[action="/login"] button[type="submit"]`)
	if got := location(); got != "/cases" {
		t.Fatalf("after sign-in at %q, want the page first asked for", got)
	}
	if got := text(".who-name"); got != it.DisplayName {
		t.Fatalf("signed in as %q", got)
	}
	screenshot("02-signed-in")

	// 2. Register a case through the form.
	submit("open the new case form", `nav a[href="/cases/new"]`)
	do("fill in the case form",
		chromedp.SendKeys(chromedp.ID("f-title"), "Operation Scirocco"),
		chromedp.SendKeys(chromedp.ID("f-summary"), "Heroin from the Western Balkans through the port of Bari."),
		chromedp.SetValue(chromedp.ID("f-asked_countries"), "DE"),
		chromedp.Click(chromedp.CSS(`input[name="crime_types"][value="drug_trafficking"]`)),
		chromedp.Click(chromedp.CSS(`input[name="crime_types"][value="money_laundering"]`)),
		chromedp.SetValue(chromedp.ID("f-priority"), "empact_drug_trafficking"),
		chromedp.SetValue(chromedp.ID("f-opened_on"), "2025-02-03"),
		chromedp.SetValue(chromedp.ID("f-victims"), "3"),
		chromedp.SetValue(chromedp.ID("f-financial_damage_eur"), "1250000"),
	)
	screenshot("03-case-form")
	submit("register the case", `form[action="/cases"] button[type="submit"]`)
	casePage := location()
	if !regexp.MustCompile(`^/cases/\d+$`).MatchString(casePage) {
		t.Fatalf("after registering, at %q", casePage)
	}
	if got := text("#case-title"); got != "Operation Scirocco" {
		t.Fatalf("case title %q", got)
	}
	if got := text(".flash"); got != "The case has been registered." {
		t.Fatalf("flash %q", got)
	}
	if got := text("#case-asked"); got != "Germany" {
		t.Fatalf("asked countries %q", got)
	}
	ref := text("#case-reference")
	if !strings.HasPrefix(ref, "IT/2025/") {
		t.Fatalf("reference %q", ref)
	}
	screenshot("04-case-registered")

	// 3. Add a suspect.
	submit("open the entity form", `.page-head .actions a[href$="/entities/new"]`)
	do("fill in the suspect",
		chromedp.SendKeys(chromedp.ID("f-family_name"), "Hoxha"),
		chromedp.SendKeys(chromedp.ID("f-given_name"), "Arben"),
		chromedp.SetValue(chromedp.ID("f-birth_date"), "1988-11-02"),
		chromedp.SetValue(chromedp.ID("f-nationality"), "AL"),
		chromedp.SendKeys(chromedp.ID("f-external_ref"), "PP-77/2025"),
	)
	if got, err := chromedp.Run(bctx, chromedp.Value(chromedp.ID("f-role"))); err != nil || got != "suspect" {
		t.Fatalf("the entity form's role is %q (%v), want suspect", got, err)
	}
	screenshot("05-suspect-form")
	submit("add the suspect", `form[action$="/entities"] button[type="submit"]`)
	if got := text("#role-suspect tr.entity td.label"); got != "HOXHA, Arben" {
		t.Fatalf("suspect %q", got)
	}
	if got := text("#h-role-suspect .count"); got != "(1)" {
		t.Fatalf("suspect count %q", got)
	}
	screenshot("06-suspect-added")

	// A few more entities, so that the case page shows its grouping; they
	// are stored directly, the form having been exercised above.
	c := ts.pageCase(it, mustCaseID(t, casePage))
	for _, e := range []*crosscase.Entity{
		{Kind: crosscase.KindOCG, Role: crosscase.RoleSuspect, Name: "Hoxha clan", Country: "AL"},
		{Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+355 69 123 4567", Country: "AL", Notes: "Used for the shipment of March."},
		{Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: "IT60 X054 2811 1010 0000 0123 456", Country: "IT"},
		{Kind: crosscase.KindCompany, Role: crosscase.RoleVictim, Name: "Adriatica Trasporti S.p.A.", Country: "IT"},
		{Kind: crosscase.KindPerson, Role: crosscase.RoleWitness, FamilyName: "Becker", GivenName: "Anna", Nationality: "DE"},
	} {
		e.CaseID = c.ID
		ts.pageNewEntity(it, e)
	}
	do("reload the case", chromedp.Navigate(ts.URL()+casePage), chromedp.WaitVisible(chromedp.ID("role-witness")))
	if n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('#entities tr.entity').length`)); err != nil || n != 6 {
		t.Fatalf("the case page shows %d entities (%v), want 6", n, err)
	}
	doc := screenshot("07-case-with-entities")
	docPath := filepath.Join(pageRepoRoot(t), "docs", "screenshot-case.png")
	if _, err := os.Stat(docPath); pageUpdate() || os.IsNotExist(err) {
		if err := os.MkdirAll(filepath.Dir(docPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(docPath, doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// 4. Find the case in the filtered case list.
	submit("open the case list", `nav a[href="/cases"]`)
	do("fill in the filter",
		chromedp.SendKeys(chromedp.ID("f-q"), "scirocco"),
		chromedp.SetValue(chromedp.ID("f-crime"), "drug_trafficking"),
		chromedp.SetValue(chromedp.ID("f-status"), "open"),
		chromedp.SetValue(chromedp.ID("f-country"), "DE"),
	)
	submit("filter", `form.filters button[type="submit"]`)
	if got := location(); !strings.Contains(got, "q=scirocco") || !strings.Contains(got, "status=open") || !strings.Contains(got, "country=DE") {
		t.Fatalf("filtered list at %q", got)
	}
	rows, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#case-results tbody tr')].map(tr => tr.cells[0].textContent.trim() + ' ' + tr.cells[1].textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{ref + " Operation Scirocco"}; !slices.Equal(rows, want) {
		t.Fatalf("filtered list %q, want %q", rows, want)
	}
	screenshot("08-case-list-filtered")

	// The reference leads back to the case.
	submit("open the case from the list", `#case-results tbody a`)
	if got := location(); got != casePage {
		t.Fatalf("the list's link leads to %q, want %q", got, casePage)
	}
}

// mustCaseID returns the id in a /cases/{id} path.
func mustCaseID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	for _, r := range strings.TrimPrefix(path, "/cases/") {
		if r < '0' || r > '9' {
			t.Fatalf("no case id in %q", path)
		}
		id = id*10 + int64(r-'0')
	}
	return id
}
