package crosscase

import "testing"

func TestNeedsSecondFactor(t *testing.T) {
	if NeedsSecondFactor(nil, true) {
		t.Error("no user needs nothing")
	}
	for _, r := range Roles() {
		u := &User{Role: r}
		if got, want := NeedsSecondFactor(u, false), r == RoleAdministrator; got != want {
			t.Errorf("%s, not required for all: %v, want %v", r, got, want)
		}
		if !NeedsSecondFactor(u, true) {
			t.Errorf("%s, required for all: false", r)
		}
	}
}
