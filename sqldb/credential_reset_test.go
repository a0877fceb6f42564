package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"

	"github.com/pquerna/otp/totp"
)

// setUpSecondFactor sets up and confirms a second factor for the user
// acting in ctx.
func setUpSecondFactor(t *testing.T, db *sqldb.DB, ctx context.Context) {
	t.Helper()
	enr, err := db.BeginSecondFactor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCode(enr.Secret, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ConfirmSecondFactor(ctx, code); err != nil {
		t.Fatal(err)
	}
}

// TestPasswordReset: an administrator gives another user a one-time
// password, which the user must change and which ends their sessions;
// the entry names whose password it was; no administrator resets both
// the password and the two-step sign-in of one user until the user has
// chosen their own again (crosscase.CanResetPassword).
func TestPasswordReset(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		itAdmin, deAdmin := f.as(t, "it.administrator"), f.as(t, "de.administrator")
		u := f.users["it.desk_member"]
		// The user has set up two-step sign-in, which an administrator
		// may then reset.
		setUpSecondFactor(t, db, f.as(t, "it.desk_member"))
		_, cookie, err := db.CreateSession(f.sys, u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}

		for _, who := range []string{"it.desk_member", "de.desk_member", "it.analyst"} {
			wantCode(t, func() error { _, err := db.ResetPassword(f.as(t, who), u.ID); return err }(), crosscase.EFORBIDDEN)
		}
		wantCode(t, func() error { _, err := db.ResetPassword(itAdmin, f.users["it.administrator"].ID); return err }(), crosscase.EINVALID)
		wantCode(t, func() error { _, err := db.ResetPassword(itAdmin, 1<<40); return err }(), crosscase.ENOTFOUND)

		once, err := db.ResetPassword(itAdmin, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(once) < crosscase.MinPasswordLength {
			t.Fatalf("one-time password %q", once)
		}
		if _, err := db.Authenticate(context.Background(), u.Name, "correct horse battery staple"); crosscase.ErrorCode(err) != crosscase.EUNAUTHORIZED {
			t.Fatalf("the old password still works: %v", err)
		}
		got, err := db.Authenticate(context.Background(), u.Name, once)
		if err != nil || !got.MustChangePassword {
			t.Fatalf("one-time password: %+v %v", got, err)
		}
		if _, _, err := db.FindSession(context.Background(), cookie); err == nil {
			t.Fatal("the user's session outlived the reset")
		}
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{ObjectType: "user", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		named := false
		for _, e := range entries {
			named = named || e.ObjectID == u.ID && strings.Contains(e.Detail, "password reset owner="+u.Name) && e.UserName == "it.administrator"
			if strings.Contains(e.Detail, once) {
				t.Fatal("the audit log holds the one-time password")
			}
		}
		if !named {
			t.Fatal("no audit entry names whose password was reset, by whom")
		}

		// Two people: the administrator who reset the password does not
		// also reset the two-step sign-in, nor the other way round.
		wantCode(t, db.ResetSecondFactor(itAdmin, u.ID), crosscase.EFORBIDDEN)
		if err := db.ResetSecondFactor(deAdmin, u.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, func() error { _, err := db.ResetPassword(deAdmin, u.ID); return err }(), crosscase.EFORBIDDEN)
		wantCode(t, db.SetPassword(deAdmin, u.ID, "chosen by the same administrator"), crosscase.EFORBIDDEN)
		if _, err := db.ResetPassword(itAdmin, u.ID); err != nil {
			t.Fatalf("a second reset by the first administrator: %v", err)
		}
		// Once the user chooses their own password, the administrator who
		// reset it holds nothing.
		self := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: got})
		if err := db.SetPassword(self, u.ID, "my own password again"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ResetSecondFactor(itAdmin, u.ID), crosscase.ECONFLICT) // not set up again: nothing to reset
		setUpSecondFactor(t, db, self)
		if err := db.ResetSecondFactor(itAdmin, u.ID); err != nil {
			t.Fatalf("after the user chose their own password: %v", err)
		}
		if got, _ := db.Authenticate(context.Background(), u.Name, "my own password again"); got == nil || got.MustChangePassword {
			t.Fatalf("the user's own password: %+v", got)
		}
	})
}
