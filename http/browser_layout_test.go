package http

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
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
// deadlines filter's button keeps its own width. On the phone, in
// Spanish, an instrument's legal clocks show their state without
// scrolling sideways. On the phone it also
// opens every page the navigation leads to, for the desk member and an
// administrator, and one page of each kind these link to.
func TestBrowserLayoutWidths(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 120*time.Second)
	db := ts.db
	rossi, albania := demoItalyAlbania(t, ts)
	pages := []string{"/", "/cases", fmt.Sprintf("/cases/%d", albania.ID), fmt.Sprintf("/cases/%d/timeline", albania.ID),
		"/deadlines", "/hits", "/jits", "/notices", "/centres", "/search?q=Hoxha", "/checks", "/account"}
	// On the phone, besides these, every page reached from them by links,
	// one of each kind.
	reachable := layoutPages{}
	reachable.add(pages)
	listed := len(pages)
	for _, width := range []int64{390, 1366} {
		b.do(fmt.Sprintf("%d px wide", width), chromedp.EmulateViewport(width, 900))
		for i := 0; i < len(pages) && (width == 390 || i < listed); i++ {
			p := pages[i]
			links := checkLayout(t, b, ts.URL(), p, width)
			if width == 390 {
				pages = append(pages, reachable.add(links)...)
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

	// On the phone, in Spanish, an instrument's legal clocks: each one's
	// state ("Estado") is in view beside or under its name, not in a
	// column beyond the screen's edge.
	if err := db.SetLanguage(userContext(rossi), "es"); err != nil {
		t.Fatal(err)
	}
	b.do("390 px wide", chromedp.EmulateViewport(390, 900))
	b.do("the deadlines in Spanish", chromedp.Navigate(ts.URL()+"/deadlines"), chromedp.WaitVisible(chromedp.ID("main")))
	instruments, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#main a[href^="/instruments/"]'), a => a.getAttribute('href')).slice(0, 1)`))
	if err != nil || len(instruments) == 0 {
		t.Fatalf("no instrument on the deadlines (%v)", err)
	}
	checkLayout(t, b, ts.URL(), instruments[0], 390)
	states, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#clocks tbody tr'), tr => {
		const r = tr.querySelector('.badge').getBoundingClientRect();
		return tr.dataset.clock + ' ' + Math.round(r.left) + '-' + Math.round(r.right) + (r.width > 0 && r.left >= 0 && r.right <= window.innerWidth ? '' : ' off-screen');
	})`))
	if err != nil || len(states) == 0 {
		t.Fatalf("%s: no legal clock (%v)", instruments[0], err)
	}
	for _, st := range states {
		if strings.HasSuffix(st, "off-screen") {
			t.Errorf("%s at 390 px in Spanish: the state of a clock is off the screen: %q", instruments[0], states)
			break
		}
	}
	if err := db.SetLanguage(userContext(rossi), ""); err != nil {
		t.Fatal(err)
	}

	// On the phone, an administrator's pages: the administration and what
	// it links to.
	admin := ts.user("admin.layout", crosscase.RoleAdministrator, "")
	codes := ts.secondFactorFor(admin)
	b.submit("sign out", `form[action="/logout"] button[type="submit"]`)
	b.signIn(ts.URL()+"/login", admin.Name, testPassword)
	if codes != nil {
		b.do("second factor", chromedp.WaitVisible(chromedp.ID("f-code")), chromedp.SendKeys(chromedp.ID("f-code"), codes[0]))
		b.submit("second factor", `form[action="/login/second-factor"] button[type="submit"]`)
	}
	b.do("390 px wide", chromedp.EmulateViewport(390, 900))
	pages = []string{"/"}
	for i := 0; i < len(pages); i++ {
		pages = append(pages, reachable.add(checkLayout(t, b, ts.URL(), pages[i], 390))...)
	}
	// The text fields edited in a table's rows keep a readable width on
	// the phone: the table scrolls instead.
	for _, p := range []string{"/admin/desks", "/admin/agreements"} {
		checkLayout(t, b, ts.URL(), p, 390)
		narrow, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.table-wrap td > input[type=text]')).filter(i => i.getBoundingClientRect().width < 150).map(i => i.name + ' ' + Math.round(i.getBoundingClientRect().width) + 'px')`))
		if err != nil {
			t.Fatal(err)
		}
		if len(narrow) > 0 {
			t.Errorf("%s at 390 px: %d text fields in the table are narrower than 150 px, e.g. %q", p, len(narrow), narrow[0])
		}
	}
}

// layoutPages holds the kinds of page the layout test has opened: a path
// with its numbers as N.
type layoutPages map[string]bool

// layoutLinkRE matches a link to a page of the site: up to four lowercase
// or numeric path segments, without a query.
var layoutLinkRE = regexp.MustCompile(`^(/([a-z-]+|[0-9]+)){1,4}$`)

// layoutNumberRE matches the numbers of a path, which its kind omits.
var layoutNumberRE = regexp.MustCompile(`[0-9]+`)

// add returns the links in links to a kind of page not opened yet, and
// notes their kinds; downloads (attachments, evidence), event streams,
// images and signing in are not pages to open.
func (seen layoutPages) add(links []string) []string {
	var out []string
	for _, l := range links {
		if !layoutLinkRE.MatchString(l) || strings.Contains(l, "/attachments/") {
			continue
		}
		switch path.Base(l) {
		case "download", "events", "svg", "login", "logout":
			continue
		}
		if kind := layoutNumberRE.ReplaceAllString(l, "N"); !seen[kind] {
			seen[kind] = true
			out = append(out, l)
		}
	}
	return out
}

// layoutSpillJS names the first element of the page whose right edge is
// past its panel's, its filter bar's or the main column's, outside a
// table's or a chart's scrolling frame; "" when none is.
const layoutSpillJS = `(() => {
	for (const e of document.querySelectorAll('#main *')) {
		if (e.closest('.table-wrap, .chart-frame, .visually-hidden')) continue;
		const r = e.getBoundingClientRect();
		if (r.width === 0) continue;
		const c = e.parentElement.closest('.panel, .filters, main');
		if (c && r.right > c.getBoundingClientRect().right + 1)
			return e.tagName + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' "' + e.textContent.trim().slice(0, 30) + '" (' + Math.round(r.right) + ' > ' + Math.round(c.getBoundingClientRect().right) + ')';
	}
	return '';
})()`

// checkLayout opens p at the current width and fails t when the page
// scrolls sideways (naming the first element too wide outside a
// .table-wrap) or an element sticks out of its panel; it returns the
// page's links.
func checkLayout(t *testing.T, b *browserSession, base, p string, width int64) []string {
	t.Helper()
	b.do("open "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.ID("main")))
	over, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if over > 1 {
		wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => { const w = window.innerWidth; for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect(); if (r.right > w + 1 && !e.closest('.table-wrap')) return e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(r.right); } return ''; })()`))
		t.Errorf("%s at %d px scrolls sideways by %d px (first too wide: %s)", p, width, over, wide)
	}
	// Nor does anything stick out of its panel or filter bar (a German
	// filter's buttons past the bar's edge), even where the page as a
	// whole does not scroll.
	spill, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](layoutSpillJS))
	if err != nil {
		t.Fatal(err)
	}
	if spill != "" {
		t.Errorf("%s at %d px: %s sticks out of its frame", p, width, spill)
	}
	links, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.nav a[href], #main a[href]:not([download])'), a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	return links
}
