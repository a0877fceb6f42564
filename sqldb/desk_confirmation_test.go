package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestDeskConfirmation: an account an administrator puts on a desk reads
// none of the desk's cases until a second person — a colleague of the
// desk or another administrator — confirms it, after its holder chose
// their own password (README, "Nobody acts as someone else").
func TestDeskConfirmation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		itAdmin, deAdmin := f.as(t, "it.administrator"), f.as(t, "de.administrator")
		c := f.newCase(t, f.as(t, "it.desk_member"))

		// fresh reads the account as the store holds it now, acting as it.
		fresh := func(t *testing.T, id int64) (*crosscase.User, context.Context) {
			t.Helper()
			u, err := db.FindUserByID(f.sys, id)
			if err != nil {
				t.Fatal(err)
			}
			return u, crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "192.0.2.7"})
		}
		readsCase := func(ctx context.Context) bool {
			_, err := db.FindCaseByID(ctx, c.ID)
			return err == nil
		}

		// An administrator's new desk member: waits, reads nothing.
		nu := &crosscase.User{Name: "it.newcomer", DisplayName: "Newcomer", Role: crosscase.RoleDeskMember, DeskID: f.desks["IT"].ID, MustChangePassword: true}
		if err := db.CreateUser(itAdmin, nu, "chosen by the administrator"); err != nil {
			t.Fatal(err)
		}
		u, ctx := fresh(t, nu.ID)
		if u.DeskPendingBy != f.users["it.administrator"].ID || readsCase(ctx) {
			t.Fatalf("a new desk member reads the desk's cases before anyone confirms them: pending by %d", u.DeskPendingBy)
		}
		if list, _, err := db.FindCases(ctx, crosscase.CaseFilter{}); len(list) != 0 {
			t.Fatalf("a waiting account lists %d cases (%v)", len(list), err)
		}
		// Not before the holder chose their own password.
		wantCode(t, func() error { _, err := db.ConfirmDesk(f.as(t, "it.desk_member"), nu.ID); return err }(), crosscase.ECONFLICT)
		if err := db.SetPassword(ctx, nu.ID, "the newcomer's own choice"); err != nil {
			t.Fatal(err)
		}
		// Not by the administrator who made it, not by the account itself,
		// not by another desk (which does not learn the account exists),
		// nor by a role that does not work cases.
		_, ctx = fresh(t, nu.ID)
		wantCode(t, func() error { _, err := db.ConfirmDesk(itAdmin, nu.ID); return err }(), crosscase.EFORBIDDEN)
		wantCode(t, func() error { _, err := db.ConfirmDesk(ctx, nu.ID); return err }(), crosscase.EFORBIDDEN)
		wantCode(t, func() error { _, err := db.ConfirmDesk(f.as(t, "de.desk_member"), nu.ID); return err }(), crosscase.ENOTFOUND)
		wantCode(t, func() error { _, err := db.ConfirmDesk(f.as(t, "it.analyst"), nu.ID); return err }(), crosscase.EFORBIDDEN)
		if readsCase(ctx) {
			t.Fatal("a refused confirmation opened the desk's cases")
		}
		// The desk sees who waits; another desk does not.
		if list, err := db.DeskConfirmations(f.as(t, "it.desk_member")); err != nil || len(list) != 1 || list[0].ID != nu.ID {
			t.Fatalf("the desk's waiting accounts: %v %v", list, err)
		}
		if list, err := db.DeskConfirmations(f.as(t, "de.desk_member")); err != nil || len(list) != 0 {
			t.Fatalf("another desk sees %d waiting accounts (%v)", len(list), err)
		}
		// A colleague confirms: the account reads the desk's cases.
		if _, err := db.ConfirmDesk(f.as(t, "it.desk_member"), nu.ID); err != nil {
			t.Fatal(err)
		}
		if u, ctx = fresh(t, nu.ID); u.DeskPendingBy != 0 || !readsCase(ctx) {
			t.Fatalf("a confirmed desk member cannot read the desk's case: pending by %d", u.DeskPendingBy)
		}
		// The desk is told who now reads its cases, who placed and who
		// confirmed them; another desk is not.
		notes, err := db.FindNotifications(f.as(t, "it.analyst"), false, 10)
		if err != nil || len(notes) == 0 || notes[0].Kind != crosscase.NotifyDeskJoined || notes[0].ObjectID != nu.ID ||
			!strings.Contains(notes[0].Subject, nu.DisplayName) || !strings.Contains(notes[0].Subject, "placed by "+f.users["it.administrator"].DisplayName) {
			t.Fatalf("the desk's inbox after the confirmation: %v %v", notes, err)
		}
		if notes, _ := db.FindNotifications(f.as(t, "de.desk_member"), false, 10); len(notes) != 0 && notes[0].Kind == crosscase.NotifyDeskJoined {
			t.Fatalf("another desk is told: %v", notes[0].Subject)
		}
		wantCode(t, func() error { _, err := db.ConfirmDesk(deAdmin, nu.ID); return err }(), crosscase.ECONFLICT)

		// An administrator who moves a statistics account onto a desk's
		// cases waits for another administrator (here the only way: the
		// German desk's colleagues are not the Italian desk's).
		st := f.users["it.statistics"]
		role, desk := crosscase.RoleDeskMember, f.desks["IT"].ID
		cur, _ := fresh(t, st.ID)
		if _, err := db.UpdateUser(itAdmin, st.ID, crosscase.UserUpdate{Version: cur.Version, Role: &role, DeskID: &desk}); err != nil {
			t.Fatal(err)
		}
		if u, ctx = fresh(t, st.ID); u.DeskPendingBy == 0 || readsCase(ctx) {
			t.Fatal("an account moved to a role that sees case content reads it unconfirmed")
		}
		if _, err := db.ConfirmDesk(deAdmin, st.ID); err != nil {
			t.Fatalf("a second administrator confirms: %v", err)
		}
		if _, ctx = fresh(t, st.ID); !readsCase(ctx) {
			t.Fatal("confirmed, still reads nothing")
		}

		// A one-time password for an account without two-step sign-in
		// waits too: the administrator who chose it holds the account
		// until its owner chooses their own and a colleague confirms.
		if _, err := db.ResetPassword(itAdmin, nu.ID); err != nil {
			t.Fatal(err)
		}
		if _, ctx = fresh(t, nu.ID); readsCase(ctx) {
			t.Fatal("a one-time password opens the desk's cases unconfirmed")
		}
		// Changes that give no case content do not wait; the command-line
		// operator's do not either.
		name := "Newcomer, renamed"
		cur, _ = fresh(t, f.users["it.liaison_prosecutor"].ID)
		if cur.DeskPendingBy != 0 {
			t.Fatal("an account made by the operator waits")
		}
		if u, err := db.UpdateUser(itAdmin, f.users["it.desk_member"].ID, crosscase.UserUpdate{Version: 1, DisplayName: &name}); err != nil || u.DeskPendingBy != 0 {
			t.Fatalf("a new display name made the account wait: %+v %v", u, err)
		}

		// Every confirmation and refusal is in the audit log, naming whose.
		entries, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{ObjectType: "user", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		confirmed, refused := false, false
		for _, e := range entries {
			confirmed = confirmed || e.ObjectID == nu.ID && strings.Contains(e.Detail, "desk confirmed owner=it.newcomer") && e.UserName == "it.desk-member"
			refused = refused || e.ObjectID == nu.ID && e.Action == crosscase.ActionRefuse && strings.Contains(e.Detail, "owner_id=")
		}
		if !confirmed || !refused {
			t.Fatalf("audit: confirmed %v, refused %v", confirmed, refused)
		}
	})
}
