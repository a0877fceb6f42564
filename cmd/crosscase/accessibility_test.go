package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"crosscase/internal/browsertest"
)

// TestAccessibility holds every page to WCAG 2.2 AA as far as a script
// can (README, "Accessibility"). It starts `crosscase serve --demo`, signs
// in, in one headless Chromium with a tab of its own for each, as the
// roles that see pages of their own — the administrator (through the
// first sign-in's new password and two-step set-up, and the second step
// of a later sign-in), a desk member, a liaison prosecutor, a JIT-only
// member, an analyst, a statistics user, a contact point, and a desk
// member reading French — and walks every page reachable from the
// navigation and from the demo's objects, one page of each route (and of
// each query that makes another page, pageQuery); the liaison prosecutor
// and the analyst, who see the desk member's pages with fewer controls,
// only near their dashboard, and the French reader the pages one link
// from the navigation and the dashboard. The forms a case page
// holds are opened on their own pages, three forms are posted empty, a
// list is mapped for import, and a list is checked. Each page is checked
// in the browser by a11yChecks: names of form controls, text
// alternatives of images and drawings, one h1 and no skipped heading
// level, the main and navigation landmarks, names of links and buttons,
// unique ids, the page's language, table headers, no positive tabindex,
// the contrast of text, a link to the content first and a focus ring
// that shows. Every failure names the page and an element.
func TestAccessibility(t *testing.T) {
	exe := browsertest.Chromium(t)
	storeArgs := []string{"--data", t.TempDir()}
	base, served := serve(t, append([]string{"--demo"}, storeArgs...)...)
	logins := demoLogins(t, served.String())
	started := time.Now()
	browser := browsertest.Start(t, exe, 3*time.Minute)
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	run := &a11yRun{base: base, browser: browser, reported: map[string]bool{}, routes: map[string]bool{}}

	// Signed out: the sign-in page.
	out := run.tab(t, "nobody", "en")
	out.do("open the sign-in page", chromedp.Navigate(base+"/login"))
	out.check()

	// Each role in a tab of its own, side by side.
	t.Run("roles", func(t *testing.T) {
		t.Run("admin", func(t *testing.T) {
			t.Parallel()
			// The first sign-in: a new password, then two-step sign-in,
			// each page checked on the way, then the administration.
			m := regexp.MustCompile(`administrator "admin" with one-time password (\S+)`).FindStringSubmatch(served.String())
			if m == nil {
				t.Fatal("no one-time administrator password printed")
			}
			adm := run.tab(t, "admin", "en")
			adm.signIn(m[1])
			adm.do("the new password form", chromedp.WaitVisible(chromedp.ID("f-new_password")))
			adm.check()
			const pass = "a long enough administrator passphrase"
			adm.do("choose a password", chromedp.SendKeys(chromedp.ID("f-current_password"), m[1]),
				chromedp.SendKeys(chromedp.ID("f-new_password"), pass), chromedp.SendKeys(chromedp.ID("f-confirm_password"), pass))
			adm.submit("change the password", `form[action="/account/password"] button[type="submit"]`)
			adm.do("the two-step sign-in it asks for", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("second-factor-begin")))
			adm.check()
			adm.submit("set up two-step sign-in", "#second-factor-begin")
			adm.check()
			secret, err := chromedp.Run(adm.ctx, chromedp.Text(chromedp.ID("second-factor-secret")))
			if err != nil {
				t.Fatal(err)
			}
			code, err := totp.GenerateCode(strings.TrimSpace(secret), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			adm.do("the code from the app", chromedp.SendKeys(chromedp.ID("f-sf-code"), code))
			adm.submit("confirm the code", `form[action="/account/second-factor/confirm"] button[type="submit"]`)
			adm.check() // the recovery codes
			adm.walk(-1, "/", "/admin")
			// A later sign-in asks for the code.
			again := run.tab(t, "admin", "en")
			again.signIn(pass)
			again.do("the second step", chromedp.WaitVisible(chromedp.ID("main")))
			again.check()
		})
		// The liaison prosecutor and the analyst see the pages the desk
		// member sees, with fewer controls: those near their dashboard
		// are enough.
		for _, role := range []struct {
			who   string
			depth int
		}{{"it.rossi", -1}, {"al.hoxha", 2}, {"jit.kovacs", -1}, {"analyst.conti", 1}, {"stats.jansen", -1}, {"ba.hodzic", -1}} {
			who := role.who
			t.Run(who, func(t *testing.T) {
				t.Parallel()
				tab := run.tab(t, who, "en")
				tab.signIn(logins[who])
				tab.walk(role.depth, "/", "/account", "/no-such-page")
				switch who {
				case "it.rossi":
					// The forms that the case page holds, on pages of
					// their own; refused forms; the import's mapping.
					c := strings.TrimSuffix(tab.first["/cases/{id}/import"], "/import")
					if c == "" {
						t.Fatal("no case of the Italian desk to import into")
					}
					tab.walk(0, c+"/meetings/new", c+"/results/new")
					tab.refused("/cases/new", `form[action="/cases"]`)
					tab.refused(c+"/entities/new", "main form.stack")
					tab.refused("/notices/new", "#notice-form")
					tab.do("upload a list to import", chromedp.Navigate(base+c+"/import"), chromedp.WaitVisible(chromedp.ID("import-upload")),
						chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{example(t, "import-suspects.csv")}))
					tab.submit("upload", `#import-upload button[type="submit"]`)
					tab.do("the mapping", chromedp.WaitVisible(chromedp.ID("import-map")))
					tab.check()
				case "analyst.conti":
					// Check a list: the mapping and the hits.
					tab.do("upload a list to check", chromedp.Navigate(base+"/checks"), chromedp.WaitVisible(chromedp.ID("check-upload")),
						chromedp.SetValue(chromedp.ID("f-separator"), ";"), chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{example(t, "check-list.csv")}))
					tab.submit("upload", `#check-upload button[type="submit"]`)
					tab.do("the mapping", chromedp.WaitVisible(chromedp.ID("check-map")))
					tab.check()
					tab.do("map the columns", chromedp.SetValue(chromedp.ID("f-col0"), "id"), chromedp.SetValue(chromedp.ID("f-col1"), "full_name"),
						chromedp.SetValue(chromedp.ID("f-col2"), "birth_date"), chromedp.SetValue(chromedp.ID("f-col3"), "phone"))
					tab.submit("check", `#check-map button[value="html"]`)
					tab.do("the hits", chromedp.WaitVisible(chromedp.ID("check-summary")))
					tab.check()
				}
			})
		}
		t.Run("fr.lefevre", func(t *testing.T) {
			t.Parallel()
			// A French reader: the pages the French desk's navigation
			// and dashboard lead to, in French; the pages are the same
			// in every language.
			fr := run.tab(t, "fr.lefevre", "fr")
			fr.signIn(logins["fr.lefevre"])
			fr.do("choose French", chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.ID("f-language")), chromedp.SetValue(chromedp.ID("f-language"), "fr"))
			fr.submit("save the language", `form[action="/account/language"] button[type="submit"]`)
			fr.walk(1, "/", "/account", "/no-such-page")
		})
	})

	var routes []string
	for r := range run.routes {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	t.Logf("%d pages of %d routes checked in %s: %s", run.pages, len(routes), time.Since(started).Round(time.Second), strings.Join(routes, " "))
}

