package http

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAccountPasswordThrottled: the current password asked on the
// Account page is the secret a sign-in guesses, and is throttled alike: a
// session alone gives the account's free failures, then 429 with
// Retry-After before the password is hashed (the right one too), and the
// account's sign-in waits as well; each failure is audited.
func TestAccountPasswordThrottled(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ts := newTestServer(t, db)
		u := ts.user("it.guessed", crosscase.RoleDeskMember, "IT")
		b := ts.pageSignIn(u)
		change := func(current string) *pageResult {
			return b.postCSRF("/account/password", url.Values{"current_password": {current}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}})
		}
		for i := range crosscase.SignInFreeFailuresAccount {
			if res := change("a guess " + string(rune('a'+i))); res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("guess %d: %d, want 422", i+1, res.Status)
			}
		}
		res := change(testPassword)
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after %d wrong current passwords, the right one: %d Retry-After %q, want 429", crosscase.SignInFreeFailuresAccount, res.Status, res.Header.Get("Retry-After"))
		}
		if status, _ := tryLogin(t, ts, "it.guessed", testPassword); status != http.StatusTooManyRequests {
			t.Fatalf("sign-in after the guesses: %d, want 429", status)
		}
		now = now.Add(time.Second)
		if res := change(testPassword); res.Status != http.StatusSeeOther {
			t.Fatalf("the right password after the wait: %d, want 303", res.Status)
		}
		admin := ts.user("root.guessed", crosscase.RoleAdministrator, "")
		entries, _, err := db.FindAuditEntries(userContext(admin), crosscase.AuditFilter{Action: crosscase.ActionFailed, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		counted := 0
		for _, e := range entries {
			if e.UserName == "it.guessed" && e.Detail == "current password" {
				counted++
			}
		}
		if counted != crosscase.SignInFreeFailuresAccount {
			t.Errorf("%d wrong current passwords audited, want %d", counted, crosscase.SignInFreeFailuresAccount)
		}
	})
}

// TestAccountSecondFactorCodeThrottled: turning two-step sign-in off asks
// for a current code, which is throttled as at sign-in: past the free
// failures, even a right code waits (429 with Retry-After) and the
// second factor stays on.
func TestAccountSecondFactorCodeThrottled(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ts := newTestServer(t, db)
		u := ts.user("it.twostep", crosscase.RoleDeskMember, "IT")
		codes, _ := ts.enrolSecondFactor(u)
		b := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
		b.get("/login/second-factor").wantStatus(http.StatusOK)
		b.postCSRF("/login/second-factor", url.Values{"code": {codes[0]}}).wantStatus(http.StatusSeeOther)
		b.get("/account").wantStatus(http.StatusOK)
		for i := range crosscase.SignInFreeFailuresAccount {
			if res := b.postCSRF("/account/second-factor/disable", url.Values{"code": {"00000" + string(rune('0'+i))}}); res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("wrong code %d: %d, want 422", i+1, res.Status)
			}
		}
		res := b.postCSRF("/account/second-factor/disable", url.Values{"code": {codes[1]}})
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("after %d wrong codes, a right one: %d Retry-After %q, want 429", crosscase.SignInFreeFailuresAccount, res.Status, res.Header.Get("Retry-After"))
		}
		on, err := db.SecondFactorEnabled(systemContext(), u.ID)
		if err != nil || !on {
			t.Fatalf("second factor after the throttled request: %v, %v", on, err)
		}
	})
}
