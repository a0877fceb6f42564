package http

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosscase/locale"

	"github.com/chromedp/chromedp"
)

// TestBrowserLanguages drives headless Chromium through the language
// setting of the account page: the Italian desk's member chooses French,
// then German, and the dashboard, the navigation and the deadlines read
// in that language, with dates written the way it writes them (README,
// "Languages"). Screenshots land in testdata/artifacts/.
func TestBrowserLanguages(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 90*time.Second)
	db := ts.db
	_, albania := demoItalyAlbania(t, ts)
	caseChart, caseTimeline := casePath(albania.ID)+"/chart", casePath(albania.ID)+"/timeline"
	catalog, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ tag, dashboard, deadlines string }{
		{"fr", "Tableau de bord", "Échéances"},
		{"de", "Übersicht", "Fristen"},
	} {
		p := catalog.Printer(tc.tag)
		b.do("open the account", chromedp.Navigate(ts.URL()+"/account"), chromedp.WaitVisible(chromedp.ID("f-language")))
		b.do("choose "+tc.tag, chromedp.SetValue(chromedp.ID("f-language"), tc.tag))
		b.submit("save the language", `form[action="/account/language"] button[type="submit"]`)
		if got := b.text(".flash"); got == "" || got == "Your pages are now in the language you chose." {
			t.Errorf("%s: confirmation %q", tc.tag, got)
		}
		b.do("open the dashboard", chromedp.Navigate(ts.URL()+"/"), chromedp.WaitVisible(chromedp.ID("main")))
		if got := b.text("main h1"); got != tc.dashboard {
			t.Errorf("%s: dashboard heading %q, want %q", tc.tag, got, tc.dashboard)
		}
		lang, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		if err != nil || lang != tc.tag {
			t.Errorf("%s: lang %q %v", tc.tag, lang, err)
		}
		b.do("open the deadlines", chromedp.Navigate(ts.URL()+"/deadlines"), chromedp.WaitVisible(chromedp.ID("main")))
		if got := b.text("main h1"); got != tc.deadlines {
			t.Errorf("%s: deadlines heading %q", tc.tag, got)
		}
		if got := b.text(".nav"); !containsAll(got, map[string][]string{"fr": {"Affaires", "Concordances", "Échéances"}, "de": {"Fälle", "Treffer", "Fristen"}}[tc.tag]) {
			t.Errorf("%s: navigation %q", tc.tag, got)
		}
		// The workbench's views, in the same language.
		for path, heading := range map[string]string{"/search?q=Hoxha": "Search", caseChart: "Link chart", caseTimeline: "Timeline",
			"/deadlines?view=month": "Deadlines", "/retention": "Retention"} {
			b.do("open "+path, chromedp.Navigate(ts.URL()+path), chromedp.WaitVisible(chromedp.ID("main")))
			if got, want := b.text("main h1"), p.T(heading); got != want || want == heading {
				t.Errorf("%s %s: heading %q, want %q", tc.tag, path, got, want)
			}
		}
		shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		if err == nil {
			_ = os.MkdirAll(filepath.Join("testdata", "artifacts"), 0o755)
			_ = os.WriteFile(filepath.Join("testdata", "artifacts", "deadlines-"+tc.tag+".png"), shot, 0o644)
		}
	}
	u, err := db.FindUserByName(systemContext(), "it.rossi")
	if err != nil || u.Language != "de" {
		t.Fatalf("the stored language: %v %v", u, err)
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return len(parts) > 0
}
