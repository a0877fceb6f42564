package http

import (
	"net/http"
	"net/url"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestOwnPasswordEndsOtherSessions: choosing one's own password ends every
// other session of the account. An administrator who reset a password,
// signed in with the one-time password before handing it over and kept
// that session open would otherwise hold the user's account once the
// user had chosen their own; a session opened elsewhere before a change
// ends too. The session the change is made in goes on.
func TestOwnPasswordEndsOtherSessions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := ts.user("it.reset", crosscase.RoleDeskMember, "IT")
		admin := ts.user("root.reset", crosscase.RoleAdministrator, "")

		once, err := db.ResetPassword(userContext(admin), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The administrator's own use of the one-time password: a session
		// that can only change it, kept open.
		held := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, once), user: u}
		held.get("/account").wantStatus(http.StatusOK)

		// The user signs in with it and chooses their own.
		own := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, once), user: u}
		own.get("/account").wantStatus(http.StatusOK)
		own.postCSRF("/account/password", url.Values{"current_password": {once}, "new_password": {"my own new password"}, "confirm_password": {"my own new password"}}).wantStatus(http.StatusSeeOther)
		own.get("/cases").wantStatus(http.StatusOK)

		if res := held.get("/cases"); res.Status != http.StatusSeeOther || res.location() != "/login?next=%2Fcases" {
			t.Fatalf("the session opened with the one-time password, after the user chose their own: %d → %q, want the sign-in page", res.Status, res.location())
		}

		// Changing it again in a session of one's own ends the others too.
		second := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, "my own new password"), user: u}
		second.get("/").wantStatus(http.StatusOK)
		own.postCSRF("/account/password", url.Values{"current_password": {"my own new password"}, "new_password": {"another password of mine"}, "confirm_password": {"another password of mine"}}).wantStatus(http.StatusSeeOther)
		second.get("/").wantStatus(http.StatusSeeOther)
		own.get("/").wantStatus(http.StatusOK)
	})
}
