package crosscase_test

import (
	"testing"

	"crosscase"
)

func TestWaitsForDeskConfirmation(t *testing.T) {
	dm := func(desk int64) *crosscase.User {
		return &crosscase.User{Role: crosscase.RoleDeskMember, DeskID: desk}
	}
	stats := &crosscase.User{Role: crosscase.RoleStatistics}
	for _, c := range []struct {
		name       string
		before, u  *crosscase.User
		credential bool
		want       bool
	}{
		{"a new desk member", nil, dm(1), false, true},
		{"a new analyst", nil, &crosscase.User{Role: crosscase.RoleAnalyst, DeskID: 1}, false, true},
		{"a new statistics user", nil, stats, false, false},
		{"a new JIT-only account", nil, &crosscase.User{Role: crosscase.RoleJITMember, CountryCode: "AL"}, false, false},
		{"a move to another desk", dm(1), dm(2), false, true},
		{"statistics made a desk member", stats, dm(1), false, true},
		{"a desk member made liaison on the same desk", dm(1), &crosscase.User{Role: crosscase.RoleLiaison, DeskID: 1}, false, false},
		{"a new display name", dm(1), dm(1), false, false},
		{"a one-time password without two-step sign-in", dm(1), dm(1), true, true},
		{"a one-time password for a statistics user", stats, stats, true, false},
	} {
		if got := crosscase.WaitsForDeskConfirmation(c.before, c.u, c.credential); got != c.want {
			t.Errorf("%s: waits = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCanConfirmDesk(t *testing.T) {
	admin := &crosscase.User{ID: 1, Role: crosscase.RoleAdministrator}
	other := &crosscase.User{ID: 2, Role: crosscase.RoleAdministrator}
	colleague := &crosscase.User{ID: 3, Role: crosscase.RoleDeskMember, DeskID: 10}
	waitingColleague := &crosscase.User{ID: 4, Role: crosscase.RoleDeskMember, DeskID: 10, DeskPendingBy: 1}
	analyst := &crosscase.User{ID: 5, Role: crosscase.RoleAnalyst, DeskID: 10}
	foreign := &crosscase.User{ID: 6, Role: crosscase.RoleDeskMember, DeskID: 11}
	newcomer := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 10, DeskPendingBy: 1}
	unchosen := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 10, DeskPendingBy: 1, MustChangePassword: true}
	confirmed := &crosscase.User{ID: 9, Role: crosscase.RoleDeskMember, DeskID: 10}
	for _, c := range []struct {
		name      string
		caller, u *crosscase.User
		want      string
	}{
		{"a colleague of the desk", colleague, newcomer, ""},
		{"another administrator", other, newcomer, ""},
		{"the administrator who made the change", admin, newcomer, crosscase.EFORBIDDEN},
		{"the account itself", newcomer, newcomer, crosscase.EFORBIDDEN},
		{"a colleague who waits too", waitingColleague, newcomer, crosscase.EFORBIDDEN},
		{"an analyst of the desk", analyst, newcomer, crosscase.EFORBIDDEN},
		{"another desk", foreign, newcomer, crosscase.EFORBIDDEN},
		{"before the holder chose a password", colleague, unchosen, crosscase.ECONFLICT},
		{"nothing waits", colleague, confirmed, crosscase.ECONFLICT},
	} {
		if got := crosscase.ErrorCode(crosscase.CanConfirmDesk(c.caller, c.u)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSystemNameIsReserved: no account takes the command line's login
// name, under which the audit log records what the operator did.
func TestSystemNameIsReserved(t *testing.T) {
	u := &crosscase.User{Name: crosscase.SystemActor().User.Name, Role: crosscase.RoleStatistics}
	if err := u.Validate(); crosscase.ErrorField(err) != "name" {
		t.Fatalf("an account named %q: %v", u.Name, err)
	}
	u.Name = "systems"
	if err := u.Validate(); err != nil {
		t.Fatalf("an account named systems: %v", err)
	}
}

func TestConfirmsDeskPlaces(t *testing.T) {
	for _, c := range []struct {
		name string
		u    *crosscase.User
		desk int64
		ok   bool
	}{
		{"nobody", nil, 0, false},
		{"an administrator: every desk", &crosscase.User{ID: 1, Role: crosscase.RoleAdministrator}, 0, true},
		{"a desk member: their desk", &crosscase.User{ID: 2, Role: crosscase.RoleDeskMember, DeskID: 7}, 7, true},
		{"a liaison prosecutor: their desk", &crosscase.User{ID: 3, Role: crosscase.RoleLiaison, DeskID: 8}, 8, true},
		{"a desk member whose own place waits", &crosscase.User{ID: 4, Role: crosscase.RoleDeskMember, DeskID: 7, DeskPendingBy: 1}, 0, false},
		{"an analyst reads, never confirms", &crosscase.User{ID: 5, Role: crosscase.RoleAnalyst, DeskID: 7}, 0, false},
		{"a statistics user", &crosscase.User{ID: 6, Role: crosscase.RoleStatistics}, 0, false},
		{"a JIT-only account", &crosscase.User{ID: 7, Role: crosscase.RoleJITMember, CountryCode: "AL"}, 0, false},
	} {
		if desk, ok := crosscase.ConfirmsDeskPlaces(c.u); desk != c.desk || ok != c.ok {
			t.Errorf("%s: (%d, %v), want (%d, %v)", c.name, desk, ok, c.desk, c.ok)
		}
	}
}
