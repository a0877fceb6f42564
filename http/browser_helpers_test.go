package http

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosscase/demo"
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
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(pageContext(t, timeout), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return &browserSession{t: t, ctx: bctx}
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

// demoBrowser loads the demo operations into a fresh SQLite store served
// by a test server, and returns the server and a headless Chromium signed
// in as the demo user name.
func demoBrowser(t *testing.T, name string, timeout time.Duration) (*testServer, *browserSession) {
	t.Helper()
	exe := pageChromium(t)
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	logins, err := demo.LoadOperations(systemContext(), ts.Services)
	if err != nil {
		t.Fatal(err)
	}
	var password string
	for _, l := range logins {
		if l.Name == name {
			password = l.Password
		}
	}
	b := newBrowserSession(t, exe, timeout)
	b.do("sign in as "+name,
		chromedp.Navigate(ts.URL()+"/login"),
		chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), name),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
	)
	b.submit("sign in as "+name, `form[action="/login"] button[type="submit"]`)
	return ts, b
}
