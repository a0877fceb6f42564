package http

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserInstrumentDeadline drives headless Chromium as the owner
// desk: add a European Arrest Warrant to a case through the form, record
// the arrest on the instrument page, and find the decision's deadline in
// the deadlines view.
func TestBrowserInstrumentDeadline(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	ts.desk("DE", crosscase.DeskNational)
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Maestrale", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"},
		OpenedOn: crosscase.DateOf(time.Now().AddDate(-1, 0, 0))})
	e := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, FamilyName: "Conti", GivenName: "Marco"})
	b := newBrowserSession(t, exe, 60*time.Second)
	do, submit, text, shot := b.do, b.submit, b.text, b.screenshot
	day := func(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }

	b.signIn(ts.URL()+"/cases/"+strconv.FormatInt(c.ID, 10), it.Name, testPassword)

	// 1. Create the warrant on the case.
	submit("open the instrument form", "#add-instrument")
	do("fill in the warrant",
		chromedp.SetValue(chromedp.ID("f-type"), "eaw"),
		chromedp.SendKeys(chromedp.ID("f-reference"), "EAW/BA/2025/0107"),
		chromedp.SetValue(chromedp.ID("f-issuing_country"), "IT"),
		chromedp.SetValue(chromedp.ID("f-executing_country"), "DE"),
		chromedp.SetValue(chromedp.ID("f-entity_id"), strconv.FormatInt(e.ID, 10)),
		chromedp.SetValue(chromedp.ID("f-issued_on"), day(-60)),
	)
	shot("instrument-01-form")
	submit("add the warrant", "#instrument-save")
	if got := text("#instrument-ref"); got != "EAW/BA/2025/0107" {
		t.Fatalf("instrument page shows %q", got)
	}
	if got := text("#instrument-status"); got != "issued" {
		t.Fatalf("status %q", got)
	}

	// 2. Record the arrest, 55 days ago: the decision is due in 5 days
	// (Framework Decision 2002/584/JHA, Art. 17(3)).
	do("record the arrest",
		chromedp.SetValue(chromedp.ID("f-arrest_on"), day(-55)),
		chromedp.SetValue(chromedp.ID("f-status"), "arrested"),
	)
	submit("save the arrest", "#record-save")
	if got := text("#instrument-status"); got != "arrested" {
		t.Fatalf("status after the arrest %q", got)
	}
	if got := text(`#clocks tr[data-clock="eaw_decision"] .clock-due`); got != day(5) {
		t.Fatalf("decision due %q, want %s", got, day(5))
	}
	shot("instrument-02-arrest-recorded")

	// 3. The deadlines view lists it among those due within 7 days.
	submit("open the deadlines", `nav a[href="/deadlines"]`)
	do("filter by type", chromedp.SetValue(chromedp.ID("f-type"), "eaw"))
	submit("filter", `form.filters button[type="submit"]`)
	rows, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#due-soon tbody tr')].map(tr => [...tr.cells].map(td => td.textContent.trim()).join(' | '))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !strings.Contains(rows[0], "EAW/BA/2025/0107") || !strings.Contains(rows[0], "Final decision on surrender") || !strings.HasPrefix(rows[0], day(5)) {
		t.Fatalf("deadlines due soon %q", rows)
	}
	if !regexp.MustCompile(`IT → DE`).MatchString(rows[0]) {
		t.Fatalf("countries missing in %q", rows[0])
	}
	shot("instrument-03-deadlines")

	// The case page shows the instrument with its next deadline.
	do("open the case", chromedp.Navigate(ts.URL()+"/cases/"+strconv.FormatInt(c.ID, 10)), chromedp.WaitVisible(chromedp.ID("instruments")))
	if got := text("#instruments .next-deadline"); !strings.Contains(got, day(5)) {
		t.Fatalf("case page next deadline %q", got)
	}
}
