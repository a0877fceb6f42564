package http

import (
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAccountPageBeforeOwnPassword: an administrator whose password
// someone else set is sent to the account page, which then offers only
// what opens before a password of their own — the password form — and
// says why there is no token form; once the password is changed, the
// token form is back.
func TestAccountPageBeforeOwnPassword(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		admin := ts.user("admin.new", crosscase.RoleAdministrator, "")
		other := ts.user("admin.old", crosscase.RoleAdministrator, "")
		if err := db.SetPassword(userContext(other), admin.ID, "given by another admin"); err != nil {
			t.Fatal(err)
		}
		b := &pageBrowser{t: t, ts: ts, c: ts.signIn(admin.Name, "given by another admin"), user: admin}
		res := b.get("/account?change_password=1").wantStatus(http.StatusOK)
		if res.first("#must-change") == nil {
			t.Fatal("the account page does not ask for a password")
		}
		if res.first("#tokens-after-password") == nil {
			t.Error("the account page does not say why no token can be made yet")
		}
		for _, f := range res.all("form") {
			action := pageAttr(f, "action")
			if action != "/account/password" && action != "/logout" {
				t.Errorf("the account page offers %s %s before a password of one's own", pageAttr(f, "method"), action)
			}
		}
		// The one form left works, and then the token form is back.
		b.postCSRF("/account/password", map[string][]string{"current_password": {"given by another admin"}, "new_password": {testPassword}, "confirm_password": {testPassword}}).wantStatus(http.StatusSeeOther)
		res = b.get("/account").wantStatus(http.StatusOK)
		if res.first(`form[action="/account/tokens"]`) == nil || res.first("#tokens-after-password") != nil {
			t.Error("no token form once the password is the administrator's own")
		}
	})
}
