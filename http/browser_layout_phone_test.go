package http

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLayoutPhoneDesk opens the desk's working pages on a phone
// (390 px) as the demo's Italian desk member:
//   - the hits: each hit's cells, what agreed and the decision among
//     them, are in view without scrolling sideways;
//   - the new case form does not tell how to choose several countries
//     with Ctrl or ⌘, which a phone has not;
//   - the deadlines' box for the days ahead is as wide as a few digits
//     need, on a phone and on a laptop (1366 px), not half the row.
func TestBrowserLayoutPhoneDesk(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	strs := func(step, js string) []string {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	b.do("390 px wide", chromedp.EmulateViewport(390, 900))

	// Hits: no cell of a hit lies beyond the screen's edge.
	checkLayout(t, b, ts.URL(), "/hits", 390)
	if n := strs("hits", `Array.from(document.querySelectorAll('#hits tr.hit td.decision form'), String)`); len(n) == 0 {
		t.Fatal("/hits: no hit waits for the desk's decision")
	}
	if off := strs("hits off-screen", `Array.from(document.querySelectorAll('#hits tr.hit td, #hits tr.hit td.decision button'))
		.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
		.map(e => (e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')`); len(off) > 0 {
		t.Errorf("/hits at 390 px: %d cells or buttons lie beyond the screen's edge, e.g. %q", len(off), off[:min(len(off), 4)])
	}

	// The new case form: no word of Ctrl or ⌘.
	checkLayout(t, b, ts.URL(), "/cases/new", 390)
	if shown := strs("multi-select hint", `Array.from(document.querySelectorAll('#main .hint'))
		.filter(e => e.offsetParent !== null && /Ctrl|⌘/.test(e.textContent)).map(e => e.textContent.trim())`); len(shown) > 0 {
		t.Errorf("/cases/new at 390 px shows %q", shown)
	}

	// The deadlines' days box.
	for _, width := range []int64{390, 1366} {
		b.do("wide", chromedp.EmulateViewport(width, 900))
		checkLayout(t, b, ts.URL(), "/deadlines", width)
		w, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`Math.round(document.getElementById('f-days').getBoundingClientRect().width)`))
		if err != nil {
			t.Fatal(err)
		}
		if w > 160 {
			t.Errorf("/deadlines at %d px: the days box is %d px wide", width, w)
		}
	}
}
