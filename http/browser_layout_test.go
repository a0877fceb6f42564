package http

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"crosscase/locale"

	"github.com/chromedp/chromedp"

	"crosscase"
)

// TestBrowserLayoutWidths opens the desk's everyday pages, on the demo
// operations, in headless Chromium on a phone (390 px) and a laptop
// (1366 px): no page scrolls sideways (wide tables scroll inside their
// frame), the navigation stays on one line on the laptop, and the
// deadlines filter's button keeps its own width.
func TestBrowserLayoutWidths(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	db := ts.db
	rossi, err := db.FindUserByName(systemContext(), "it.rossi")
	if err != nil {
		t.Fatal(err)
	}
	cases, _, err := db.FindCases(userContext(rossi), crosscase.CaseFilter{Country: "AL", Limit: 1})
	if err != nil || len(cases) == 0 {
		t.Fatalf("the Italy–Albania case: %v", err)
	}
	pages := []string{"/", "/cases", fmt.Sprintf("/cases/%d", cases[0].ID), fmt.Sprintf("/cases/%d/timeline", cases[0].ID),
		"/deadlines", "/hits", "/jits", "/notices", "/centres", "/search?q=Hoxha", "/checks", "/account"}
	for _, width := range []int64{390, 1366} {
		b.do(fmt.Sprintf("%d px wide", width), chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			b.do("open "+p, chromedp.Navigate(ts.URL()+p), chromedp.WaitVisible(chromedp.ID("main")))
			over, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if over > 1 {
				wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => { const w = window.innerWidth; for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect(); if (r.right > w + 1 && !e.closest('.table-wrap')) return e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(r.right); } return ''; })()`))
				t.Errorf("%s at %d px scrolls sideways by %d px (first too wide: %s)", p, width, over, wide)
			}
			if p == "/" || p == "/deadlines" {
				shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
				if err == nil {
					name := fmt.Sprintf("layout-%d-%s.png", width, map[string]string{"/": "dashboard", "/deadlines": "deadlines"}[p])
					_ = os.MkdirAll(filepath.Join("testdata", "artifacts"), 0o755)
					_ = os.WriteFile(filepath.Join("testdata", "artifacts", name), shot, 0o644)
				}
			}
			if width == 1366 {
				rows, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`(() => { const tops = new Set(); for (const a of document.querySelectorAll('.nav a')) tops.add(Math.round(a.getBoundingClientRect().top)); return tops.size; })()`))
				if err != nil {
					t.Fatal(err)
				}
				if rows != 1 {
					t.Errorf("%s at 1366 px: the navigation takes %d lines", p, rows)
				}
			}
		}
		if width == 1366 {
			// The navigation stays on one line in every language.
			for _, l := range locale.Languages[1:] {
				if err := db.SetLanguage(userContext(rossi), l.Tag); err != nil {
					t.Fatal(err)
				}
				b.do("the dashboard in "+l.Tag, chromedp.Navigate(ts.URL()+"/"), chromedp.WaitVisible(chromedp.ID("main")))
				rows, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`(() => { const tops = new Set(); for (const a of document.querySelectorAll('.nav a')) tops.add(Math.round(a.getBoundingClientRect().top)); return tops.size; })()`))
				if err != nil || rows != 1 {
					t.Errorf("at 1366 px in %s the navigation takes %d lines (%v)", l.Tag, rows, err)
				}
			}
			if err := db.SetLanguage(userContext(rossi), ""); err != nil {
				t.Fatal(err)
			}
		}
		b.do("the deadlines", chromedp.Navigate(ts.URL()+"/deadlines"), chromedp.WaitVisible(chromedp.ID("main")))
		w, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`Math.round(document.querySelector('.filters button[type="submit"]').getBoundingClientRect().width)`))
		if err != nil {
			t.Fatal(err)
		}
		if w > 160 {
			t.Errorf("at %d px the deadlines filter's button is %d px wide", width, w)
		}
	}
}
