package crosscase

import "testing"

// TestCanUpdateUser: an administrator changes other users' roles and
// desks, and their own display name, but not their own role or desk, nor
// disable their own account; the last active administrator keeps the
// role and the account, naming the field; nobody else changes users.
func TestCanUpdateUser(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdministrator, DeskID: 3}
	other := &User{ID: 2, Role: RoleDeskMember, DeskID: 3}
	member, same := RoleDeskMember, RoleAdministrator
	desk, ownDesk := int64(4), int64(3)
	name := "x"
	yes, no := true, false
	otherAdmin := &User{ID: 5, Name: "root", Role: RoleAdministrator}
	disabledAdmin := &User{ID: 6, Role: RoleAdministrator, Disabled: true}
	for _, c := range []struct {
		who, u *User
		upd    UserUpdate
		others int // other active administrators
		ok     bool
	}{
		{admin, other, UserUpdate{Role: &same}, 1, true},
		{admin, other, UserUpdate{DeskID: &desk}, 1, true},
		{admin, admin, UserUpdate{DisplayName: &name}, 1, true},
		{admin, admin, UserUpdate{Role: &same, DeskID: &ownDesk}, 1, true},
		{admin, admin, UserUpdate{Role: &member}, 1, false},
		{admin, admin, UserUpdate{DeskID: &desk}, 1, false},
		{other, other, UserUpdate{DisplayName: &name}, 1, false},
		{nil, other, UserUpdate{}, 1, false},
		// Nobody disables their own account; the last active
		// administrator keeps the role and the account.
		{admin, admin, UserUpdate{Disabled: &yes}, 1, false},
		{admin, admin, UserUpdate{Disabled: &no}, 1, true},
		{admin, otherAdmin, UserUpdate{Disabled: &yes}, 1, true},
		{admin, otherAdmin, UserUpdate{Disabled: &yes}, 0, false},
		{admin, otherAdmin, UserUpdate{Role: &member}, 0, false},
		{admin, otherAdmin, UserUpdate{Role: &same, Disabled: &no}, 0, true},
		{admin, other, UserUpdate{Disabled: &yes}, 0, true},
		{admin, disabledAdmin, UserUpdate{Role: &member}, 0, true},
	} {
		if err := CanUpdateUser(c.who, c.u, c.upd, c.others); (err == nil) != c.ok {
			t.Errorf("CanUpdateUser(%v, %v, %+v, %d) = %v, want ok %v", c.who, c.u, c.upd, c.others, err, c.ok)
		} else if err != nil && c.who.IsAdmin() && ErrorField(err) == "" {
			t.Errorf("CanUpdateUser(%v, %v, %+v, %d) = %v names no field", c.who, c.u, c.upd, c.others, err)
		}
	}
}
