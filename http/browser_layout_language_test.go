package http

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
)

// TestBrowserLayoutPhoneGerman opens, on a phone (390 px) in German, whose
// labels are the longest, every page the desk member's navigation leads
// to and one page of each kind these link to: none scrolls sideways, not
// even a case's retention page, whose facts list long labels beside
// their values.
func TestBrowserLayoutPhoneGerman(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	rossi, err := ts.db.FindUserByName(systemContext(), "it.rossi")
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.db.SetLanguage(userContext(rossi), "de"); err != nil {
		t.Fatal(err)
	}
	b.do("390 px wide", chromedp.EmulateViewport(390, 900))
	seen := layoutPages{}
	pages := []string{"/"}
	for i := 0; i < len(pages); i++ {
		pages = append(pages, seen.add(checkLayout(t, b, ts.URL(), pages[i], 390))...)
	}
	if !seen["/cases/N/retention"] {
		t.Errorf("no case's retention page was opened: %v", seen)
	}

	// The case page's entity tables keep readable columns: no heading
	// runs into the next, no column is squeezed to a few letters (the
	// table scrolls inside its frame instead).
	cases, _, err := ts.db.FindCases(userContext(rossi), crosscase.CaseFilter{Country: "AL", Limit: 1})
	if err != nil || len(cases) == 0 {
		t.Fatalf("the Italy–Albania case: %v", err)
	}
	b.do("the case page", chromedp.Navigate(ts.URL()+casePath(cases[0].ID)), chromedp.WaitVisible(chromedp.ID("main")))
	bad, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('table.entities th, table.entities td'))
		.filter(e => e.textContent.trim() !== '' && (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width < 56))
		.map(e => e.tagName + ' "' + e.textContent.trim().slice(0, 30) + '" ' + Math.round(e.getBoundingClientRect().width) + 'px')`))
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("entity table cells overflowing or squeezed at 390 px in German: %d, e.g. %q", len(bad), bad[:min(len(bad), 5)])
	}
}
