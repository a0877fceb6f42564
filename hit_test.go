package crosscase_test

import (
	"testing"

	"crosscase"
)

var hitStatuses = []crosscase.HitStatus{crosscase.HitNew, crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed}

// TestHitMoves checks every move between hit statuses: any decision from
// new, disclosed or restricted (again, or changed: a restricted hit may
// be disclosed later); nothing back to new; nothing once dismissed.
func TestHitMoves(t *testing.T) {
	allowed := map[[2]crosscase.HitStatus]bool{}
	for _, from := range []crosscase.HitStatus{crosscase.HitNew, crosscase.HitDisclosed, crosscase.HitRestricted} {
		for _, to := range []crosscase.HitStatus{crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed} {
			allowed[[2]crosscase.HitStatus{from, to}] = true
		}
	}
	for _, from := range append(hitStatuses, "confirmed") {
		for _, to := range append(hitStatuses, "confirmed", "") {
			want := allowed[[2]crosscase.HitStatus{from, to}]
			if got := from.CanMoveTo(to); got != want {
				t.Errorf("%q.CanMoveTo(%q) = %t, want %t", from, to, got, want)
			}
		}
	}
}

func TestHitIsDecision(t *testing.T) {
	for s, want := range map[crosscase.HitStatus]bool{
		crosscase.HitNew: false, crosscase.HitDisclosed: true, crosscase.HitRestricted: true, crosscase.HitDismissed: true, "confirmed": false, "": false,
	} {
		if got := s.IsDecision(); got != want {
			t.Errorf("%q.IsDecision() = %t, want %t", s, got, want)
		}
	}
}

// TestCanDecideHit checks, for every role and both sides of a hit, which
// decisions are allowed: disclose and restrict by the found entity's desk,
// dismiss by either desk, and only by desk members and liaison
// prosecutors.
func TestCanDecideHit(t *testing.T) {
	for _, role := range crosscase.Roles() {
		u := roleUser(role)
		works := role == crosscase.RoleDeskMember || role == crosscase.RoleLiaison
		for _, found := range []bool{true, false} {
			for _, to := range append(hitStatuses, "confirmed") {
				want := works && (to == crosscase.HitDismissed || found && (to == crosscase.HitDisclosed || to == crosscase.HitRestricted))
				if got := crosscase.CanDecideHit(u, found, to); got != want {
					t.Errorf("%s, found side %t: CanDecideHit(%q) = %t, want %t", role, found, to, got, want)
				}
			}
		}
	}
	if crosscase.CanDecideHit(nil, true, crosscase.HitDismissed) {
		t.Error("CanDecideHit(nil) = true")
	}
}

// TestFoundSideOf: a desk decides the disclosure of a hit whose found
// entity is its own: on the found side, or on both sides of a hit between
// two of its cases; never a user without a desk.
func TestFoundSideOf(t *testing.T) {
	u := &crosscase.User{ID: 7, Role: crosscase.RoleDeskMember, DeskID: 1}
	for _, tc := range []struct {
		name string
		h    crosscase.Hit
		u    *crosscase.User
		want bool
	}{
		{"found side", crosscase.Hit{Side: "found", OtherDeskID: 2}, u, true},
		{"checked side", crosscase.Hit{Side: "checked", OtherDeskID: 2}, u, false},
		{"both sides: two cases of one desk", crosscase.Hit{Side: "checked", OtherDeskID: 1}, u, true},
		{"no desk", crosscase.Hit{Side: "found"}, &crosscase.User{Role: crosscase.RoleStatistics}, false},
		{"no user", crosscase.Hit{Side: "found", OtherDeskID: 2}, nil, false},
	} {
		if got := tc.h.FoundSideOf(tc.u); got != tc.want {
			t.Errorf("%s: FoundSideOf = %t, want %t", tc.name, got, tc.want)
		}
	}
}

func TestCheckHitReason(t *testing.T) {
	for _, to := range hitStatuses {
		for _, reason := range []string{"", "  \t", "\u200b", " \u2060\ufeff ", "Different dates of birth and fathers' names."} {
			err := crosscase.CheckHitReason(to, reason)
			// A reason that shows nothing (a zero-width space, a word
			// joiner) is none.
			needed := (to == crosscase.HitRestricted || to == crosscase.HitDismissed) && crosscase.IsBlank(reason)
			if (err != nil) != needed || needed && crosscase.ErrorField(err) != "reason" {
				t.Errorf("CheckHitReason(%s, %q) = %v", to, reason, err)
			}
		}
	}
}
