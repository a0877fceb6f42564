package crosscase_test

import (
	"testing"

	"crosscase"
)

func TestCanWriteCase(t *testing.T) {
	own := &crosscase.Case{ID: 1, OwnerDeskID: 1, OwnerCountry: "IT", AskedCountries: []string{"DE"}}
	other := &crosscase.Case{ID: 2, OwnerDeskID: 2, OwnerCountry: "DE", AskedCountries: []string{"IT"}}
	for _, tc := range []struct {
		role       crosscase.Role
		own, other bool
	}{
		{crosscase.RoleDeskMember, true, false},
		{crosscase.RoleLiaison, true, false},
		{crosscase.RoleAnalyst, false, false},
		{crosscase.RoleStatistics, false, false},
		{crosscase.RoleAdministrator, false, false},
		{crosscase.RoleContactPoint, false, false},
		{crosscase.RoleJITMember, false, false},
	} {
		u := roleUser(tc.role)
		if got := crosscase.CanWriteCase(u, own); got != tc.own {
			t.Errorf("%s: CanWriteCase(own desk's case) = %t, want %t", tc.role, got, tc.own)
		}
		if got := crosscase.CanWriteCase(u, other); got != tc.other {
			t.Errorf("%s: CanWriteCase(case it is asked in) = %t, want %t", tc.role, got, tc.other)
		}
	}
	if crosscase.CanWriteCase(nil, own) || crosscase.CanWriteCase(roleUser(crosscase.RoleDeskMember), nil) {
		t.Error("CanWriteCase without a user or a case = true")
	}
}
