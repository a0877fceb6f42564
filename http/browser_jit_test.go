package http

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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

// TestBrowserJITEvidenceUpload drives headless Chromium as a JIT-only
// member: sign in, open the JIT from the dashboard, upload a file through
// the page's form, and see it listed with its SHA-256 and who still has
// to download it.
func TestBrowserJITEvidenceUpload(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	sys := systemContext()
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	ts.desk("HU", crosscase.DeskNational)
	kovacs := ts.user("jit.kovacs", crosscase.RoleJITMember, "HU")
	rossi := ts.user("jit.rossi", crosscase.RoleJITMember, "IT")
	auth := ts.prosecutions("IT", "HU")
	j := &crosscase.JIT{Name: "JIT Danube", SignedOn: pageDate(t, "2025-03-01"), DurationMonths: 48, Parties: jitParties(auth, "IT", "HU")}
	if err := db.CreateJIT(userContext(it), j); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*crosscase.JITMember{{UserID: kovacs.ID, CountryCode: "HU", AuthorityID: auth["HU"]}, {UserID: rossi.ID, CountryCode: "IT", AuthorityID: auth["IT"]}} {
		if err := db.AddJITMember(sys, j.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	content := []byte(strings.Repeat("Call records, line by line.\n", 5000))
	sum := sha256.Sum256(content)
	file := filepath.Join(t.TempDir(), "call-records.txt")
	if err := os.WriteFile(file, content, 0o600); err != nil {
		t.Fatal(err)
	}

	b := newBrowserSession(t, exe, 60*time.Second)
	do, submit, text := b.do, b.submit, b.text

	b.signIn(ts.URL()+"/", kovacs.Name, testPassword)
	if got := text("#my-jits"); !strings.Contains(got, "JIT Danube") {
		t.Fatalf("dashboard: %q", got)
	}
	submit("open the JIT", fmt.Sprintf(`#my-jits a[href="/jits/%d"]`, j.ID))
	if got := text("#jit-name"); got != "JIT Danube" {
		t.Fatalf("JIT page: %q", got)
	}
	do("fill in the upload form",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="recipient_ids"][value="%d"]`, rossi.ID))),
		chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{file}),
	)
	submit("upload", `#evidence-form button[type="submit"]`)
	if got := text(".flash"); !strings.Contains(got, "uploaded") {
		t.Fatalf("flash %q", got)
	}
	row := text("#jit-evidence tbody tr")
	if !strings.Contains(row, "call-records.txt") || !strings.Contains(row, "jit.rossi") || !strings.Contains(row, hex.EncodeToString(sum[:])[:16]) {
		t.Fatalf("evidence row %q", row)
	}
	list, err := db.FindEvidence(userContext(kovacs), j.ID)
	if err != nil || len(list) != 1 || list[0].SHA256 != hex.EncodeToString(sum[:]) || list[0].Size != int64(len(content)) {
		t.Fatalf("stored %+v %v", list, err)
	}
}

// TestBrowserJITSetUpMessageAndNotification drives headless Chromium: a
// desk member sets up a JIT through the page and posts a message; a desk
// member of the second party then finds the JIT's notification in the
// desk's inbox, follows it and reads the message.
func TestBrowserJITSetUpMessageAndNotification(t *testing.T) {
	exe := browsertest.Chromium(t)
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
	colleague := ts.user("de.analyst", crosscase.RoleAnalyst, "DE")
	auth := ts.prosecutions("IT", "DE")

	b := newBrowserSession(t, exe, 90*time.Second)
	bctx, do, submit, text := b.ctx, b.do, b.submit, b.text
	signIn := func(u *crosscase.User) {
		t.Helper()
		b.signIn(ts.URL()+"/", u.Name, testPassword)
	}

	signIn(it)
	today := time.Now().UTC().Format("2006-01-02")
	do("open the set-up form", chromedp.Navigate(ts.URL()+"/jits/new"), chromedp.WaitVisible(chromedp.ID("f-name")))
	do("fill in the set-up form",
		chromedp.SendKeys(chromedp.ID("f-name"), "JIT Rhine"),
		chromedp.SetValue(chromedp.ID("f-signed_on"), today),
		chromedp.SendKeys(chromedp.ID("f-duration_months"), "18"),
	)
	// Choose both parties' authorities in the multiple select.
	n, err := chromedp.Run(bctx, chromedp.Evaluate[int](fmt.Sprintf(`(() => { let n = 0; for (const o of document.querySelectorAll('#f-authority_ids option')) { o.selected = ["%d", "%d"].includes(o.value); n += o.selected ? 1 : 0; } return n; })()`, auth["IT"], auth["DE"])))
	if err != nil || n != 2 {
		t.Fatalf("choose the authorities: %d %v", n, err)
	}
	submit("set up the JIT", `form[action="/jits"] button[type="submit"]`)
	if got := text("#jit-name"); got != "JIT Rhine" {
		t.Fatalf("JIT page after set-up: %q", got)
	}
	jits, err := db.FindJITs(userContext(it))
	if err != nil || len(jits) != 1 || !jits[0].HasParty("DE") || jits[0].DurationMonths != 18 {
		t.Fatalf("stored JITs: %+v %v", jits, err)
	}
	j := jits[0]
	do("write a message", chromedp.SendKeys(chromedp.ID("f-body"), "Action day on the Rhine on 12 May: boats at 06:00."))
	submit("post the message", fmt.Sprintf(`form[action="/jits/%d/messages"] button[type="submit"]`, j.ID))
	if got := text("#jit-messages"); !strings.Contains(got, "boats at 06:00") {
		t.Fatalf("thread after posting: %q", got)
	}
	submit("sign out", `form[action="/logout"] button`)

	signIn(de)
	do("open the inbox", chromedp.Navigate(ts.URL()+"/notifications"), chromedp.WaitVisible(chromedp.ID("notifications")))
	if got := text("#notifications"); !strings.Contains(got, "JIT set up: JIT Rhine") {
		t.Fatalf("DE inbox: %q", got)
	}
	submit("follow the notification", fmt.Sprintf(`#notifications a[href="/jits/%d"]`, j.ID))
	if got := text("#jit-name"); got != "JIT Rhine" {
		t.Fatalf("JIT page from the inbox: %q", got)
	}
	if got := text("#jit-messages"); !strings.Contains(got, "Action day on the Rhine") || !strings.Contains(got, it.Name) {
		t.Fatalf("DE reads the thread: %q", got)
	}

	// Pickers by name, not numeric ids: DE answers the message chosen by
	// its opening words, and adds a colleague chosen by name.
	pick := func(selectID, label string) {
		t.Helper()
		ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.getElementById(%q); for (const o of s.options) { if (o.textContent.includes(%q)) { s.value = o.value; return true; } } return false; })()`, selectID, label)))
		if err != nil || !ok {
			t.Fatalf("no option %q in #%s: %v", label, selectID, err)
		}
	}
	if n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('input#f-user_id, input#f-parent_id, input#f-case_id').length`)); err != nil || n != 0 {
		t.Errorf("%d numeric id fields on the JIT page (%v)", n, err)
	}
	if got := text(`label[for="f-file"]`); got != "File (at most 2 GiB)" {
		t.Errorf("evidence limit reads %q", got)
	}
	do("write a reply", chromedp.SendKeys(chromedp.ID("f-body"), "Confirmed for the German side."))
	pick("f-parent_id", "Action day on the Rhine")
	submit("post the reply", fmt.Sprintf(`form[action="/jits/%d/messages"] button[type="submit"]`, j.ID))
	msgs, err := db.FindJITMessages(userContext(de), j.ID)
	if err != nil || len(msgs) != 2 || msgs[1].ParentID != msgs[0].ID {
		t.Fatalf("the reply is not threaded: %+v %v", msgs, err)
	}
	pick("f-user_id", colleague.DisplayName)
	submit("add the member", fmt.Sprintf(`form[action="/jits/%d/members"] button[type="submit"]`, j.ID))
	if got := text("#jit-members"); !strings.Contains(got, colleague.DisplayName) {
		t.Fatalf("members after adding %s: %q", colleague.Name, got)
	}
}
