package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// secondFactorFor sets up a new second factor for u when the server
// requires one of u and returns its recovery codes; nil otherwise.
func (ts *testServer) secondFactorFor(u *crosscase.User) []string {
	ts.t.Helper()
	if !crosscase.NeedsSecondFactor(u, ts.RequireSecondFactor) {
		return nil
	}
	codes, _ := ts.enrolSecondFactor(u)
	return codes
}

// enrolSecondFactor gives u a new second factor through the store and
// returns its recovery codes and secret.
func (ts *testServer) enrolSecondFactor(u *crosscase.User) ([]string, string) {
	ts.t.Helper()
	if on, err := ts.db.SecondFactorEnabled(systemContext(), u.ID); err != nil {
		ts.t.Fatal(err)
	} else if on {
		if err := ts.db.ResetSecondFactor(systemContext(), u.ID); err != nil {
			ts.t.Fatal(err)
		}
	}
	enr, err := ts.db.BeginSecondFactor(userContext(u))
	if err != nil {
		ts.t.Fatal(err)
	}
	code, err := totp.GenerateCode(enr.Secret, ts.db.Now())
	if err != nil {
		ts.t.Fatal(err)
	}
	codes, err := ts.db.ConfirmSecondFactor(userContext(u), code)
	if err != nil {
		ts.t.Fatal(err)
	}
	return codes, enr.Secret
}

// secondFactorClock runs db on a clock the test moves.
func secondFactorClock(t *testing.T, db *sqldb.DB) *time.Time {
	now := time.Now().Truncate(time.Minute)
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Now = time.Now })
	return &now
}

func wantRedirect(t *testing.T, r *pageResult, prefix string) {
	t.Helper()
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), prefix) {
		t.Fatalf("%s: %d → %q, want a redirect to %s…", r.req, r.Status, r.location(), prefix)
	}
}

// A session of a user with a second factor opens nothing until a right
// code is given; wrong codes are refused, counted and audited.
func TestPageSecondFactorSignIn(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := secondFactorClock(t, db)
		ts := newTestServer(t, db)
		u := ts.user("it.due", crosscase.RoleDeskMember, "IT")
		admin := ts.user("root.due", crosscase.RoleAdministrator, "")
		codes, secret := ts.enrolSecondFactor(u)
		*now = now.Add(time.Minute) // the confirming code's step is past

		b := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
		wantRedirect(t, b.get("/cases"), "/login/second-factor?next=%2Fcases")
		wantRedirect(t, b.get("/account"), "/login/second-factor")
		// The session's page token is no use either.
		form := b.get("/login/second-factor").wantStatus(http.StatusOK)
		if form.first(`input[name="code"]`) == nil {
			t.Fatal("no code field")
		}
		b.postCSRF("/cases", url.Values{"title": {"x"}}).wantStatus(http.StatusForbidden)
		b.postCSRF("/account/tokens", url.Values{"label": {"x"}}).wantStatus(http.StatusForbidden)
		b.postCSRF("/logout", nil).wantStatus(http.StatusForbidden)
		// The sign-in page does not count it as signed in.
		b.get("/login").wantStatus(http.StatusOK)

		right, err := totp.GenerateCode(secret, *now)
		if err != nil {
			t.Fatal(err)
		}
		wrong := fmt.Sprintf("%06d", (atoiT(t, right)+1)%1000000)
		r := b.postCSRF("/login/second-factor", url.Values{"code": {wrong}, "next": {"/cases"}}).wantStatus(http.StatusUnauthorized)
		if r.first("#second-factor-error") == nil {
			t.Fatal("no error shown for a wrong code")
		}
		// Without the session's form token: refused.
		b.post("/login/second-factor", url.Values{"code": {right}}).wantStatus(http.StatusForbidden)
		wantRedirect(t, b.get("/cases"), "/login/second-factor")

		wantRedirect(t, b.postCSRF("/login/second-factor", url.Values{"code": {right}, "next": {"/cases"}}), "/cases")
		b.get("/cases").wantStatus(http.StatusOK)

		// The failure is audited as a failed sign-in naming the account.
		entries, _, err := db.FindAuditEntries(userContext(admin), crosscase.AuditFilter{Action: crosscase.ActionFailed})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Detail != "second factor" || entries[0].UserName != u.Name {
			t.Fatalf("failed second factor audited as %+v", entries)
		}
		logins, _, _ := db.FindAuditEntries(userContext(admin), crosscase.AuditFilter{Action: crosscase.ActionLogin})
		if len(logins) != 2 || logins[0].Detail != "second factor" || logins[1].Detail != "second factor owed" {
			t.Fatalf("sign-ins audited as %+v", logins)
		}

		// The same code cannot sign in a second session.
		b2 := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
		b2.get("/login/second-factor").wantStatus(http.StatusOK)
		used := b2.postCSRF("/login/second-factor", url.Values{"code": {right}}).wantStatus(http.StatusUnauthorized)
		if !strings.Contains(used.Body, "has been used already") {
			t.Error("a code given twice is not refused as used already")
		}
		// A recovery code does, once.
		wantRedirect(t, b2.postCSRF("/login/second-factor", url.Values{"code": {strings.ToUpper(codes[0])}}), "/")
		b2.get("/cases").wantStatus(http.StatusOK)
		b3 := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
		b3.get("/login/second-factor").wantStatus(http.StatusOK)
		b3.postCSRF("/login/second-factor", url.Values{"code": {codes[0]}}).wantStatus(http.StatusUnauthorized)

		// Wrong codes count in the account's throttle: past the free
		// failures, 429 with Retry-After, even for a right code.
		for range crosscase.SignInFreeFailuresAccount {
			b3.postCSRF("/login/second-factor", url.Values{"code": {"000000x"}})
		}
		r = b3.postCSRF("/login/second-factor", url.Values{"code": {codes[1]}}).wantStatus(http.StatusTooManyRequests)
		if r.Header.Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
		// Cancelling ends the session.
		wantRedirect(t, b3.postCSRF("/login/second-factor", url.Values{"cancel": {"1"}}), "/login")
		wantRedirect(t, b3.get("/cases"), "/login?")
	})
}

