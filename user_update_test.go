package crosscase

import "testing"

// TestCanUpdateUser: an administrator changes other users' roles and
// desks, and their own display name or account state, but not their own
// role or desk; nobody else changes users.
func TestCanUpdateUser(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdministrator, DeskID: 3}
	other := &User{ID: 2, Role: RoleDeskMember, DeskID: 3}
	member, same := RoleDeskMember, RoleAdministrator
	desk, ownDesk := int64(4), int64(3)
	name := "x"
	for _, c := range []struct {
		who, u *User
		upd    UserUpdate
		ok     bool
	}{
		{admin, other, UserUpdate{Role: &same}, true},
		{admin, other, UserUpdate{DeskID: &desk}, true},
		{admin, admin, UserUpdate{DisplayName: &name}, true},
		{admin, admin, UserUpdate{Role: &same, DeskID: &ownDesk}, true},
		{admin, admin, UserUpdate{Role: &member}, false},
		{admin, admin, UserUpdate{DeskID: &desk}, false},
		{other, other, UserUpdate{DisplayName: &name}, false},
		{nil, other, UserUpdate{}, false},
	} {
		if err := CanUpdateUser(c.who, c.u, c.upd); (err == nil) != c.ok {
			t.Errorf("CanUpdateUser(%v, %v, %+v) = %v, want ok %v", c.who, c.u, c.upd, err, c.ok)
		}
	}
}
