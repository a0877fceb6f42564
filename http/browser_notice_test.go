package http

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
	"crosscase/sqldb/sqldbtest"
)

// TestBrowserNoticeAcknowledged drives a real headless Chromium: the
// Italian desk sends a notice with an attachment to the Albanian liaison
// prosecutor, who acknowledges it; the Italian desk then sees who
// acknowledged it and when.
func TestBrowserNoticeAcknowledged(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	ts.namedDesk("IT", crosscase.DeskNational, "National Desk Italy")
	ts.namedDesk("AL", crosscase.DeskLiaison, "Liaison Prosecutor for Albania")
	ts.namedDesk("DE", crosscase.DeskNational, "National Desk Germany")
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	al := ts.user("al.liaison", crosscase.RoleLiaison, "AL")

	spec := filepath.Join(t.TempDir(), "device-specifications.txt")
	if err := os.WriteFile(spec, []byte("Small phone, few metal parts, passes security gates.\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newBrowserSession(t, exe, 90*time.Second)
	do, submit, text, screenshot := b.do, b.submit, b.text, b.screenshot
	signIn := func(u *crosscase.User, path string) {
		t.Helper()
		b.signIn(ts.URL()+path, u.Name, testPassword)
	}
	signOut := func() {
		t.Helper()
		submit("sign out", `form[action="/logout"] button[type="submit"]`)
	}

	// The Italian desk sends the notice to the Albanian liaison prosecutor.
	signIn(it, "/notices")
	submit("open the send form", `#send-notice`)
	do("fill in the notice",
		chromedp.SendKeys(chromedp.ID("f-subject"), "New undetectable phone used in prisons"),
		chromedp.SendKeys(chromedp.ID("f-body"), "Technical specifications of a device that passes prison security gates."),
		chromedp.Click(chromedp.ID("f-to-chosen")),
		chromedp.Click(chromedp.ID("f-desk-AL")),
		chromedp.SetUploadFiles(chromedp.ID("f-attachment"), []string{spec}),
	)
	screenshot("notice-01-form")
	submit("send the notice", `#notice-form button[type="submit"]`)
	if got := text(".flash"); got != "The notice has been sent." {
		t.Fatalf("flash %q", got)
	}
	notice, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if got := text("#recipient-AL .ack"); got != "not yet" {
		t.Fatalf("before: AL acknowledgement %q", got)
	}
	if got := text("#attachments a"); got != "device-specifications.txt" {
		t.Fatalf("attachment %q", got)
	}
	signOut()

	// The Albanian liaison prosecutor finds it in the inbox and acknowledges it.
	signIn(al, "/notices")
	if got := text("#notices tbody tr.notice-row .ack"); got != "to acknowledge" {
		t.Fatalf("inbox shows %q", got)
	}
	submit("open the notice", `#notices tbody tr.notice-row a`)
	screenshot("notice-02-received")
	submit("acknowledge", `#acknowledge`)
	if got := text("#acknowledged"); !strings.HasPrefix(got, "Acknowledged by "+al.DisplayName) {
		t.Fatalf("after acknowledging: %q", got)
	}
	signOut()

	// The sender sees who acknowledged it and when.
	signIn(it, strings.TrimPrefix(notice, ts.URL()))
	if got := text("#recipient-AL .ack-by"); got != al.DisplayName {
		t.Fatalf("acknowledged by %q, want %q", got, al.DisplayName)
	}
	if got := text("#recipient-AL .ack"); !strings.Contains(got, "UTC") {
		t.Fatalf("acknowledged at %q", got)
	}
	if got := text("#h-acks .count"); got != "(1 of 1)" {
		t.Fatalf("count %q", got)
	}
	screenshot("notice-03-acknowledged")
}