// a11yRun is one run of TestAccessibility: the server, the browser, and
// what its tabs have checked so far.
type a11yRun struct {
	base    string
	browser context.Context

	mu       sync.Mutex
	reported map[string]bool // rule, route and element of each failure reported
	routes   map[string]bool // routes checked
	pages    int
}

// a11yTab is a tab of the browser with cookies of its own, signed in as
// who, whose pages must be in the language lang.
type a11yTab struct {
	t     *testing.T
	run   *a11yRun
	ctx   context.Context
	who   string
	lang  string
	first map[string]string // route → the first path of it this tab checked
}

func (r *a11yRun) tab(t *testing.T, who, lang string) *a11yTab {
	ctx, cancel := chromedp.NewContext(r.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return &a11yTab{t: t, run: r, ctx: ctx, who: who, lang: lang, first: map[string]string{}}
}

func (b *a11yTab) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s as %s: %v", step, b.who, err)
	}
}

// submit clicks the button at sel and waits for the page it leads to.
func (b *a11yTab) submit(step, sel string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("%s as %s: %v", step, b.who, err)
	}
}

func (b *a11yTab) signIn(password string) {
	b.t.Helper()
	b.do("sign in", chromedp.Navigate(b.run.base+"/login"), chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), b.who), chromedp.SendKeys(chromedp.ID("f-password"), password))
	b.submit("sign in", `form[action="/login"] button[type="submit"]`)
}

