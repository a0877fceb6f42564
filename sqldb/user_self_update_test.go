package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAdministratorCannotGiveThemselfCases: an administrator who makes
// their own account a desk member's (or moves it to another desk) would
// read the desk's cases with the session or token they hold; the store
// refuses it (crosscase.CanUpdateUser), and the account still sees no
// case. Another administrator may change it, and an administrator may
// still change their own display name.
func TestAdministratorCannotGiveThemselfCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		it := f.as(t, "it.desk_member")
		c := f.newCase(t, it)
		self := f.users["it.administrator"]
		admin := f.as(t, "it.administrator")
		member, analyst := crosscase.RoleDeskMember, crosscase.RoleAnalyst
		otherDesk := f.desks["DE"].ID
		for _, upd := range []crosscase.UserUpdate{
			{Version: self.Version, Role: &member},
			{Version: self.Version, Role: &analyst},
			{Version: self.Version, DeskID: &otherDesk},
		} {
			_, err := db.UpdateUser(admin, self.ID, upd)
			wantCode(t, err, crosscase.EFORBIDDEN)
		}
		// Each refusal is audited, naming whose account it was.
		refusals, _, err := db.FindAuditEntries(f.sys, crosscase.AuditFilter{Action: crosscase.ActionRefuse, ObjectType: "user", Limit: 10})
		if err != nil || len(refusals) != 3 || refusals[0].ObjectID != self.ID || !strings.Contains(refusals[0].Detail, fmt.Sprintf("owner_id=%d", self.ID)) {
			t.Fatalf("refusals audited: %+v, %v", refusals, err)
		}
		now, err := db.FindUserByID(admin, self.ID)
		if err != nil {
			t.Fatal(err)
		}
		if now.Role != crosscase.RoleAdministrator || now.DeskID != self.DeskID {
			t.Fatalf("after the refusals the account is %s at desk %d", now.Role, now.DeskID)
		}
		asNow := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: now})
		_, err = db.FindCaseByID(asNow, c.ID)
		wantCode(t, err, crosscase.ENOTFOUND)

		name := "Root of IT"
		if _, err := db.UpdateUser(admin, self.ID, crosscase.UserUpdate{Version: self.Version, DisplayName: &name}); err != nil {
			t.Fatalf("own display name: %v", err)
		}
		changed, err := db.UpdateUser(f.as(t, "de.administrator"), self.ID, crosscase.UserUpdate{Version: self.Version + 1, Role: &member})
		if err != nil || changed.Role != member {
			t.Fatalf("another administrator's change: %v %v", changed, err)
		}
	})
}

// TestLastActiveAdministrator: an administrator does not disable their own
// account, and the last active administrator keeps the role and the
// account, even for the command line (crosscase.CanUpdateUser); each
// refusal names its field and changes nothing.
func TestLastActiveAdministrator(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		yes, member := true, crosscase.RoleStatistics
		self := f.users["it.administrator"]
		_, err := db.UpdateUser(f.as(t, "it.administrator"), self.ID, crosscase.UserUpdate{Version: self.Version, Disabled: &yes})
		wantCode(t, err, crosscase.EFORBIDDEN)
		if crosscase.ErrorField(err) != "disabled" {
			t.Fatalf("own account disabled: field %q", crosscase.ErrorField(err))
		}
		// The command line disables the other two; the third is the last.
		for _, name := range []string{"de.administrator", "al.administrator"} {
			u := f.users[name]
			if _, err := db.UpdateUser(f.sys, u.ID, crosscase.UserUpdate{Version: u.Version, Disabled: &yes}); err != nil {
				t.Fatalf("disable %s: %v", name, err)
			}
		}
		for field, upd := range map[string]crosscase.UserUpdate{
			"disabled": {Version: self.Version, Disabled: &yes},
			"role":     {Version: self.Version, Role: &member},
		} {
			_, err := db.UpdateUser(f.sys, self.ID, upd)
			wantCode(t, err, crosscase.ECONFLICT)
			if crosscase.ErrorField(err) != field {
				t.Fatalf("last administrator's %s: field %q (%v)", field, crosscase.ErrorField(err), err)
			}
		}
		now, err := db.FindUserByID(f.sys, self.ID)
		if err != nil || now.Disabled || now.Role != crosscase.RoleAdministrator || now.Version != self.Version {
			t.Fatalf("after the refusals: %+v, %v", now, err)
		}
	})
}
