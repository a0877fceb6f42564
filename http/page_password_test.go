package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// A user whose password someone else chose may only change it, then
// works normally; the old password no longer signs in.
func TestPageOneTimePassword(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		admin := ts.user("admin.otp", crosscase.RoleAdministrator, "")
		ts.desk("IT", crosscase.DeskNational)
		b := ts.pageSignIn(admin)
		page := b.get("/admin/users").wantStatus(http.StatusOK)
		form := page.form(`form[action="/admin/users"]`)
		form.set("name", "it.nuovo").set("display_name", "Nuovo").set("password", "given by the admin").choose("role", "desk_member")
		desk := ""
		for _, d := range page.all(`select[name="desk_id"] option`) {
			if strings.Contains(pageText(d), "IT") || strings.Contains(pageText(d), "Ital") {
				desk = pageAttr(d, "value")
			}
		}
		form.choose("desk_id", desk)
		if res := b.submit(form); res.Status >= 400 {
			t.Fatalf("create user: %d %s", res.Status, res.summary())
		}

		c := ts.signIn("it.nuovo", "given by the admin")
		nb := &pageBrowser{t: t, ts: ts, c: c}
		res := nb.get("/cases")
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/account") {
			t.Fatalf("GET /cases with a one-time password: %d → %q", res.Status, res.location())
		}
		acct := nb.get("/account?change_password=1").wantStatus(http.StatusOK)
		if acct.first("#must-change") == nil {
			t.Fatal("the account page does not say why")
		}
		nb.postCSRF("/cases", url.Values{"title": {"x"}}).wantStatus(http.StatusForbidden)
		// Keeping the given password is refused.
		nb.postCSRF("/account/password", url.Values{"current_password": {"given by the admin"}, "new_password": {"given by the admin"}, "confirm_password": {"given by the admin"}}).wantStatus(http.StatusUnprocessableEntity)
		res = nb.postCSRF("/account/password", url.Values{"current_password": {"given by the admin"}, "new_password": {"my very own password"}, "confirm_password": {"my very own password"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("change password: %d %s", res.Status, res.summary())
		}
		nb.get("/cases").wantStatus(http.StatusOK)
		if _, err := db.Authenticate(t.Context(), "it.nuovo", "given by the admin"); crosscase.ErrorCode(err) != crosscase.EUNAUTHORIZED {
			t.Fatalf("the one-time password still signs in: %v", err)
		}
	})
}