// check runs a11yChecks on the page the tab shows and returns its path
// and the paths it links to on the server.
func (b *a11yTab) check() (string, []string) {
	b.t.Helper()
	// Tab pressed first, as a keyboard user does: the browser then shows
	// where the focus is. On a page that puts the focus in a field or at
	// a fragment, it goes on from there; a field marked autofocus counts
	// as focused before the browser has got round to focusing it.
	page, err := chromedp.Run(b.ctx, chromedp.Evaluate[a11yPage](`({path: location.pathname + location.search,
		fresh: document.activeElement === document.body && !location.hash && !document.querySelector("[autofocus]"),
		links: [...document.querySelectorAll("a[href]")].filter(a => !a.hasAttribute("download") && a.origin === location.origin).map(a => a.pathname + a.search)})`))
	var failures []a11yFailure
	if err == nil {
		err = chromedp.Do(b.ctx, chromedp.KeyEvent("\t"))
	}
	if err == nil {
		failures, err = chromedp.Run(b.ctx, chromedp.Evaluate[[]a11yFailure](fmt.Sprintf("(%s)(%q, %t)", a11yChecks, b.lang, page.Fresh)))
	}
	if err != nil {
		b.t.Fatalf("checks as %s: %v", b.who, err)
	}
	route := routeOf(page.Path)
	if _, ok := b.first[route]; !ok {
		b.first[route] = page.Path
	}
	r := b.run
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pages++
	r.routes[route] = true
	for _, f := range failures {
		path, _, _ := strings.Cut(route, "?")
		key := f.Rule + " " + path + " " + f.Selector
		if !r.reported[key] {
			r.reported[key] = true
			b.t.Errorf("%s (as %s): %s: %s %s", page.Path, b.who, f.Rule, f.Selector, f.Detail)
		}
	}
	return page.Path, page.Links
}

// walk checks every page reachable from start in at most depth links
// (-1: any number), one of each route; the downloads, the event stream
// and the drawing as a file are no pages.
func (b *a11yTab) walk(depth int, start ...string) {
	b.t.Helper()
	type step struct {
		path  string
		depth int
	}
	var queue []step
	for _, p := range start {
		queue = append(queue, step{p, 0})
	}
	routes := map[string]bool{}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if routes[routeOf(s.path)] || skipPage(s.path) {
			continue
		}
		routes[routeOf(s.path)] = true
		b.do("open "+s.path, chromedp.Navigate(b.run.base+s.path))
		at, links := b.check()
		if strings.HasPrefix(at, "/login") {
			b.t.Fatalf("%s as %s led to %s", s.path, b.who, at)
		}
		if depth < 0 || s.depth < depth {
			for _, l := range links {
				queue = append(queue, step{l, s.depth + 1})
			}
		}
	}
}

