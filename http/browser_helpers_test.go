package http

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"

	"github.com/chromedp/chromedp"
)

// browserSession is one headless Chromium driven by a test, with the
// steps every browser test uses; it closes when the test ends.
type browserSession struct {
	t   *testing.T
	ctx context.Context
}

// newBrowserSession starts Chromium at exe for at most timeout.
func newBrowserSession(t *testing.T, exe string, timeout time.Duration) *browserSession {
	t.Helper()
	return &browserSession{t: t, ctx: browsertest.Start(t, exe, timeout)}
}

// do runs actions as the named step, failing the test if one fails.
func (b *browserSession) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// submit clicks the submit button at sel and waits for the page it leads
// to, which must answer 200.
func (b *browserSession) submit(step, sel string) {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	if res.Status != 200 {
		b.t.Fatalf("%s: status %d", step, res.Status)
	}
}

// text returns the trimmed text of the first element at sel.
func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// signIn opens url signed out, which shows the sign-in form, and signs in
// as name with password; the page it then leads to must answer 200.
func (b *browserSession) signIn(url, name, password string) {
	b.t.Helper()
	b.do("open "+url+" signed out as "+name,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), name),
		chromedp.SendKeys(chromedp.ID("f-password"), password))
	b.submit("sign in as "+name, `form[action="/login"] button[type="submit"]`)
}

// screenshot saves a full-page screenshot of the page as
// testdata/artifacts/name.png, and returns it.
func (b *browserSession) screenshot(name string) []byte {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	artifacts := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, name+".png"), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return buf
}

// demoItalyAlbania returns the demo's Italian desk member, it.rossi, and
// the first of his cases with Albania.
func demoItalyAlbania(t *testing.T, ts *testServer) (*crosscase.User, *crosscase.Case) {
	t.Helper()
	rossi, err := ts.db.FindUserByName(systemContext(), "it.rossi")
	if err != nil {
		t.Fatal(err)
	}
	cases, _, err := ts.db.FindCases(userContext(rossi), crosscase.CaseFilter{Country: "AL", Limit: 1})
	if err != nil || len(cases) == 0 {
		t.Fatalf("the Italy–Albania case: %v", err)
	}
	return rossi, cases[0]
}

// demoBrowser loads the demo operations and their hits into a fresh
// SQLite store served by a test server, and returns the server and a headless Chromium signed
// in as the demo user name.
func demoBrowser(t *testing.T, name string, timeout time.Duration) (*testServer, *browserSession) {
	t.Helper()
	exe := browsertest.Chromium(t)
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	var password string
	for _, l := range ts.loadDemo() {
		if l.Name == name {
			password = l.Password
		}
	}
	b := newBrowserSession(t, exe, timeout)
	b.signIn(ts.URL()+"/login", name, password)
	return ts, b
}
