package crosscase_test

import (
	"testing"

	"crosscase"
)

// TestJITRules checks who uses, manages and adds members to a JIT with
// parties IT and AL, for every role: at a party's desk (IT), at another
// desk (FR), and as a member.
func TestJITRules(t *testing.T) {
	j := &crosscase.JIT{ID: 1, Parties: []crosscase.JITParty{{CountryCode: "IT"}, {CountryCode: "AL"}}}
	type rules struct{ partyDesk, space, manage, members bool }
	for _, tc := range []struct {
		role         crosscase.Role
		party, other rules // at IT's desk (or none), at FR's desk (or none)
		memberRights rules // the same user added as a member, at FR's desk (or none)
	}{
		{crosscase.RoleDeskMember, rules{true, true, true, true}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleLiaison, rules{true, true, true, true}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleAnalyst, rules{true, true, false, false}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleStatistics, rules{}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleAdministrator, rules{false, false, false, true}, rules{false, false, false, true}, rules{false, true, false, true}},
		{crosscase.RoleContactPoint, rules{}, rules{}, rules{false, true, false, false}},
		{crosscase.RoleJITMember, rules{}, rules{}, rules{false, true, false, false}},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			check := func(what string, u *crosscase.User, j *crosscase.JIT, want rules) {
				t.Helper()
				got := rules{crosscase.OnJITPartyDesk(u, j), crosscase.CanUseJITSpace(u, j), crosscase.CanManageJIT(u, j), crosscase.CanAddJITMembers(u, j)}
				if got != want {
					t.Errorf("%s: got %+v, want %+v", what, got, want)
				}
			}
			u := roleUser(tc.role)
			check("party's desk", u, j, tc.party)
			if u.DeskID != 0 {
				u.DeskID, u.DeskCountry = 2, "FR"
			}
			check("other desk", u, j, tc.other)
			withMember := *j
			withMember.Members = []*crosscase.JITMember{{UserID: u.ID, CountryCode: "AL"}}
			check("member", u, &withMember, tc.memberRights)
			if !withMember.HasMember(u) || j.HasMember(u) {
				t.Error("HasMember is wrong")
			}
		})
	}
	if j.HasMember(nil) || crosscase.CanUseJITSpace(nil, j) || crosscase.CanManageJIT(nil, j) || crosscase.CanAddJITMembers(nil, j) {
		t.Error("a JIT rule holds for no user")
	}
}
