package http

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserMeetingAndResults drives a real headless Chromium on a case
// page: the owner desk schedules a coordination meeting with Europol,
// then records an arrest count and a cocaine seizure in kg, and sees the
// meeting and both results listed on the case page.
func TestBrowserMeetingAndResults(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	ts.namedDesk("IT", crosscase.DeskNational, "National Desk Italy")
	ts.namedDesk("AL", crosscase.DeskLiaison, "Liaison Prosecutor for Albania")
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Durrës", Summary: "Cocaine through the port of Durrës.",
		AskedCountries: []string{"AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})

	b := newBrowserSession(t, exe, 90*time.Second)
	do, submit, text, screenshot := b.do, b.submit, b.text, b.screenshot

	casePath := "/cases/" + strconv.FormatInt(c.ID, 10)
	b.signIn(ts.URL()+casePath, it.Name, testPassword)

	// Schedule a coordination meeting with Europol.
	do("open the meeting form",
		chromedp.WaitVisible(chromedp.ID("meetings")),
		chromedp.Click(chromedp.CSS("#meetings details > summary")),
		chromedp.WaitVisible(chromedp.ID("f-starts_at")),
		chromedp.SetValue(chromedp.ID("f-starts_at"), "2024-03-05T09:30"),
		chromedp.Click(chromedp.CSS(`#f-partners input[value="europol"]`)),
		chromedp.SendKeys(chromedp.ID("f-agenda"), "Joint strategy for the action day."))
	screenshot("coordination-01-meeting-form")
	submit("schedule the meeting", `#meeting-form button[type="submit"]`)
	if got := text("#meetings table"); !strings.Contains(got, "2024-03-05 09:30") || !strings.Contains(got, "Europol") {
		t.Fatalf("meetings on the case page: %q", got)
	}

	// Record an arrest count, then a drug seizure in kg with its substance.
	report := func(step string, fields map[string]string) {
		t.Helper()
		actions := []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS("#results details > summary")),
			chromedp.WaitVisible(chromedp.ID("f-kind")),
		}
		for _, k := range []string{"f-kind", "f-country", "f-date", "f-count", "f-seizure_type", "f-substance", "f-quantity", "f-unit", "f-measure", "f-value_eur"} {
			if v, ok := fields[k]; ok {
				actions = append(actions, chromedp.SetValue(chromedp.ID(k), v))
			}
		}
		do("fill in "+step, actions...)
		submit("record "+step, `#result-form button[type="submit"]`)
	}
	report("the arrests", map[string]string{"f-kind": "arrest", "f-country": "IT", "f-date": "2024-05-13", "f-count": "30"})
	report("the seizure", map[string]string{"f-kind": "seizure", "f-country": "IT", "f-date": "2024-05-13",
		"f-seizure_type": "drugs", "f-substance": "cocaine", "f-quantity": "12.5", "f-unit": "kg", "f-measure": "seized", "f-value_eur": "900000"})
	screenshot("coordination-02-results")

	rows := text("#results-table")
	if !strings.Contains(rows, "30") || !strings.Contains(strings.ToLower(rows), "arrest") {
		t.Errorf("the arrests are not listed: %q", rows)
	}
	if !strings.Contains(strings.ToLower(rows), "cocaine") || !strings.Contains(rows, "12.5") || !strings.Contains(rows, "kg") {
		t.Errorf("the seizure is not listed: %q", rows)
	}
	if got := text("#meetings table"); !strings.Contains(got, "Europol") {
		t.Errorf("the meeting is no longer listed: %q", got)
	}
	// The store agrees with the page.
	ms, err := db.FindMeetings(userContext(it), c.ID)
	if err != nil || len(ms) != 1 || len(ms[0].Partners) != 1 || ms[0].Partners[0] != "europol" {
		t.Fatalf("meetings %+v, %v", ms, err)
	}
	rs, err := db.FindResults(userContext(it), c.ID)
	if err != nil || len(rs) != 2 {
		t.Fatalf("results %+v, %v", rs, err)
	}
}