// refused posts the form at sel of the page at path with its fields
// empty, past the browser's own checks, and checks the page that names
// the fields at fault.
func (b *a11yTab) refused(path, sel string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.run.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const f = document.querySelector(%q); f.noValidate = true; f.requestSubmit(); })()`, sel))); err != nil {
		b.t.Fatalf("post %s empty: %v", sel, err)
	}
	if n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('[aria-invalid="true"]').length`)); err != nil || n == 0 {
		b.t.Fatalf("%s posted empty: %d fields refused (%v)", path, n, err)
	}
	b.check()
}

// example is the path of the example list docs/examples/name.
func example(t *testing.T, name string) string {
	path, err := filepath.Abs(filepath.Join("..", "..", "docs", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAccessibilityChecksFind runs the checks of TestAccessibility on a
// page with one fault of each kind, and fails unless each is found.
func TestAccessibilityChecksFind(t *testing.T) {
	ctx := browsertest.Start(t, browsertest.Chromium(t), time.Minute)
	page := `<!doctype html><html lang="de"><head><style>a:focus-visible { outline: none } .grey { color: #999 } button:focus-visible { outline: 2px solid #f2a900 }</style></head>
<body><div><a href="#x">menu</a></div><header class="top"><a class="who-name" href="/account">me</a></header><main id="m"><h1>A</h1><h3>skipped</h3><h1>second</h1>
<p class="grey">grey</p><a href="/a">link</a><a href="/b"></a><button>ok</button><button></button>
<input id="dup"><input id="dup" aria-labelledby="nowhere"><input aria-invalid="true" aria-label="date"><label for="none">l</label>
<svg><circle r="3"/></svg><svg role="img"><circle r="3"/></svg><svg role="img" aria-label="chart"><a href="/n"><text>n</text></a></svg><img src="/x.png">
<table><tr><th>h</th><th></th></tr><tr><td>1</td><td>2</td></tr></table><table><tr><td>1</td></tr></table>
<span tabindex="2">t</span></main></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape(page)), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	failures, err := chromedp.Run(ctx, chromedp.Evaluate[[]a11yFailure](fmt.Sprintf("(%s)(%q, %t)", a11yChecks, "en", true)))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for _, f := range failures {
		found[f.Rule]++
	}
	for _, rule := range []string{
		"html lang is not the page's language", "navigation landmark", "one h1 per page", "heading level skipped",
		"form control without an accessible name", "label for a missing id", "aria-labelledby names a missing id",
		"refused field without its error in aria-describedby", "img without alt", "svg that is neither role=img nor aria-hidden",
		"svg without a text alternative", "focusable element inside role=img", "link or button without discernible text",
		"duplicate id", "th without scope", "table header without text", "data table without th", "positive tabindex",
		"text contrast below 4.5:1", "the first tab does not reach a link to the main content", "focus not visible",
		"focus outline contrast below 3:1",
	} {
		if found[rule] == 0 {
			t.Errorf("not found: %s", rule)
		}
	}
	if t.Failed() {
		t.Logf("found: %+v", failures)
	}
}

// a11yPage is what a test reads of a page before it checks it: its path
// and query, whether nothing has the focus, and its links on the server.
type a11yPage struct {
	Path  string   `json:"path"`
	Fresh bool     `json:"fresh"`
	Links []string `json:"links"`
}

// a11yFailure is one element of a page that fails a check.
type a11yFailure struct {
	Rule     string `json:"rule"`
	Selector string `json:"selector"`
	Detail   string `json:"detail"`
}

var pageID = regexp.MustCompile(`/\d+(/|$)`)

// pageQuery are the query keys that make another page of a route, not
// the same page filtered, sorted or paged.
var pageQuery = map[string]bool{"view": true, "box": true, "kind": true, "verify": true, "change_password": true, "second_factor": true}

// routeOf is the route of a path or URL with the keys of its query that
// make another page (pageQuery): the ids in it are {id}.
func routeOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	path := u.Path
	for pageID.MatchString(path) {
		path = pageID.ReplaceAllString(path, "/{id}$1")
	}
	var keys []string
	for k := range u.Query() {
		if pageQuery[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		path += "?" + strings.Join(keys, "&")
	}
	return path
}

// skipPage is whether path is no page: a file to download, the event
// stream, the calendar feed or the link chart's drawing as a file.
func skipPage(path string) bool {
	u, err := url.Parse(path)
	if err != nil {
		return true
	}
	p := u.Path
	for _, s := range []string{"/static/", "/calendar/", "/logout"} {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	for _, s := range []string{".csv", "/download", "/events", "/chart/svg", ".ics", ".json"} {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return strings.Contains(p, "/attachments/")
}

// a11yChecks is a function run in the page with the language the page
// must be in and whether the tab just pressed was the first focus of the
// page; it returns the failures.
const a11yChecks = `(want, fresh) => {
const failures = [];
const fail = (rule, el, detail) => failures.push({rule, selector: sel(el), detail: detail || ""});
` + a11yScript + `
return failures;
}`

const a11yScript = `
function sel(el) {
  if (!el || el.nodeType !== 1) return "";
  const parts = [];
  while (el && el.nodeType === 1 && el !== document.documentElement) {
    if (el.id) { parts.unshift(el.localName + "#" + CSS.escape(el.id)); break; }
    let s = el.localName;
    if (el.classList.length) s += "." + [...el.classList].map(c => CSS.escape(c)).join(".");
    const parent = el.parentElement;
    if (parent) {
      const same = [...parent.children].filter(c => c.localName === el.localName);
      if (same.length > 1) s += ":nth-of-type(" + (same.indexOf(el) + 1) + ")";
    }
    parts.unshift(s);
    el = parent;
  }
  return parts.join(" > ");
}
function shown(el) {
  // not hidden by itself or an ancestor (a closed details among them),
  // and larger than the one pixel of text for screen readers only
  if (!el.checkVisibility({visibilityProperty: true})) return false;
  const r = el.getBoundingClientRect();
  return r.width > 1 || r.height > 1;
}
function hiddenFromAT(el) {
  return !!el.closest('[aria-hidden="true"], [hidden], template');
}
function textOf(node) {
  // the name a node's content gives, as a screen reader reads it
  if (node.nodeType === 3) return node.textContent;
  if (node.nodeType !== 1) return "";
  if (node.getAttribute("aria-hidden") === "true" || node.hidden) return "";
  if (node.getAttribute("aria-label")) return node.getAttribute("aria-label");
  if (node.localName === "img") return node.getAttribute("alt") || "";
  if (node.localName === "svg") {
    const t = node.querySelector(":scope > title");
    return t ? t.textContent : "";
  }
  return [...node.childNodes].map(textOf).join(" ");
}
function labelledBy(el) {
  const ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
  return ids.map(id => { const r = document.getElementById(id); return r ? textOf(r) : ""; }).join(" ").trim();
}
function nameOf(el) {
  const lb = labelledBy(el);
  if (lb) return lb;
  const al = (el.getAttribute("aria-label") || "").trim();
  if (al) return al;
  if (el.matches("input, select, textarea")) {
    const labels = el.labels ? [...el.labels].map(textOf).join(" ").trim() : "";
    if (labels) return labels;
    if (el.matches('input[type="submit"], input[type="button"], input[type="reset"]')) return (el.value || "").trim();
    if (el.matches('input[type="image"]')) return (el.alt || "").trim();
  } else {
    const t = textOf(el).replace(/\s+/g, " ").trim();
    if (t) return t;
  }
  return (el.getAttribute("title") || "").trim();
}

// The page's language.
const lang = document.documentElement.getAttribute("lang") || "";
if (lang !== want) fail("html lang is not the page's language", document.documentElement, JSON.stringify(lang) + ", want " + JSON.stringify(want));

// Landmarks.
if (document.querySelectorAll("main, [role=main]").length !== 1) fail("one main landmark", document.body, document.querySelectorAll("main").length + " main");
if (document.querySelector("header.top .who-name") && !document.querySelector("nav, [role=navigation]")) fail("navigation landmark", document.body, "no nav");

// Headings: one h1, no level skipped.
const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => !hiddenFromAT(h));
const h1s = headings.filter(h => h.localName === "h1");
if (h1s.length !== 1) fail("one h1 per page", h1s[1] || document.body, h1s.length + " h1");
let level = 0;
for (const h of headings) {
  const l = +h.localName[1];
  if (l > level + 1) fail("heading level skipped", h, "h" + l + " after " + (level ? "h" + level : "no heading") + ": " + JSON.stringify(h.textContent.trim().slice(0, 60)));
  level = l;
}

// Form controls have a name.
for (const c of document.querySelectorAll("input, select, textarea")) {
  if (c.type === "hidden") continue;
  if (!nameOf(c)) fail("form control without an accessible name", c, c.localName + (c.name ? "[name=" + c.name + "]" : ""));
}
// A field refused says why, to a screen reader too.
for (const c of document.querySelectorAll('[aria-invalid="true"]')) {
  const said = (c.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean).map(id => document.getElementById(id)).filter(Boolean).map(textOf).join(" ").trim();
  if (!said) fail("refused field without its error in aria-describedby", c, c.name || "");
}
// Labels and references point at an element.
for (const l of document.querySelectorAll("label[for]")) {
  if (!document.getElementById(l.htmlFor)) fail("label for a missing id", l, l.htmlFor);
}
for (const el of document.querySelectorAll("[aria-labelledby], [aria-describedby], [aria-controls]")) {
  for (const a of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
    for (const id of (el.getAttribute(a) || "").split(/\s+/).filter(Boolean)) {
      if (!document.getElementById(id)) fail(a + " names a missing id", el, id);
    }
  }
}

// Images and drawings.
for (const img of document.querySelectorAll("img")) {
  if (!img.hasAttribute("alt") && img.getAttribute("role") !== "presentation" && !hiddenFromAT(img)) fail("img without alt", img, img.getAttribute("src"));
}
for (const svg of document.querySelectorAll("svg")) {
  if (svg.parentElement.closest("svg") || hiddenFromAT(svg)) continue;
  const role = svg.getAttribute("role");
  if (role === "presentation" || role === "none") continue;
  const named = svg.getAttribute("aria-label") || labelledBy(svg) || svg.querySelector(":scope > title");
  if (role !== "img" && role !== "group" && role !== "graphics-document") fail("svg that is neither role=img nor aria-hidden", svg, "role=" + role);
  else if (!named) fail("svg without a text alternative", svg, "");
}
// What role=img holds is hidden from screen readers: nothing in it may
// take the focus.
for (const img of document.querySelectorAll("[role=img]")) {
  const inside = img.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  if (inside.length) fail("focusable element inside role=img", inside[0], inside.length + " of them");
}

// Links and buttons say what they do.
for (const el of document.querySelectorAll("a[href], button, [role=button], [role=link], summary")) {
  if (hiddenFromAT(el)) continue;
  if (!nameOf(el)) fail("link or button without discernible text", el, el.localName + (el.getAttribute("href") ? " " + el.getAttribute("href") : ""));
}

// Ids are unique.
const ids = {};
for (const el of document.querySelectorAll("[id]")) {
  if (ids[el.id]) fail("duplicate id", el, el.id);
  ids[el.id] = true;
}

// Data tables have headers with a scope, or cells that name theirs.
for (const table of document.querySelectorAll("table")) {
  if (table.getAttribute("role") === "presentation" || table.getAttribute("role") === "none") continue;
  const ths = [...table.querySelectorAll("th")];
  const tds = [...table.querySelectorAll("td")];
  if (!tds.length) continue;
  if (!ths.length) { fail("data table without th", table, ""); continue; }
  const cellsNameHeaders = tds.every(td => td.hasAttribute("headers"));
  for (const th of ths) {
    if (!th.hasAttribute("scope") && !cellsNameHeaders) { fail("th without scope", th, JSON.stringify(th.textContent.trim().slice(0, 40))); break; }
  }
  for (const th of ths) {
    if (!nameOf(th)) { fail("table header without text", th, ""); break; }
  }
}

// No positive tabindex.
for (const el of document.querySelectorAll("[tabindex]")) {
  if (+el.getAttribute("tabindex") > 0) fail("positive tabindex", el, el.getAttribute("tabindex"));
}

// Contrast of text: every element with text of its own, shown.
function rgba(s) {
  const m = s.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(parseFloat);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  return [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
}
function background(el) {
  // the colours behind el, from el up to the page, composited; null
  // when an image lies behind it
  if (behind.has(el)) return behind.get(el);
  const bg = composite(el);
  behind.set(el, bg);
  return bg;
}
function composite(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const s = style(e);
    if (s.backgroundImage && s.backgroundImage !== "none") return null;
    const c = rgba(s.backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let bg = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
  return bg;
}
function luminance(c) {
  const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function ratio(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
const styles = new Map(), behind = new Map(), opacities = new Map();
const style = e => { let s = styles.get(e); if (!s) { s = getComputedStyle(e); styles.set(e, s); } return s; };
const opacityOf = e => {
  if (!e) return 1;
  if (!opacities.has(e)) opacities.set(e, parseFloat(style(e).opacity) * opacityOf(e.parentElement));
  return opacities.get(e);
};
const measured = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.textContent.trim()) continue;
  const el = n.parentElement;
  if (!el || measured.has(el) || el.closest("script, style, template, noscript, title, desc")) continue;
  measured.add(el);
  if (!shown(el) || el.closest(":disabled, [aria-disabled=true]")) continue;
  const s = getComputedStyle(el);
  const drawn = el.closest("svg");
  let fg = rgba(drawn ? s.fill : s.color); // a drawing's text is filled
  const bg = background(drawn ? drawn.parentElement : el);
  if (!fg || !bg) continue;
  fg = [fg[0], fg[1], fg[2], fg[3] * opacityOf(el)];
  const seen = over(fg, bg);
  const size = parseFloat(s.fontSize), bold = +s.fontWeight >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  const need = large ? 3 : 4.5;
  const r = ratio(seen, bg);
  if (r < need - 0.005) fail("text contrast below " + need + ":1", el, r.toFixed(2) + ":1, " + (drawn ? s.fill : s.color) + " on " + "rgb(" + bg.slice(0, 3).map(Math.round).join(",") + ") " + JSON.stringify(n.textContent.trim().slice(0, 30)));
}

// The first key press reaches a link past the header to the content.
const active = document.activeElement;
const skip = active && active.localName === "a" && (active.getAttribute("href") || "").startsWith("#") && document.getElementById(active.getAttribute("href").slice(1));
if (fresh && (!skip || !skip.matches("main, [role=main]"))) fail("the first tab does not reach a link to the main content", active || document.body, active ? active.outerHTML.slice(0, 60) : "");

// Focus is visible: the first shown link, button and field of the page.
for (const q of ["main a[href]", "header a[href]", "nav a[href]", "main button", "main input:not([type=hidden]), main select, main textarea"]) {
  const el = [...document.querySelectorAll(q)].find(e => shown(e) && !e.disabled);
  if (!el) continue;
  el.focus();
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  if (!outline && !shadow) fail("focus not visible", el, "outline " + s.outlineStyle + " " + s.outlineWidth + ", box-shadow " + s.boxShadow);
  else if (outline && !shadow) {
    // the outline against what lies around the element: 3:1 (WCAG 1.4.11)
    const c = rgba(s.outlineColor), bg = background(el.parentElement);
    if (c && bg) {
      const r = ratio(over(c, bg), bg);
      if (r < 3) fail("focus outline contrast below 3:1", el, r.toFixed(2) + ":1, " + s.outlineColor + " on rgb(" + bg.slice(0, 3).map(Math.round).join(",") + ")");
    }
  }
  el.blur();
}
if (active && active.focus) active.focus();
`
