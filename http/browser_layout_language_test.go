package http

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
}
