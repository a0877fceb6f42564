package http

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheckHits: in Chromium, the French desk of the demo goes
// from its hits to the list checks of other desks that hit its entities
// and reads the Polish check: the country, its case and suspect, the
// fields that agreed.
func TestBrowserCheckHits(t *testing.T) {
	ts, b := demoBrowser(t, "fr.lefevre", 90*time.Second)
	b.do("open the hits", chromedp.Navigate(ts.URL()+"/hits"), chromedp.WaitVisible(chromedp.ID("check-hits-link")))
	b.submit("follow the link to the list checks", "#check-hits-link")
	b.do("the list", chromedp.WaitVisible(chromedp.CSS("#check-hits tbody tr")))
	if got := b.text("#check-hits tbody tr .checker-country"); got != "Poland" {
		t.Errorf("checking country %q", got)
	}
	if got := b.text("#check-hits tbody tr .our-case"); !strings.HasPrefix(got, "FR/") {
		t.Errorf("our case %q", got)
	}
	if got := b.text("#check-hits tbody tr .hit-fields"); !strings.Contains(got, "date of birth") {
		t.Errorf("what agreed: %q", got)
	}
	b.screenshot("check-hits")
}