func atoiT(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An administrator without a second factor is sent to set it up before
// any other page opens; set up on the Account page, it then works, and
// cannot be turned off. Another administrator can reset it.
func TestPageSecondFactorAdministrator(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := secondFactorClock(t, db)
		ts := newTestServer(t, db)
		admin := ts.user("root.tre", crosscase.RoleAdministrator, "")
		b := &pageBrowser{t: t, ts: ts, c: ts.signIn(admin.Name, testPassword), user: admin}
		wantRedirect(t, b.get("/admin/users"), "/account?second_factor=1")
		wantRedirect(t, b.get("/"), "/account")
		acct := b.get("/account").wantStatus(http.StatusOK)
		if acct.first("#second-factor-required") == nil {
			t.Fatal("the account page does not say why")
		}
		b.postCSRF("/admin/users", url.Values{"name": {"x.y"}}).wantStatus(http.StatusForbidden)
		b.postCSRF("/account/tokens", url.Values{"label": {"x"}}).wantStatus(http.StatusForbidden)

		setup := b.postCSRF("/account/second-factor", nil).wantStatus(http.StatusOK)
		secret := setup.text("#second-factor-secret")
		if secret == "" || !strings.HasPrefix(setup.text("#second-factor-uri"), "otpauth://totp/") {
			t.Fatalf("no key shown: %s", setup.summary())
		}
		code, _ := totp.GenerateCode(secret, *now)
		bad := fmt.Sprintf("%06d", (atoiT(t, code)+1)%1000000)
		again := b.postCSRF("/account/second-factor/confirm", url.Values{"code": {bad}}).wantStatus(http.StatusUnprocessableEntity)
		if again.text("#second-factor-secret") != secret {
			t.Fatal("a wrong code changed the key")
		}
		done := b.postCSRF("/account/second-factor/confirm", url.Values{"code": {code}}).wantStatus(http.StatusOK)
		if n := len(done.all("#recovery-codes li")); n != crosscase.RecoveryCodeCount {
			t.Fatalf("%d recovery codes shown", n)
		}
		// This session gave it: the pages open.
		b.get("/admin/users").wantStatus(http.StatusOK)
		// An administrator cannot turn it off.
		*now = now.Add(time.Minute)
		code, _ = totp.GenerateCode(secret, *now)
		b.postCSRF("/account/second-factor/disable", url.Values{"code": {code}}).wantStatus(http.StatusForbidden)

		// The next sign-in asks for a code.
		b2 := &pageBrowser{t: t, ts: ts, c: ts.signIn(admin.Name, testPassword), user: admin}
		wantRedirect(t, b2.get("/admin"), "/login/second-factor")

		// Another administrator resets it: the user sets it up again.
		other := ts.user("root.quattro", crosscase.RoleAdministrator, "")
		ob := ts.pageSignIn(other)
		wantRedirect(t, ob.postCSRF(fmt.Sprintf("/admin/users/%d/second-factor/reset", admin.ID), nil), fmt.Sprintf("/admin/users/%d", admin.ID))
		entries, _, err := db.FindAuditEntries(userContext(other), crosscase.AuditFilter{ObjectType: "user", Action: crosscase.ActionUpdate})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			found = found || (e.Detail == "second factor reset owner="+admin.Name && e.ObjectID == admin.ID && e.UserName == other.Name)
		}
		if !found {
			t.Fatal("the reset is not audited naming the user")
		}
		b3 := &pageBrowser{t: t, ts: ts, c: ts.signIn(admin.Name, testPassword), user: admin}
		wantRedirect(t, b3.get("/admin"), "/account?second_factor=1")
		// A desk member cannot reset anyone's.
		m := ts.user("it.quattro", crosscase.RoleDeskMember, "IT")
		ts.pageSignIn(m).postCSRF(fmt.Sprintf("/admin/users/%d/second-factor/reset", other.ID), nil).wantStatus(http.StatusForbidden)
	})
}

