package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPasswordReset: an administrator resets a user's password through
// the API and the page; the one-time password opens nothing but the
// password change; the user's token reaches only /me until then; the
// administrator who reset the password is not offered the two-step
// sign-in reset of the same user, and is refused it.
func TestPasswordReset(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		admin := ts.apiUser("root.reset", crosscase.RoleAdministrator, "")
		member := ts.apiUser("it.forgetful", crosscase.RoleDeskMember, "IT")
		path := fmt.Sprintf("/api/v1/users/%d/password-reset", member.User.ID)

		member.post(path, nil).wantProblem(t, http.StatusForbidden, "")
		admin.post(fmt.Sprintf("/api/v1/users/%d/password-reset", admin.User.ID), nil).wantProblem(t, http.StatusUnprocessableEntity, "id")
		admin.post("/api/v1/users/987654/password-reset", nil).wantProblem(t, http.StatusNotFound, "")
		var got struct {
			UserID          int64  `json:"user_id"`
			OneTimePassword string `json:"one_time_password"`
		}
		res := admin.post(path, nil)
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on a credential", cc)
		}
		res.decode(t, http.StatusOK, &got)
		if got.UserID != member.User.ID || len(got.OneTimePassword) < crosscase.MinPasswordLength {
			t.Fatalf("reset answer %+v", got)
		}
		// Until the user chooses their own, their token reaches only /me.
		member.get("/api/v1/cases").wantProblem(t, http.StatusForbidden, "")
		member.get("/api/v1/me").decode(t, http.StatusOK, &struct{}{})
		// The one-time password signs in to the password change only.
		b := &pageBrowser{t: t, ts: ts, c: ts.signIn(member.User.Name, got.OneTimePassword), user: member.User}
		wantRedirect(t, b.get("/cases"), "/account?change_password=1")
		// The same administrator may not also reset the two-step sign-in.
		admin.post(fmt.Sprintf("/api/v1/users/%d/password-reset", member.User.ID), nil).decode(t, http.StatusOK, &got)
		ab := ts.pageSignIn(admin.User)
		page := ab.get(fmt.Sprintf("/admin/users/%d", member.User.ID)).wantStatus(http.StatusOK)
		if page.first("#second-factor-reset button") != nil || page.first("#second-factor-reset-refused") == nil {
			t.Error("the user page offers the two-step sign-in reset to the administrator who reset the password")
		}
		if page.first("#password-reset button") == nil {
			t.Error("the user page does not offer the password reset")
		}
		ab.postCSRF(fmt.Sprintf("/admin/users/%d/second-factor/reset", member.User.ID), nil).wantStatus(http.StatusForbidden)
		// The page shows the one-time password once, and it works.
		shown := ab.postCSRF(fmt.Sprintf("/admin/users/%d/password/reset", member.User.ID), nil).wantStatus(http.StatusOK)
		once := shown.text("#one-time-password")
		if len(once) < crosscase.MinPasswordLength {
			t.Fatalf("one-time password on the page: %q", once)
		}
		if _, err := db.Authenticate(t.Context(), member.User.Name, once); err != nil {
			t.Fatalf("the page's one-time password: %v", err)
		}
		// A desk member reaches no reset page.
		ts.pageSignIn(ts.user("it.curious", crosscase.RoleDeskMember, "IT")).postCSRF(fmt.Sprintf("/admin/users/%d/password/reset", member.User.ID), nil).wantStatus(http.StatusForbidden)
	})
}
