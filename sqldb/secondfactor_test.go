package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestSecondFactor(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		defer func() { db.Now = time.Now }()
		u := f.users["it.desk_member"]
		me := f.as(t, "it.desk_member")
		code := func(secret string) string {
			t.Helper()
			c, err := totp.GenerateCode(secret, now)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}

		if on, err := db.SecondFactorEnabled(ctx, u.ID); err != nil || on {
			t.Fatalf("enabled before set-up: %v %v", on, err)
		}
		_, err := db.BeginSecondFactor(ctx)
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		enr, err := db.BeginSecondFactor(me)
		if err != nil || enr.Secret == "" || enr.URI == "" {
			t.Fatalf("begin: %+v %v", enr, err)
		}
		// Asked again within the hour: the same secret, which the app holds.
		if again, err := db.BeginSecondFactor(me); err != nil || again.Secret != enr.Secret {
			t.Fatalf("begin again: %+v %v", again, err)
		}
		// Not on until confirmed: verifying fails.
		_, err = db.VerifySecondFactor(ctx, u.ID, code(enr.Secret))
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, err = db.ConfirmSecondFactor(me, "000000x")
		wantCode(t, err, crosscase.EINVALID)
		codes, err := db.ConfirmSecondFactor(me, code(enr.Secret))
		if err != nil || len(codes) != crosscase.RecoveryCodeCount {
			t.Fatalf("confirm: %v %v", codes, err)
		}
		if on, err := db.SecondFactorEnabled(ctx, u.ID); err != nil || !on {
			t.Fatalf("not enabled after confirm: %v", err)
		}
		_, err = db.BeginSecondFactor(me)
		wantCode(t, err, crosscase.ECONFLICT)
		// Recovery codes are kept only as hashes.
		var plain int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM second_factor_recovery_codes WHERE hash IN ('` + codes[0] + `', '` + codes[0][:5] + codes[0][6:] + `')`).Scan(&plain)
		if plain != 0 {
			t.Fatal("recovery code stored in plain text")
		}

		// The confirming code cannot be used again, nor can any code of
		// the same step.
		_, err = db.VerifySecondFactor(ctx, u.ID, code(enr.Secret))
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		now = now.Add(30 * time.Second)
		c := code(enr.Secret)
		if rec, err := db.VerifySecondFactor(ctx, u.ID, c); err != nil || rec {
			t.Fatalf("verify: %v %v", rec, err)
		}
		_, err = db.VerifySecondFactor(ctx, u.ID, c)
		wantCode(t, err, crosscase.EUNAUTHORIZED) // replay
		if !errors.Is(err, crosscase.ErrCodeUsed) {
			t.Errorf("a code given twice is refused as %v, not as used already", err)
		}
		// A code of the step before is refused once a later one was used.
		_, err = db.VerifySecondFactor(ctx, u.ID, func() string { c, _ := totp.GenerateCode(enr.Secret, now.Add(-30*time.Second)); return c }())
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		now = now.Add(2 * time.Minute)
		_, err = db.VerifySecondFactor(ctx, u.ID, c) // long past
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		right, _ := strconv.Atoi(code(enr.Secret))
		_, err = db.VerifySecondFactor(ctx, u.ID, fmt.Sprintf("%06d", (right+1)%1000000))
		wantCode(t, err, crosscase.EUNAUTHORIZED)

		// A recovery code works once, in any case and with spaces.
		if rec, err := db.VerifySecondFactor(ctx, u.ID, " "+codes[3]+" "); err != nil || !rec {
			t.Fatalf("recovery code: %v %v", rec, err)
		}
		_, err = db.VerifySecondFactor(ctx, u.ID, codes[3])
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		if _, err := db.VerifySecondFactor(ctx, u.ID, "  "+codes[4][:5]+codes[4][6:]); err != nil {
			t.Fatalf("recovery code without dash: %v", err)
		}
		// Another user's recovery code is not this one's.
		_, err = db.VerifySecondFactor(ctx, f.users["it.analyst"].ID, codes[5])
		wantCode(t, err, crosscase.EUNAUTHORIZED)

		// Sessions record how far they have gone.
		sess, cookie, err := db.CreateSession(ctx, u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetSessionFactor(ctx, sess.ID, crosscase.SessionFactorPending); err != nil {
			t.Fatal(err)
		}
		if got, _, err := db.FindSession(ctx, cookie); err != nil || got.Factor != crosscase.SessionFactorPending {
			t.Fatalf("session factor: %+v %v", got, err)
		}

		// Turning it off takes a current code.
		now = now.Add(time.Minute)
		wantCode(t, db.DisableSecondFactor(me, "999999x"), crosscase.EINVALID)
		// Only administrators reset another user's, never their own.
		wantCode(t, db.ResetSecondFactor(f.as(t, "it.analyst"), u.ID), crosscase.EFORBIDDEN)
		admin := f.as(t, "it.administrator")
		wantCode(t, db.ResetSecondFactor(admin, f.users["it.administrator"].ID), crosscase.EINVALID)
		wantCode(t, db.ResetSecondFactor(admin, 1<<40), crosscase.ENOTFOUND)
		if err := db.ResetSecondFactor(admin, u.ID); err != nil {
			t.Fatal(err)
		}
		if on, _ := db.SecondFactorEnabled(ctx, u.ID); on {
			t.Fatal("still enabled after reset")
		}
		// The session waiting for a code ended with the reset.
		_, _, err = db.FindSession(ctx, cookie)
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		_, err = db.VerifySecondFactor(ctx, u.ID, codes[6])
		wantCode(t, err, crosscase.EUNAUTHORIZED)
		entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{ObjectType: "user"})
		if err != nil {
			t.Fatal(err)
		}
		var reset bool
		for _, e := range entries {
			if e.Detail == "second factor reset owner="+u.Name && e.ObjectID == u.ID && e.UserName == "it.administrator" {
				reset = true
			}
		}
		if !reset {
			t.Fatal("reset not audited")
		}

		// Set up again, then off with a current code.
		enr, err = db.BeginSecondFactor(me)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmSecondFactor(me, code(enr.Secret)); err != nil {
			t.Fatal(err)
		}
		now = now.Add(30 * time.Second)
		if err := db.DisableSecondFactor(me, code(enr.Secret)); err != nil {
			t.Fatal(err)
		}
		if on, _ := db.SecondFactorEnabled(ctx, u.ID); on {
			t.Fatal("still enabled after turning it off")
		}
	})
}