// With --require-second-factor every role must set one up; a user who
// is not required to may turn theirs off with a current code.
func TestPageSecondFactorRequiredForAll(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := secondFactorClock(t, db)
		ts := newTestServer(t, db, func(s *server.Server) { s.RequireSecondFactor = true })
		for _, role := range crosscase.Roles() {
			desk := "IT"
			switch role {
			case crosscase.RoleAdministrator, crosscase.RoleStatistics:
				desk = ""
			case crosscase.RoleContactPoint:
				desk = "BA" // a contact point's desk, not a national one
			}
			u := ts.user("u."+strings.ReplaceAll(string(role), "_", "-"), role, desk)
			b := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
			wantRedirect(t, b.get("/"), "/account?second_factor=1")
			b.get("/account").wantStatus(http.StatusOK)
			b.postCSRF("/account/second-factor", nil).wantStatus(http.StatusOK)
		}

		// Without the flag, a desk member may go without and turn it off.
		ts2 := newTestServer(t, db)
		u := ts2.user("it.cinque", crosscase.RoleDeskMember, "IT")
		b := ts2.pageSignIn(u)
		b.get("/cases").wantStatus(http.StatusOK)
		_, secret := ts2.enrolSecondFactor(u)
		*now = now.Add(time.Minute)
		b.postCSRF("/account/second-factor/disable", url.Values{"code": {"12345x"}}).wantStatus(http.StatusUnprocessableEntity)
		code, _ := totp.GenerateCode(secret, *now)
		wantRedirect(t, b.postCSRF("/account/second-factor/disable", url.Values{"code": {code}}), "/account")
		if on, _ := db.SecondFactorEnabled(t.Context(), u.ID); on {
			t.Fatal("still on")
		}
		entries, _, _ := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{ObjectType: "user", Action: crosscase.ActionUpdate})
		found := false
		for _, e := range entries {
			found = found || (e.Detail == "second factor off" && e.ObjectID == u.ID)
		}
		if !found {
			t.Fatal("turning it off is not audited")
		}
	})
}
