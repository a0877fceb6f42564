package http

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// A user with two-step sign-in adds a passkey on the Account page and
// gives the second step of the next sign-in with it, in headless Chromium
// with a virtual authenticator: the real browser ceremony against the
// real server, the passkey's use recorded and audited.
func TestBrowserPasskey(t *testing.T) {
	exe := browsertest.Chromium(t)
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	u := ts.user("it.passkey", crosscase.RoleDeskMember, "IT")
	codes, _ := ts.enrolSecondFactor(u)
	// A passkey belongs to a site's name: browsers refuse IP addresses.
	site := "http://localhost:" + strconv.Itoa(ts.Port())

	b := newBrowserSession(t, exe, 60*time.Second)
	b.do("add a virtual authenticator", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Transport: webauthn.AuthenticatorTransportUsb,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true}})
		return chromedp.Void{}, err
	})

	b.signIn(site+"/login", u.Name, testPassword)
	if b.text("h1") != "Two-step sign-in" {
		t.Fatalf("after the password: %q", b.text("h1"))
	}
	if n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#passkey-use").length`)); err != nil || n != 0 {
		t.Fatalf("a passkey offered before there is one: %d %v", n, err)
	}
	b.do("give a recovery code", chromedp.SendKeys(chromedp.ID("f-code"), codes[0]))
	b.submit("give a recovery code", `form[action="/login/second-factor"] button[type="submit"]:not([name])`)

	b.do("add a passkey",
		chromedp.Navigate(site+"/account"),
		chromedp.WaitVisible(chromedp.ID("f-passkey-name")),
		chromedp.SendKeys(chromedp.ID("f-passkey-name"), "Office key"),
		// A current code too: an open session alone adds no way in.
		chromedp.SendKeys(chromedp.ID("f-passkey-code"), codes[1]),
		chromedp.Click(chromedp.ID("passkey-add-button")),
		chromedp.WaitVisible(chromedp.CSS("#passkeys tbody tr")),
	)
	if got := b.text("#passkeys tbody tr"); !strings.Contains(got, "Office key") {
		t.Fatalf("passkeys after adding: %q", got)
	}
	keys, err := ts.db.Passkeys(userContext(u), u.ID)
	if err != nil || len(keys) != 1 || keys[0].Name != "Office key" || !keys[0].LastUsedAt.IsZero() {
		t.Fatalf("stored passkeys: %+v %v", keys, err)
	}

	b.submit("sign out", `form[action="/logout"] button`)
	b.signIn(site+"/login", u.Name, testPassword)
	b.do("give the second step with the passkey",
		chromedp.WaitVisible(chromedp.ID("passkey-use")),
		chromedp.Click(chromedp.ID("passkey-use")),
		chromedp.WaitVisible(chromedp.ID("activity")),
	)
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil || loc != site+"/" {
		t.Fatalf("after the passkey: %q %v", loc, err)
	}
	keys, err = ts.db.Passkeys(userContext(u), u.ID)
	if err != nil || len(keys) != 1 || keys[0].LastUsedAt.IsZero() {
		t.Fatalf("passkey after its use: %+v %v", keys, err)
	}
	entries, _, err := ts.db.FindAuditEntries(systemContext(), crosscase.AuditFilter{UserID: u.ID, Action: string(crosscase.ActionLogin)})
	if err != nil {
		t.Fatal(err)
	}
	var viaPasskey bool
	for _, e := range entries {
		viaPasskey = viaPasskey || (e.UserID == u.ID && e.Detail == "passkey")
	}
	if !viaPasskey {
		t.Errorf("no sign-in with a passkey in the audit log: %+v", entries)
	}
}
