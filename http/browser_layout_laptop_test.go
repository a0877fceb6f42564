package http

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserLayoutLanguages opens the pages in German, French and
// Polish, whose words are longer than English ones, on a laptop (1366 px) and a phone
// (390 px), as the desk member, an administrator and a JIT-only member:
// no page scrolls sideways and nothing sticks out of its panel or filter
// bar (the audit log's buttons), the header's search box shows its whole
// placeholder on the laptop and takes the brand's line on the phone, the
// account sits at the right end of the bar even without the search box,
// the entity tables' one-word headings (Staatsangehörigkeit) are not cut
// in two on the laptop and their notes get the widest column, the fields
// of a one-line filter line up, a reference that is a link looks like
// one, and the dashboard's case titles keep a readable column.
func TestBrowserLayoutLanguages(t *testing.T) {
	exe := browsertest.Chromium(t)
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	passwords := map[string]string{}
	for _, l := range ts.loadDemo() {
		passwords[l.Name] = l.Password
	}
	rossi, albania := demoItalyAlbania(t, ts)
	kovacs, err := ts.db.FindUserByName(systemContext(), "jit.kovacs")
	if err != nil {
		t.Fatal(err)
	}
	admin := ts.user("admin.languages", crosscase.RoleAdministrator, "")
	codes := ts.secondFactorFor(admin)
	b := newBrowserSession(t, exe, 300*time.Second)

	evalInt := func(step, js string) int {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	evalStrings := func(step, js string) []string {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	signOut := func() {
		b.submit("sign out", `form[action="/logout"] button[type="submit"]`)
	}
	firstLink := func(links []string, re *regexp.Regexp) string {
		for _, l := range links {
			if re.MatchString(l) {
				return l
			}
		}
		t.Fatalf("no link matching %s in %v", re, links)
		return ""
	}

	for i, lang := range []string{"de", "fr", "pl"} {
		for _, u := range []*crosscase.User{rossi, kovacs, admin} {
			if err := ts.db.SetLanguage(userContext(u), lang); err != nil {
				t.Fatal(err)
			}
		}

		// The desk member's pages.
		b.signIn(ts.URL()+"/login", "it.rossi", passwords["it.rossi"])
		casePage := casePath(albania.ID)
		pages := []string{"/", "/cases", casePage, casePage + "/timeline", casePage + "/chart", casePage + "/entities/new",
			"/deadlines", "/deadlines?view=month", "/hits", "/jits", "/centres", "/notices", "/notices/new",
			"/search?q=Hoxha", "/checks", "/account", "/statistics", "/retention"}
		for _, width := range []int64{1366, 390} {
			b.do(fmt.Sprintf("%d px wide", width), chromedp.EmulateViewport(width, 900))
			var more []string
			for _, p := range pages {
				links := checkLayout(t, b, ts.URL(), p, width)
				switch p {
				case "/hits":
					more = append(more, firstLink(links, regexp.MustCompile(`^/hits/[0-9]+$`)))
				case "/jits":
					more = append(more, firstLink(links, regexp.MustCompile(`^/jits/[0-9]+$`)))
				case "/centres":
					c := firstLink(links, regexp.MustCompile(`^/centres/[0-9]+$`))
					more = append(more, c, c+"/press")
				}
			}
			for _, p := range more {
				checkLayout(t, b, ts.URL(), p, width)
			}

			b.do("the dashboard", chromedp.Navigate(ts.URL()+"/"), chromedp.WaitVisible(chromedp.ID("main")))
			if width == 390 {
				if w := evalInt("search box", `Math.round(document.getElementById('top-q').getBoundingClientRect().width)`); w < 390/2 {
					t.Errorf("%s at 390 px: the header's search box is %d px wide", lang, w)
				}
				continue
			}
			if evalInt("placeholder", `(() => { const i = document.getElementById('top-q'), cs = getComputedStyle(i);
				const c = document.createElement('canvas').getContext('2d'); c.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
				return c.measureText(i.placeholder).width <= i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) ? 1 : 0; })()`) != 1 {
				t.Errorf("%s at 1366 px: the header's search box cuts its placeholder", lang)
			}
			if narrow := evalStrings("case titles", `Array.from(document.querySelectorAll('#owned-cases td:nth-child(2), #asked-cases td:nth-child(2)')).filter(td => td.getBoundingClientRect().width < 160).map(td => td.textContent.trim().slice(0, 30) + ' ' + Math.round(td.getBoundingClientRect().width) + 'px')`); len(narrow) > 0 {
				t.Errorf("%s at 1366 px: dashboard case titles squeezed: %q", lang, narrow)
			}

			// The deadlines link to instruments by their reference; an
			// instrument's page links to its case by reference and title.
			b.do("the deadlines", chromedp.Navigate(ts.URL()+"/deadlines"), chromedp.WaitVisible(chromedp.ID("main")))
			instrument := evalStrings("an instrument", `[document.querySelector('#main a.ref[href^="/instruments/"]').getAttribute('href')]`)[0]
			for _, p := range []string{"/deadlines", instrument} {
				b.do("open "+p, chromedp.Navigate(ts.URL()+p), chromedp.WaitVisible(chromedp.ID("main")))
				if grey := evalStrings("references", `(() => { const link = getComputedStyle(document.querySelector('#main a:not(.ref):not(.button)')).color;
					return Array.from(document.querySelectorAll('#main a.ref, #main a .ref')).filter(e => getComputedStyle(e).color !== link).map(e => e.textContent.trim()); })()`); len(grey) > 0 {
					t.Errorf("%s %s: references that are links do not look like links: %q", lang, p, grey)
				}
			}

			b.do("the case page", chromedp.Navigate(ts.URL()+casePage), chromedp.WaitVisible(chromedp.ID("main")))
			if cut := evalStrings("entity headings", `Array.from(document.querySelectorAll('table.entities thead th')).filter(th => {
				const s = th.textContent.trim(); if (!s || /\s/.test(s)) return false;
				const r = document.createRange(); r.selectNodeContents(th);
				return new Set(Array.from(r.getClientRects(), x => Math.round(x.top))).size > 1; }).map(th => th.textContent.trim())`); len(cut) > 0 {
				t.Errorf("%s at 1366 px: entity table headings cut in two: %q", lang, cut)
			}
			if bad := evalStrings("notes column", `Array.from(document.querySelectorAll('table.entities')).filter(tb => {
				const ths = Array.from(tb.querySelectorAll('thead th')), notes = tb.querySelector('th.col-notes');
				return !notes || ths.some(th => th.getBoundingClientRect().width > notes.getBoundingClientRect().width + 1); }).map(tb => tb.querySelector('caption').textContent.trim())`); len(bad) > 0 {
				t.Errorf("%s at 1366 px: the notes are not the widest column of %q", lang, bad)
			}
			if off := evalStrings("entity filter", `(() => { const f = document.getElementById('entity-filter');
				const bottoms = new Set(Array.from(f.querySelectorAll('select, input:not([type=hidden]), button'), e => Math.round(e.getBoundingClientRect().bottom)));
				const tops = new Set(Array.from(f.querySelectorAll('label'), e => Math.round(e.getBoundingClientRect().top)));
				return bottoms.size === 1 && tops.size === 1 ? [] : ['field bottoms ' + Array.from(bottoms).join(','), 'label tops ' + Array.from(tops).join(',')]; })()`); len(off) > 0 {
				t.Errorf("%s at 1366 px: the entity filter's fields do not line up: %q", lang, off)
			}
		}
		signOut()

		// The administrator's pages, on the laptop.
		b.do("1366 px wide", chromedp.EmulateViewport(1366, 900))
		b.signIn(ts.URL()+"/login", admin.Name, testPassword)
		if codes != nil {
			b.do("second factor", chromedp.WaitVisible(chromedp.ID("f-code")), chromedp.SendKeys(chromedp.ID("f-code"), codes[i]))
			b.submit("second factor", `form[action="/login/second-factor"] button[type="submit"]`)
		}
		for _, p := range []string{"/admin", "/admin/users", "/admin/desks", "/admin/countries", "/admin/agreements", "/admin/audit"} {
			checkLayout(t, b, ts.URL(), p, 1366)
		}
		signOut()

		// A JIT-only member has no search box: the account still sits at
		// the right end of the bar.
		b.signIn(ts.URL()+"/login", "jit.kovacs", passwords["jit.kovacs"])
		for _, p := range []string{"/", "/jits", "/centres"} {
			checkLayout(t, b, ts.URL(), p, 1366)
		}
		if gap := evalInt("account", `Math.round(document.querySelector('header.top').getBoundingClientRect().right - document.querySelector('.who').getBoundingClientRect().right)`); gap > 40 {
			t.Errorf("%s: without the search box the account ends %d px before the bar's right end", lang, gap)
		}
		signOut()
	}
}
