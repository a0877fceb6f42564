package sqldb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Passkeys are kept per user, only beside an authenticator app, read by
// their owner or at sign-in, used with their signature counter rewritten,
// and removed with the second factor.
func TestPasskeys(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		u := f.users["it.desk_member"]
		me := f.as(t, "it.desk_member")
		key := func(name, id string) *crosscase.Passkey {
			return &crosscase.Passkey{Name: name, CredentialID: id, Credential: []byte(`{"id":"` + id + `"}`)}
		}

		// Not without an authenticator app, which is the way back.
		wantCode(t, db.AddPasskey(me, key("Laptop", "cred-1"), "123456"), crosscase.EINVALID)
		wantCode(t, db.AddPasskey(ctx, key("Laptop", "cred-1"), "123456"), crosscase.EUNAUTHORIZED)
		enr, err := db.BeginSecondFactor(me)
		if err != nil {
			t.Fatal(err)
		}
		code, err := totp.GenerateCode(enr.Secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		recovery, err := db.ConfirmSecondFactor(me, code)
		if err != nil {
			t.Fatal(err)
		}
		// Each passkey added takes a current code: the recovery codes
		// here, one each; a refused passkey uses none.
		next := func() string { c := recovery[0]; recovery = recovery[1:]; return c }

		p := key(" Laptop ", "cred-1")
		if err := db.AddPasskey(me, p, "000000"); crosscase.ErrorField(err) != "code" { // not without a right code
			t.Fatalf("add with a wrong code: %v", err)
		}
		if err := db.AddPasskey(me, p, next()); err != nil || p.ID == 0 || p.UserID != u.ID || p.Name != "Laptop" {
			t.Fatalf("add: %+v %v", p, err)
		}
		wantCode(t, db.AddPasskey(me, key("Laptop", "cred-2"), recovery[0]), crosscase.EINVALID)         // the same name
		wantCode(t, db.AddPasskey(me, key("Phone", "cred-1"), recovery[0]), crosscase.ECONFLICT)         // the same credential
		wantCode(t, db.AddPasskey(me, key("", "cred-3"), recovery[0]), crosscase.EINVALID)               // no name
		wantCode(t, db.AddPasskey(me, &crosscase.Passkey{Name: "Key"}, recovery[0]), crosscase.EINVALID) // no credential
		for i := 2; i <= crosscase.MaxPasskeys; i++ {
			if err := db.AddPasskey(me, key(fmt.Sprintf("Key %d", i), fmt.Sprintf("cred-%d", i)), next()); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, db.AddPasskey(me, key("One too many", "cred-x"), "000000"), crosscase.EINVALID)

		// The owner and the sign-in read them; another user does not.
		keys, err := db.Passkeys(me, u.ID)
		if err != nil || len(keys) != crosscase.MaxPasskeys || keys[0].Name != "Laptop" || string(keys[0].Credential) != `{"id":"cred-1"}` {
			t.Fatalf("own passkeys: %d %v", len(keys), err)
		}
		if keys, err := db.Passkeys(ctx, u.ID); err != nil || len(keys) != crosscase.MaxPasskeys {
			t.Fatalf("passkeys at sign-in: %d %v", len(keys), err)
		}
		_, err = db.Passkeys(f.as(t, "de.desk_member"), u.ID)
		wantCode(t, err, crosscase.ENOTFOUND)

		// A use rewrites the credential (its counter) and the time.
		if err := db.UsePasskey(ctx, u.ID, "cred-1", []byte(`{"id":"cred-1","n":2}`)); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.UsePasskey(ctx, f.users["de.desk_member"].ID, "cred-1", []byte(`{}`)), crosscase.ENOTFOUND)
		keys, _ = db.Passkeys(me, u.ID)
		if string(keys[0].Credential) != `{"id":"cred-1","n":2}` || keys[0].LastUsedAt.IsZero() {
			t.Fatalf("after use: %s %v", keys[0].Credential, keys[0].LastUsedAt)
		}

		// Only the owner removes one; a reset removes them all.
		wantCode(t, db.RemovePasskey(f.as(t, "de.desk_member"), keys[0].ID), crosscase.ENOTFOUND)
		if err := db.RemovePasskey(me, keys[0].ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.RemovePasskey(me, keys[0].ID), crosscase.ENOTFOUND)
		if err := db.ResetSecondFactor(f.as(t, "it.administrator"), u.ID); err != nil {
			t.Fatal(err)
		}
		if keys, err := db.Passkeys(me, u.ID); err != nil || len(keys) != 0 {
			t.Fatalf("after reset: %d %v", len(keys), err)
		}
	})
}
